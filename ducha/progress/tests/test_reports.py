"""Filing progress reports: per-unit figures, derived overall progress, corrections, stages, refusals."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ducha.audit.models import AuditEntry
from ducha.ledger import actions as ledger_actions
from ducha.ledger.models import Task, TaskStage, TaskState
from ducha.progress.actions import file_report
from ducha.progress.models import ProgressReport


def _task(pk):
    return Task.objects.get(pk=pk)


def test_a_co_unit_report_never_moves_the_lead_units_figure(world, shared_task, report):
    """The 松阳县 scenario: one co-unit's 40 % does not overwrite the lead's 60 %, nor its note."""
    report(shared_task, "eco_officer", percent=60, done="市局：完成60%")
    report(shared_task, "qt_officer", percent=40, done="青田县：完成40%")
    task = _task(shared_task.pk)
    assert (task.progress, task.progress_note) == (60, "市局：完成60%")
    latest = {r.unit_id: r.percent for r in ProgressReport.objects.filter(task=task)}
    assert latest == {world.units["eco"].pk: 60, world.units["qt_gov"].pk: 40}


def test_the_lead_units_latest_report_is_the_overall_progress_and_starts_the_task(world, shared_task, report):
    assert shared_task.state == TaskState.NOT_STARTED and shared_task.started_on is None
    version = shared_task.version
    first = report(shared_task, percent=20, reported_on=timezone.localdate() - dt.timedelta(days=3))
    task = _task(shared_task.pk)
    assert task.progress == 20 and task.state == TaskState.IN_PROGRESS and task.version > version
    assert task.started_on == first.reported_on
    report(shared_task, percent=35)
    assert _task(shared_task.pk).progress == 35
    codes = list(AuditEntry.objects.filter(object_id=str(task.pk), object_type="ledger.task")
                 .values_list("action", flat=True))
    assert "task.update" in codes and "task.start" in codes
    assert AuditEntry.objects.filter(action="report.file", object_type="progress.progressreport").count() == 2


def test_a_zero_percent_first_report_does_not_start_the_task(shared_task, report):
    report(shared_task, percent=0)
    task = _task(shared_task.pk)
    assert task.state == TaskState.NOT_STARTED and task.started_on is not None


def test_a_correction_replaces_the_report_it_corrects(world, shared_task, report):
    wrong = report(shared_task, percent=80, done="误报80%")
    fixed = report(shared_task, percent=45, done="实际45%", corrects=wrong, correction_reason="录入错误")
    task = _task(shared_task.pk)
    assert (task.progress, task.progress_note) == (45, "实际45%")
    assert fixed.corrects == wrong
    assert AuditEntry.objects.filter(action="report.correct", object_id=str(fixed.pk)).exists()
    # A report already corrected cannot be corrected again: correct the latest one.
    with pytest.raises(ValidationError) as error:
        report(shared_task, percent=50, corrects=wrong, correction_reason="再改")
    assert "corrects" in error.value.message_dict


def test_correcting_an_older_report_keeps_the_newer_figure(shared_task, report):
    old = report(shared_task, percent=30, reported_on=timezone.localdate() - dt.timedelta(days=30))
    report(shared_task, percent=55, reported_on=timezone.localdate() - dt.timedelta(days=1))
    report(shared_task, percent=25, corrects=old, correction_reason="上月数字有误")
    assert _task(shared_task.pk).progress == 55


def test_corrections_need_a_reason_and_the_same_unit(world, shared_task, report):
    lead = report(shared_task, percent=30)
    with pytest.raises(ValidationError) as error:
        report(shared_task, "eco_officer", percent=20, corrects=lead)
    assert "correction_reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        report(shared_task, "qt_officer", percent=20, corrects=lead, correction_reason="改别人的")
    assert "corrects" in error.value.message_dict


def test_stage_done_is_set_once_and_must_be_a_stage_of_the_task(world, make_task, report):
    task = make_task(units=("eco",), stages=[("2022年底前", dt.date(2022, 12, 31))], category="staged")
    stage = TaskStage.objects.get(task=task)
    day = timezone.localdate() - dt.timedelta(days=5)
    report(task, percent=40, stage_done=stage, reported_on=day)
    with pytest.raises(ValidationError) as error:  # reported done already: said so, nothing filed
        report(task, percent=50, stage_done=stage)
    assert "已由丽水市生态环境局 eco_officer 于" in error.value.message_dict["stage_done"][0]
    assert TaskStage.objects.get(pk=stage.pk).done_on == day and task.reports.count() == 1
    other = make_task(units=("eco",), stages=[("阶段", dt.date(2023, 6, 30))], category="staged")
    with pytest.raises(ValidationError) as error:
        report(task, stage_done=TaskStage.objects.get(task=other))
    assert "stage_done" in error.value.message_dict


@pytest.mark.parametrize("fields, field", [
    ({"percent": 101}, "percent"), ({"percent": -1}, "percent"), ({"percent": "7.5"}, "percent"),
    ({"percent": None}, "percent"), ({"done": "  "}, "done"), ({"done": "长" * 10_001}, "done"),
    ({"reported_on": None}, "reported_on"), ({"reported_on": "2024-13-01"}, "reported_on"),
    ({"schedule_claim": "great"}, "schedule_claim"),
    ({"period_start": "2024-05-10", "period_end": "2024-05-01", "reported_on": "2024-05-20"}, "period_start"),
    ({"period_end": "2024-06-01", "reported_on": "2024-05-20"}, "period_end"),
    ({"correction_reason": "无更正对象"}, "correction_reason"),
])
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(shared_task, report, fields, field):
    with pytest.raises(ValidationError) as error:
        report(shared_task, **fields)
    assert field in error.value.message_dict
    assert not ProgressReport.objects.exists() and _task(shared_task.pk).version == shared_task.version


def test_reported_on_may_be_tomorrow_but_not_later(shared_task, report):
    report(shared_task, reported_on=timezone.localdate() + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        report(shared_task, reported_on=timezone.localdate() + dt.timedelta(days=2))
    assert "reported_on" in error.value.message_dict


def test_who_may_file_for_which_unit(world, shared_task, report):
    # An officer files for its own unit only.
    assert report(shared_task, "ld_officer").unit == world.units["ld_gov"]
    with pytest.raises(PermissionDenied):
        report(shared_task, "ld_officer", unit=world.units["qt_gov"])
    # The office files on behalf of a named responsible unit; the audit entry says so.
    filed = report(shared_task, "coord", unit=world.units["qt_gov"], percent=10)
    entry = AuditEntry.objects.get(action="report.file", object_id=str(filed.pk))
    assert entry.after["on_behalf_of"] == world.units["qt_gov"].name
    with pytest.raises(ValidationError) as error:
        report(shared_task, "coord")  # which unit?
    assert "unit" in error.value.message_dict
    with pytest.raises(ValidationError):
        report(shared_task, "coord", unit=world.units["ndrc"])  # not a responsible unit
    for user in ("supervisor", "ld_leader", "wz_coord"):
        with pytest.raises(PermissionDenied):
            report(shared_task, user, unit=world.units["eco"])


def test_no_report_on_a_voided_or_signed_off_task_but_a_claimed_one_keeps_100(world, make_task, report):
    claimed = make_task(units=("eco",), state=TaskState.COMPLETED)
    report(claimed, percent=90, done="补充佐证")
    assert _task(claimed.pk).progress == 100
    signed = make_task(units=("eco",), state=TaskState.SIGNED_OFF)
    with pytest.raises(ValidationError) as error:
        report(signed)
    assert "task" in error.value.message_dict
    voided = make_task(units=("eco",))
    ledger_actions.void_task(acting_user=world.users["admin"], task=voided, reason="重复")
    with pytest.raises((ValidationError, PermissionDenied)):
        report(_task(voided.pk))


def test_an_officer_may_no_longer_edit_progress_on_the_task(world, shared_task):
    with pytest.raises(PermissionDenied):
        ledger_actions.update_task(acting_user=world.users["eco_officer"], task=shared_task, progress=70)
    # The office still may (its edit form, a ledger import).
    task = ledger_actions.update_task(acting_user=world.users["coord"], task=shared_task, progress=70)
    assert task.progress == 70


def test_reports_are_append_only(world, shared_task, report):
    from django.contrib import admin

    filed = report(shared_task)
    assert not hasattr(file_report, "update")
    model_admin = admin.site._registry.get(ProgressReport)
    if model_admin is not None:
        assert not model_admin.has_change_permission(None, filed)
        assert not model_admin.has_delete_permission(None, filed)


def test_an_office_edit_that_keeps_a_stage_keeps_its_done_date(world, make_task, report):
    due = dt.date(2022, 12, 31)
    task = make_task(units=("eco",), stages=[("2022年底前", due)], category="staged")
    report(task, percent=40, stage_done=TaskStage.objects.get(task=task))
    ledger_actions.update_task(acting_user=world.users["coord"], task=_task(task.pk), target="新目标",
                               stages=[("2022年底前", due), ("2023年底前", dt.date(2023, 12, 31))])
    assert [s.done_on is not None for s in TaskStage.objects.filter(task=task).order_by("position")] == [True, False]


def test_a_stage_a_report_marked_done_cannot_be_removed(world, make_task, report):
    task = make_task(units=("eco",), stages=[("2022年底前", dt.date(2022, 12, 31))], category="staged",
                     deadline=dt.date(2023, 12, 31))
    report(task, percent=40, stage_done=TaskStage.objects.get(task=task))
    with pytest.raises(ValidationError) as error:
        ledger_actions.update_task(acting_user=world.users["coord"], task=_task(task.pk),
                                   stages=[("2023年6月底前", dt.date(2023, 6, 30))])
    assert "stages" in error.value.message_dict
    assert TaskStage.objects.get(task=task).name == "2022年底前"
