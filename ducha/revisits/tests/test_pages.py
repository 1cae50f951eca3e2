import datetime as dt

import pytest

from django.urls import reverse

from ducha.ledger.models import Task, TaskState
from ducha.revisits.models import Revisit, RevisitState


def test_office_plans_and_records_a_rebound_through_the_pages(world, ld_task, client):
    client.force_login(world.users["coord"])
    task_page = client.get(reverse("ledger:task_detail", args=[ld_task.pk])).content.decode()
    assert "安排回头看" in task_page
    response = client.post(reverse("revisits:create"), {"task": ld_task.pk, "due_on": "2024-09-01",
                                                         "kind": "on_demand", "reason": "媒体报道扬尘"})
    revisit = Revisit.objects.get(task=ld_task)
    assert response.status_code == 302 and response["Location"] == reverse("revisits:detail", args=[revisit.pk])
    page = client.get(reverse("revisits:detail", args=[revisit.pk])).content.decode()
    assert "记录回头看" in page
    client.post(reverse("revisits:detail", args=[revisit.pk]), {
        "visited_on": "2024-09-03", "people": "张伟、李娜", "findings": "防尘网破损，扬尘问题反弹", "conclusion": "rebound"})
    assert Revisit.objects.get(pk=revisit.pk).state == RevisitState.DONE
    assert Task.objects.get(pk=ld_task.pk).state == TaskState.IN_PROGRESS
    listing = client.get(reverse("ledger:task_list") + "?rebound=true").content.decode()
    assert ld_task.number in listing
    overview = client.get(reverse("overview:overview")).content.decode()
    assert 'id="stat-rebound"' in overview and "1 项任务回头看发现反弹" in overview
    timeline = client.get(reverse("revisits:list") + "?conclusion=rebound").content.decode()
    assert "反弹" in timeline


def test_bad_input_names_the_field(world, ld_task, client):
    client.force_login(world.users["coord"])
    page = client.post(reverse("revisits:create"), {"task": ld_task.pk, "due_on": "2024-02-30",
                                                     "kind": "on_demand", "reason": ""}).content.decode()
    assert page.count("text-danger") >= 2 and not Revisit.objects.exists()


def test_officer_sees_but_cannot_record(world, ld_task, client):
    from ducha.revisits import actions

    revisit = actions.plan_revisit(acting_user=world.users["coord"], task=ld_task, due_on=dt.date(2024, 9, 1),
                                   reason="抽查")
    client.force_login(world.users["ld_officer"])
    page = client.get(reverse("revisits:detail", args=[revisit.pk])).content.decode()
    assert "记录回头看" not in page
    client.post(reverse("revisits:detail", args=[revisit.pk]), {
        "visited_on": "2024-09-03", "people": "某", "findings": "无", "conclusion": "consolidated"})
    assert Revisit.objects.get(pk=revisit.pk).state == RevisitState.PLANNED


def test_due_revisits_show_in_my_work(world, ld_task):
    from ducha.notifications.todo import items_for
    from ducha.revisits import actions

    actions.plan_revisit(acting_user=world.users["coord"], task=ld_task, due_on=dt.date(2024, 9, 1), reason="抽查")
    items = [i for i in items_for(world.users["coord"], dt.date(2024, 8, 20)) if i.section == "revisits"]
    assert len(items) == 1 and items[0].due == dt.date(2024, 9, 1)
    assert not [i for i in items_for(world.users["ld_officer"], dt.date(2024, 8, 20)) if i.section == "revisits"]


@pytest.mark.parametrize("username", ["ld_officer", "supervisor", "ld_leader"])
def test_a_role_that_may_not_plan_a_revisit_is_refused_the_form_before_filling_it_in(world, ld_task, client,
                                                                                     username):
    client.force_login(world.users[username])
    response = client.get(reverse("revisits:create"), {"task": ld_task.pk})
    assert response.status_code == 403
    assert "安排回头看" not in client.get(reverse("revisits:list")).content.decode()
    client.force_login(world.users["coord"])
    assert client.get(reverse("revisits:create"), {"task": ld_task.pk}).status_code == 200


def test_the_plan_form_names_the_task_it_was_opened_for(world, ld_task, client):
    client.force_login(world.users["coord"])
    page = client.get(reverse("revisits:create"), {"task": ld_task.pk}).content.decode()
    assert f"{ld_task.number} {ld_task.target}" in page
    for task in ("99999999999999999999999", "abc"):
        assert 'id="revisit-task"' not in client.get(reverse("revisits:create"), {"task": task}).content.decode()
    client.force_login(world.users["wz_coord"])  # another city's office is not told what the id names
    assert 'id="revisit-task"' not in client.get(reverse("revisits:create"), {"task": ld_task.pk}).content.decode()


@pytest.mark.parametrize("meanwhile", ["cancel", "record"])
def test_a_record_form_submitted_after_the_revisit_was_cancelled_or_recorded_is_refused_with_a_message(
        world, ld_task, client, meanwhile):
    from ducha.revisits import actions

    revisit = actions.plan_revisit(acting_user=world.users["coord"], task=ld_task, due_on=dt.date(2024, 9, 1),
                                   reason="抽查")
    client.force_login(world.users["coord"])
    assert "记录回头看" in client.get(reverse("revisits:detail", args=[revisit.pk])).content.decode()
    if meanwhile == "cancel":  # another coordinator, from another tab
        actions.cancel_revisit(acting_user=world.users["coord"], revisit=revisit, reason="改期")
    else:
        actions.record_revisit(acting_user=world.users["coord"], revisit=revisit, visited_on="2024-09-02",
                               people="王五", findings="已巩固", conclusion="consolidated")
    before = Revisit.objects.get(pk=revisit.pk)
    response = client.post(reverse("revisits:detail", args=[revisit.pk]), {
        "visited_on": "2024-09-03", "people": "张伟", "findings": "扬尘反弹", "conclusion": "rebound"}, follow=True)
    page = response.content.decode()
    state = "已取消" if meanwhile == "cancel" else "已完成"
    assert f"回头看当前为“{state}”，不能记录回头看" in page
    after = Revisit.objects.get(pk=revisit.pk)
    assert (after.state, after.findings, after.conclusion) == (before.state, before.findings, before.conclusion)
    assert Task.objects.get(pk=ld_task.pk).state == TaskState.SIGNED_OFF


def test_an_officer_posting_the_record_form_is_told_they_may_not(world, ld_task, client):
    from ducha.revisits import actions

    revisit = actions.plan_revisit(acting_user=world.users["coord"], task=ld_task, due_on=dt.date(2024, 9, 1),
                                   reason="抽查")
    client.force_login(world.users["ld_officer"])
    response = client.post(reverse("revisits:detail", args=[revisit.pk]), {
        "visited_on": "2024-09-03", "people": "某", "findings": "无", "conclusion": "consolidated"}, follow=True)
    assert "只有任务所在区划的整改办可以记录回头看" in response.content.decode()
    assert Revisit.objects.get(pk=revisit.pk).state == RevisitState.PLANNED


def test_a_revisits_photos_open_for_those_who_see_the_revisit(world, ld_task, client):
    """The photos were listed by name and hash only: nobody could look at them."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ducha.revisits import actions
    from ducha.revisits.models import Conclusion

    from .test_actions import PNG

    revisit = actions.plan_revisit(acting_user=world.users["coord"], task=ld_task, reason="抽查")
    actions.record_revisit(acting_user=world.users["coord"], revisit=revisit, visited_on=dt.date(2024, 9, 3),
                           people="张伟", findings="整改成效保持", conclusion=Conclusion.CONSOLIDATED,
                           photos=[SimpleUploadedFile("现场.png", PNG, content_type="image/png")])
    stored = revisit.photos.get().file
    url = reverse("revisits:photo", args=[revisit.pk, stored.pk])
    for name in ("coord", "ld_officer"):
        client.force_login(world.users[name])
        assert url in client.get(reverse("revisits:detail", args=[revisit.pk])).content.decode()
        photo = client.get(url)
        assert photo.status_code == 200 and b"".join(photo.streaming_content) == PNG
        assert photo["Content-Type"] == "image/png" and photo["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in photo["Content-Security-Policy"] and "attachment" not in photo["Content-Disposition"]
    other = actions.plan_revisit(acting_user=world.users["coord"], task=ld_task, reason="再查")
    for bad in (reverse("revisits:photo", args=[other.pk, stored.pk]),  # the file, through another revisit
                reverse("revisits:photo", args=[revisit.pk, stored.pk + 1000]),
                reverse("revisits:photo", args=[revisit.pk, 2**63])):
        assert client.get(bad).status_code == 404, bad
    client.force_login(world.users["wz_coord"])
    assert client.get(url).status_code == 404


def test_dates_outside_the_official_range_are_refused_naming_the_field(world, ld_task, client):
    from rest_framework.test import APIClient

    client.force_login(world.users["coord"])
    response = client.post(reverse("revisits:create"), {"task": ld_task.pk, "due_on": "9999-12-31",
                                                         "kind": "on_demand", "reason": "抽查"})
    assert response.context["form"].errors["due_on"] == ["应开展日期应在 2000-01-01 至 2100-12-31 之间。"]
    api = APIClient()
    api.force_authenticate(world.users["coord"])
    answer = api.post("/api/revisits/", {"task": ld_task.pk, "reason": "抽查", "due_on": "0001-01-01"},
                      format="json")
    assert answer.status_code == 400 and answer.json() == {"due_on": ["应开展日期应在 2000-01-01 至 2100-12-31 之间。"]}
    assert not Revisit.objects.exists()
    revisit = api.post("/api/revisits/", {"task": ld_task.pk, "reason": "抽查"}, format="json").json()
    answer = api.post(f"/api/revisits/{revisit['id']}/record/", {
        "visited_on": "0001-01-01", "people": "张伟", "findings": "无", "conclusion": "consolidated"}, format="json")
    assert answer.status_code == 400 and answer.json() == {
        "visited_on": ["回头看日期应在 2000-01-01 至 2100-12-31 之间。"]}
    assert Revisit.objects.get().state == RevisitState.PLANNED
