"""The month's warnings on a phone (375 px, Debian's chromium through Playwright): no sideways scrolling,
and the office confirms every blue proposal with one tap."""

import datetime as dt

import pytest

from ducha.ledger.models import Task
from ducha.warnings import actions

pytestmark = pytest.mark.browser


def test_month_page_on_a_phone(logged_in_tab, transactional_db, live_server, world, make_task):
    blue, yellow = make_task(number="1", deadline=dt.date(2024, 12, 31)), make_task(number="2",
                                                                                    deadline=dt.date(2024, 12, 31))
    Task.objects.filter(pk=blue.pk).update(started_on=dt.date(2024, 1, 1), state="in_progress", progress=67)
    Task.objects.filter(pk=yellow.pk).update(started_on=dt.date(2024, 1, 1), state="in_progress", progress=55)
    actions.propose_month(acting_user=None, month="2024-08")
    tab = logged_in_tab(375, 800)
    tab.goto(live_server.url + "/warnings/?month=2024-08")
    assert tab.locator("#warning-table tbody tr").count() == 2
    width = tab.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    tab.locator("#confirm-blue-form button").click()
    tab.wait_for_load_state()
    assert "已确认蓝签 1 项。" in tab.content()
    assert Task.objects.get(pk=blue.pk).warning == "blue"


def test_colour_counts_break_between_their_halves_on_a_phone(logged_in_tab, transactional_db, live_server, world):
    """"待确认 0 · 已定 0" may wrap at the dot, not inside 已定 (was "已" / "定 0")."""
    tab = logged_in_tab(390, 844)
    tab.goto(live_server.url + "/warnings/?month=2024-08")
    counts = tab.locator("#warning-counts .card .small")
    assert counts.count() == 3
    for i in range(3):
        lines = counts.nth(i).evaluate("""div => ["待确认", "已定"].map(word => {
            const walk = document.createTreeWalker(div, NodeFilter.SHOW_TEXT);
            let node; while ((node = walk.nextNode()) && !node.data.includes(word));
            const from = node.data.indexOf(word), digits = node.data.slice(from).match(/^\\D*\\d+/)[0];
            const r = document.createRange(); r.setStart(node, from); r.setEnd(node, from + digits.length);
            return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })""")
        assert lines == [1, 1], (counts.nth(i).inner_text(), lines)
