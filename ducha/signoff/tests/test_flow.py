"""The acceptance workflow end to end through the actions: claim ≠ sign-off, every step recorded."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ducha.audit.models import AuditEntry
from ducha.ledger.actions.transitions import available, transition_task
from ducha.ledger.models import TaskState
from ducha.signoff import actions
from ducha.signoff.models import ApplicationState, Notice, Objection, ReviewRound

from .conftest import CHECKS


def _names(user, task):
    return [t.name for t in available(user, task)]


def test_a_claim_is_not_a_sign_off_and_the_office_cannot_skip_the_steps(world, claimed):
    for name in ("sign_off", "publish", "apply"):
        with pytest.raises((PermissionDenied, ValidationError)):
            transition_task(acting_user=world.users["coord"], task=claimed, name=name)
    claimed.refresh_from_db()
    assert claimed.state == TaskState.COMPLETED
    assert "apply" not in _names(world.users["ld_officer"], claimed)  # no application yet


def test_an_incomplete_application_is_refused_naming_what_is_missing(world, claimed):
    actions.save_application(acting_user=world.users["ld_officer"], task=claimed, report="已完成。",
                             self_checks={"measures": "全部落实"})
    with pytest.raises(ValidationError) as refused:
        actions.submit(acting_user=world.users["ld_officer"], task=claimed)
    assert "依法依规处理处罚到位" in str(refused.value)
    claimed.refresh_from_db()
    assert claimed.state == TaskState.COMPLETED


def test_only_the_lead_unit_applies(world, claimed):
    with pytest.raises(PermissionDenied):
        actions.save_application(acting_user=world.users["qt_officer"], task=claimed, report="x", self_checks=CHECKS)


def test_returned_twice_keeps_every_round(world, claimed, drive):
    task = drive(claimed, "returned")
    assert task.state == TaskState.ACCEPTING
    assert _names(world.users["ld_officer"], task) == ["resubmit"]
    actions.submit(acting_user=world.users["ld_officer"], task=task)
    actions.return_application(acting_user=world.users["eco_officer"], task=task, reason="现场照片不清晰。")
    actions.submit(acting_user=world.users["ld_officer"], task=task)
    rounds = list(ReviewRound.objects.filter(application__task=task).order_by("number"))
    assert [(r.number, r.outcome, r.reasons) for r in rounds] == [
        (1, "returned", "缺少监测报告。"), (2, "returned", "现场照片不清晰。"), (3, "", "")]


def test_the_full_path_to_signed_off_and_filed(world, claimed, drive):
    task = drive(claimed, "signed_off")
    assert task.state == TaskState.SIGNED_OFF
    application = task.signoff_applications.get()
    assert application.state == ApplicationState.SIGNED_OFF and application.signature.signer_name == "eco_officer"
    assert application.notice.outcome == "公示期间未收到异议。"
    filing = actions.file_with_level_above(acting_user=world.users["coord"], task=task, filed_with="浙江省整改办",
                                           reference="丽整改备〔2026〕3号")
    assert filing.application == application
    codes = list(AuditEntry.objects.filter(action__startswith="signoff.").values_list("action", flat=True))
    assert codes[:2] == ["signoff.draft", "signoff.apply"] and "signoff.sign_off" in codes
    assert "signoff.file" in codes
    tasks = list(AuditEntry.objects.filter(object_type="ledger.task", object_id=str(task.pk))
                 .values_list("action", flat=True))
    assert tasks[-1] == "task.file" and "task.publish" in tasks and "task.sign_off" in tasks
    from ducha.chronicle.sources import timeline
    titles = [e.title for e in timeline(task, world.users["coord"])]
    assert "现场核查：莲都区某处" in titles and "eco_officer签署验收意见" in titles
    assert any(t.startswith("销号公示（2026-11-02 至") for t in titles) and "报浙江省整改办备案" in titles


def test_sign_off_waits_for_the_notice_period(world, claimed, drive):
    task = drive(claimed, "in_notice")
    notice = Notice.objects.get(task=task)
    assert notice.ends_on > notice.starts_on
    with pytest.raises(ValidationError) as refused:
        actions.sign_off(acting_user=world.users["coord"], task=task)
    assert "公示期至" in str(refused.value)
    assert "sign_off" not in _names(world.users["coord"], task)


def test_an_unanswered_objection_blocks_sign_off_and_a_dismissed_one_is_published(world, claimed, drive):
    task = drive(claimed, "notice_over")
    objection = Objection.objects.create(notice=task.signoff_notices.get(), channel="phone", text="仍有异味",
                                         receipt_number="YY-2026-0001", received_at="2026-11-03T10:00:00+08:00")
    with pytest.raises(ValidationError) as refused:
        actions.sign_off(acting_user=world.users["coord"], task=task)
    assert "异议未答复" in str(refused.value)
    Objection.objects.filter(pk=objection.pk).update(answer="dismissed", answer_reason="经复测达标。")
    actions.sign_off(acting_user=world.users["coord"], task=task)
    notice = Notice.objects.get(task=task)
    assert "异议不成立：经复测达标。" in notice.outcome


def test_an_upheld_objection_sends_the_task_back(world, claimed, drive):
    task = drive(claimed, "in_notice")
    with pytest.raises(ValidationError):  # nothing upheld yet
        actions.uphold_objection(acting_user=world.users["coord"], task=task, reason="x")
    Objection.objects.create(notice=task.signoff_notices.get(), channel="public", text="仍在排污", answer="upheld",
                             answer_reason="核实属实", receipt_number="YY-2026-0002",
                             received_at="2026-11-03T10:00:00+08:00")
    actions.uphold_objection(acting_user=world.users["coord"], task=task, reason="核实仍在排污")
    task.refresh_from_db()
    assert task.state == TaskState.IN_PROGRESS and task.completed_on is None
    assert task.signoff_applications.get().state == ApplicationState.FAILED


def test_waiving_the_onsite_check_needs_a_plan_that_allows_it(world, claimed, drive):
    task = drive(claimed, "reviewed")
    with pytest.raises(ValidationError):
        actions.waive_onsite(acting_user=world.users["eco_officer"], task=task, reason="资料已充分")
    from ducha.signoff.models import AcceptancePolicy
    AcceptancePolicy.objects.create(plan=task.plan, onsite_required=False)
    actions.waive_onsite(acting_user=world.users["eco_officer"], task=task, reason="资料已充分")
    assert task.signoff_applications.get().onsite.not_needed_reason == "资料已充分"


def test_co_units_confirm_first_when_the_plan_says_so(world, claimed):
    from ducha.signoff.models import AcceptancePolicy
    AcceptancePolicy.objects.create(plan=claimed.plan, co_units_confirm_first=True)
    actions.save_application(acting_user=world.users["ld_officer"], task=claimed, report="已完成。", self_checks=CHECKS)
    with pytest.raises(ValidationError) as refused:
        actions.submit(acting_user=world.users["ld_officer"], task=claimed)
    assert "青田县人民政府" in str(refused.value)
    actions.ask_confirmation(acting_user=world.users["ld_officer"], task=claimed)
    with pytest.raises(PermissionDenied):
        actions.confirm_part(acting_user=world.users["ld_officer"], task=claimed)
    actions.confirm_part(acting_user=world.users["qt_officer"], task=claimed, text="青田部分已完成")
    actions.submit(acting_user=world.users["ld_officer"], task=claimed)
    claimed.refresh_from_db()
    assert claimed.state == TaskState.ACCEPTING


def test_a_confirmation_of_a_report_rewritten_since_it_was_read_is_refused(world, claimed):
    """The lead unit may still edit its application while the co-units confirm: a co-unit confirming the
    report it read before the rewrite is refused and nothing is recorded; on the current version it
    confirms."""
    from ducha.core.actions import StaleEdit
    from ducha.signoff.models import AcceptancePolicy

    AcceptancePolicy.objects.create(plan=claimed.plan, co_units_confirm_first=True)
    lead, co_unit = world.users["ld_officer"], world.users["qt_officer"]
    actions.save_application(acting_user=lead, task=claimed, report="已完成。", self_checks=CHECKS)
    read = actions.ask_confirmation(acting_user=lead, task=claimed).version
    rewritten = actions.save_application(acting_user=lead, task=claimed, report="已完成，青田段另行整改。",
                                         version=read)
    with pytest.raises(StaleEdit):
        actions.confirm_part(acting_user=co_unit, task=claimed, text="青田部分已完成", version=read)
    assert not rewritten.confirmations.exists()
    actions.confirm_part(acting_user=co_unit, task=claimed, text="青田部分已完成", version=rewritten.version)
    assert rewritten.confirmations.get().text == "青田部分已完成"


def test_notice_length_in_working_days_across_national_day():
    from ducha.signoff.actions import notice_period
    from ducha.workdays import Calendar, CalendarDay

    holidays = [CalendarDay(dt.date(2025, 10, d), False, "国庆节") for d in range(1, 9)]
    calendar = Calendar(holidays + [CalendarDay(dt.date(2025, 9, 28), True, "国庆节"),
                                    CalendarDay(dt.date(2025, 10, 11), True, "国庆节")], {2025})
    # 9/26 (Fri), 9/28 (Sun, worked), 9/29, 9/30, then 10/9, 10/10, 10/11 (Sat, worked)
    ends, used = notice_period(dt.date(2025, 9, 26), 7, "working", calendar)
    assert ends == dt.date(2025, 10, 11) and used == "workdays"
    assert notice_period(dt.date(2025, 9, 26), 7, "calendar")[0] == dt.date(2025, 10, 2)


def test_the_office_cannot_flip_a_task_to_signed_off_and_an_import_records_a_past_sign_off(world, make_task):
    from rest_framework.test import APIClient

    task = make_task()
    api = APIClient()
    api.force_authenticate(world.users["coord"])
    response = api.patch(f"/api/tasks/{task.pk}/", {"state": "signed_off"}, format="json")
    assert response.status_code == 400 and "state" in response.json()
    # A ledger row saying 已销号 is recorded as a sign-off made before the system, with its reason.
    past = make_task(state=TaskState.SIGNED_OFF)
    entry = AuditEntry.objects.filter(object_type="ledger.task", object_id=str(past.pk)).order_by("-id").first()
    assert entry.action == "task.record_signed_off" and entry.after["reason"] == "原台账记为已销号"
