"""The one guarded write path for tasks: the findings of issue 7, each as a test that fails on the old code."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ducha.audit.models import AuditEntry
from ducha.core.actions import StaleEdit
from ducha.core.workflow import ProtectedStateError
from ducha.jurisdictions.models import Division
from ducha.ledger import actions
from ducha.ledger.models import Plan, Task, TaskState


def _entries(task):
    return AuditEntry.objects.filter(object_type="ledger.task", object_id=str(task.pk)).count()


def test_first_unit_is_lead_and_order_is_kept(world, make_task):
    task = make_task(units=("ndrc", "eco", "ld_gov"))
    assert task.lead_unit == world.units["ndrc"]
    assert [u.pk for u in task.ordered_units()] == [world.units[k].pk for k in ("ndrc", "eco", "ld_gov")]


def test_by_deadline_task_needs_a_deadline(world, make_task):
    with pytest.raises(ValidationError) as err:
        make_task(deadline=None, category="by_deadline")
    assert "deadline" in err.value.message_dict


def test_county_subtask_keeps_parent_number_and_shares_its_problem(world, make_task):
    parent = make_task(number="9")
    county_plan = Plan.objects.create(code="LD-2021", title="莲都区整改方案", division=world.div["ld"])
    child = make_task(plan=county_plan, number="8", parent=parent, units=("ld_gov",), division="ld")
    assert str(child.display_number) == "8（上级序号9）" and child.problem is None
    assert list(parent.children.all()) == [child]


def test_overdue_counts_a_claim_as_done_but_not_as_signed_off(world, make_task):
    late = make_task(deadline=dt.date(2020, 1, 1))
    claimed = make_task(deadline=dt.date(2020, 1, 1), state=TaskState.COMPLETED)
    make_task(deadline=dt.date(2099, 1, 1))
    assert list(Task.objects.overdue()) == [late] and late.is_overdue
    assert claimed.state == TaskState.COMPLETED and claimed.progress == 100


# -- the state machine ------------------------------------------------------------------------------------

def test_assigning_the_state_directly_raises(world, make_task):
    task = make_task()
    with pytest.raises(ProtectedStateError):
        task.state = TaskState.SIGNED_OFF
    assert Task.objects.get(pk=task.pk).state == TaskState.NOT_STARTED


def test_a_co_unit_cannot_patch_a_signed_off_task_back(world, make_task, api):
    task = make_task(units=("eco", "qt_gov"), state=TaskState.SIGNED_OFF)
    before = _entries(task)
    response = api("qt_officer").patch(f"/api/tasks/{task.pk}/", {"state": "not_started", "progress": 0},
                                       format="json")
    assert response.status_code == 400 and "state" in response.json()
    response = api("qt_officer").patch(f"/api/tasks/{task.pk}/", {"progress": 0}, format="json")
    assert response.status_code == 400
    task.refresh_from_db()
    assert (task.state, task.progress, _entries(task)) == (TaskState.SIGNED_OFF, 100, before)


def test_an_officers_completion_is_a_claim_awaiting_acceptance(world, make_task, client):
    task = make_task(units=("ld_gov", "qt_gov"), division="ld")
    with pytest.raises(PermissionDenied):  # a co-unit cannot claim the whole task
        actions.transition_task(acting_user=world.users["qt_officer"], task=task, name="claim")
    task = actions.transition_task(acting_user=world.users["ld_officer"], task=task, name="claim")
    assert task.state == TaskState.COMPLETED and task.get_state_display() == "完成整改（待验收）"
    for name in ("sign_off", "reopen"):
        with pytest.raises((PermissionDenied, ValidationError)):
            actions.transition_task(acting_user=world.users["ld_officer"], task=task, name=name)
    client.force_login(world.users["coord"])
    overview = client.get(reverse("overview:overview")).context
    assert overview["totals"]["closed"] == 0  # claimed is not closed: only 已销号 is


def test_reopening_a_signed_off_task_needs_the_office_and_a_reason(world, make_task):
    task = make_task(state=TaskState.SIGNED_OFF)
    with pytest.raises(ValidationError) as refused:
        actions.transition_task(acting_user=world.users["coord"], task=task, name="reopen")
    assert "reason" in refused.value.message_dict
    task = actions.transition_task(acting_user=world.users["coord"], task=task, name="reopen", reason="回头看发现反弹")
    assert task.state == TaskState.IN_PROGRESS and task.completed_on is None
    entry = AuditEntry.objects.filter(object_id=str(task.pk), object_type="ledger.task").order_by("-id").first()
    assert entry.action == "task.reopen" and entry.after["reason"] == "回头看发现反弹"


def test_the_transitions_a_user_may_take_are_listed(world, make_task, api):
    task = make_task(units=("ld_gov",), division="ld")
    names = [t["name"] for t in api("ld_officer").get(f"/api/tasks/{task.pk}/transitions/").json()]
    assert names == ["start", "claim"]
    assert api("supervisor").get(f"/api/tasks/{task.pk}/transitions/").json() == []


# -- field and destination rules ----------------------------------------------------------------------------

def test_a_coordinator_cannot_move_a_task_or_plan_out_of_reach(world, make_task, api):
    Division.objects.create(code="330100", name="杭州市", level=2, parent=world.div["zj"])
    task = make_task()
    response = api("coord").patch(f"/api/tasks/{task.pk}/", {"division": "330100"}, format="json")
    assert response.status_code in (400, 403)
    response = api("coord").patch(f"/api/plans/{world.plan.pk}/", {"division": "330100"}, format="json")
    assert response.status_code in (400, 403)
    task.refresh_from_db()
    world.plan.refresh_from_db()
    assert task.division == world.div["ls"] and world.plan.division == world.div["ls"]


def test_an_officer_changes_nothing_on_the_task_but_files_a_progress_report(world, make_task, api):
    task = make_task(units=("ld_gov",), division="ld")
    response = api("ld_officer").patch(f"/api/tasks/{task.pk}/", {"target": "改掉目标", "progress": 40},
                                       format="json")
    assert response.status_code == 403 and "整改目标" in response.json()["detail"]
    response = api("ld_officer").patch(f"/api/tasks/{task.pk}/", {"progress": 40}, format="json")
    assert response.status_code == 403 and "进度" in response.json()["detail"]
    response = api("ld_officer").post("/api/reports/", {
        "task": task.pk, "reported_on": dt.date.today().isoformat(), "percent": 40, "done": "完成排查"},
        format="json")
    assert response.status_code == 201
    shown = api("ld_officer").get(f"/api/tasks/{task.pk}/").json()
    assert (shown["progress"], shown["state"]) == (40, "in_progress")  # reporting starts it


def test_the_lead_unit_belongs_to_the_division_or_above(world, make_task):
    with pytest.raises(ValidationError) as refused:
        make_task(units=("wz_eco",))
    assert "units" in refused.value.message_dict
    with pytest.raises(ValidationError):
        make_task(units=("ld_gov",), division="qt")


def test_deadline_text_and_date_must_agree(world, make_task):
    with pytest.raises(ValidationError) as refused:
        make_task(deadline=dt.date(2022, 12, 31), deadline_text="2022年6月底前")
    assert "deadline_text" in refused.value.message_dict
    assert make_task(deadline=dt.date(2022, 6, 30), deadline_text="2022年6月底前").pk


def test_a_task_needs_its_five_clarities(world, make_task):
    with pytest.raises(ValidationError) as refused:
        make_task(problem=None, target="", measures="")
    assert {"problem", "target", "measures"} <= set(refused.value.message_dict)


def test_a_huge_text_is_refused_not_stored(world, make_task):
    with pytest.raises(ValidationError) as refused:
        make_task(measures="扬尘" * 50_000)
    assert "measures" in refused.value.message_dict


# -- stale edits ------------------------------------------------------------------------------------------

def test_a_stale_form_does_not_revert_a_units_report(world, make_task, client):
    task = make_task(units=("ld_gov",), division="ld")
    client.force_login(world.users["coord"])
    form = client.get(reverse("ledger:task_edit", args=[task.pk])).context["form"]
    read = form["version"].value()
    from ducha.progress.actions import file_report

    file_report(acting_user=world.users["ld_officer"], task=task, reported_on=dt.date.today(), percent=95,
                done="基本完成")
    data = {name: (form[name].value() if form[name].value() is not None else "") for name in form.fields}
    data.update({"co_units": [], "domains": [], "progress": 85, "version": read, "stages-TOTAL_FORMS": "0",
                 "stages-INITIAL_FORMS": "0", "stages-MIN_NUM_FORMS": "0", "stages-MAX_NUM_FORMS": "20"})
    response = client.post(reverse("ledger:task_edit", args=[task.pk]), data)
    assert response.status_code == 200 and response.context["stale"]
    html = response.content.decode()
    assert "ld_officer" in html and "stale-differences" in html
    task.refresh_from_db()
    assert task.progress == 95


def test_if_match_guards_api_updates(world, make_task, api):
    task = make_task()
    client = api("coord")
    etag = client.get(f"/api/tasks/{task.pk}/")["ETag"]
    assert client.patch(f"/api/tasks/{task.pk}/", {"progress": 10}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    stale = client.patch(f"/api/tasks/{task.pk}/", {"progress": 20}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and stale.json()["version"] == Task.objects.get(pk=task.pk).version
    task.refresh_from_db()
    assert task.progress == 10


def test_the_action_refuses_an_old_version(world, make_task):
    task = make_task()
    actions.update_task(acting_user=world.users["coord"], task=task, progress=10)
    with pytest.raises(StaleEdit):
        actions.update_task(acting_user=world.users["coord"], task=task, progress=20, version=1)


def test_a_patch_that_changes_nothing_writes_nothing(world, make_task, api):
    task = make_task()
    before = (_entries(task), Task.objects.get(pk=task.pk).version)
    response = api("coord").patch(f"/api/tasks/{task.pk}/", {"target": task.target}, format="json")
    assert response.status_code == 200
    assert (_entries(task), Task.objects.get(pk=task.pk).version) == before


# -- void, not delete -------------------------------------------------------------------------------------

def test_a_voided_plan_and_its_tasks_leave_lists_and_counts_and_come_back(world, make_task, api):
    task = make_task()
    coord = world.users["coord"]
    with pytest.raises(ValidationError):
        actions.void_plan(acting_user=coord, plan=world.plan, reason="")
    actions.void_plan(acting_user=coord, plan=world.plan, reason="导入了错误的台账")
    assert not Task.objects.restrict(coord).exists()
    assert api("coord").get("/api/tasks/").json()["count"] == 0
    assert api("coord").get(f"/api/tasks/{task.pk}/").json()["voided_at"]
    with pytest.raises(PermissionDenied):
        actions.update_task(acting_user=coord, task=task, progress=10)
    actions.restore_plan(acting_user=coord, plan=world.plan, reason="误操作，恢复")
    assert list(Task.objects.restrict(coord)) == [task]
    events = list(AuditEntry.objects.filter(object_id=str(task.pk), object_type="ledger.task")
                  .values_list("action", flat=True))
    assert events[-2:] == ["task.void", "task.restore"]


def test_only_the_office_voids(world, make_task, api):
    task = make_task(units=("ld_gov",), division="ld")
    response = api("ld_officer").post(f"/api/tasks/{task.pk}/void/", {"reason": "不想干了"}, format="json")
    assert response.status_code == 403
    assert Task.objects.restrict(world.users["coord"]).filter(pk=task.pk).exists()


# -- what users hit -----------------------------------------------------------------------------------------

def test_numbers_sort_naturally(world, make_task, api):
    for number in ("10", "2.1", "1.2", "2", "1"):
        make_task(number=number)
    rows = api("coord").get("/api/tasks/?ordering=number").json()["results"]
    assert [r["number"] for r in rows] == ["1", "1.2", "2", "2.1", "10"]


def test_states_sort_in_workflow_order(world, make_task, api):
    make_task(number="a", state=TaskState.SIGNED_OFF)
    make_task(number="b")
    make_task(number="c", state=TaskState.COMPLETED)
    make_task(number="d", state=TaskState.IN_PROGRESS)
    rows = api("coord").get("/api/tasks/?ordering=state").json()["results"]
    assert [r["state"] for r in rows] == ["not_started", "in_progress", "completed", "signed_off"]


def test_a_unit_sees_the_tasks_of_its_sub_units(world, make_task):
    from ducha.jurisdictions.models import Role, User

    task = make_task(units=("ld_eco",), division="ld")
    officer = User.objects.create_user("eco2", password="x", role=Role.OFFICER, unit=world.units["eco"])
    assert Task.objects.restrict(officer).filter(pk=task.pk).exists()
    assert not Task.objects.restrict(officer, "change").filter(pk=task.pk).exists()


def test_searching_a_units_short_name_finds_its_tasks(world, make_task, api):
    task = make_task(units=("ndrc",), target="推进产业结构调整")
    make_task(units=("eco",), target="别的任务")
    rows = api("coord").get("/api/tasks/", {"q": "市发改委"}).json()["results"]
    assert [r["id"] for r in rows] == [task.pk]


def test_start_takes_the_day_work_began_but_not_a_future_one(world, make_task):
    task = make_task()
    coord = world.users["coord"]
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    with pytest.raises(ValidationError) as refused:
        actions.transition_task(acting_user=coord, task=task, name="start", started_on=tomorrow.isoformat())
    assert "started_on" in refused.value.message_dict
    with pytest.raises(ValidationError):
        actions.transition_task(acting_user=coord, task=task, name="start", started_on="2024-13-01")
    task = actions.transition_task(acting_user=coord, task=task, name="start", started_on="2024-03-01")
    assert (task.state, task.started_on) == (TaskState.IN_PROGRESS, dt.date(2024, 3, 1))
    # Without a date, a start is today.
    other = actions.transition_task(acting_user=coord, task=make_task(), name="start")
    assert other.started_on is not None and other.started_on >= dt.date.today() - dt.timedelta(days=1)


def _edit_post(form, **changes):
    data = {name: (form[name].value() if form[name].value() is not None else "") for name in form.fields}
    data.update({"co_units": [], "domains": [], "stages-TOTAL_FORMS": "0", "stages-INITIAL_FORMS": "0",
                 "stages-MIN_NUM_FORMS": "0", "stages-MAX_NUM_FORMS": "20"}, **changes)
    return data


@pytest.mark.parametrize("version", [None, "", "abc", "-1"])
def test_an_edit_posted_without_a_readable_version_is_refused_not_applied(world, make_task, client, version):
    """A hand-made post (or a page cut short) without the version it read could silently revert a unit's
    report; it is refused like a stale one, and the form comes back carrying the current version."""
    task = make_task(units=("ld_gov",), division="ld")
    client.force_login(world.users["coord"])
    data = _edit_post(client.get(reverse("ledger:task_edit", args=[task.pk])).context["form"], progress=85)
    data.pop("version")
    if version is not None:
        data["version"] = version
    actions.update_task(acting_user=world.users["coord"], task=task, target="按期完成整改")  # a history to not list
    response = client.post(reverse("ledger:task_edit", args=[task.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200 and "版本信息无效" in page
    # No version it read: nothing to list as "changed since" (not the task's whole history).
    assert response.context["stale_changes"] == [] and 'id="stale-changes"' not in page
    task.refresh_from_db()
    assert task.progress != 85
    assert response.context["form"].data["version"] == task.version


def test_a_transition_or_void_posted_without_the_version_is_refused(world, make_task, client):
    task = make_task(units=("ld_gov",), division="ld")
    client.force_login(world.users["ld_officer"])
    page = client.post(reverse("ledger:task_transition", args=[task.pk, "start"]), {}, follow=True).content.decode()
    assert "版本信息无效" in page
    task.refresh_from_db()
    assert task.state == TaskState.NOT_STARTED
    client.force_login(world.users["coord"])
    page = client.post(reverse("ledger:task_void", args=[task.pk]), {"reason": "重复导入"}, follow=True)
    assert "版本信息无效" in page.content.decode()
    page = client.post(reverse("ledger:plan_void", args=[task.plan_id]), {"reason": "重复导入"}, follow=True)
    assert "版本信息无效" in page.content.decode()
    task.refresh_from_db()
    assert task.voided_at is None and Plan.objects.get(pk=task.plan_id).voided_at is None
    done = client.post(reverse("ledger:task_void", args=[task.pk]), {"reason": "重复导入", "version": task.version})
    task.refresh_from_db()
    assert done.status_code == 302 and task.voided_at is not None


def test_a_date_stored_before_the_range_rule_does_not_block_an_edit_of_something_else(world, make_task):
    """A deadline a ledger brought in before dates were range-checked (written here past the actions, as
    that old import did) refused every later edit, of the target as much as of the deadline. The edit of
    the target now passes; a new out-of-range deadline is still refused, by name."""
    task = make_task(units=("ld_gov",), division="ld")
    Task.objects.filter(pk=task.pk).update(deadline=dt.date(1900, 1, 1))
    task.refresh_from_db()
    coordinator = world.users["coord"]
    edited = actions.update_task(acting_user=coordinator, task=task, target="城区餐饮油烟在线监控全覆盖")
    assert edited.target == "城区餐饮油烟在线监控全覆盖" and edited.deadline == dt.date(1900, 1, 1)
    with pytest.raises(ValidationError) as refused:
        actions.update_task(acting_user=coordinator, task=edited, deadline=dt.date(1899, 12, 31))
    assert "deadline" in refused.value.message_dict
    edited.refresh_from_db()
    assert edited.deadline == dt.date(1900, 1, 1)
