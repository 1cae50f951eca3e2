"""Ledger pages through the test client: scope, filters, forms, history."""

import datetime as dt
import re
import sys
import types

import pytest
from django.urls import reverse

from ducha.audit.models import AuditEntry
from ducha.ledger.models import Task, TaskState

ROLES = ["admin", "coord", "ld_officer", "qt_officer", "eco_officer", "supervisor", "ld_leader", "wz_coord"]


def row_ids(response):
    return [int(pk) for pk in re.findall(r'data-task-id="(\d+)"', response.content.decode())]


@pytest.fixture
def two_counties(world, make_task):
    """One task for each county government, and a city task led by the ecology bureau."""
    ld = make_task(units=("ld_gov",), division="ld", target="莲都区餐饮油烟整治", measures="油烟净化设施")
    qt = make_task(units=("qt_gov",), division="qt", target="青田县矿山修复", measures="复绿")
    city = make_task(units=("eco", "ld_gov"), target="建筑工地扬尘管控", measures="喷淋降尘")
    return type("Tasks", (), {"ld": ld, "qt": qt, "city": city})


@pytest.mark.parametrize("name", ["ledger:task_list", "ledger:plan_list", "ledger:task_import", "ledger:task_create"])
def test_pages_require_login(client, world, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
def test_every_page_renders_for_every_role(client, world, two_counties, role):
    user = world.users[role]
    client.force_login(user)
    for url in [reverse("ledger:task_list"), reverse("ledger:task_list") + "?q=扬尘&ordering=-deadline&state=not_started",
                reverse("ledger:plan_list")]:
        assert client.get(url).status_code == 200, url
    may_add = role in ("admin", "coord", "wz_coord")
    assert client.get(reverse("ledger:task_create")).status_code == (200 if may_add else 403)
    assert client.get(reverse("ledger:task_import")).status_code == (200 if may_add else 403)
    visible = set(Task.objects.restrict(user).values_list("pk", flat=True))
    for task in (two_counties.ld, two_counties.qt, two_counties.city):
        response = client.get(reverse("ledger:task_detail", args=[task.pk]))
        assert response.status_code == (200 if task.pk in visible else 404)
        if response.status_code == 200:
            assert 'id="task-title"' in response.content.decode()
    plan_status = client.get(reverse("ledger:plan_detail", args=[world.plan.pk])).status_code
    assert plan_status == (404 if role == "wz_coord" else 200)


def test_county_officer_sees_only_their_own_tasks(client, world, two_counties):
    client.force_login(world.users["ld_officer"])
    response = client.get(reverse("ledger:task_list"))
    assert set(row_ids(response)) == {two_counties.ld.pk, two_counties.city.pk}
    assert 'id="result-count">2<' in response.content.decode()


def test_county_officer_cannot_open_edit_or_flag_another_countys_task(client, world, two_counties):
    client.force_login(world.users["ld_officer"])
    other = two_counties.qt
    assert client.get(reverse("ledger:task_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("ledger:task_edit", args=[other.pk])).status_code == 404
    response = client.post(reverse("ledger:task_edit", args=[other.pk]), {"state": "completed", "progress": 100})
    assert response.status_code == 404
    assert client.post(reverse("supervision:task_flag", args=[other.pk]), {"note": "x"}).status_code == 404
    other.refresh_from_db()
    assert other.state == TaskState.NOT_STARTED


def test_leader_may_view_but_not_edit(client, world, two_counties):
    client.force_login(world.users["ld_leader"])
    html = client.get(reverse("ledger:task_detail", args=[two_counties.ld.pk])).content.decode()
    assert 'id="edit-button"' not in html and 'id="flag-form"' not in html
    assert client.get(reverse("ledger:task_edit", args=[two_counties.ld.pk])).status_code == 403


@pytest.fixture
def fake_exporter(monkeypatch):
    """Stands in for ducha.ledger.exporting so these tests check the view, not the workbook."""
    calls = []

    def export_ledger(queryset, out):
        pks = sorted(queryset.values_list("pk", flat=True))
        calls.append(pks)
        out.write(b"PK-fake-xlsx")
        return len(pks)

    module = types.ModuleType("ducha.ledger.exporting")
    module.export_ledger = export_ledger
    monkeypatch.setitem(sys.modules, "ducha.ledger.exporting", module)
    return calls


def test_export_downloads_the_current_filtered_list_within_scope(client, world, two_counties, fake_exporter):
    client.force_login(world.users["qt_officer"])
    response = client.get(reverse("ledger:task_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert fake_exporter[-1] == [two_counties.qt.pk]
    client.force_login(world.users["coord"])
    client.get(reverse("ledger:task_export") + "?q=扬尘")
    assert fake_exporter[-1] == [two_counties.city.pk]


def test_export_link_carries_the_filters(client, world, two_counties):
    client.force_login(world.users["coord"])
    html = client.get(reverse("ledger:task_list") + "?q=扬尘&state=not_started").content.decode()
    link = re.search(r'id="export-link" href="([^"]+)"', html).group(1)
    assert link.startswith(reverse("ledger:task_export") + "?") and "state=not_started" in link


def test_search_finds_a_two_character_word(client, world, two_counties):
    client.force_login(world.users["coord"])
    response = client.get(reverse("ledger:task_list"), {"q": "扬尘"})
    assert row_ids(response) == [two_counties.city.pk]


def test_filters_change_the_rows(client, world, make_task):
    client.force_login(world.users["coord"])
    done = make_task(state=TaskState.COMPLETED, progress=100, deadline=dt.date(2020, 1, 1))
    late = make_task(deadline=dt.date(2020, 1, 1))
    county = make_task(units=("ld_gov",), division="ld", deadline=dt.date(2099, 1, 1))
    url = reverse("ledger:task_list")
    assert row_ids(client.get(url, {"state": "completed"})) == [done.pk]
    assert row_ids(client.get(url, {"overdue": "true"})) == [late.pk]
    assert row_ids(client.get(url, {"division": "331102"})) == [county.pk]
    assert row_ids(client.get(url, {"unit": world.units["ld_gov"].pk})) == [county.pk]
    assert row_ids(client.get(url, {"deadline_after": "2090-01-01"})) == [county.pk]


def test_sorting_by_column_headers(client, world, make_task):
    client.force_login(world.users["coord"])
    a = make_task(number="2", deadline=dt.date(2023, 1, 1), progress=10, state=TaskState.IN_PROGRESS)
    b = make_task(number="1", deadline=dt.date(2022, 1, 1), progress=90, state=TaskState.IN_PROGRESS)
    url = reverse("ledger:task_list")
    assert row_ids(client.get(url)) == [b.pk, a.pk]  # default: deadline
    assert row_ids(client.get(url, {"ordering": "-deadline"})) == [a.pk, b.pk]
    assert row_ids(client.get(url, {"ordering": "-progress"})) == [b.pk, a.pk]
    assert row_ids(client.get(url, {"ordering": "number"})) == [b.pk, a.pk]
    html = client.get(url, {"ordering": "deadline", "state": "in_progress"}).content.decode()
    # The header link toggles direction and keeps the filters.
    assert "ordering=-deadline" in html and "state=in_progress" in html


def test_pagination_shows_fifty_rows_and_the_total(client, world, make_task):
    for _ in range(55):
        make_task()
    client.force_login(world.users["coord"])
    first = client.get(reverse("ledger:task_list"))
    assert len(row_ids(first)) == 50 and 'id="result-count">55<' in first.content.decode()
    second = client.get(reverse("ledger:task_list"), {"page": 2})
    assert len(row_ids(second)) == 5 and not set(row_ids(first)) & set(row_ids(second))


def test_list_query_count_does_not_grow_with_rows(client, world, make_task, django_assert_max_num_queries):
    parents = [make_task(units=("eco", "ld_gov")) for _ in range(40)]
    for parent in parents[:10]:
        make_task(parent=parent, units=("ld_gov",), division="ld")
    client.force_login(world.users["coord"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("ledger:task_list"), {"ordering": "-updated_at"})
    assert len(row_ids(response)) == 50


def test_sub_task_counts_in_the_list(client, world, make_task):
    parent = make_task(number="9")
    make_task(parent=parent, number="9.1", state=TaskState.COMPLETED, progress=100)
    make_task(parent=parent, number="9.2")
    client.force_login(world.users["coord"])
    html = client.get(reverse("ledger:task_list")).content.decode()
    assert ">1/2</a>" in html


def test_detail_shows_clarities_children_and_rollup(client, world, make_task):
    parent = make_task(number="9", units=("ndrc", "eco"), responsible_people="张三", supervising_leader="李副市长")
    make_task(parent=parent, number="9.1", state=TaskState.COMPLETED, progress=100)
    make_task(parent=parent, number="9.2", progress=50, state=TaskState.IN_PROGRESS)
    client.force_login(world.users["coord"])
    response = client.get(reverse("ledger:task_detail", args=[parent.pk]))
    html = response.content.decode()
    assert html.index("丽水市发展和改革委员会") < html.index("丽水市生态环境局")  # lead unit first
    assert "张三" in html and "李副市长" in html and 'id="child-table"' in html
    assert response.context["rollup"]["progress"] == 75


def test_detail_hides_sub_tasks_outside_the_users_scope(client, world, make_task):
    parent = make_task(units=("eco", "ld_gov", "qt_gov"))
    mine = make_task(parent=parent, units=("ld_gov",), division="ld")
    make_task(parent=parent, units=("qt_gov",), division="qt")
    client.force_login(world.users["ld_officer"])
    response = client.get(reverse("ledger:task_detail", args=[parent.pk]))
    assert [t.pk for t in response.context["children"]] == [mine.pk]


def _task_post(world, **overrides):
    data = {
        "plan": world.plan.pk, "number": "100", "target": "完成整治", "measures": "开展扬尘专项整治",
        "problem": world.problem.pk, "lead_unit": world.units["eco"].pk, "co_units": [world.units["ld_gov"].pk],
        "category": "by_deadline", "deadline": "2025-12-31", "progress": "0",
        "stages-TOTAL_FORMS": "2", "stages-INITIAL_FORMS": "0", "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "20",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_task(client, world):
    client.force_login(world.users["coord"])
    response = client.post(reverse("ledger:task_create"), _task_post(world))
    task = Task.objects.get(number="100")
    assert response.status_code == 302 and response["Location"] == reverse("ledger:task_detail", args=[task.pk])
    assert [u.pk for u in task.ordered_units()] == [world.units["eco"].pk, world.units["ld_gov"].pk]
    assert AuditEntry.objects.filter(object_id=str(task.pk), action="task.create").exists()


def test_form_shows_field_errors(client, world, make_task):
    make_task(number="7")
    client.force_login(world.users["coord"])
    response = client.post(reverse("ledger:task_create"), _task_post(world, deadline="", number="8"))
    assert response.status_code == 200
    assert response.context["form"].errors["deadline"] == ["限期整改任务必须有整改时限。"]
    assert 'id="errors-deadline"' in response.content.decode()
    response = client.post(reverse("ledger:task_create"), _task_post(world, number="7"))
    assert "number" in response.context["form"].errors or response.context["form"].non_field_errors()
    response = client.post(reverse("ledger:task_create"), _task_post(world, progress="150"))
    assert "progress" in response.context["form"].errors
    assert not Task.objects.filter(number__in=["8", "100"]).exists()


def test_staged_task_needs_stage_dates(client, world):
    client.force_login(world.users["coord"])
    response = client.post(reverse("ledger:task_create"), _task_post(world, category="staged", deadline=""))
    assert response.status_code == 200 and "分阶段任务需要阶段时限或最终时限。" in response.content.decode()
    ok = client.post(reverse("ledger:task_create"), _task_post(
        world, category="staged", deadline="", **{"stages-0-name": "2022年底前", "stages-0-due": "2022-12-31"}))
    assert ok.status_code == 302
    assert list(Task.objects.get(number="100").stages.values_list("name", flat=True)) == ["2022年底前"]


def test_wz_coordinator_cannot_choose_lishui_plans(client, world):
    client.force_login(world.users["wz_coord"])
    response = client.post(reverse("ledger:task_create"), _task_post(world))
    assert response.status_code == 200 and "plan" in response.context["form"].errors


def test_edit_writes_an_audit_entry_visible_in_history(client, world, make_task):
    task = make_task(units=("eco",))
    client.force_login(world.users["coord"])
    data = _task_post(world, number=task.number, lead_unit=world.units["ndrc"].pk, co_units=[],
                      progress="40", progress_note="已完成排查", version=task.version)
    response = client.post(reverse("ledger:task_edit", args=[task.pk]), data)
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(object_id=str(task.pk), action="task.update").get()
    assert entry.actor == world.users["coord"]
    html = client.get(reverse("ledger:task_detail", args=[task.pk])).content.decode()
    history = html[html.index('id="history"'):]
    assert "整改状态" in history and "正在整改" in history and "丽水市发展和改革委员会" in history
    assert "已完成排查" in history


def test_officer_cannot_edit_the_task_and_files_a_progress_report_instead(client, world, make_task):
    task = make_task(units=("ld_gov",), number="5", deadline=dt.date(2023, 6, 30))
    client.force_login(world.users["ld_officer"])
    assert client.get(reverse("ledger:task_edit", args=[task.pk])).status_code == 403
    response = client.post(reverse("ledger:task_edit", args=[task.pk]), {
        "state": "signed_off", "progress": "60", "progress_note": "推进中", "number": "99",
        "lead_unit": world.units["qt_gov"].pk, "deadline": "2030-01-01",
    })
    assert response.status_code == 403
    task.refresh_from_db()
    assert (task.state, task.progress, task.progress_note, task.number) == ("not_started", 0, "", "5")
    html = client.get(reverse("ledger:task_detail", args=[task.pk])).content.decode()
    assert 'id="edit-button"' not in html and 'id="file-report-button"' in html


def test_supervisor_flags_a_task(client, world, make_task):
    task = make_task()
    client.force_login(world.users["supervisor"])
    html = client.get(reverse("ledger:task_detail", args=[task.pk])).content.decode()
    assert 'id="flag-form"' in html and 'id="edit-button"' not in html
    response = client.post(reverse("supervision:task_flag", args=[task.pk]), {"note": "进度与现场不符"}, follow=True)
    assert "进度与现场不符" in response.content.decode()
    assert task.supervisions.filter(kind="flag", state="open").count() == 1


def test_officer_cannot_flag(client, world, make_task):
    task = make_task()
    client.force_login(world.users["eco_officer"])
    assert client.post(reverse("supervision:task_flag", args=[task.pk]), {"note": "x"}).status_code == 403


def test_plan_pages_count_tasks_by_state(client, world, make_task):
    make_task(state=TaskState.COMPLETED, progress=100)
    make_task()
    client.force_login(world.users["coord"])
    plans = client.get(reverse("ledger:plan_list")).context["plans"]
    assert plans[0].task_total == 2
    response = client.get(reverse("ledger:plan_detail", args=[world.plan.pk]))
    assert response.context["total"] == 2 and len(row_ids(response)) == 2


def test_detail_query_count_does_not_grow_with_history_or_children(
        client, world, make_task, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ducha.ledger import actions

    client.force_login(world.users["coord"])
    bare = make_task(units=("eco", "ndrc", "ld_gov"))
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("ledger:task_detail", args=[bare.pk]))
    task = make_task(units=("eco", "ndrc", "ld_gov"))
    for progress in range(10, 80, 10):
        actions.update_task(acting_user=world.users["coord"], task=task, progress=progress,
                            units=[world.units["ndrc"], world.units["eco"]])
    for _ in range(8):
        make_task(parent=task)
    # Each panel (progress, schedule, warnings, rounds, supervision, chronicle) reads a fixed number of
    # queries, however long the history and however many sub-tasks: a few more for the sub-task table only.
    with django_assert_max_num_queries(len(first.captured_queries) + 4):
        response = client.get(reverse("ledger:task_detail", args=[task.pk]))
    assert len(first.captured_queries) <= 36
    assert len(response.context["history"]) == 9


@pytest.mark.parametrize("field, value", [
    ("co_units", "99999999999999999999"), ("co_units", "abc"), ("co_units", "-3"),
    ("domains", "99999999999999999999"),
])
def test_edit_refuses_ids_no_database_stores_on_the_field_not_with_a_500(client, world, make_task, field, value):
    task = make_task(units=("eco",))
    client.force_login(world.users["coord"])
    data = _task_post(world, number=task.number, lead_unit=world.units["ndrc"].pk, co_units=[],
                      progress="40", version=task.version)
    data[field] = [value]
    response = client.post(reverse("ledger:task_edit", args=[task.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    task.refresh_from_db()
    assert task.progress != 40


def test_edit_refuses_more_co_units_than_anyone_picks(client, world, make_task, settings):
    settings.DUCHA_MAX_FILTER_IDS = 2
    task = make_task(units=("eco",))
    client.force_login(world.users["coord"])
    data = _task_post(world, number=task.number, lead_unit=world.units["ndrc"].pk,
                      co_units=[u.pk for u in list(world.units.values())[:3]], version=task.version)
    response = client.post(reverse("ledger:task_edit", args=[task.pk]), data)
    assert "最多可选 2 项" in str(response.context["form"].errors["co_units"])


def test_task_dates_outside_the_official_range_are_refused_naming_the_field(client, world, make_task, api):
    """A 整改时限 of 0001-01-01 (or a stage due in 9999) was saved from the form and the API."""
    task = make_task(units=("eco",))
    client.force_login(world.users["coord"])
    data = _task_post(world, number=task.number, lead_unit=world.units["ndrc"].pk, co_units=[],
                      deadline="0001-01-01", version=task.version)
    response = client.post(reverse("ledger:task_edit", args=[task.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["deadline"] == ["整改时限应在 2000-01-01 至 2100-12-31 之间。"]
    response = api("coord").patch(f"/api/tasks/{task.pk}/", {"deadline": "9999-12-31"}, format="json")
    assert response.status_code == 400 and response.json() == {"deadline": ["整改时限应在 2000-01-01 至 2100-12-31 之间。"]}
    response = client.post(reverse("ledger:task_create"), _task_post(
        world, category="staged", deadline="", **{"stages-0-name": "远期", "stages-0-due": "9999-12-31"}))
    assert response.status_code == 200 and "阶段时限应在 2000-01-01 至 2100-12-31 之间。" in response.content.decode()
    task.refresh_from_db()
    assert task.deadline != dt.date(1, 1, 1) and not Task.objects.filter(number="100").exists()
    claimed = api("ld_officer").post(f"/api/tasks/{make_task(units=('ld_gov',), division='ld').pk}/transitions/claim/",
                                     {"completed_on": "0001-01-01"}, format="json")
    assert claimed.status_code == 400 and claimed.json() == {"completed_on": ["完成日期应在 2000-01-01 至 2100-12-31 之间。"]}
