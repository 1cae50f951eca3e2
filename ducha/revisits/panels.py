"""Task-page panel: the task's revisits and, for the office, a button to plan one."""

from django.template.loader import render_to_string

from ducha.core import scoping
from ducha.ledger.models import TaskState
from ducha.ledger.workflow import is_office

from .models import Revisit


def revisits_panel(request, task):
    revisits = list(Revisit.objects.restrict(request.user, scoping.VIEW).filter(task=task).order_by("-due_on")[:10])
    may_plan = task.state == TaskState.SIGNED_OFF and is_office(request.user, task)
    if not revisits and not may_plan:
        return ""
    return render_to_string("revisits/panel.html", {"task": task, "revisits": revisits, "may_plan": may_plan},
                            request=request)
