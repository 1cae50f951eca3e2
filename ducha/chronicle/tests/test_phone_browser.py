"""The chronicle page on a 375 px phone (Debian's chromium through Playwright): nothing scrolls sideways,
and printing hides the navigation."""

import datetime as dt

import pytest

pytestmark = pytest.mark.browser


def test_the_chronicle_page_fits_a_phone_and_prints_without_navigation(logged_in_tab, transactional_db,
                                                                       live_server, world, make_task):
    from ducha.chronicle import actions

    task = make_task(units=("ld_gov",), division="ld", number="L1")
    actions.add_entry(acting_user=world.users["coord"], subject=task, date=dt.date(2022, 3, 5),
                      title="市领导赴莲都区现场督导餐饮油烟整治工作并召开推进会议部署下一阶段整改任务" * 2)
    tab = logged_in_tab(375)
    for path in (f"/chronicle/task/{task.pk}/", f"/tasks/{task.pk}/", f"/chronicle/plan/{world.plan.pk}/"):
        tab.goto(live_server.url + path)
        scroll, client = tab.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= client, (path, scroll, client)
    tab.goto(live_server.url + f"/chronicle/task/{task.pk}/")
    assert tab.locator("#chronicle-print").is_visible()
    tab.emulate_media(media="print")
    assert not tab.locator("nav.navbar").first.is_visible()
    assert not tab.locator("#chronicle-add").is_visible()
    assert tab.locator("#chronicle").is_visible()
