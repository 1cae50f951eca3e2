"""A small world for tests: 浙江省 › 丽水市 › 莲都区 / 青田县, units, and one user per role.

Fixtures are built through the service layer where one exists, so tests see
what users see.
"""

import datetime as dt

import pytest

from ducha.jurisdictions.models import Division, Role, Unit, UnitKind, User


def _division(code, name, level, parent=None):
    d = Division(code=code, name=name, level=level, parent=parent)
    d.save()
    return d


@pytest.fixture
def world(db):
    from ducha.ledger.models import Inspection, Plan, Problem

    zj = _division("330000", "浙江省", 1)
    ls = _division("331100", "丽水市", 2, zj)
    ld = _division("331102", "莲都区", 3, ls)
    qt = _division("331121", "青田县", 3, ls)
    wz = _division("330300", "温州市", 2, zj)
    u = {}
    for key, name, kind, div in [
        ("office", "丽水市生态环境保护督察整改工作领导小组办公室", UnitKind.OFFICE, ls),
        ("eco", "丽水市生态环境局", UnitKind.DEPARTMENT, ls),
        ("ndrc", "丽水市发展和改革委员会", UnitKind.DEPARTMENT, ls),
        ("ld_gov", "莲都区人民政府", UnitKind.GOVERNMENT, ld),
        ("qt_gov", "青田县人民政府", UnitKind.GOVERNMENT, qt),
        ("ld_eco", "丽水市生态环境局莲都分局", UnitKind.DEPARTMENT, ld),
        ("wz_eco", "温州市生态环境局", UnitKind.DEPARTMENT, wz),
    ]:
        u[key] = Unit.objects.create(name=name, kind=kind, division=div)
    u["ndrc"].aliases = "市发改委\n丽水市发改委"
    u["ndrc"].save()
    u["ld_eco"].parent = u["eco"]  # 莲都分局 is a sub-unit of 市生态环境局
    u["ld_eco"].save()
    users = {}
    for username, role, unit, scope in [
        ("admin", Role.ADMIN, u["office"], None),
        ("coord", Role.COORDINATOR, u["office"], ls),
        ("ld_officer", Role.OFFICER, u["ld_gov"], None),
        ("qt_officer", Role.OFFICER, u["qt_gov"], None),
        ("eco_officer", Role.OFFICER, u["eco"], None),
        ("supervisor", Role.SUPERVISOR, u["office"], ls),
        ("ld_leader", Role.LEADER, u["ld_gov"], ld),
        ("wz_coord", Role.COORDINATOR, u["wz_eco"], wz),
    ]:
        users[username] = User.objects.create_user(
            username=username, password="pw-" + username, role=role, unit=unit, scope=scope
        )
    inspection = Inspection.objects.create(
        name="第二轮中央生态环境保护督察", round_number=2, division=zj, team="中央第三生态环境保护督察组",
        on_site_start=dt.date(2020, 8, 26), on_site_end=dt.date(2020, 9, 26), feedback_date=dt.date(2021, 4, 28),
    )
    plan = Plan.objects.create(
        code="LS-2021", title="丽水市贯彻落实第二轮中央生态环境保护督察报告整改方案", issuer="中共丽水市委 丽水市人民政府",
        issued_on=dt.date(2021, 9, 30), division=ls, inspection=inspection,
    )
    problem = Problem.objects.create(inspection=inspection, division=ls, code="GX-1",
                                     description="督察反馈指出的生态环境问题，须按方案整改到位。")
    return type("World", (), {"div": {"zj": zj, "ls": ls, "ld": ld, "qt": qt, "wz": wz}, "units": u,
                              "users": users, "plan": plan, "inspection": inspection, "problem": problem})


@pytest.fixture
def make_task(world):
    from ducha.ledger import actions
    from ducha.ledger.models import Category

    counter = iter(range(1, 10_000))

    def make(units=("eco",), division=None, **fields):
        """A task made by the admin through the actions; `state=` is reached through the transitions."""
        fields.setdefault("number", str(next(counter)))
        fields.setdefault("target", "完成整改")
        fields.setdefault("measures", "开展扬尘污染专项整治，修复破损污水管网")
        fields.setdefault("deadline", dt.date(2022, 12, 31))
        fields.setdefault("category", Category.BY_DEADLINE)
        if "parent" not in fields:
            fields.setdefault("problem", world.problem)
        if fields.get("state") == "signed_off":
            # Reached as an imported ledger reaches it (登记既往销号); ducha.signoff's tests drive the live
            # acceptance workflow itself.
            fields.setdefault("state_reason", "原台账记为已销号")
        return actions.create_task(
            acting_user=world.users["admin"], plan=fields.pop("plan", world.plan),
            units=[world.units[k] for k in units],
            division=world.div[division] if division else None, **fields,
        )

    return make


@pytest.fixture
def ledger_xlsx():
    """Build a real .xlsx ledger with openpyxl: `ledger_xlsx(rows, merges=("A1:F1",))` → bytes.
    Rows are lists of cell values, title rows and all, written from A1 down."""
    import io

    import openpyxl

    def build(rows, merges=()):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for row in rows:
            sheet.append(list(row))
        for cell_range in merges:
            sheet.merge_cells(cell_range)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    return build


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@pytest.fixture
def chromium():
    """Debian's chromium driven by Playwright, headless (never a downloaded browser).
    Skips when /usr/bin/chromium is missing, fails instead under REQUIRE_BROWSER=1.
    DUCHA_CHROMIUM points elsewhere only to exercise those two paths."""
    import os
    from pathlib import Path

    path = Path(os.environ.get("DUCHA_CHROMIUM", "/usr/bin/chromium"))
    if not path.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {path} is missing (apt-get install chromium)")
        pytest.skip(f"{path} is missing; set REQUIRE_BROWSER=1 to make this a failure")
    from playwright.sync_api import sync_playwright

    from django.db import connections

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(path), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
        # While Playwright runs, its event loop counts as running in this thread, so Django keeps the
        # test's queries on a second, context-local connection. Close it here, or PostgreSQL refuses to
        # drop the test database at the end ("is being accessed by other users").
        connections.close_all()


@pytest.fixture
def logged_in_tab(chromium, live_server):
    """`logged_in_tab(width, height=900, user="coord")` → a chromium page signed in as a `world` user."""

    def open_tab(width, height=900, user="coord"):
        tab = chromium.new_context(locale="zh-CN", viewport={"width": width, "height": height}).new_page()
        tab.goto(live_server.url + "/login/")
        tab.fill("#id_username", user)
        tab.fill("#id_password", f"pw-{user}")
        tab.click("#login-form button[type=submit]")
        tab.wait_for_url(live_server.url + "/")
        return tab

    return open_tab


@pytest.fixture
def root(client, world):
    """The test client signed in as the world's administrator, made staff and superuser (the admin site)."""
    admin_user = world.users["admin"]
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    return client
