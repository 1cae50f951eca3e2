"""A completion date cannot lie in the future: the progress form, the API and
the service all refuse it on 完成日期 and write nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ducha.ledger import services


def _tomorrow():
    return timezone.localdate() + dt.timedelta(days=1)


def test_the_service_refuses_a_completion_date_after_today(world, make_task):
    task = make_task(units=("ld_gov",), division="ld")
    with pytest.raises(ValidationError) as refused:
        services.update_task(acting_user=world.users["ld_officer"], task=task, state="completed",
                             completed_on=_tomorrow())
    assert refused.value.message_dict == {"completed_on": ["完成日期不能晚于今天。"]}
    task.refresh_from_db()
    assert task.state == "not_started" and task.completed_on is None
    today = services.update_task(acting_user=world.users["ld_officer"], task=task, state="completed",
                                 completed_on=timezone.localdate())
    assert today.completed_on == timezone.localdate()


def test_an_officer_reporting_a_future_completion_date_sees_the_field_error(client, world, make_task):
    task = make_task(units=("ld_gov",), division="ld")
    client.force_login(world.users["ld_officer"])
    response = client.post(reverse("ledger:task_edit", args=[task.pk]), {
        "state": "completed", "progress": "100", "completed_on": _tomorrow().isoformat(), "progress_note": "完成"})
    assert response.status_code == 200
    assert response.context["form"].errors["completed_on"] == ["完成日期不能晚于今天。"]
    task.refresh_from_db()
    assert task.state == "not_started"


def test_the_api_names_the_field(world, make_task, api):
    task = make_task(units=("ld_gov",), division="ld")
    response = api("ld_officer").patch(f"/api/tasks/{task.pk}/", {"state": "completed",
                                                                  "completed_on": _tomorrow().isoformat()},
                                       format="json")
    assert response.status_code == 400
    assert response.json() == {"completed_on": ["完成日期不能晚于今天。"]}
