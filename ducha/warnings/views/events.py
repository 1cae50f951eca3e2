"""Recording a provincial (or higher) bulletin or media exposure about a task."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ducha.core import scoping
from ducha.core.actions import RepeatedSubmission
from ducha.ledger.forms import add_service_errors
from ducha.ledger.models import Task
from ducha.ledger.workflow import is_office

from .. import actions
from ..forms import ExternalEventForm
from ..models import ExternalEvent


@login_required
def event_create(request, task_pk):
    task = get_object_or_404(Task.objects.restrict(request.user, scoping.VIEW).select_related("division"), pk=task_pk)
    if not is_office(request.user, task):
        raise PermissionDenied(_("只有该任务所属地区的整改办可以登记外部事件。"))
    form = ExternalEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_external_event(acting_user=request.user, task=task, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except RepeatedSubmission as repeat:
            messages.info(request, str(repeat))
            return redirect("ledger:task_detail", pk=task.pk)
        else:
            messages.success(request, _("外部事件已登记，将计入本月预警提议。"))
            return redirect("ledger:task_detail", pk=task.pk)
    return render(request, "warnings/event_form.html", {"task": task, "form": form})


@login_required
def event_list(request):
    events = (ExternalEvent.objects.restrict(request.user, scoping.VIEW)
              .select_related("task", "recorded_by").order_by("-occurred_on", "-id")[:200])
    return render(request, "warnings/event_list.html", {"events": events})
