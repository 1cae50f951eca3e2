"""Revisit actions: plan one (on demand, or prompted by a complaint case), record the visit (巩固 or 反弹),
cancel it, set a plan's interval, and the daily job that plans the scheduled ones.

A rebound, in the recording's one transaction: the task is reopened through the ledger's declared
`reopen` transition (its sign-off stays in the audit trail and the chronicle: a new cycle begins), an
accountability referral is opened, and the task's units and the office are notified after commit.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.accountability.actions import open_referral
from ducha.accountability.models import ReferralSource
from ducha.audit import services as audit
from ducha.core import scoping
from ducha.core.actions import date_input, require_in_reach
from ducha.core.roles import Role
from ducha.evidence.storing import store_upload
from ducha.jurisdictions.models import User
from ducha.ledger.actions.transitions import transition_task
from ducha.ledger.models import Plan, Task, TaskState
from ducha.ledger.workflow import is_office
from ducha.notifications.sending import notify

from ..models import Conclusion, Revisit, RevisitKind, RevisitPhoto, RevisitSchedule, RevisitState
from ..workflow import REVISIT_WORKFLOW
from .dates import next_due

TEXT_MAX = 10_000
PHOTOS_MAX = 20
# The daily job plans a revisit this many days before it is due, so it shows in my-work in time.
LOOKAHEAD_DAYS = 30


def _text(value, field, label, *, required=True, limit=TEXT_MAX):
    value = (value or "").strip() if isinstance(value, str) or value is None else None
    if value is None:
        raise ValidationError({field: [_("应为文本。")]})
    if required and not value:
        raise ValidationError({field: [_("请填写%(label)s。") % {"label": label}]})
    if len(value) > limit:
        raise ValidationError({field: [_("%(label)s过长（最多 %(n)s 字）。") % {"label": label, "n": limit}]})
    return value


def _date(value, field, label):
    return date_input(value, field, label=label, required=True)


def _require_office(acting_user, task):
    if acting_user is None:
        return
    if not scoping.can(acting_user, scoping.VIEW, task):
        raise scoping.refusal(acting_user, scoping.VIEW, task)
    if not is_office(acting_user, task):
        raise PermissionDenied(_("只有任务所在区划的整改办可以安排和记录回头看。"))


def _snapshot(revisit):
    return {"task": revisit.task_id, "kind": revisit.kind, "state": revisit.state, "due_on": str(revisit.due_on),
            "visited_on": str(revisit.visited_on or ""), "people": revisit.people, "findings": revisit.findings,
            "conclusion": revisit.conclusion, "photos": list(revisit.photos.values_list("file__sha256", flat=True))}


@transaction.atomic
def plan_revisit(*, acting_user, task, due_on=None, kind=RevisitKind.ON_DEMAND, reason="") -> Revisit:
    """A planned revisit of a signed-off task (on demand, or because a complaint case names its site)."""
    task_id = task.pk if isinstance(task, Task) else task
    found = Task.objects.filter(pk=task_id, voided_at__isnull=True).select_related("division")
    task = (scoping.restrict(found, acting_user, scoping.VIEW) if acting_user is not None else found).first()
    if task is None:  # unknown, or out of the user's reach: the same answer
        raise ValidationError({"task": [_("任务不存在或不在您的管辖范围内。")]})
    _require_office(acting_user, task)
    if kind not in RevisitKind.values:
        raise ValidationError({"kind": [_("类型无效。")]})
    if task.state != TaskState.SIGNED_OFF:
        raise ValidationError({"task": [_("只有已销号的任务才开展回头看（当前：%(state)s）。") % {
            "state": task.get_state_display()}]})
    if Revisit.objects.filter(task=task, state=RevisitState.PLANNED).exists():
        raise ValidationError({"task": [_("该任务已有待开展的回头看。")]})
    due_on = _date(due_on or timezone.localdate(), "due_on", _("应开展日期"))
    reason = _text(reason, "reason", _("缘由"), required=kind != RevisitKind.SCHEDULED, limit=2000)
    revisit = Revisit.objects.create(task=task, kind=kind, due_on=due_on, reason=reason, created_by=acting_user)
    audit.record(actor=acting_user, action="revisit.plan", obj=revisit, after=_snapshot(revisit))
    require_in_reach(acting_user, Revisit, [revisit.pk], action=scoping.CHANGE)
    return revisit


def refusal(acting_user, revisit, name):
    """Why the user may not take transition `name` on the revisit as it is now (the exception to raise), or
    None when they may. Pages ask it to offer a form, and to answer one sent from a stale page."""
    if acting_user is not None and not scoping.can(acting_user, scoping.VIEW, revisit):
        return scoping.refusal(acting_user, scoping.VIEW, revisit)
    transition = REVISIT_WORKFLOW.get(name)
    if revisit.state not in transition.sources:
        return ValidationError({"state": [_("回头看当前为“%(state)s”，不能%(action)s。") % {
            "state": revisit.get_state_display(), "action": transition.label}]})
    if acting_user is not None and not transition.who(acting_user, revisit):
        return PermissionDenied(_("只有任务所在区划的整改办可以%(action)s。") % {"action": transition.label})
    return None


def _lock(acting_user, revisit, name):
    revisit = Revisit.objects.select_for_update().select_related("task", "task__division").get(pk=revisit.pk)
    error = refusal(acting_user, revisit, name)
    if error is not None:
        raise error
    return revisit, REVISIT_WORKFLOW.get(name)


def _recipients(task):
    unit_ids = list(task.task_units.values_list("unit_id", flat=True))
    codes = [c for c in task.division.path.split("/") if c]
    officers = User.objects.filter(unit_id__in=unit_ids, role=Role.OFFICER, is_active=True)
    office = User.objects.filter(role=Role.COORDINATOR, is_active=True, scope__code__in=codes)
    return list(officers) + list(office)


@transaction.atomic
def record_revisit(*, acting_user, revisit, visited_on, people, findings, conclusion, photos=()) -> Revisit:
    """The visit: date, people, findings, photos (stored through ducha.evidence) and the conclusion."""
    revisit, transition = _lock(acting_user, revisit, "record")
    before = _snapshot(revisit)
    visited_on = _date(visited_on, "visited_on", _("回头看日期"))
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": [_("回头看日期不能晚于今天。")]})
    people = _text(people, "people", _("参加人员"), limit=1000)
    findings = _text(findings, "findings", _("发现情况"))
    if conclusion not in Conclusion.values:
        raise ValidationError({"conclusion": [_("请选择结论：巩固或反弹。")]})
    photos = list(photos or [])
    if len(photos) > PHOTOS_MAX:
        raise ValidationError({"photos": [_("最多上传 %(n)s 张照片。") % {"n": PHOTOS_MAX}]})
    REVISIT_WORKFLOW.apply(transition, revisit)
    revisit.visited_on, revisit.people, revisit.findings, revisit.conclusion = visited_on, people, findings, conclusion
    revisit.recorded_by, revisit.recorded_at = acting_user, timezone.now()
    for upload in photos:
        RevisitPhoto.objects.create(revisit=revisit, file=store_upload(upload, acting_user=acting_user))
    task = revisit.task
    if conclusion == Conclusion.REBOUND:
        reason = _("回头看发现问题反弹（%(day)s）：%(findings)s") % {"day": visited_on, "findings": findings[:500]}
        if task.state == TaskState.SIGNED_OFF:
            transition_task(acting_user=acting_user, task=task, name="reopen", reason=reason)
        revisit.referral = open_referral(acting_user=acting_user, task=task, reason=reason,
                                         source=ReferralSource.REVISIT, source_ref=f"revisits.revisit:{revisit.pk}")
    revisit.save()
    audit.record(actor=acting_user, action="revisit.record", obj=revisit, before=before, after=_snapshot(revisit))
    require_in_reach(acting_user, Revisit, [revisit.pk], action=scoping.CHANGE)
    if conclusion == Conclusion.REBOUND:
        # notify() writes after commit: nobody hears of a rebound that was rolled back.
        notify(_recipients(task), kind="revisit.rebound",
               title=_("回头看发现反弹：%(number)s") % {"number": task.number},
               body=findings[:1000], url=reverse("revisits:detail", args=[revisit.pk]), obj=task)
    return revisit


@transaction.atomic
def cancel_revisit(*, acting_user, revisit, reason) -> Revisit:
    revisit, transition = _lock(acting_user, revisit, "cancel")
    before = _snapshot(revisit)
    reason = _text(reason, "reason", _("取消理由"), limit=2000)
    REVISIT_WORKFLOW.apply(transition, revisit)
    revisit.reason = (revisit.reason + "\n" if revisit.reason else "") + _("取消：") + reason
    revisit.save(update_fields=["state", "reason"])
    audit.record(actor=acting_user, action="revisit.cancel", obj=revisit, before=before,
                 after={**_snapshot(revisit), "reason": reason})
    return revisit


@transaction.atomic
def set_interval(*, acting_user, plan, interval_months) -> RevisitSchedule:
    """A plan's revisit interval in months (1–60), by the office over the plan's division."""
    if acting_user is not None and not scoping.can_in_division(acting_user, scoping.ADD, plan.division):
        raise PermissionDenied(_("只有方案所在区划的整改办可以设置回头看周期。"))
    if not isinstance(interval_months, int) or not 1 <= interval_months <= 60:
        raise ValidationError({"interval_months": [_("回头看间隔应为 1–60 个月。")]})
    schedule, _created = RevisitSchedule.objects.get_or_create(plan=plan)
    before = {"interval_months": schedule.interval_months}
    schedule.interval_months = interval_months
    schedule.save()
    audit.record(actor=acting_user, action="revisit.schedule", obj=plan, before=before,
                 after={"interval_months": interval_months})
    return schedule


def create_due_revisits(today=None) -> int:
    """The daily job: a planned revisit for every signed-off task due within LOOKAHEAD_DAYS (idempotent)."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=LOOKAHEAD_DAYS)
    made = 0
    tasks = Task.objects.filter(state=TaskState.SIGNED_OFF, voided_at__isnull=True).only("pk", "plan_id")
    ids = list(tasks.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        chunk = list(Task.objects.filter(pk__in=ids[start:start + 500]).only("pk", "plan_id", "division_id"))
        due = {task: day for task, day in next_due(chunk).items() if day <= horizon}
        with transaction.atomic():
            for task, day in due.items():
                revisit = Revisit.objects.create(task=task, kind=RevisitKind.SCHEDULED, due_on=day)
                audit.record(actor=None, action="revisit.plan", obj=revisit, after=_snapshot(revisit))
                made += 1
    return made
