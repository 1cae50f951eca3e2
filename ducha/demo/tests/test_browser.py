"""End to end in a real browser (Debian's chromium, driven by Playwright):
a county officer logs in, filters the ledger, opens a task, and cannot open
another county's task.

The `chromium` fixture (ducha/conftest.py) skips when /usr/bin/chromium is
missing, unless REQUIRE_BROWSER=1, which turns that into a failure (CI)."""

import re

import pytest

from ducha.demo.accounts import PASSWORD
from ducha.jurisdictions.models import User
from ducha.ledger.models import Task

from .conftest import TODAY, reseed_domains

pytestmark = pytest.mark.browser


@pytest.fixture
def live_demo(transactional_db, live_server, settings, tmp_path):
    from ducha.demo.loader import load_demo

    settings.MEDIA_ROOT = str(tmp_path / "media")  # the demo's photos
    # A transactional test before this one may have flushed the domains
    # migration 0002 seeds.
    reseed_domains()
    load_demo(today=TODAY)
    return live_server.url


def _login(page, base, username):
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(base + "/")


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_county_officer_filters_opens_a_task_and_is_refused_another_county(chromium, live_demo, width):
    base = live_demo
    officer = User.objects.get(username="songyang")
    in_progress = Task.objects.restrict(officer).filter(state="in_progress")
    sewer = Task.objects.get(plan__code="SY-2021-ZY2", number="2")
    longquan = Task.objects.get(plan__code="LS-2021-ZY2", number="1.2")

    context = chromium.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    _login(page, base, "songyang")
    assert "松阳县人民政府" in page.inner_text("main")

    page.goto(base + "/tasks/")
    total = int(page.inner_text("#result-count"))
    assert total == Task.objects.restrict(officer).count() > in_progress.count() > 0
    if width < 768:  # the filter panel is folded away on a phone
        page.click("button[aria-controls=filter-panel]")
        # Bootstrap unfolds it in a transition ("collapsing"); a click meanwhile may land beside a moving
        # button (seen once in CI: the filter was never sent).
        page.wait_for_selector("#filter-panel.show:not(.collapsing)")
    page.check("#state-in_progress")
    page.click("#filter-panel button[type=submit]")
    page.wait_for_url(re.compile(r"state=in_progress"))
    assert int(page.inner_text("#result-count")) == in_progress.count()
    rows = page.locator("#task-table tbody tr[data-task-id]")
    assert sorted(int(rows.nth(i).get_attribute("data-task-id")) for i in range(rows.count())) == sorted(
        in_progress.values_list("pk", flat=True))
    assert longquan.target not in page.inner_text("#task-table")

    page.click(f"#task-table tr[data-task-id='{sewer.pk}'] a.task-link")
    page.wait_for_url(f"{base}/tasks/{sewer.pk}/")
    assert "松阳县城区破损管网" in page.inner_text("#task-title")
    assert "松阳县人民政府" in page.inner_text("#unit-list")
    assert page.is_visible("#file-report-button") and not page.is_visible("#edit-button")  # it files reports

    response = page.goto(f"{base}/tasks/{longquan.pk}/")
    assert response.status == 404
    body = page.inner_text("main")
    assert "未找到该页面" in body and longquan.target not in body
    context.close()
