"""The office decides each proposal: confirm it, or override it with another colour and a reason.

Deciding writes the warning's state and colour, the task's current colour (Task.warning, unless a
later month is already decided), the consequences the rules attach (two yellows on a task → 专函督办,
red → 约谈; points for the scoring), one audit entry per warning, and notifies the lead unit's
officers after commit. All or nothing: a batch with one refusal writes nothing.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.core import scoping
from ducha.core.actions import BatchErrors, check_version
from ducha.core.roles import Role
from ducha.db.bulk import update_rows
from ducha.jurisdictions.models import User
from ducha.ledger.models import Task, WarningColour
from ducha.notifications.sending import notify
from ducha.supervision.actions import create_supervision
from ducha.supervision.models import Kind as SupervisionKind

from ..models import Consequence, ConsequenceKind, TaskWarning, WarningRules, WarningState
from ..workflow import WARNING_WORKFLOW
from .months import parse_month

REASON_MAX = 2000
_SNAPSHOT = ("state", "proposed", "colour", "override_reason", "decided_by_id", "version")


@dataclass
class Decision:
    warning: TaskWarning
    transition: str  # "confirm" or "override"
    colour: str = ""
    reason: str = ""
    version: int | None = None


def _snapshot(warning):
    data = {name: getattr(warning, name) for name in _SNAPSHOT}
    data["month"] = warning.month.isoformat()
    data["task"] = warning.task_id
    return data


def _check(acting_user, decision, warning):
    """Raise the refusal of one decision, or set its outcome on `warning` (not saved)."""
    transition = WARNING_WORKFLOW.get(decision.transition)
    if transition is None:
        raise ValidationError({"transition": [_("未知的操作“%(name)s”。") % {"name": decision.transition}]})
    if not transition.who(acting_user, warning):
        raise PermissionDenied(_("只有该任务所属地区的整改办可以确认或改定预警。"))
    check_version(warning, decision.version)
    if warning.state not in transition.sources:
        raise ValidationError({"state": [_("该预警%(state)s，不能再次处理。") % {
            "state": warning.get_state_display()}]})
    colour, reason = warning.proposed, (decision.reason or "").strip()
    if decision.transition == "override":
        colour = decision.colour
        if colour not in WarningColour.values:
            raise ValidationError({"colour": [_("请选择蓝签、黄牌或红灯。")]})
        if colour == warning.proposed:
            raise ValidationError({"colour": [_("改定的颜色与系统提议相同，请直接确认。")]})
        if not reason:
            raise ValidationError({"reason": [_("改定预警须写明理由。")]})
        if len(reason) > REASON_MAX:
            raise ValidationError({"reason": [_("理由过长（最多 %(n)s 字）。") % {"n": REASON_MAX}]})
    WARNING_WORKFLOW.apply(transition, warning)
    warning.colour, warning.override_reason = colour, reason if decision.transition == "override" else ""


@transaction.atomic
def decide_warnings(*, acting_user, decisions) -> list[TaskWarning]:
    decisions = list(decisions)
    ids = [d.warning.pk for d in decisions]
    locked = TaskWarning.objects.select_for_update().in_bulk(ids)
    visible = set()
    for start in range(0, len(ids), 900):
        visible.update(TaskWarning.objects.restrict(acting_user, scoping.VIEW).filter(
            pk__in=ids[start:start + 900]).values_list("pk", flat=True))
    tasks = Task.objects.select_related("division", "lead_unit").in_bulk({w.task_id for w in locked.values()})
    errors, written = [], []
    now = timezone.now()
    for index, decision in enumerate(decisions):
        warning = locked.get(decision.warning.pk)
        if warning is None or warning.pk not in visible:
            errors.append((index, scoping.refusal(acting_user, scoping.VIEW, decision.warning)))
            continue
        warning.task = tasks[warning.task_id]
        before = _snapshot(warning)
        try:
            _check(acting_user, decision, warning)
        except (ValidationError, PermissionDenied) as error:
            errors.append((index, error))
            continue
        warning.decided_by, warning.decided_at, warning.version = acting_user, now, warning.version + 1
        written.append((decision, warning, before))
    if errors:
        raise BatchErrors(errors)
    if not written:
        return []
    update_rows(TaskWarning, ["state", "colour", "override_reason", "decided_by_id", "decided_at", "version"],
                [(w.pk, w.state, w.colour, w.override_reason, w.decided_by.pk, now, w.version)
                 for _d, w, _b in written])
    warnings = [w for _d, w, _b in written]
    _set_task_colours(warnings)
    consequences = _consequences(warnings)
    audit.record_many(acting_user, [
        {"action": f"warning.{d.transition}", "obj": w, "before": before, "scope_path": w.task.division.path,
         "after": _snapshot(w) | {"consequences": consequences.get(w.pk, [])}}
        for d, w, before in written])
    _notify(warnings)
    return warnings


def _set_task_colours(warnings):
    """Task.warning is the colour of the task's latest decided month."""
    latest = {}
    for w in warnings:
        if w.task_id not in latest or w.month > latest[w.task_id].month:
            latest[w.task_id] = w
    newer = set(TaskWarning.objects.filter(task_id__in=list(latest), state__in=[
        WarningState.CONFIRMED, WarningState.OVERRIDDEN]).values_list("task_id", "month"))
    rows = [(task_id, w.colour) for task_id, w in latest.items()
            if not any(t == task_id and m > w.month for t, m in newer)]
    update_rows(Task, ["warning"], rows)


def _consequences(warnings):
    """Create what the rules attach to these decided warnings; {warning id: [consequence codes]}."""
    rules = WarningRules.current()
    made = {}
    yellow_tasks = {w.task_id: w.task for w in warnings if w.colour == WarningColour.YELLOW}
    for w in warnings:
        if w.colour == WarningColour.RED:
            kind = ConsequenceKind.INTERVIEW if rules.red_interview else ConsequenceKind.DEDUCTION
            c = Consequence.objects.create(task=w.task, unit=w.task.lead_unit, kind=kind, points=rules.red_points,
                                           month=w.month)
            c.warnings.add(w)
            if kind == ConsequenceKind.INTERVIEW:
                _draft_supervision(c, SupervisionKind.INTERVIEW, rules, [w])
            made.setdefault(w.pk, []).append(kind)
    if yellow_tasks:
        # Decided yellows not yet counted into a letter, oldest first; every `yellows_for_letter` make one.
        counted = set(Consequence.warnings.through.objects.filter(
            consequence__kind=ConsequenceKind.LETTER, taskwarning__task_id__in=list(yellow_tasks)).values_list(
            "taskwarning_id", flat=True))
        pending = {}
        for w in TaskWarning.objects.filter(task_id__in=list(yellow_tasks), colour=WarningColour.YELLOW, state__in=[
                WarningState.CONFIRMED, WarningState.OVERRIDDEN]).order_by("month", "id"):
            if w.pk not in counted:
                pending.setdefault(w.task_id, []).append(w)
        for task_id, ws in pending.items():
            while len(ws) >= rules.yellows_for_letter:
                group, ws = ws[:rules.yellows_for_letter], ws[rules.yellows_for_letter:]
                task = yellow_tasks[task_id]
                c = Consequence.objects.create(task=task, unit=task.lead_unit, kind=ConsequenceKind.LETTER,
                                               points=rules.letter_points, month=group[-1].month)
                c.warnings.add(*group)
                _draft_supervision(c, SupervisionKind.LETTER, rules, group)
                made.setdefault(group[-1].pk, []).append(ConsequenceKind.LETTER.value)
    return made


def _draft_supervision(consequence, kind, rules, warnings):
    """The rules' consequence as a supervision record in draft, addressed to the lead unit, for the office
    to check and issue (the system drafts it; the office decides). Linked from the consequence."""
    task = consequence.task
    months = "、".join(f"{w.month.year}年{w.month.month}月" for w in warnings)
    colour = warnings[-1].get_colour_display()
    reason = _("任务%(number)s于%(months)s被%(colour)s预警（预警规则）。") % {
        "number": task.number, "months": months, "colour": colour}
    if kind == SupervisionKind.LETTER:
        required = _("请于回复期限前书面报告任务%(number)s滞后原因、整改措施和完成时间。") % {"number": task.number}
    else:
        required = _("约谈责任单位主要负责同志，说明任务%(number)s难以按期完成的原因及整改承诺。") % {
            "number": task.number}
    record = create_supervision(
        acting_user=None, kind=kind, unit=task.lead_unit, tasks=[task], required=required, reason=reason,
        reply_by=timezone.localdate() + dt.timedelta(days=rules.reply_days))
    consequence.supervision = record
    consequence.save(update_fields=["supervision"])


def _notify(warnings):
    units = {w.task.lead_unit_id for w in warnings}
    officers = {}
    for user in User.objects.filter(role=Role.OFFICER, unit_id__in=units, is_active=True):
        officers.setdefault(user.unit_id, []).append(user)
    for w in warnings:
        recipients = officers.get(w.task.lead_unit_id, [])
        if not recipients:
            continue
        notify(recipients, kind="warning",
               title=_("%(month)s 预警：%(colour)s（%(task)s）") % {
                   "month": w.month.strftime("%Y-%m"), "colour": w.get_colour_display(),
                   "task": w.task.display_number},
               body=w.override_reason or w.reasons, url=reverse("ledger:task_detail", args=[w.task_id]), obj=w.task)


def _one(acting_user, decision):
    try:
        return decide_warnings(acting_user=acting_user, decisions=[decision])[0]
    except BatchErrors as errors:
        raise errors.first() from None


def confirm_warning(*, acting_user, warning, version=None) -> TaskWarning:
    return _one(acting_user, Decision(warning, "confirm", version=version))


def override_warning(*, acting_user, warning, colour, reason, version=None) -> TaskWarning:
    return _one(acting_user, Decision(warning, "override", colour=colour, reason=reason, version=version))


def _pending_blue(acting_user, month):
    # A task voided since the proposal is out of the month's list (restrict): not the office's to confirm.
    return TaskWarning.objects.restrict(acting_user, scoping.ADD).filter(
        month=month, state=WarningState.PROPOSED, proposed=WarningColour.BLUE).order_by("id")


def _token(rows):
    return hashlib.sha256(",".join(f"{pk}-{version}" for pk, version in rows).encode()).hexdigest()[:16]


def blue_seen(*, acting_user, month) -> str:
    """What a page shows of the month's undecided blue proposals (which, at which version), as a short token
    its 确认全部蓝签 sends back to confirm_blue."""
    return _token(_pending_blue(acting_user, parse_month(month)).values_list("pk", "version"))


def confirm_blue(*, acting_user, month, seen=None) -> int:
    """Confirm every undecided blue proposal of the month the user may decide, in one go. `seen` (blue_seen
    of the page the user read): refused when the proposals changed since. The proposals are read once: the
    token is checked against the very rows confirmed, each at the version read."""
    month = parse_month(month)
    if not scoping.role_allows(acting_user, scoping.ADD):
        raise PermissionDenied(_("只有整改办可以确认预警。"))
    pending = list(_pending_blue(acting_user, month))
    if seen is not None and seen != _token((w.pk, w.version) for w in pending):
        raise ValidationError({"seen": [_("本月提议已更新（蓝签有增减或改变），请刷新页面核对后再确认。")]})
    try:
        return len(decide_warnings(acting_user=acting_user,
                                   decisions=[Decision(w, "confirm", version=w.version) for w in pending]))
    except BatchErrors as errors:  # one refused (decided meanwhile): nothing written, and the page says why
        raise errors.first() from None
