"""One page per acceptance step: the form, then the action. Who may take it is the action's answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.core.actions import StaleEdit
from ducha.ledger.models import Task
from ducha.progress.models import ReportEvidence

from .. import actions
from ..forms import (
    ApplicationForm, ConfirmForm, FilingForm, NoteForm, OnsiteForm, PublishForm, ReasonForm, SignForm,
)
from ..models import Standard
from .panel import panel_context


def _read_version(task, name):
    """The version a step's form carries: the application's for a co-unit's confirmation (the lead unit may
    still edit it meanwhile), the task's for every other step."""
    if name == "confirm":
        application = actions.current_application(task)
        return application.version if application is not None else 0
    return task.version


def _application_form(request, task, data=None, files=None):
    picked = ReportEvidence.objects.filter(report__task=task).select_related("file").order_by("-id")[:100]
    initial = {"version": 0}  # no application yet: one a colleague creates meanwhile is not overwritten
    application = actions.current_application(task)
    if application is not None:
        initial = {"report": application.report, "long_term": application.long_term, "version": application.version}
        initial |= {f"self_check_{c.standard}": c.text for c in application.self_checks.all()}
    return ApplicationForm(data, files, initial=initial, report_files=[e.file for e in picked])


def _apply(request, task, form):
    with transaction.atomic():
        actions.save_application(acting_user=request.user, task=task, **form.action_kwargs())
        if "submit" in request.POST:
            actions.submit(acting_user=request.user, task=task)
    return _("验收申请已提交。") if "submit" in request.POST else _("草稿已保存。")


def _simple(function, message):
    def take(request, task, form):
        function(acting_user=request.user, task=task, **form.cleaned_data)
        return message
    return take


def _kwargs(function, message):
    def take(request, task, form):
        function(acting_user=request.user, task=task, **form.action_kwargs())
        return message
    return take


# name: (title, form, take(request, task, form) -> message)
STEPS = {
    "apply": (gettext_lazy("验收申请"), None, _apply),
    "confirm": (gettext_lazy("配合单位确认"), ConfirmForm, _simple(actions.confirm_part, gettext_lazy("已确认。"))),
    "return_application": (gettext_lazy("退回申请"), ReasonForm,
                           _simple(actions.return_application, gettext_lazy("已退回牵头单位。"))),
    "pass_review": (gettext_lazy("资料审核通过"), NoteForm, _simple(actions.pass_review, gettext_lazy("资料审核通过。"))),
    "onsite_check": (gettext_lazy("现场核查"), OnsiteForm, _kwargs(actions.record_onsite, gettext_lazy("现场核查已记录。"))),
    "waive_onsite": (gettext_lazy("免于现场核查"), ReasonForm,
                     _simple(actions.waive_onsite, gettext_lazy("已记录免于现场核查的理由。"))),
    "sign": (gettext_lazy("审核签字"), SignForm, _simple(actions.sign, gettext_lazy("已签署验收意见。"))),
    "fail_acceptance": (gettext_lazy("验收不通过"), ReasonForm,
                        _simple(actions.fail_acceptance, gettext_lazy("验收不通过，任务已退回整改。"))),
    "publish": (gettext_lazy("发布公示"), PublishForm, _simple(actions.publish, gettext_lazy("已发布公示。"))),
    "uphold_objection": (gettext_lazy("异议成立，退回整改"), ReasonForm,
                         _simple(actions.uphold_objection, gettext_lazy("任务已退回整改。"))),
    "sign_off": (gettext_lazy("验收销号"), NoteForm, _simple(actions.sign_off, gettext_lazy("已销号。"))),
    "file": (gettext_lazy("销号备案"), FilingForm, _simple(actions.file_with_level_above, gettext_lazy("已备案。"))),
}
STEPS["resubmit"] = STEPS["apply"]


def _add_errors(form, error):
    """The action's refusal on the form: under the field it names, or above the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            for text in texts:
                form.add_error(field if field in form.fields else None, text)
    else:
        form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))


@login_required
def step(request, pk, name):
    if name not in STEPS:
        raise Http404
    task = get_object_or_404(Task.objects.restrict(request.user), pk=pk)
    title, form_class, take = STEPS[name]
    if request.method != "POST":
        # Not takeable now (the state, the role, a precondition): the page says why, with no form to fill in
        # for nothing. A post is the action's to refuse, and keeps what was typed.
        unavailable = actions.step_unavailable(request.user, task, name)
        if unavailable:
            return render(request, "signoff/step.html", {
                "task": task, "step_name": name, "title": title, "unavailable": unavailable,
                **panel_context(request, task)})
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = (_application_form(request, task, data, files) if form_class is None
            else form_class(data, files, initial={"version": _read_version(task, name)}))
    extra = {}
    if request.method == "POST" and form.is_valid():
        try:
            message = take(request, task, form)
        except StaleEdit as stale:
            # The message says so; the panel beside the form shows the task as it is now, and the form, keeping
            # what was typed, now carries the current version: submitting again takes the step on what the
            # reviewer has now seen.
            _add_errors(form, stale)
            form.data = form.data.copy()
            form.data["version"] = stale.current
            if form_class is None:  # the draft saved meanwhile (as the action read it), beside this tab's
                extra["saved_report"] = stale.obj.report
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, message)
            return redirect(reverse("ledger:task_detail", args=[task.pk]) + "#signoff")
    return render(request, "signoff/step.html", {
        "task": task, "step_name": name, "title": title, "form": form, "standards": Standard, **extra,
        **panel_context(request, task)})
