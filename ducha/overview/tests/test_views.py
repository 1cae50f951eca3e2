"""The page frame: login, the overview, the Chinese error pages."""

import datetime as dt

import pytest
from django.urls import reverse

from ducha.ledger.models import TaskState

ROLES = ["admin", "coord", "ld_officer", "qt_officer", "eco_officer", "supervisor", "ld_leader", "wz_coord"]


def test_overview_requires_login(client, world):
    response = client.get(reverse("overview:overview"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_has_the_standard_fields(client, world):
    html = client.get(reverse("login")).content.decode()
    assert 'id="id_username"' in html and 'id="id_password"' in html and 'type="submit"' in html
    assert "登录" in html


def test_login_leads_to_the_start_page(client, world):
    # "/": the overview for a coordinator, 我的待办 for an officer (ducha.mywork.views.start).
    response = client.post(reverse("login"), {"username": "coord", "password": "pw-coord"})
    assert response.status_code == 302 and response["Location"] == reverse("mywork:start") == "/"


def test_wrong_password_shows_an_error(client, world):
    response = client.post(reverse("login"), {"username": "coord", "password": "nope"})
    assert response.status_code == 200 and "alert-danger" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_overview_renders_for_each_role(client, world, make_task, role):
    make_task()
    client.force_login(world.users[role])
    response = client.get(reverse("overview:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "整改总览" in html and 'id="chart-data"' in html
    # Import is offered only to those who may add tasks.
    assert ("导入台账" in html) == (role in ("admin", "coord", "wz_coord"))


def test_overview_counts_only_the_users_own_tasks(client, world, make_task):
    make_task(units=("ld_gov",), deadline=dt.date(2020, 1, 1))
    make_task(units=("qt_gov",), deadline=dt.date(2020, 1, 1))
    make_task(units=("qt_gov",), state=TaskState.COMPLETED, progress=100)
    client.force_login(world.users["ld_officer"])
    context = client.get(reverse("overview:overview")).context
    assert context["totals"]["total"] == 1 and context["totals"]["overdue"] == 1
    client.force_login(world.users["coord"])
    context = client.get(reverse("overview:overview")).context
    assert context["totals"]["total"] == 3 and context["totals"]["overdue"] == 2
    assert dict((s, n) for s, _label, n in context["by_state"])[TaskState.COMPLETED] == 1


def test_overview_lists_overdue_and_due_soon(client, world, make_task):
    import django.utils.timezone as tz

    late = make_task(deadline=dt.date(2020, 1, 1))
    soon = make_task(deadline=tz.localdate() + dt.timedelta(days=10))
    make_task(deadline=tz.localdate() + dt.timedelta(days=100))
    client.force_login(world.users["coord"])
    context = client.get(reverse("overview:overview")).context
    assert [t.pk for t in context["overdue"]] == [late.pk]
    assert [t.pk for t in context["due_soon"]] == [soon.pk]


def test_overview_query_count_does_not_grow_with_tasks(client, world, make_task, django_assert_max_num_queries):
    for _ in range(30):
        make_task(units=("eco", "ld_gov"), deadline=dt.date(2020, 1, 1))
    client.force_login(world.users["coord"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("overview:overview")).status_code == 200


def test_not_found_page_is_in_chinese(client, world):
    client.force_login(world.users["coord"])
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "未找到该页面" in response.content.decode()


def test_forbidden_page_is_in_chinese(client, world):
    client.force_login(world.users["ld_leader"])
    response = client.get(reverse("ledger:task_create"))
    assert response.status_code == 403 and "无权进行此操作" in response.content.decode()


def test_logout_is_a_post_form(client, world):
    client.force_login(world.users["coord"])
    html = client.get(reverse("overview:overview")).content.decode()
    assert 'action="%s"' % reverse("logout") in html and "退出登录" in html
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("overview:overview")).status_code == 302


def test_overdue_figure_is_red_only_when_something_is_overdue(client, world, make_task):
    import django.utils.timezone as tz

    make_task(deadline=tz.localdate() + dt.timedelta(days=100))
    client.force_login(world.users["coord"])
    html = client.get(reverse("overview:overview")).content.decode()
    assert '<div class="stat-value" id="stat-overdue">0</div>' in html  # no alarm red for nothing overdue
    make_task(deadline=dt.date(2020, 1, 1))
    html = client.get(reverse("overview:overview")).content.decode()
    assert '<div class="stat-value text-danger" id="stat-overdue">1</div>' in html


def test_the_schedule_count_of_claimed_tasks_is_not_named_like_the_workflow_state(client, world, make_task):
    """序时进度's completed group counts tasks claimed, being accepted and in notice; the workflow state of
    the same key counts only the claims. Side by side on one page, one label for two numbers misled."""
    from ducha.ledger.actions.schedule import refresh_schedule

    from ducha.ledger.models import Task

    claimed, accepting = make_task(number="1"), make_task(number="2")
    Task.objects.filter(pk=claimed.pk).update(state=TaskState.COMPLETED, progress=100)
    Task.objects.filter(pk=accepting.pk).update(state=TaskState.ACCEPTING, progress=100)
    refresh_schedule()
    client.force_login(world.users["coord"])
    context = client.get(reverse("overview:overview")).context
    by_state = {key: (label, n) for key, label, n in context["by_state"]}
    by_schedule = {key: (label, n) for key, label, n in context["by_schedule"]}
    assert by_state["completed"][1] == 1 and by_schedule["completed"][1] == 2
    assert by_state["completed"][0] != by_schedule["completed"][0]
