"""Void (作废), not delete: a wrongly imported plan or task is hidden from every list and count,
kept with its history, and can be restored. Only the office over its division may void or restore,
always with a reason."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.core import scoping
from ducha.core.actions import check_version
from ducha.db.bulk import update_rows

from ..models import Plan, Task
from .common import chunks

REASON_MAX = 2000


def _reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("请写明作废或恢复的理由。")]})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": [_("理由过长（最多 %(n)s 字）。") % {"n": REASON_MAX}]})
    return reason


def _require_office(user, obj):
    if not scoping.can_in_division(user, scoping.ADD, obj.division):
        raise scoping.refusal(user, scoping.CHANGE, obj)


def _mark(tasks, voided_at, reason, with_plan):
    now = timezone.now()
    for task in tasks:
        task.voided_at, task.void_reason, task.voided_with_plan = voided_at, reason, with_plan
        task.version += 1
        task.updated_at = now
    columns = ["voided_at", "void_reason", "voided_with_plan", "version", "updated_at"]
    update_rows(Task, columns, [(t.pk, *(getattr(t, c) for c in columns)) for t in tasks])


def _entries(objects, event, reason):
    return [{"action": event, "obj": o, "after": {"reason": reason, "version": o.version}} for o in objects]


@transaction.atomic
def void_task(*, acting_user, task, reason, version=None) -> Task:
    reason = _reason(reason)
    task = Task.objects.select_for_update().select_related("division").get(pk=task.pk)
    _require_office(acting_user, task)
    check_version(task, version)
    if task.voided_at is not None:
        raise ValidationError({"reason": [_("该任务已作废。")]})
    _mark([task], timezone.now(), reason, False)
    audit.record_many(acting_user, _entries([task], "task.void", reason))
    return task


@transaction.atomic
def restore_task(*, acting_user, task, reason) -> Task:
    reason = _reason(reason)
    task = Task.objects.select_for_update().select_related("division", "plan").get(pk=task.pk)
    _require_office(acting_user, task)
    if task.voided_at is None:
        raise ValidationError({"reason": [_("该任务未作废。")]})
    if task.plan.voided_at is not None:
        raise ValidationError({"reason": [_("所属方案已作废，请先恢复方案。")]})
    _mark([task], None, "", False)
    audit.record_many(acting_user, _entries([task], "task.restore", reason))
    return task


@transaction.atomic
def void_plan(*, acting_user, plan, reason, version=None) -> Plan:
    """The plan and its live tasks, which come back when the plan is restored."""
    reason = _reason(reason)
    plan = Plan.objects.select_for_update().select_related("division").get(pk=plan.pk)
    _require_office(acting_user, plan)
    check_version(plan, version)
    if plan.voided_at is not None:
        raise ValidationError({"reason": [_("该方案已作废。")]})
    now = timezone.now()
    plan.voided_at, plan.void_reason, plan.version = now, reason, plan.version + 1
    plan.save(update_fields=["voided_at", "void_reason", "version"])
    tasks = list(Task.objects.filter(plan=plan, voided_at__isnull=True))
    _mark(tasks, now, reason, True)
    audit.record_many(acting_user, _entries([plan], "plan.void", reason) + _entries(tasks, "task.void", reason))
    return plan


@transaction.atomic
def restore_plan(*, acting_user, plan, reason) -> Plan:
    reason = _reason(reason)
    plan = Plan.objects.select_for_update().select_related("division").get(pk=plan.pk)
    _require_office(acting_user, plan)
    if plan.voided_at is None:
        raise ValidationError({"reason": [_("该方案未作废。")]})
    plan.voided_at, plan.void_reason, plan.version = None, "", plan.version + 1
    plan.save(update_fields=["voided_at", "void_reason", "version"])
    tasks = []
    for chunk in chunks(Task.objects.filter(plan=plan, voided_with_plan=True).values_list("pk", flat=True)):
        tasks += list(Task.objects.filter(pk__in=chunk))
    _mark(tasks, None, "", False)
    audit.record_many(acting_user, _entries([plan], "plan.restore", reason) + _entries(tasks, "task.restore", reason))
    return plan
