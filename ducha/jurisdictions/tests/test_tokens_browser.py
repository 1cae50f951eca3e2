"""API 令牌 on a phone (Debian's chromium through Playwright): the token table reads without odd breaks."""

import re

import pytest

pytestmark = pytest.mark.browser

LINES = """(el, text) => {
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let node; while ((node = walk.nextNode()) && !node.data.includes(text));
    const r = document.createRange(), from = node.data.indexOf(text);
    r.setStart(node, from); r.setEnd(node, from + text.length);
    return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }"""


def _lines(locator, text):
    """On how many lines `text`, inside the element, is drawn."""
    return locator.evaluate(LINES, text)


def test_token_rows_break_between_date_and_time_and_keep_the_button_whole(logged_in_tab, transactional_db,
                                                                         live_server, world):
    tab = logged_in_tab(390, 844)
    tab.goto(live_server.url + "/account/tokens/")
    tab.locator("main button[value=create]").click()
    tab.wait_for_load_state()
    row = tab.locator("#token-table tbody tr").first
    assert _lines(row.locator("button[value=revoke]"), "注销") == 1  # was 注 / 销
    for cell in (row.locator("td").nth(1), row.locator("td").nth(2)):
        date = re.search(r"\d{4}-\d\d-\d\d", cell.inner_text()).group()
        assert _lines(cell, date) == 1, cell.inner_text()  # was 2026-12- / 02 23:33
