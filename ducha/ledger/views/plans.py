"""Rectification plans: the list and one plan with its top-level tasks."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.core import scoping
from ducha.ledger import actions, panels
from ducha.ledger.forms import VoidForm
from ducha.ledger.models import Plan, Task, TaskState

from .common import for_table, state_counts, void_or_restore


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
    plan = get_object_or_404(Plan.objects.restrict(request.user, include_voided=True)
                             .select_related("division", "inspection", "parent"), pk=pk)
    visible = Task.objects.restrict(request.user).filter(plan=plan)
    # Top level within this plan: no parent, or a parent in another (higher) plan.
    top = visible.exclude(parent__plan=plan).order_by("sort_key", "id")
    is_office = scoping.can_in_division(request.user, scoping.ADD, plan.division)
    return render(request, "ledger/plan_detail.html", {
        "plan": plan,
        "panels": panels.render_panels(request, panels.PLAN, plan),
        "tasks": for_table(top, request.user),
        "states": state_counts(visible),
        "total": visible.count(),
        "can_void": is_office and plan.voided_at is None,
        "can_restore": is_office and plan.voided_at is not None,
        "void_form": VoidForm(initial={"version": plan.version}),
    })


@login_required
@require_POST
def plan_void(request, pk, restore=False):
    plan = get_object_or_404(Plan.objects.restrict(request.user, include_voided=True), pk=pk)
    return void_or_restore(request, plan, void=actions.void_plan, restore=actions.restore_plan if restore else None,
                           detail="ledger:plan_detail",
                           done=(_("已作废该方案及其任务，它们不再出现在台账和统计中。"), _("已恢复该方案及随之作废的任务。")))
