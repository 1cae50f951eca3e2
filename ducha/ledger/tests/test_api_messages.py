"""Refusals read in Chinese: a 403 says who may not do what to which task, a
404 says the task was not found, with no English left in either."""

import re

URL = "/api/tasks/"


def _english(text):
    return re.findall(r"[A-Za-z]{3,}", text)


def test_a_role_that_may_not_change_a_visible_task_gets_a_chinese_403(api, world, make_task):
    task = make_task()
    response = api("supervisor").patch(f"{URL}{task.pk}/", {"progress": 5}, format="json")
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert "无权修改" in detail and "整改任务" in detail and not _english(detail), detail


def test_a_task_outside_the_users_reach_is_a_chinese_404(api, world, make_task):
    task = make_task(units=("qt_gov",), division="qt")
    response = api("ld_officer").get(f"{URL}{task.pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}

