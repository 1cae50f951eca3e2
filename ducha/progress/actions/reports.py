"""Filing a progress report (填报进展), and correcting one by filing another that names it.

Who: an active officer of one of the task's responsible units files for their own unit only; the
office (a coordinator over the task's division, an administrator) files on behalf of a named
responsible unit, and the audit entry says so. Not on a voided task, not on a signed-off (已销号) one,
except by the lead unit of a task signed off as long-term (已完成，长期坚持), which keeps reporting for its
periodic checks (ducha.ledger.periodic).
A claimed task (完成整改，待验收) still takes reports (the acceptance reads their evidence), but its
overall progress stays at the 100 % of the claim.

The task's overall progress is the lead unit's latest effective report (ducha.progress.latest); the
report's transaction writes it to the task through ducha.ledger.actions.progress.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.audit.snapshot import snapshot
from ducha.core import scoping
from ducha.core.actions import dates_of, refuse_repeat, text_input
from ducha.core.roles import Role
from ducha.evidence.storing import store_upload
from ducha.ledger import periodic
from ducha.ledger.actions.common import lock_tasks
from ducha.ledger.actions.progress import apply_reported_progress
from ducha.ledger.actions.schedule import refresh_schedule
from ducha.ledger.actions.rules import TEXT_MAX
from ducha.ledger.models import TaskStage, TaskState, TaskUnit

from ..latest import latest_below_full, latest_by_unit
from ..models import ProgressReport, ReportEvidence, ScheduleClaim

FILES_MAX = 20
REASON_MAX = 2000
CAPTION_MAX = 200
# Texts of a report: what a ledger cell holds, not more.
TEXT_LIMITS = {"done": TEXT_MAX, "problems": TEXT_MAX, "next_steps": TEXT_MAX}


def _is_office(user, task):
    return scoping.can_in_division(user, scoping.ADD, task.division)


def units_user_may_file_for(user, task, units=None) -> list:
    """The responsible units this user may file a report for on this task ([] when none); `units`: the
    task's units in order, when the caller has them."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if task.voided_at is not None or (task.state == TaskState.SIGNED_OFF and not periodic.is_under_check(task)):
        return []
    if units is None:
        units = [tu.unit for tu in TaskUnit.objects.filter(task=task).select_related("unit").order_by("position")]
    if task.state == TaskState.SIGNED_OFF:
        units = [u for u in units if u.pk == task.lead_unit_id]
    if _is_office(user, task):
        return units
    if user.role == Role.OFFICER and user.unit_id:
        return [u for u in units if u.pk == user.unit_id]
    return []


def may_file(user, task) -> bool:
    return bool(units_user_may_file_for(user, task))


def _percent(errors, value):
    if isinstance(value, bool) or value in (None, ""):
        errors["percent"] = [_("请填写 0 到 100 之间的整数进度。")]
        return None
    if isinstance(value, str):
        value = value.strip()
        if not (value.isascii() and value.isdigit() and len(value) <= 3):
            errors["percent"] = [_("进度应为 0 到 100 之间的整数。")]
            return None
        value = int(value)
    if not isinstance(value, int) or not 0 <= value <= 100:
        errors["percent"] = [_("进度应为 0 到 100 之间的整数。")]
        return None
    return value


def _texts(errors, **texts):
    found = {}
    for name, value in texts.items():
        try:
            found[name] = text_input(value, name, limit=TEXT_LIMITS.get(name, REASON_MAX))
        except ValidationError as error:
            errors.update(error.message_dict)
    if "done" in found and not found["done"]:
        errors["done"] = [_("请填写本期完成情况。")]
    return found


def _check_dates(errors, reported_on, period_start, period_end):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    if reported_on and reported_on > tomorrow:
        errors.setdefault("reported_on", []).append(_("报告日期不能晚于明天。"))
    if period_start and period_end and period_start > period_end:
        errors.setdefault("period_start", []).append(_("报告期起不能晚于报告期止。"))
    for name, day in (("period_start", period_start), ("period_end", period_end)):
        if day and reported_on and day > reported_on:
            errors.setdefault(name, []).append(_("报告期不能晚于报告日期。"))


def _unit(acting_user, task, unit):
    """The unit the report is for; refuses what the user may not file for."""
    allowed = units_user_may_file_for(acting_user, task)
    if not allowed:
        raise PermissionDenied(_("当前用户无权为该任务填报进展。"))
    if unit is None:
        if _is_office(acting_user, task) and len(allowed) > 1:
            raise ValidationError({"unit": [_("请选择代为填报的责任单位。")]})
        return allowed[0]
    unit_id = getattr(unit, "pk", unit)
    for candidate in allowed:
        if candidate.pk == unit_id:
            return candidate
    if _is_office(acting_user, task):
        raise ValidationError({"unit": [_("该单位不是本任务的责任单位。")]})
    raise PermissionDenied(_("只能为本单位填报进展。"))


def _corrected(errors, task, unit, corrects, reason):
    if corrects is None:
        if reason:
            errors["correction_reason"] = [_("只有更正报告才需要更正原因。")]
        return None
    corrects_id = getattr(corrects, "pk", corrects)
    found = ProgressReport.objects.filter(pk=corrects_id, task=task, unit=unit).first() if isinstance(
        corrects_id, int) else None
    if found is None:
        errors["corrects"] = [_("只能更正本单位在本任务上的报告。")]
        return None
    if found.corrections.exists():
        errors["corrects"] = [_("该报告已被更正过，请更正最新的那份。")]
    if not reason:
        errors["correction_reason"] = [_("更正报告须写明更正原因。")]
    return found


def _evidence(errors, files, captions):
    files = list(files or ())
    captions = list(captions or ())
    if len(files) > FILES_MAX:
        errors["files"] = [_("一次最多上传 %(n)s 个文件。") % {"n": FILES_MAX}]
    if len(captions) > len(files):
        errors["captions"] = [_("说明多于文件。")]
    captions = [str(c or "").strip() for c in captions] + [""] * (len(files) - len(captions))
    if any(len(c) > CAPTION_MAX for c in captions):
        errors["captions"] = [_("文件说明最多 %(n)s 字。") % {"n": CAPTION_MAX}]
    return list(zip(files, captions))


def _refuse_stage_done_before(stage, corrected):
    """A stage is reported done once (another tab, another officer may have done it since the form opened):
    the refusal says who and when, and nothing is filed. A correction of the report that said so may say it
    again."""
    if stage is None or stage.done_on is None or (corrected is not None and corrected.stage_done_id == stage.pk):
        return
    first = (ProgressReport.objects.filter(stage_done=stage).select_related("unit", "author")
             .order_by("created_at", "id").first())
    if first is None:  # marked done another way (the office's edit, an import)
        message = _("阶段“%(stage)s”已于 %(day)s 标记为完成，无需再报。") % {
            "stage": stage.name, "day": f"{stage.done_on:%Y-%m-%d}"}
    else:
        message = _("阶段“%(stage)s”已由%(unit)s %(who)s 于 %(when)s 报为完成（报告日期 %(day)s），无需再报；"
                    "页面打开后任务已有变化，请刷新后再填报。") % {
            "stage": stage.name, "unit": first.unit.name, "who": first.author.get_full_name() or first.author.username,
            "when": f"{timezone.localtime(first.created_at):%Y-%m-%d %H:%M}", "day": f"{first.reported_on:%Y-%m-%d}"}
    raise ValidationError({"stage_done": [message]})


@transaction.atomic
def file_report(*, acting_user, task, reported_on, percent, done, unit=None, period_start=None, period_end=None,
                problems="", next_steps="", schedule_claim="", stage_done=None, corrects=None,
                correction_reason="", files=(), captions=()) -> ProgressReport:
    """File one unit's report on a task (with its evidence files), all or nothing."""
    scoping.require(acting_user, scoping.VIEW, task)
    task = lock_tasks([task.pk])[task.pk]  # reports on one task are filed one at a time
    if task.voided_at is not None:
        raise ValidationError({"task": [_("任务已作废，不能填报进展。")]})
    if task.state == TaskState.SIGNED_OFF and not periodic.is_under_check(task):
        raise ValidationError({"task": [_("任务已销号，不能再填报进展。")]})
    unit = _unit(acting_user, task, unit)
    errors = {}
    dates = dates_of(ProgressReport, {"reported_on": reported_on, "period_start": period_start,
                                      "period_end": period_end}, errors)
    reported_on, period_start, period_end = dates["reported_on"], dates["period_start"], dates["period_end"]
    _check_dates(errors, reported_on, period_start, period_end)
    percent = _percent(errors, percent)
    texts = _texts(errors, done=done, problems=problems, next_steps=next_steps,
                   correction_reason=correction_reason)
    if schedule_claim not in ("", None) and schedule_claim not in ScheduleClaim.values:
        errors["schedule_claim"] = [_("序时进度自评只能是：%(choices)s。") % {
            "choices": "、".join(str(label) for label in ScheduleClaim.labels)}]
    stage = None
    if stage_done not in (None, ""):
        stage_id = getattr(stage_done, "pk", stage_done)
        stage = TaskStage.objects.filter(pk=stage_id, task=task).first() if isinstance(stage_id, int) else None
        if stage is None:
            errors["stage_done"] = [_("该阶段不是本任务的阶段。")]
    corrected = _corrected(errors, task, unit, corrects, texts.get("correction_reason"))
    evidence = _evidence(errors, files, captions)
    if errors:
        raise ValidationError(errors)
    # The same report sent twice (a double click on 提交, the browser resubmitting) is filed once.
    sizes = sorted(upload.size for upload, _caption in evidence)
    refuse_repeat(ProgressReport.objects.filter(
        task=task, unit=unit, author=acting_user, reported_on=reported_on, period_start=period_start,
        period_end=period_end, done=texts["done"], problems=texts["problems"], next_steps=texts["next_steps"],
        percent=percent, schedule_claim=schedule_claim or "", stage_done=stage, corrects=corrected),
        lock=task, same=lambda earlier: sorted(earlier.evidence.values_list("file__size", flat=True)) == sizes)
    _refuse_stage_done_before(stage, corrected)
    report = ProgressReport.objects.create(
        task=task, unit=unit, reported_on=reported_on, period_start=period_start, period_end=period_end,
        done=texts["done"], problems=texts["problems"], next_steps=texts["next_steps"], percent=percent,
        schedule_claim=schedule_claim or "", stage_done=stage, corrects=corrected,
        correction_reason=texts["correction_reason"], author=acting_user)
    stored = []
    for index, (upload, caption) in enumerate(evidence):
        try:
            stored_file = store_upload(upload, acting_user=acting_user)
        except ValidationError as error:
            raise ValidationError({"files": [_("第 %(n)s 个文件：%(msg)s") % {"n": index + 1, "msg": m}
                                             for m in error.messages]}) from None
        if not any(s.pk == stored_file.pk for s in stored):
            ReportEvidence.objects.create(report=report, file=stored_file, caption=caption)
            stored.append(stored_file)
    after = snapshot(report)
    after["evidence"] = [{"file": f.pk, "sha256": f.sha256, "name": f.original_name} for f in stored]
    if unit.pk != getattr(acting_user, "unit_id", None) or acting_user.role != Role.OFFICER:
        after["on_behalf_of"] = unit.name  # the office filed for the unit
    audit.record(actor=acting_user, action="report.correct" if corrected else "report.file", obj=report,
                 after=after)
    _derive(acting_user, task, report, stage)
    return report


def _derive(acting_user, task, report, stage):
    """The task's overall figure: the lead unit's latest effective report."""
    lead_reports = list(ProgressReport.objects.filter(task=task, unit_id=task.lead_unit_id))
    lead = latest_by_unit(lead_reports).get((task.pk, task.lead_unit_id))
    changes = {}
    if lead is not None and lead.pk == report.pk:
        changes = {"percent": lead.percent, "note": lead.done}
    apply_reported_progress(acting_user=acting_user, task=task, reported_on=report.reported_on, stage=stage,
                            starts=report.percent > 0, report_id=report.pk, **changes)
    # The report may move the task's scheduled progress (its figure, a stage done): judge it again now.
    refresh_schedule(task_ids=[task.pk])


def lead_figure_below_full(task):
    """(percent, report id) of the lead unit's latest effective report below 100 %, or None: the figure of a
    task sent back to rectification (registered with ducha.ledger.actions.progress)."""
    reports = ProgressReport.objects.filter(task=task, unit_id=task.lead_unit_id)
    report = latest_below_full(reports).get((task.pk, task.lead_unit_id))
    return None if report is None else (report.percent, report.pk)
