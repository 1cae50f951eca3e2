"""The plan's chain of acceptance levels (县级验收 → 市级复核 → 行业主管部门审查 → 省级备案) and each task's
place in it. The first level is the acceptance itself (its signature marks it done); each later level is
marked done by its reviewer unit or the office, in order; a filing level by the filing."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.core import scoping
from ducha.core.roles import Role
from ducha.ledger import workflow as ledger

from ..models import AcceptanceLevel, ApplicationState, TaskLevel
from .steps import clean_day, clean_text


def open_chain(task, start=None):
    """Create the task's rows for its plan's levels (when the application is first submitted), with the
    expected dates counted from `start`."""
    start = start or timezone.localdate()
    have = set(TaskLevel.objects.filter(task=task).values_list("level_id", flat=True))
    expected, rows = start, []
    for level in AcceptanceLevel.objects.filter(plan_id=task.plan_id).order_by("position"):
        expected = expected + dt.timedelta(days=level.expected_days or 0)
        if level.pk not in have:
            rows.append(TaskLevel(task=task, level=level, expected_on=expected if level.expected_days else None))
    TaskLevel.objects.bulk_create(rows)


def mark_first_level(task, user, day):
    first = TaskLevel.objects.filter(task=task, done_on__isnull=True).order_by("level__position").first()
    if first is not None and first.level.position == 0:
        first.done_on, first.done_by = day, user
        first.save(update_fields=["done_on", "done_by"])


def may_complete(user, task, level) -> bool:
    if ledger.is_office(user, task):
        return True
    return bool(user.role == Role.OFFICER and user.is_active and level.reviewer_unit_id
                and user.unit_id == level.reviewer_unit_id)


@transaction.atomic
def complete_level(*, acting_user, task, level, note="", done_on=None):
    """The level's reviewer (or the office) records that the task passed it, after the levels before it."""
    if not scoping.can(acting_user, scoping.VIEW, task):
        raise scoping.refusal(acting_user, scoping.CHANGE, task)
    row = TaskLevel.objects.select_for_update().filter(task=task, level=level).first()
    if row is None:
        raise ValidationError({"level": [_("该任务不在此验收层级链上。")]})
    if not may_complete(acting_user, task, level):
        raise PermissionDenied(_("当前用户不是“%(level)s”的审查单位。") % {"level": level.name})
    if row.done_on:
        raise ValidationError({"level": [_("“%(level)s”已完成。") % {"level": level.name}]})
    if TaskLevel.objects.filter(task=task, level__position__lt=level.position, done_on__isnull=True).exists():
        raise ValidationError({"level": [_("前一层级尚未完成。")]})
    if not task.signoff_applications.filter(state__in=(ApplicationState.SIGNED, ApplicationState.IN_NOTICE,
                                                       ApplicationState.SIGNED_OFF)).exists():
        raise ValidationError({"level": [_("验收意见尚未签署。")]})
    row.done_on = clean_day("done_on", done_on, required=False) or timezone.localdate()
    row.note, row.done_by = clean_text("note", note, limit=2000), acting_user
    row.save()
    audit.record(actor=acting_user, action="signoff.level_done", obj=task,
                 after={"level": level.name, "done_on": str(row.done_on), "note": row.note})
    return row
