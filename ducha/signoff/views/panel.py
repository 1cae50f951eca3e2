"""The sign-off panel on the task page: where the task is in acceptance, every round kept, and the steps
the user may take now (links to their pages)."""

from django.template.loader import render_to_string
from django.urls import reverse

from ducha.evidence.serving import links
from ducha.ledger import workflow as ledger
from ducha.ledger.actions.transitions import available
from ducha.ledger.models import TaskState

from .. import longterm
from ..models import Application, ApplicationState, Filing, TaskLevel
from ..workflow import APPLICATION_WORKFLOW, is_co_unit

SIGNOFF_STEPS = {"apply", "resubmit", "return_application", "pass_review", "onsite_check", "waive_onsite", "sign",
                 "fail_acceptance", "publish", "uphold_objection", "sign_off", "file"}
# Shown in the panel even before an application exists (the task is claimed, not applied for).
SHOWN_STATES = (TaskState.COMPLETED, TaskState.ACCEPTING, TaskState.IN_NOTICE, TaskState.SIGNED_OFF)


def panel_context(request, task):
    user = request.user
    applications = list(Application.objects.filter(task=task).select_related("unit", "stage").order_by("-id")[:10])
    application = applications[0] if applications else None
    steps = [{"name": t.name, "label": t.label, "danger": bool(t.requires),
              "url": reverse("signoff:step", args=[task.pk, t.name])}
             for t in available(user, task) if t.name in SIGNOFF_STEPS]
    if application is not None and application.state in (ApplicationState.DRAFT, ApplicationState.RETURNED) and \
            ledger.is_lead_unit(user, task) and not any(s["name"] in ("apply", "resubmit") for s in steps):
        steps.insert(0, {"name": "apply", "label": APPLICATION_WORKFLOW.get("apply").label, "danger": False,
                         "url": reverse("signoff:step", args=[task.pk, "apply"])})
    if application is None and task.state == TaskState.COMPLETED and ledger.is_lead_unit(user, task):
        steps.insert(0, {"name": "apply", "label": APPLICATION_WORKFLOW.get("apply").label, "danger": False,
                         "url": reverse("signoff:step", args=[task.pk, "apply"])})
    if application is not None and application.state == ApplicationState.CONFIRMING and is_co_unit(
            user, application) and not application.confirmations.filter(unit_id=user.unit_id).exists():
        steps.append({"name": "confirm", "label": APPLICATION_WORKFLOW.get("confirm").label, "danger": False,
                      "url": reverse("signoff:step", args=[task.pk, "confirm"])})
    onsite = getattr(application, "onsite", None) if application else None
    return {
        "sp_task": task, "sp_application": application, "sp_history": applications[1:],
        "sp_rounds": list(application.rounds.select_related("submitted_by", "reviewed_by")) if application else [],
        "sp_checks": list(application.self_checks.all()) if application else [],
        "sp_evidence": list(application.evidence.select_related("file")) if application else [],
        "sp_onsite": onsite,
        "sp_onsite_photos": links("signoff:application_file", application.pk,
                                   [p.file for p in onsite.photos.select_related("file")])
        if onsite is not None else [],
        "sp_signature": getattr(application, "signature", None) if application else None,
        "sp_notice": getattr(application, "notice", None) if application else None,
        "sp_filings": list(Filing.objects.filter(task=task).order_by("filed_on")),
        "sp_levels": list(TaskLevel.objects.filter(task=task).select_related("level", "level__reviewer_unit")),
        "sp_steps": steps,
        "sp_long_term": longterm.for_task(task) if task.state == TaskState.SIGNED_OFF else None,
    }


def task_panel(request, task):
    # A task back in rectification shows its earlier applications; one that never started has none.
    if task.state == TaskState.NOT_STARTED or (
            task.state not in SHOWN_STATES and not Application.objects.filter(task=task).exists()):
        return ""
    return render_to_string("signoff/task_panel.html", panel_context(request, task), request=request)
