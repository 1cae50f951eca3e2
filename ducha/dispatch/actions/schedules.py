"""Repeating rounds: a schedule, and the daily job that opens its rounds (never the same one twice)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.core import scoping
from ducha.ledger.models import Plan

from ..models import Kind, Round, RoundSchedule, schedule_opens_on
from .rounds import open_round

MAX_DUE_AFTER = 60
# How far back the period of a scheduled round reaches.
PERIOD_DAYS = {Kind.WEEKLY: 7, Kind.HALF_MONTHLY: 15, Kind.MONTHLY: 30}


def _snapshot(schedule):
    return {"plan": schedule.plan_id, "kind": schedule.kind, "weekday": schedule.weekday,
            "day_of_month": schedule.day_of_month, "due_after_days": schedule.due_after_days,
            "active": schedule.active}


def _validate(kind, weekday, day_of_month, due_after_days):
    errors = {}
    if kind == Kind.WEEKLY:
        if weekday is None or not 0 <= weekday <= 6:
            errors["weekday"] = [_("周调度请选择星期（0 为周一，6 为周日）。")]
    elif kind in (Kind.MONTHLY, Kind.HALF_MONTHLY):
        last = 28 if kind == Kind.MONTHLY else 13
        if day_of_month is None or not 1 <= day_of_month <= last:
            errors["day_of_month"] = [_("请填写 1 到 %(last)s 之间的日期。") % {"last": last}]
    else:
        errors["kind"] = [_("定期调度只能是周调度、半月调度或月调度。")]
    if due_after_days is None or not 1 <= due_after_days <= MAX_DUE_AFTER:
        errors["due_after_days"] = [_("截止天数应为 1 到 %(max)s。") % {"max": MAX_DUE_AFTER}]
    if errors:
        raise ValidationError(errors)


def _refuse_twin(schedule):
    """An active twin (the form sent twice, a stopped copy restarted) would open every round twice. The
    plan's row lock makes two requests at once check one after the other."""
    list(Plan.objects.select_for_update().filter(pk=schedule.plan_id).values_list("pk", flat=True))
    twins = RoundSchedule.objects.filter(plan_id=schedule.plan_id, kind=schedule.kind, weekday=schedule.weekday,
                                         day_of_month=schedule.day_of_month, active=True).exclude(pk=schedule.pk)
    if twins.exists():
        raise ValidationError({"kind": [_("已有相同的定期调度（同一方案、类型和日期）在启用中。")]})


@transaction.atomic
def create_schedule(*, acting_user, plan, kind, weekday=None, day_of_month=None, due_after_days=3):
    scoping.require(acting_user, scoping.VIEW, plan)
    if not scoping.can_in_division(acting_user, scoping.ADD, plan.division):
        raise scoping.refusal(acting_user, scoping.ADD, plan)
    _validate(kind, weekday, day_of_month, due_after_days)
    weekday, day_of_month = (weekday, None) if kind == Kind.WEEKLY else (None, day_of_month)
    _refuse_twin(RoundSchedule(plan=plan, kind=kind, weekday=weekday, day_of_month=day_of_month))
    schedule = RoundSchedule.objects.create(
        plan=plan, kind=kind, weekday=weekday, day_of_month=day_of_month, due_after_days=due_after_days,
        created_by=acting_user)
    audit.record(actor=acting_user, action="round_schedule.create", obj=schedule, after=_snapshot(schedule),
                 scope_path=plan.division.path)
    return schedule


@transaction.atomic
def set_schedule_active(*, acting_user, schedule, active):
    """Start or stop a schedule. Asked for the state it already has (a button pressed on a page that was
    stale: someone else stopped or started it meanwhile), nothing changes and the refusal says so."""
    schedule = RoundSchedule.objects.select_for_update().get(pk=schedule.pk)
    scoping.require(acting_user, scoping.CHANGE, schedule)
    if schedule.active == bool(active):
        raise ValidationError({"active": [_("该定期调度已启用，未更改。") if schedule.active
                                          else _("该定期调度已停用，未更改。")]})
    if active:
        _refuse_twin(schedule)
    before = _snapshot(schedule)
    schedule.active = bool(active)
    schedule.save(update_fields=["active"])
    audit.record(actor=acting_user, action="round_schedule.change", obj=schedule, before=before,
                 after=_snapshot(schedule), scope_path=schedule.plan.division.path)
    return schedule


def _due(today, days):
    """The due moment: the end of the working day (17:30 local), `days` after today."""
    moment = dt.datetime.combine(today + dt.timedelta(days=days), dt.time(17, 30))
    return timezone.make_aware(moment)


def open_scheduled_rounds(today=None, now=None):
    """The daily job: open today's round of every active schedule that has none yet. Idempotent: a second
    run the same day finds each round opened (and the database refuses a duplicate outright).
    Returns the rounds opened."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    opened = []
    for schedule in RoundSchedule.objects.filter(active=True, plan__voided_at__isnull=True).select_related(
            "plan", "plan__division"):
        if not schedule_opens_on(schedule.kind, schedule.weekday, schedule.day_of_month, today):
            continue
        if Round.objects.filter(schedule=schedule, scheduled_on=today).exists():
            continue
        try:
            opened.append(open_round(
                acting_user=None, plan=schedule.plan, kind=schedule.kind, due_at=_due(today, schedule.due_after_days),
                period_start=today - dt.timedelta(days=PERIOD_DAYS[schedule.kind]),
                period_end=today - dt.timedelta(days=1), now=now, schedule=schedule, scheduled_on=today))
        except IntegrityError:  # another worker opened it meanwhile
            continue
        except ValidationError:  # the plan has no open task left: nothing to ask for
            continue
    return opened
