"""Panels on the plan page (the plan's rounds) and the task page (the task's open obligations)."""

from django.template.loader import render_to_string
from django.utils import timezone

from ducha.core import scoping

from .board import board
from .models import Obligation, Round, RoundState, Status, status_of
from .views.rounds import STATUS_CLASS
from .workflow import may_open

PLAN_ROUNDS = 10


def plan_rounds(request, plan):
    user = request.user
    rounds = list(Round.objects.restrict(user).filter(plan=plan).order_by("-opened_at", "-id")[:PLAN_ROUNDS])
    if not rounds and not may_open(user):
        return ""
    owed = Obligation.objects.restrict(user)
    for round_ in rounds:
        round_.board = board(round_, obligations=owed.filter(round=round_))
    return render_to_string("dispatch/panel_plan_rounds.html", {
        "plan": plan, "rounds": rounds,
        "may_open": may_open(user) and scoping.can_in_division(user, scoping.ADD, plan.division)}, request=request)


def task_obligations(request, task):
    now = timezone.now()
    rows = []
    owed = (Obligation.objects.restrict(request.user).filter(task=task, round__state=RoundState.OPEN)
            .with_filing().select_related("round", "unit").order_by("round__due_at", "id"))
    for o in owed:
        status = status_of(o.filed, o.round.due_at, now)
        rows.append({"o": o, "label": Status(status).label, "css": STATUS_CLASS[status],
                     "mine": o.unit_id == request.user.unit_id and not o.filed})
    if not rows:
        return ""
    return render_to_string("dispatch/panel_task_obligations.html", {"task": task, "rows": rows}, request=request)
