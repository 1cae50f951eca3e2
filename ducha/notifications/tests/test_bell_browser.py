"""The bell on a phone (Debian's chromium through Playwright): a target a thumb can hit."""

import pytest

from .test_notifications import note

pytestmark = pytest.mark.browser


def test_phone_bell_is_big_enough_to_tap(logged_in_tab, transactional_db, live_server, world):
    note(world.users["coord"])
    tab = logged_in_tab(390, 844)
    bell = tab.locator("a.nav-bell.d-lg-none")
    box = bell.bounding_box()
    assert box["width"] >= 40 and box["height"] >= 40, box  # was 18 × 28 px, beside the menu button
    count = tab.locator("a.nav-bell.d-lg-none .bell-count").bounding_box()
    assert box["x"] <= count["x"] and count["x"] + count["width"] <= box["x"] + box["width"], (box, count)
    bell.click()
    tab.wait_for_url(live_server.url + "/notifications/")
