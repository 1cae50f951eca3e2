"""Supervision pages on a 375 px phone (Debian's chromium through Playwright): nothing scrolls sideways,
and the unit's officer can reply from the phone."""

import datetime as dt

import pytest

pytestmark = pytest.mark.browser


def test_supervision_pages_fit_a_phone_and_the_unit_replies(logged_in_tab, transactional_db, live_server, world,
                                                           make_task, settings, tmp_path):
    from ducha.supervision import actions
    from ducha.supervision.models import State

    settings.MEDIA_ROOT = tmp_path
    task = make_task(units=("ld_gov",), division="ld", number="L1",
                     target="莲都区城区餐饮油烟净化设施安装及运行维护长效监管机制建设")
    record = actions.create_supervision(
        acting_user=world.users["coord"], kind="letter", unit=world.units["ld_gov"], tasks=[task],
        required="请于三十日内完成整改并书面报告整改情况，逾期未完成的将提请约谈。" * 3, reply_by=dt.date(2030, 1, 31))
    record = actions.issue(acting_user=world.users["coord"], record=record)
    for user, paths in [("coord", ["/supervision/", f"/supervision/{record.pk}/", "/supervision/new/",
                                   f"/tasks/{task.pk}/"]),
                        ("ld_officer", [f"/supervision/{record.pk}/"])]:
        tab = logged_in_tab(375, user=user)
        for path in paths:
            tab.goto(live_server.url + path)
            scroll, client = tab.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            assert scroll <= client, (path, scroll, client)
    tab.fill("#reply-form textarea[name=text]", "已完成整改。")
    tab.click("#reply-form button[type=submit]")
    tab.wait_for_selector("#replies")
    record.refresh_from_db()
    assert record.state == State.REPLIED


def test_the_filter_panel_is_folded_on_a_phone_and_unfolds_with_its_count(logged_in_tab, transactional_db,
                                                                        live_server, world):
    """On a phone the filters no longer fill the first screen before the first letter: they fold behind 筛选,
    which says how many are set; a refused filter unfolds them so its message is seen."""
    tab = logged_in_tab(375, 740)
    tab.goto(live_server.url + "/supervision/")
    assert not tab.locator("#supervision-filters").is_visible()
    tab.goto(live_server.url + "/supervision/?state=issued&overdue=true")
    toggle = tab.locator(".filter-toggle")
    assert toggle.inner_text().split() == ["筛选", "2"]
    toggle.click()
    tab.locator("#supervision-filters select[name=overdue]").wait_for(state="visible")
    tab.goto(live_server.url + "/supervision/?overdue=maybe")
    assert tab.locator("#filter-errors").is_visible()
    wide = logged_in_tab(1366)
    wide.goto(live_server.url + "/supervision/")
    assert wide.locator("#supervision-filters").is_visible() and not wide.locator(".filter-toggle").is_visible()
