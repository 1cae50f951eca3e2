"""The quality page on a phone (Debian's chromium through Playwright): each
target reads as a card, with nothing cut off at the right edge."""

import pytest

from .test_views import lishui_2026  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


def test_targets_fit_a_phone_screen(logged_in_tab, transactional_db, live_server, lishui_2026):
    tab = logged_in_tab(390, 844)
    tab.goto(live_server.url + "/quality/331100/?year=2026")
    advice = tab.locator("#targets .target-row .advice")
    assert advice.count() == 3
    for i in range(3):
        box = advice.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        assert box["width"] >= 250, box  # a readable line, not a column a few characters wide
    assert "剩余 40 天中至少须有 39 天空气质量优良" in advice.all_inner_texts()


def test_row_headings_stay_on_one_line_on_a_phone(logged_in_tab, transactional_db, live_server, lishui_2026):
    """综合指数 and the calendar's months read as words, not one character per line."""
    tab = logged_in_tab(390, 844)
    tab.goto(live_server.url + "/quality/331100/?year=2026")
    headings = tab.locator(".composite-months th, #aqi-calendar tbody th")
    assert headings.count() >= 3
    for i in range(headings.count()):
        heading = headings.nth(i)
        lines = heading.evaluate(
            "th => { const r = document.createRange(); r.selectNodeContents(th); return r.getClientRects().length; }")
        assert lines == 1, heading.inner_text()


def test_no_targets_message_is_not_indented_like_a_field_on_a_phone(logged_in_tab, transactional_db, live_server,
                                                                      lishui_2026):
    tab = logged_in_tab(390, 844)
    tab.goto(live_server.url + "/quality/331100/?year=2019")
    message = tab.locator("#targets td[colspan]")
    assert "尚未设定环境质量目标" in message.inner_text()
    row = tab.locator("#targets tbody tr").bounding_box()
    text = message.evaluate("td => { const r = document.createRange(); r.selectNodeContents(td); "
                            "return r.getBoundingClientRect().left; }")
    assert text - row["x"] < 30, (text, row)  # was pushed right by an empty 5.5rem label column
