"""The supervision panel on the task page (SIDE): the task's records and flags, the flag form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.core import scoping
from ducha.core.actions import RepeatedSubmission
from ducha.ledger.models import Task

from .. import actions
from ..forms import FlagForm
from ..models import Kind, Supervision


def task_panel(request, task):
    user = request.user
    records = list(Supervision.objects.restrict(user).filter(tasks=task).select_related("unit", "issued_by")
                   .order_by("-created_at", "-id")[:50])
    can_flag = task.voided_at is None and scoping.can(user, scoping.FLAG, task)
    return render_to_string("supervision/task_panel.html", {
        # Names of their own: the page's test client reads every template's context as one.
        "panel_task": task, "panel_flags": [r for r in records if r.kind == Kind.FLAG],
        "panel_records": [r for r in records if r.kind != Kind.FLAG],
        "panel_can_flag": can_flag, "panel_flag_form": FlagForm() if can_flag else None,
        "panel_can_create": scoping.can_in_division(user, scoping.ADD, task.division),
    }, request=request)


@login_required
@require_POST
def task_flag(request, pk):
    task = get_object_or_404(Task.objects.restrict(request.user), pk=pk)
    form = FlagForm(request.POST)
    if form.is_valid():
        try:
            actions.flag_task(acting_user=request.user, task=task, note=form.cleaned_data["note"],
                              reply_by=form.cleaned_data["reply_by"])
        except ValidationError as error:
            messages.error(request, " ".join(m for ms in error.message_dict.values() for m in ms))
        except RepeatedSubmission as repeat:
            messages.info(request, str(repeat))
        else:
            messages.success(request, _("督导标记已记录。"))
    else:
        messages.error(request, _("请填写督导意见。"))
    return redirect("ledger:task_detail", pk=task.pk)
