"""The main menu on a phone (Debian's chromium through Playwright): every entry is a target a thumb can hit."""

import pytest

pytestmark = pytest.mark.browser

TOUCH = 44  # px, the smallest comfortable touch target (WCAG 2.5.5, Apple HIG)


def test_every_menu_entry_on_a_phone_is_a_44_px_target(logged_in_tab, transactional_db, live_server, world):
    tab = logged_in_tab(390, 844)
    toggler = tab.locator(".navbar-toggler")
    box = toggler.bounding_box()
    assert box["height"] >= TOUCH and box["width"] >= TOUCH, box
    toggler.click()
    tab.locator("#main-nav.show").wait_for()
    tab.click("#drive-menu")  # its entries (调度, 预警, …) were 32 px tall
    tab.locator("#nav-dispatch").wait_for()
    heights = {link.inner_text().strip(): link.bounding_box()["height"]
               for link in tab.locator("#main-nav .nav-link:visible, #main-nav .dropdown-item:visible").all()}
    assert "调度" in heights and "整改台账" in heights, heights
    short = {text: h for text, h in heights.items() if h < TOUCH}
    assert short == {}, short


def test_the_desktop_bar_keeps_its_height(logged_in_tab, transactional_db, live_server, world):
    tab = logged_in_tab(1366, 768)
    assert tab.locator(".app-navbar").bounding_box()["height"] <= 64
