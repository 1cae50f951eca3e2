"""作废 on a phone (Debian's chromium through Playwright): the reason box is a full-width row under the other
actions, left-aligned with them, not a narrow box pushed against the right edge."""

import pytest

pytestmark = pytest.mark.browser


def _box(tab, selector):
    return tab.locator(selector).first.bounding_box()


def test_a_tasks_void_form_lines_up_with_its_transitions_on_a_phone(logged_in_tab, transactional_db, live_server,
                                                                   world, make_task):
    task = make_task(state="in_progress")
    tab = logged_in_tab(390, 844)
    tab.goto(live_server.url + f"/tasks/{task.pk}/")
    body = _box(tab, "#workflow .card-body")
    reason = _box(tab, "#void-form textarea")
    transition = _box(tab, "#workflow .transition-form")
    assert round(reason["x"]) == round(transition["x"]), (reason, transition)
    assert reason["width"] >= body["width"] * 0.8, (reason, body)


def test_a_plans_void_form_spans_the_phone(logged_in_tab, transactional_db, live_server, world, make_task):
    make_task()
    tab = logged_in_tab(390, 844)
    tab.goto(live_server.url + f"/tasks/plans/{world.plan.pk}/")
    title = _box(tab, "#plan-title")
    reason = _box(tab, "#plan-void-form textarea")
    assert round(reason["x"]) == round(title["x"]), (reason, title)
    assert reason["width"] >= title["width"] * 0.9, (reason, title)
