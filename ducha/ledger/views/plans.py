"""Rectification plans: the list and one plan with its top-level tasks."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from ducha.ledger.models import Plan, Task, TaskState

from .common import for_table, state_counts


@login_required
def plan_list(request):
    plans = list(Plan.objects.restrict(request.user).select_related("division", "inspection"))
    counts = {}
    rows = (Task.objects.restrict(request.user).order_by().values_list("plan_id", "state")
            .annotate(n=Count("id")))
    for plan_id, state, n in rows:
        counts.setdefault(plan_id, {})[state] = n
    for plan in plans:
        by_state = counts.get(plan.pk, {})
        plan.state_counts = [(s, label, by_state.get(s, 0)) for s, label in TaskState.choices]
        plan.task_total = sum(by_state.values())
    return render(request, "ledger/plan_list.html", {"plans": plans})


@login_required
def plan_detail(request, pk):
    plan = get_object_or_404(Plan.objects.restrict(request.user).select_related("division", "inspection", "parent"),
                             pk=pk)
    visible = Task.objects.restrict(request.user).filter(plan=plan)
    # Top level within this plan: no parent, or a parent in another (higher) plan.
    top = visible.exclude(parent__plan=plan).order_by("id")
    return render(request, "ledger/plan_detail.html", {
        "plan": plan,
        "tasks": for_table(top, request.user),
        "states": state_counts(visible),
        "total": visible.count(),
    })
