"""The overview (总览): counts and charts over the user's own reach."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from ducha.ledger.models import Category, ScheduleState, Task, TaskState, WarningColour
from ducha.ledger.models.tasks import CLOSED_STATES
from ducha.supervision.models import Kind, Supervision
from ducha.revisits.models import Conclusion, Revisit

DUE_SOON_DAYS = 30
LIST_SIZE = 10


def _grouped(queryset, key, limit=None):
    rows = queryset.order_by().values(key).annotate(n=Count("id")).order_by("-n", key)
    return list(rows[:limit] if limit else rows)


@login_required
def overview(request):
    tasks = Task.objects.restrict(request.user)
    today = timezone.localdate()
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    open_ = ~Q(state__in=CLOSED_STATES)
    overdue_q = Q(deadline__lt=today) & open_
    soon_q = Q(deadline__gte=today, deadline__lte=soon) & open_
    totals = tasks.aggregate(
        total=Count("id"), overdue=Count("id", filter=overdue_q), due_soon=Count("id", filter=soon_q),
        # Closed means signed off: a unit's claim (完成整改) awaits acceptance and is counted apart.
        closed=Count("id", filter=Q(state=TaskState.SIGNED_OFF)),
        **{f"state_{s}": Count("id", filter=Q(state=s)) for s in TaskState.values},
        **{f"category_{c}": Count("id", filter=Q(category=c)) for c in Category.values},
        **{f"schedule_{s}": Count("id", filter=Q(schedule_state=s)) for s in ScheduleState.values},
        **{f"warning_{c}": Count("id", filter=Q(warning=c)) for c in WarningColour.values},
    )
    by_state = [(s, label, totals[f"state_{s}"]) for s, label in TaskState.choices]
    by_category = [(c, label, totals[f"category_{c}"]) for c, label in Category.choices]
    by_schedule = [(s, label, totals[f"schedule_{s}"]) for s, label in ScheduleState.choices]
    by_warning = [(c, label, totals[f"warning_{c}"]) for c, label in WarningColour.choices]
    rows = tasks.select_related("lead_unit", "problem", "parent").order_by("deadline", "id")
    by_unit = _grouped(tasks, "lead_unit__name", LIST_SIZE)
    by_division = _grouped(tasks, "division__name")
    charts = {
        "state": {"labels": [str(label) for _, label, _n in by_state], "data": [n for *_, n in by_state],
                  "keys": [s for s, *_ in by_state]},
        "division": {"labels": [r["division__name"] for r in by_division], "data": [r["n"] for r in by_division]},
        "unit": {"labels": [r["lead_unit__name"] for r in by_unit], "data": [r["n"] for r in by_unit]},
    }
    open_flags = Supervision.objects.restrict(request.user).filter(kind=Kind.FLAG, state__in=("open", "replied"))
    return render(request, "overview/overview.html", {
        "totals": totals,
        "flagged_tasks": tasks.filter(supervisions__in=open_flags).distinct().count(),
        "rebound_tasks": tasks.filter(pk__in=Revisit.objects.restrict(request.user).filter(
            conclusion=Conclusion.REBOUND).values("task_id")).count(),
        "closed_rate": round(100 * totals["closed"] / totals["total"]) if totals["total"] else 0,
        "by_state": by_state,
        "by_category": by_category,
        "by_schedule": by_schedule,
        "by_warning": by_warning,
        "by_unit": by_unit,
        "by_division": by_division,
        "charts": charts,
        "overdue": list(rows.filter(overdue_q)[:LIST_SIZE]),
        "due_soon": list(rows.filter(soon_q)[:LIST_SIZE]),
        "soon_until": soon,
        "due_soon_days": DUE_SOON_DAYS,
    })
