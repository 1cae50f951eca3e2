"""A round on a phone-sized screen (375 px): the coordinator sees who owes and reminds them in one click;
the officer finds the task to report on in 我的调度任务."""

import datetime as dt

import pytest
from django.utils import timezone

from ducha.dispatch import actions
from ducha.notifications.models import Notification

pytestmark = pytest.mark.browser
PHONE = 375


def _fits(tab):
    scroll = tab.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= PHONE, scroll


def test_round_on_a_phone(logged_in_tab, transactional_db, live_server, world, make_task):
    a = make_task(units=("eco", "ld_gov"), target="全市建筑工地扬尘防控达到“七个百分百”要求，渣土车全密闭运输")
    make_task(units=("qt_gov",))
    round_ = actions.open_round(acting_user=world.users["coord"], plan=world.plan, kind="weekly",
                                now=timezone.now(), due_at=timezone.now() + dt.timedelta(days=3))
    coord = logged_in_tab(PHONE, height=800, user="coord")
    coord.goto(f"{live_server.url}/dispatch/{round_.pk}/")
    assert coord.inner_text("#round-percent").strip() == "已报 0%"
    assert coord.locator('#unit-table [data-unit-id]').count() == 3
    _fits(coord)
    coord.click("#remind-button")
    coord.wait_for_load_state()
    assert "上次提醒" in coord.inner_text("#last-reminder")
    assert Notification.objects.filter(kind="round.reminder").count() == 3
    _fits(coord)

    officer = logged_in_tab(PHONE, height=800, user="ld_officer")
    officer.goto(f"{live_server.url}/dispatch/mine/")
    link = officer.locator(f'#my-obligations a.report-link[href="/tasks/{a.pk}/reports/new/"]')
    assert link.count() == 1
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    _fits(officer)


# How many lines a button's label takes: its height against its own line height, padding and border.
LINES = """(selector) => {
  const b = document.querySelector(selector), s = getComputedStyle(b);
  const inner = b.getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)
    - parseFloat(s.borderTopWidth) - parseFloat(s.borderBottomWidth);
  return Math.round(inner / parseFloat(s.lineHeight));
}"""


@pytest.mark.parametrize("width", [1366, 1920, 390])
def test_the_round_buttons_keep_their_label_on_one_line(logged_in_tab, transactional_db, live_server, world,
                                                        make_task, width):
    """重新开启 (beside its reason field) and 结束调度 stay one line on a desktop and on a phone, and the page
    does not scroll sideways."""
    make_task(units=("eco", "ld_gov"))
    round_ = actions.open_round(acting_user=world.users["coord"], plan=world.plan, kind="weekly",
                                now=timezone.now(), due_at=timezone.now() + dt.timedelta(days=3))
    tab = logged_in_tab(width, height=800, user="coord")
    tab.goto(f"{live_server.url}/dispatch/{round_.pk}/")
    close = '.transition-form[data-transition="close"] button'
    assert tab.evaluate(LINES, close) == 1
    tab.click(close)
    tab.wait_for_load_state()
    reopen = '.transition-form[data-transition="reopen"] button'
    assert tab.inner_text(reopen).strip() == "重新开启"
    assert tab.evaluate(LINES, reopen) == 1
    reason = tab.locator('.transition-form[data-transition="reopen"] input[name="reason"]').bounding_box()
    assert reason["width"] >= 120  # the reason field is still there to type in
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= width
    tab.fill('.transition-form[data-transition="reopen"] input[name="reason"]', "补报材料")
    tab.click(reopen)
    tab.wait_for_load_state()
    assert tab.inner_text("#round-state").strip() == "进行中"
