"""The sign-off worklist on a 375 px phone (Debian's chromium): every step's tab, with its count, is on screen
(the row wraps; scrolled sideways, 公示中 and 待销号 sat off the right edge and their counts went unseen)."""

import pytest

pytestmark = pytest.mark.browser


def test_the_chosen_tab_is_on_screen_on_a_phone(logged_in_tab, transactional_db, live_server, world):
    tab = logged_in_tab(375, 740)
    tab.goto(live_server.url + "/signoff/?tab=signoff")
    active = tab.locator("#signoff-tabs .nav-link.active")
    assert active.get_attribute("data-tab") == "signoff"
    tabs = tab.locator("#signoff-tabs .nav-link")
    assert tabs.count() == 6
    for i in range(6):
        box = tabs.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["y"] + box["height"] <= 740, (i, box)
