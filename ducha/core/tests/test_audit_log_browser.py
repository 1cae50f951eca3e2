"""The audit log on a 375 px phone (Debian's chromium through Playwright): each entry shows what changed
on screen, not in columns pushed off to the right beside a row that looks empty."""

import pytest

pytestmark = pytest.mark.browser


def test_the_changes_of_an_entry_are_on_screen_on_a_phone(logged_in_tab, transactional_db, live_server, world,
                                                           make_task):
    from ducha.ledger import actions

    task = make_task(units=("ld_gov",), division="ld", target="莲都区餐饮油烟整治")
    actions.update_task(acting_user=world.users["coord"], task=task, progress=30,
                        measures="对城区餐饮单位逐家排查油烟净化设施的安装和运行情况，建立台账，限期整改到位")
    tab = logged_in_tab(375, 740)
    tab.goto(live_server.url + "/audit/")
    changes = tab.locator("#audit-table tbody tr", has_text="整改状态").first.locator("td").nth(4)
    changes.scroll_into_view_if_needed()
    box = changes.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    assert "变更内容" in changes.evaluate("el => getComputedStyle(el, '::before').content")
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= 376
