"""The sign-off worklist on a 375 px phone (Debian's chromium): the tab row scrolls sideways, and the tab the
list shows (公示中, 待销号 …) is scrolled into sight instead of sitting off the right edge."""

import pytest

pytestmark = pytest.mark.browser


def test_the_chosen_tab_is_on_screen_on_a_phone(logged_in_tab, transactional_db, live_server, world):
    tab = logged_in_tab(375, 740)
    tab.goto(live_server.url + "/signoff/?tab=signoff")
    active = tab.locator("#signoff-tabs .nav-link.active")
    assert active.get_attribute("data-tab") == "signoff"
    box = active.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
