"""A new task whose number the plan already uses: the error sits on 序号, in plain Chinese."""

from django.urls import reverse

from ducha.ledger.models import Task
from ducha.ledger.tests.test_views import _task_post


def test_a_duplicate_number_on_create_is_reported_on_the_number_field(client, world, make_task):
    make_task(number="7", target="原任务")
    client.force_login(world.users["coord"])
    response = client.post(reverse("ledger:task_create"), _task_post(world, number=" 7 "))
    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors["number"] == ["本方案中已有序号为“7”的任务。"]
    assert not form.non_field_errors()
    assert list(Task.objects.filter(number="7").values_list("target", flat=True)) == ["原任务"]
