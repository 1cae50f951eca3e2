"""Task-page panels: the scheduled-progress explanation (序时进度) and the task's warning history."""

from django.template.loader import render_to_string

from ducha.core import scoping
from ducha.ledger.actions import judge_task
from ducha.ledger.models import WarningColour
from ducha.ledger.workflow import is_office

from .models import Consequence, ExternalEvent, TaskWarning


def schedule_panel(request, task):
    if task.voided_at is not None:
        return ""
    judgement = judge_task(task)
    from ducha.ledger.models import ScheduleState

    return render_to_string("warnings/panels/schedule.html", {
        "task": task, "judgement": judgement, "state_label": ScheduleState(judgement.state).label,
    }, request=request)


def warnings_panel(request, task):
    user = request.user
    warnings = list(TaskWarning.objects.restrict(user, scoping.VIEW).filter(task=task).order_by("-month")[:12])
    events = list(ExternalEvent.objects.restrict(user, scoping.VIEW).filter(task=task)[:10])
    # Consequences come only from decided yellow or red warnings.
    consequences = list(Consequence.objects.restrict(user, scoping.VIEW).filter(task=task)[:10]) if any(
        w.colour in (WarningColour.YELLOW, WarningColour.RED) for w in warnings) else []
    office = is_office(user, task)
    if not (warnings or events or consequences or office):
        return ""
    return render_to_string("warnings/panels/warnings.html", {
        "task": task, "warnings": warnings, "events": events, "consequences": consequences, "office": office,
    }, request=request)
