"""The rules a task must satisfy, written once: every page, API call, import
row and command reaches them through the task actions.

- who may change which field (`editable_fields`);
- the five clarities (五明确): problem, target, measures, lead unit, and a
  deadline or a category that implies one;
- the lead unit belongs to the task's division or a level above it; co-units
  to the task's line of divisions (above or below);
- the deadline's text and date agree;
- lengths, progress 0–100, completion date not in the future, no cycles.
"""

import datetime as dt
import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.core.actions import FIRST_DATE, LAST_DATE, dates_of, out_of_range
from ducha.text.deadlines import DeadlineError, parse_deadline

from ..models import Category, Task, TaskState

# Free text longer than this is not a ledger cell but an accident (or an attack): refused, never stored.
TEXT_MAX = 10_000
# The task's dates anyone enters (each within the official range, ducha.core.actions).
TASK_DATES = ("deadline", "completed_on", "started_on")

# What the office (coordinators over the task's division, admins) may change.
OFFICE_FIELDS = frozenset({
    "number", "problem", "target", "measures", "division", "responsible_people", "supervising_leader",
    "supervising_unit", "acceptance_unit", "deadline", "deadline_text", "category", "parent", "progress",
    "progress_note", "completed_on", "units", "domains", "stages", "reported_schedule",
})
# What a responsible unit changes on the task itself: nothing. Its progress is a report of its own
# (ducha.progress: file_report), from which the task's overall figure is derived; its state moves only
# through transitions. The office still sets `progress`/`progress_note` (its edit form, a ledger import).
UNIT_FIELDS = frozenset()
# Fields whose change brings the five clarities back under check on an existing task.
CLARITY_FIELDS = frozenset({"problem", "target", "measures", "units", "deadline", "deadline_text", "category",
                            "stages"})

FIELD_LABELS = {"units": _("责任单位"), "stages": _("阶段时限"), "domains": _("污染领域"), "state": _("整改状态")}


def editable_fields(user, task) -> frozenset:
    """What this user may change on this task: the office everything, anyone else nothing (a responsible
    unit files progress reports instead)."""
    from ducha.core import scoping

    if task.state == TaskState.SIGNED_OFF or task.voided_at is not None:
        return frozenset()
    if scoping.can_in_division(user, scoping.ADD, task.division):
        return OFFICE_FIELDS
    return UNIT_FIELDS if scoping.can(user, scoping.CHANGE, task) else frozenset()


def label(name) -> str:
    if name in FIELD_LABELS:
        return str(FIELD_LABELS[name])
    try:
        return str(Task._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist
        return name


def refuse_fields(names, reason):
    """A refusal naming each field the actor may not change."""
    names = sorted(names)
    return ValidationError({name: [reason % {"field": label(name)}] for name in names})


@functools.cache
def _text_limits():
    """(name, attname, limit) of the task's editable text fields."""
    return tuple((f.name, f.attname, f.max_length if isinstance(f, models.CharField) else TEXT_MAX)
                 for f in Task._meta.concrete_fields
                 if isinstance(f, (models.CharField, models.TextField)) and f.editable)


def _length_errors(task, errors):
    for name, attname, limit in _text_limits():
        value = getattr(task, attname) or ""
        if limit and len(value) > limit:
            errors.setdefault(name, []).append(_("内容过长（%(length)s 字，最多 %(limit)s 字）") % {
                "length": len(value), "limit": limit})


def _on_line(unit_division, task_division) -> bool:
    """Is the unit's division the task's, one above it or one below it?"""
    return task_division.path.startswith(unit_division.path) or unit_division.path.startswith(task_division.path)


def _unit_errors(task, units, errors):
    if not units:
        errors["units"] = [_("至少需要一个责任单位（第一个为牵头单位）。")]
        return
    if len({u.pk for u in units}) != len(units):
        errors["units"] = [_("责任单位重复。")]
    lead = units[0]
    if task.division_id and not task.division.path.startswith(lead.division.path):
        errors.setdefault("units", []).append(_(
            "牵头单位“%(unit)s”须属于任务所属区划%(division)s或其上级。") % {
            "unit": lead.name, "division": task.division.name})
    plan_division = task.plan.division
    outside = [u.name for u in units[1:] if not _on_line(u.division, plan_division)]
    if outside:
        errors.setdefault("units", []).append(_("配合单位不在方案所属区划%(division)s及其上下级范围内：%(units)s。") % {
            "division": plan_division.name, "units": "、".join(outside)})


def _deadline_errors(task, stages, errors):
    if task.category == Category.BY_DEADLINE and task.deadline is None:
        errors["deadline"] = [_("限期整改任务必须有整改时限。")]
    if task.category == Category.STAGED and not stages and task.deadline is None:
        errors["stages"] = [_("分阶段任务需要阶段时限或最终时限。")]
    text = (task.deadline_text or "").strip()
    if not text:
        return
    try:
        read = parse_deadline(text)
    except DeadlineError:
        return  # free wording ("按省里要求") states no date to disagree with
    if read.date is not None and task.deadline is not None and read.date != task.deadline:
        errors.setdefault("deadline_text", []).append(_(
            "时限原文“%(text)s”对应 %(read)s，与整改时限 %(date)s 不一致。") % {
            "text": text, "read": read.date.isoformat(), "date": task.deadline.isoformat()})
    # A date alone fits every category (a staged task's final date); 长期坚持 in the text fits only long-term.
    if read.category == Category.LONG_TERM and task.category != Category.LONG_TERM:
        errors.setdefault("category", []).append(_("时限原文“%(text)s”表明为%(read)s，与整改类别“%(category)s”不一致。") % {
            "text": text, "read": Category(read.category).label, "category": Category(task.category).label})


def _clarity_errors(task, units, problem_text, errors):
    if not problem_text:
        errors.setdefault("problem", []).append(_("缺少问题（五明确之一）。"))
    if not (task.target or "").strip():
        errors.setdefault("target", []).append(_("缺少整改目标（五明确之一）。"))
    if not (task.measures or "").strip():
        errors.setdefault("measures", []).append(_("缺少整改措施（五明确之一）。"))


def check_task(task, units, stages, *, problem_text, clarities=True, today=None, state=None, changed=None):
    """Every rule on one task as it will be: `state`, when given, is the state its transitions will take
    it to (an import row's 整改状态); `changed`, for an edit, names what it changes: the dates' range is
    checked on the dates it writes, so a value stored before a rule existed never blocks an edit of
    something else (an officer's progress cannot fix a deadline it may not change). Raises ValidationError
    {field: [messages]}."""
    errors = {}
    today = today or timezone.localdate()
    if not (task.number or "").strip():
        errors["number"] = [_("缺少序号。")]
    if task.division_id and not task.division.path.startswith(task.plan.division.path):
        errors["division"] = [_("任务所属区划须为方案所属区划%(division)s或其下级。") % {
            "division": task.plan.division.name}]
    _length_errors(task, errors)
    _unit_errors(task, units, errors)
    if clarities:
        _clarity_errors(task, units, problem_text, errors)
        _deadline_errors(task, stages, errors)
    if not 0 <= (task.progress or 0) <= 100:
        errors["progress"] = [_("进度应在 0 到 100 之间。")]
    if (state or task.state) in (TaskState.COMPLETED, TaskState.SIGNED_OFF) and task.progress != 100:
        errors.setdefault("progress", []).append(_("已申报完成或已销号的任务进度应为 100%。"))
    written = [name for name in TASK_DATES if changed is None or name in changed]
    dated = dates_of(Task, {name: getattr(task, name) for name in written}, errors)
    if dated.get("completed_on") is not None and dated["completed_on"] > today:
        errors["completed_on"] = [_("完成日期不能晚于今天。")]
    if task.completed_on is not None and task.state not in (TaskState.COMPLETED, TaskState.SIGNED_OFF):
        errors.setdefault("completed_on", []).append(_("任务尚未申报完成，不能填写完成日期。"))
    for name, due in (stages or ()) if changed is None or "stages" in changed else ():
        if len(name) > 128:
            errors.setdefault("stages", []).append(_("阶段名称过长（最多 128 字）。"))
        if not isinstance(due, dt.date):
            errors.setdefault("stages", []).append(_("阶段时限不是日期。"))
        elif not FIRST_DATE <= due <= LAST_DATE:
            errors.setdefault("stages", []).append(out_of_range(_("阶段时限")))
    if task.parent_id is not None:
        if task.pk is not None and task.parent_id == task.pk:
            errors["parent"] = [_("任务不能是自己的上级任务。")]
    if errors:
        raise ValidationError(errors)
