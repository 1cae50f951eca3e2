"""A task sent back to rectification after its claim no longer shows the claim's 100 %: its figure falls back
to the lead unit's latest report below 100 % (or what the ledger showed before the claim), the audit entry
records the change, scheduled progress is judged again, and the task page says when and why it came back."""

import datetime as dt
import re

import pytest

from ducha.audit.models import AuditEntry
from ducha.ledger import actions
from ducha.ledger.models import ScheduleState, Task, TaskState
from ducha.signoff import actions as signoff
from ducha.signoff.models import Answer, Channel
from ducha.signoff.actions import objections
from ducha.signoff.tests.helpers import CHECKS, signed_off
from ducha.signoff.tests.notice_fixtures import put_in_notice


def _list_progress(client, task):
    html = client.get("/tasks/", {"plan": task.plan_id}).content.decode()
    row = re.search(rf'<tr data-task-id="{task.pk}">.*?</tr>', html, re.S).group(0)
    return int(re.search(r'aria-valuenow="(\d+)"', row).group(1))


def _returned_note(client, task):
    html = client.get(f"/tasks/{task.pk}/").content.decode()
    assert 'id="returned-note"' in html, "the task page says nothing of the return"
    note = html[html.index('id="returned-note"'):html.index('id="progress-note"')]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", note))


@pytest.fixture
def claimed(world, make_task, report):
    """市生态环境局 leads (莲都区 co-operates), reported 40 %, 80 %, then 100 %, and claimed completion."""
    task = make_task(units=("eco", "ld_gov"), deadline=dt.date.today() + dt.timedelta(days=60),
                     acceptance_unit=world.units["ndrc"])
    for percent in (40, 80):
        report(task, percent=percent, done=f"完成 {percent}%")
    report(task, user="ld_officer", percent=30, done="配合单位的进度不算任务进度")
    report(task, percent=100, done="全部完成")
    task = actions.transition_task(acting_user=world.users["eco_officer"], task=task, name="claim")
    task.refresh_from_db()
    assert task.progress == 100 and task.schedule_state == ScheduleState.COMPLETED
    return task


def _check_returned(client, world, task, action, *, percent=80):
    task.refresh_from_db()
    assert task.state == TaskState.IN_PROGRESS and task.progress == percent and task.completed_on is None
    # Judged again at once: no longer 完成整改（验收销号中）.
    assert task.schedule_state not in ("", ScheduleState.COMPLETED)
    entry = AuditEntry.objects.filter(action=action, object_id=str(task.pk)).latest("id")
    assert (entry.before["progress"], entry.after["progress"]) == (100, percent)
    client.force_login(world.users["coord"])
    assert _list_progress(client, task) == percent
    note = _returned_note(client, task)
    assert f"进度由 100% 回到 {percent}%" in note and "请各责任单位重新报送进展" in note
    return note


def test_a_returned_claim_falls_back_to_the_lead_units_last_report_below_100(client, world, claimed):
    actions.transition_task(acting_user=world.users["coord"], task=claimed, name="return", reason="管网仍在渗漏")
    note = _check_returned(client, world, claimed, "task.return")
    assert "退回完成申报" in note and "管网仍在渗漏" in note
    entry = AuditEntry.objects.filter(action="task.return").latest("id")
    assert entry.after["source"]["report"]  # the report the figure comes from


def test_a_withdrawn_claim_falls_back_too(client, world, claimed):
    actions.transition_task(acting_user=world.users["eco_officer"], task=claimed, name="withdraw")
    _check_returned(client, world, claimed, "task.withdraw")


def test_failed_acceptance_falls_back_to_the_reported_figure(client, world, claimed):
    lead, reviewer = world.users["eco_officer"], world.users["coord"]
    signoff.save_application(acting_user=lead, task=claimed, report="已完成全部整改措施。", self_checks=CHECKS)
    signoff.submit(acting_user=lead, task=claimed)
    signoff.fail_acceptance(acting_user=reviewer, task=claimed, reason="现场仍有裸土未覆盖")
    note = _check_returned(client, world, claimed, "task.fail_acceptance")
    assert "验收不通过" in note and "现场仍有裸土未覆盖" in note


def test_an_upheld_objection_falls_back_to_the_reported_figure(client, world, claimed):
    notice = put_in_notice(world, claimed)
    objection = objections.enter_objection(acting_user=world.users["coord"], notice=notice, channel=Channel.PHONE,
                                           text="电话反映：管网仍在渗漏。")
    objections.answer_objection(acting_user=world.users["coord"], objection=objection, answer=Answer.UPHELD,
                                reason="现场核实管网仍有渗漏。")
    _check_returned(client, world, claimed, "task.uphold_objection")


def test_a_reopened_signed_off_task_falls_back_to_the_reported_figure(client, world, make_task, report):
    task = make_task(units=("ld_gov", "qt_gov"), division="ld", acceptance_unit=world.units["eco"],
                     deadline=dt.date.today() + dt.timedelta(days=60))
    report(task, user="ld_officer", percent=65, done="完成大部分")
    task = actions.transition_task(acting_user=world.users["ld_officer"], task=task, name="claim")
    task = signed_off(task, world.users["ld_officer"], world.users["eco_officer"], world.users["coord"],
                      long_term=False)
    assert task.state == TaskState.SIGNED_OFF and task.progress == 100
    actions.transition_task(acting_user=world.users["coord"], task=task, name="reopen", reason="回头看发现反弹")
    note = _check_returned(client, world, task, "task.reopen", percent=65)
    assert "重新打开" in note and "回头看发现反弹" in note


def test_without_reports_the_figure_before_the_claim_comes_back(client, world, make_task):
    task = make_task(progress=60, deadline=dt.date.today() + dt.timedelta(days=60))
    actions.transition_task(acting_user=world.users["coord"], task=task, name="claim")
    actions.transition_task(acting_user=world.users["coord"], task=task, name="return", reason="未完成")
    note = _check_returned(client, world, task, "task.return", percent=60)
    assert "完成申报前台账记载的进度" in note


def test_never_reported_below_100_falls_to_zero_not_to_the_claim(world, make_task, report):
    task = make_task(deadline=dt.date.today() + dt.timedelta(days=60))
    report(task, percent=100, done="一次完成")
    actions.transition_task(acting_user=world.users["eco_officer"], task=task, name="claim")
    actions.transition_task(acting_user=world.users["coord"], task=task, name="return", reason="未完成")
    assert Task.objects.get(pk=task.pk).progress == 0


def test_a_task_never_returned_shows_no_return_note(client, world, make_task):
    task = make_task()
    actions.transition_task(acting_user=world.users["coord"], task=task, name="start")
    client.force_login(world.users["coord"])
    assert 'id="returned-note"' not in client.get(f"/tasks/{task.pk}/").content.decode()


def test_a_report_during_acceptance_does_not_lower_the_claims_figure(world, claimed, report):
    lead = world.users["eco_officer"]
    signoff.save_application(acting_user=lead, task=claimed, report="已完成全部整改措施。", self_checks=CHECKS)
    signoff.submit(acting_user=lead, task=claimed)
    report(claimed, percent=90, done="验收期间补充报送")
    claimed.refresh_from_db()
    assert claimed.state == TaskState.ACCEPTING and claimed.progress == 100
