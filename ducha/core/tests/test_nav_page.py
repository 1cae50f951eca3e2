"""The top bar marks where the user is: the item of the page's app, and the menu that holds it."""

import re

from django.urls import reverse


def _active(client, url):
    """The ids of the top bar's links and menus marked active on the page at `url`."""
    html = client.get(url).content.decode()
    nav = html[html.index('id="main-nav"'):html.index("</nav>")]
    return set(re.findall(r'class="(?:nav-link|dropdown-item)[^"]* active[^"]*"[^>]*id="([^"]+)"', nav))


def test_signoff_page_marks_its_nav_item(client, world):
    client.force_login(world.users["coord"])
    assert "nav-signoff" in _active(client, reverse("signoff:worklist"))


def test_petition_pages_mark_the_drive_menu_that_holds_them(client, world):
    client.force_login(world.users["coord"])
    assert {"nav-cases", "drive-menu"} <= _active(client, reverse("cases:list"))


def test_holiday_page_marks_the_tools_menu(client, world):
    client.force_login(world.users["coord"])
    assert "tools-menu" in _active(client, reverse("holidays:current"))
