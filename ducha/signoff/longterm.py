"""The one query helper for signed-off long-term tasks (已完成，长期坚持) and their periodic checks.

A task is under periodic checks when it is signed off (已销号), its latest whole-task sign-off was made
as "已完成，长期坚持" (Application.long_term), and its plan's policy sets an interval (0: none). Its lead
unit reports every `long_term_check_months` months from the sign-off day; the rule is
ducha.schedule.periodic. Registered with ducha.ledger.periodic for the apps below this one.

A report counts on the day it was filed (created_at), not the date it names (reported_on), which a unit
may set in the past: a backdated report does not make up a missed check.
"""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone

from ducha.ledger.models import Task, TaskState
from ducha.progress.models import ProgressReport
from ducha.schedule.periodic import periodic_checks

from .models import AcceptancePolicy, Application, ApplicationState

CHUNK = 900
DEFAULT_MONTHS = AcceptancePolicy._meta.get_field("long_term_check_months").default


def _latest_sign_offs():
    """Whole-task applications that are their signed-off task's latest sign-off."""
    later = Application.objects.filter(task_id=OuterRef("task_id"), state=ApplicationState.SIGNED_OFF,
                                       stage__isnull=True, signed_off_at__gt=OuterRef("signed_off_at"))
    return Application.objects.filter(~Exists(later), state=ApplicationState.SIGNED_OFF, stage__isnull=True,
                                      signed_off_at__isnull=False, task__state=TaskState.SIGNED_OFF)


def under_check(tasks):
    """The tasks of this queryset under periodic checks (one subquery; no rows read here)."""
    kept = (_latest_sign_offs().filter(long_term=True)
            .exclude(task__plan__acceptance_policy__long_term_check_months=0).values("task_id"))
    return tasks.filter(state=TaskState.SIGNED_OFF, pk__in=kept)


def checks(task_ids, as_of=None) -> dict:
    """{task id: Checks as of `as_of`} for the tasks named that are under periodic checks."""
    as_of = as_of or timezone.localdate()
    ids = sorted(set(task_ids))
    found = {}
    for start in range(0, len(ids), CHUNK):
        found.update(_checks_of(ids[start:start + CHUNK], as_of))
    return found


def _checks_of(ids, as_of):
    rows = list(under_check(Task.objects.filter(pk__in=ids)).values_list("pk", "plan_id", "lead_unit_id"))
    if not rows:
        return {}
    signed = dict(_latest_sign_offs().filter(task_id__in=[r[0] for r in rows]).values_list("task_id", "signed_off_at"))
    months = dict(AcceptancePolicy.objects.filter(plan_id__in={r[1] for r in rows})
                  .values_list("plan_id", "long_term_check_months"))
    lead = {pk: unit_id for pk, _plan, unit_id in rows}
    earliest = min(signed.values())
    reports = {}
    for task_id, unit_id, created_at in ProgressReport.objects.filter(
            task_id__in=list(lead), created_at__gt=earliest).order_by().values_list("task_id", "unit_id", "created_at"):
        if unit_id == lead[task_id] and created_at > signed[task_id]:
            reports.setdefault(task_id, []).append(_day(created_at))
    return {pk: periodic_checks(_day(signed[pk]), months.get(plan_id, DEFAULT_MONTHS), reports.get(pk, ()), as_of)
            for pk, plan_id, _unit in rows}


def _day(moment) -> dt.date:
    return timezone.localtime(moment).date()


def for_task(task, as_of=None):
    """The task's Checks, or None when it is not under periodic checks."""
    return checks([task.pk], as_of).get(task.pk)
