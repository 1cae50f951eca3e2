"""A completion date cannot lie in the future: the claim (申报完成整改) on the page, the API
and the action all refuse it on 完成日期 and write nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ducha.ledger import actions


def _tomorrow():
    return timezone.localdate() + dt.timedelta(days=1)


def test_the_claim_refuses_a_completion_date_after_today(world, make_task):
    task = make_task(units=("ld_gov",), division="ld")
    with pytest.raises(ValidationError) as refused:
        actions.transition_task(acting_user=world.users["ld_officer"], task=task, name="claim",
                                completed_on=_tomorrow())
    assert refused.value.message_dict == {"completed_on": ["完成日期不能晚于今天。"]}
    task.refresh_from_db()
    assert task.state == "not_started" and task.completed_on is None
    today = actions.transition_task(acting_user=world.users["ld_officer"], task=task, name="claim",
                                    completed_on=timezone.localdate())
    assert today.completed_on == timezone.localdate() and today.state == "completed" and today.progress == 100


def test_an_officer_claiming_with_a_future_date_is_told_why(client, world, make_task):
    task = make_task(units=("ld_gov",), division="ld")
    client.force_login(world.users["ld_officer"])
    response = client.post(reverse("ledger:task_transition", args=[task.pk, "claim"]),
                           {"completed_on": _tomorrow().isoformat(), "version": task.version}, follow=True)
    assert "完成日期不能晚于今天。" in response.content.decode()
    task.refresh_from_db()
    assert task.state == "not_started"


def test_the_api_names_the_field(world, make_task, api):
    task = make_task(units=("ld_gov",), division="ld")
    response = api("ld_officer").post(f"/api/tasks/{task.pk}/transitions/claim/",
                                      {"completed_on": _tomorrow().isoformat()}, format="json")
    assert response.status_code == 400
    assert response.json() == {"completed_on": ["完成日期不能晚于今天。"]}


def test_the_command_refuses_a_completion_date_outside_the_official_range(world, make_task):
    """`ducha tasks transition … claim --set completed_on=0001-01-01` answers like the page and the API."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    task = make_task(units=("ld_gov",), division="ld")
    with pytest.raises(CommandError, match="完成日期应在 2000-01-01 至 2100-12-31 之间。"):
        call_command("tasks", "transition", "--id", str(task.pk), "claim", "--user", "ld_officer",
                     "--set", "completed_on=0001-01-01")
    task.refresh_from_db()
    assert task.state == "not_started" and task.completed_on is None
