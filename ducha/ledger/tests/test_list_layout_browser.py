"""The ledger list on a 1366 px desktop (Debian's chromium through Playwright):
every column, the last one included, is on screen without scrolling sideways."""

import datetime as dt

import pytest

from ducha.ledger.models import Category

pytestmark = pytest.mark.browser


def test_the_ledger_table_fits_a_desktop_screen(logged_in_tab, transactional_db, live_server, world, make_task):
    parent = make_task(number="9", category=Category.LONG_TERM, deadline=None,
                       deadline_text="“十四五”期间持续推进并长期坚持", units=("eco", "ld_gov"))
    make_task(number="8", parent=parent, division="ld", units=("ld_gov",), deadline=dt.date(2026, 12, 12))
    tab = logged_in_tab(1366)
    tab.goto(live_server.url + "/tasks/")
    assert tab.locator("#task-table tbody tr").count() == 2
    wrapper = tab.locator("#task-table").locator("xpath=..")
    scroll, client = wrapper.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert scroll <= client, (scroll, client)


def test_a_refused_filter_shows_its_message_on_a_phone(logged_in_tab, transactional_db, live_server, world, make_task):
    """On a phone the filter panel is folded away; a refused filter opens it so
    the user sees why the list is empty, not just an empty list and a badge."""
    make_task()
    tab = logged_in_tab(375, 740)
    tab.goto(live_server.url + "/tasks/?deadline_before=2020-02-30")
    errors = tab.locator("#filter-errors")
    assert errors.is_visible()
    assert "时限止" in errors.inner_text()
    assert tab.locator("#task-table tbody tr").count() <= 1  # the empty-list row at most
    tab.goto(live_server.url + "/tasks/")
    assert not tab.locator("#filter-panel").is_visible()  # folded when nothing is wrong


def test_long_numbers_and_states_do_not_push_columns_off_a_desktop_screen(logged_in_tab, transactional_db,
                                                                          live_server, world, make_task):
    """The demo's ledger at 1366 px: a task made from a complaint case (序号 XF-X3ZJ202611060207) and one
    完成整改（待验收） pushed 更新 off the right edge, and 序时进度 ran into 预警 in the header."""
    make_task(number="XF-X3ZJ202611060207", units=("eco",))
    make_task(number="7", state="completed", units=("ld_gov",), division="ld")
    make_task(number="9", target="全面完成城区雨污分流改造，消除污水直排口", units=("ld_gov", "eco"), division="ld")
    tab = logged_in_tab(1366)
    tab.goto(live_server.url + "/tasks/")
    wrapper = tab.locator("#task-table").locator("xpath=..")
    scroll, client = wrapper.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert scroll <= client, (scroll, client)
    heads = tab.locator("#task-table thead th")
    schedule = tab.locator("#task-table thead th.col-schedule")
    index = heads.evaluate_all("(ths, s) => ths.indexOf(document.querySelector(s))", "#task-table thead th.col-schedule")
    text_right = schedule.evaluate("th => { const r = document.createRange(); r.selectNodeContents(th); "
                                   "return r.getBoundingClientRect().right; }")
    next_left = heads.nth(index + 1).evaluate("th => th.getBoundingClientRect().left")
    assert text_right <= next_left + 1, (text_right, next_left)


def test_a_phone_card_shows_scheduled_progress_on_one_line(logged_in_tab, transactional_db, live_server, world,
                                                         make_task):
    """On a phone each task is a card with room to spare, but the badge kept the narrow table column's width
    and broke 完成整改（待验收） over three lines."""
    make_task(number="7", state="completed", units=("ld_gov",), division="ld")
    tab = logged_in_tab(375, 740)
    tab.goto(live_server.url + "/tasks/")
    badge = tab.locator('#task-table tbody .badge[class*="badge-schedule-"]').first
    assert "完成整改" in badge.inner_text()
    height, line = badge.evaluate("b => [b.getBoundingClientRect().height, parseFloat(getComputedStyle(b).lineHeight)]")
    assert height < 2 * line, (height, line)
