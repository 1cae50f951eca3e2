"""The report form page (/tasks/<pk>/reports/new/): a thin shell around file_report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ducha.core import uploads
from ducha.core.actions import RepeatedSubmission
from ducha.evidence.storing import max_bytes
from ducha.ledger.models import Task

from ..actions import FILES_MAX, file_report, units_user_may_file_for
from ..forms import ReportForm
from ..models import ProgressReport


def _correctable(task, units):
    """The reports a correction may name: the user's units' reports not corrected yet (newest first)."""
    reports = list(ProgressReport.objects.filter(task=task, unit__in=units).select_related("unit"))
    corrected = {r.corrects_id for r in reports if r.corrects_id}
    return [r for r in reports if r.pk not in corrected][:50]


def _add_errors(form, error):
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, found in error.message_dict.items():
        form.add_error(key if key in form.fields else None, found)


@login_required
def report_new(request, pk):
    # 404, not 403, for a task outside the user's reach.
    task = get_object_or_404(Task.objects.restrict(request.user).select_related("plan", "division", "lead_unit"),
                             pk=pk)
    units = units_user_may_file_for(request.user, task)
    if not units:
        raise PermissionDenied(_("当前用户无权为该任务填报进展。"))
    if request.method == "POST":
        uploads.raise_cap(request, max_bytes(), max_bytes() * FILES_MAX + uploads.REQUEST_SLACK)
    stages = list(task.stages.order_by("position"))
    form = ReportForm(request.POST or None, request.FILES or None, units=units, stages=stages,
                      correctable=_correctable(task, units),
                      initial={"unit": request.GET.get("unit") or units[0].pk})
    refused = uploads.refusal(request)
    if refused:
        form.add_error("files", refused)
    if request.method == "POST" and not refused and form.is_valid():
        try:
            file_report(acting_user=request.user, task=task, **form.action_kwargs())
        except PermissionDenied as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            _add_errors(form, error)
        except RepeatedSubmission as repeat:
            messages.info(request, str(repeat))
            return redirect(reverse("ledger:task_detail", args=[task.pk]) + "#progress-reports")
        else:
            messages.success(request, _("进展报告已提交。"))
            return redirect(reverse("ledger:task_detail", args=[task.pk]) + "#progress-reports")
    return render(request, "progress/report_form.html", {"task": task, "form": form, "lead_unit": task.lead_unit})
