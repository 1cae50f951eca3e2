"""When a signed-off task is next due for a revisit."""

import datetime as dt

from django.utils import timezone

from ducha.audit.models import AuditEntry
from ducha.schedule.periodic import add_months

from ..models import DEFAULT_INTERVAL_MONTHS, Conclusion, Revisit, RevisitSchedule, RevisitState


def signed_off_on(task_ids) -> dict:
    """Task id -> the date of its latest sign-off (from the audit trail of the declared transition)."""
    found = {}
    entries = AuditEntry.objects.filter(object_type="ledger.task", action="task.sign_off",
                                        object_id__in=[str(pk) for pk in task_ids]).values_list("object_id", "created_at")
    for object_id, at in entries:
        day = timezone.localtime(at).date()
        found[int(object_id)] = max(found.get(int(object_id), day), day)
    return found


def interval_of(plan_id) -> int:
    row = RevisitSchedule.objects.filter(plan_id=plan_id).values_list("interval_months", flat=True).first()
    return row or DEFAULT_INTERVAL_MONTHS


def next_due(tasks) -> dict:
    """Task -> the date its next scheduled revisit is due: the interval after its sign-off or its last
    consolidated revisit, whichever is later. Tasks with a planned revisit are left out."""
    tasks = list(tasks)
    ids = [t.pk for t in tasks]
    planned = set(Revisit.objects.filter(task_id__in=ids, state=RevisitState.PLANNED).values_list("task_id", flat=True))
    signed = signed_off_on(ids)
    last_visit = {}
    for task_id, day in Revisit.objects.filter(task_id__in=ids, state=RevisitState.DONE,
                                               conclusion=Conclusion.CONSOLIDATED).values_list("task_id", "visited_on"):
        last_visit[task_id] = max(last_visit.get(task_id, day), day)
    intervals = {}
    due = {}
    for task in tasks:
        if task.pk in planned or task.pk not in signed:
            continue
        start = max(signed[task.pk], last_visit.get(task.pk, signed[task.pk]))
        if task.plan_id not in intervals:
            intervals[task.plan_id] = interval_of(task.plan_id)
        due[task] = add_months(start, intervals[task.plan_id])
    return due
