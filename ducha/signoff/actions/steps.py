"""Taking one step of the acceptance workflow: the task's transition (ducha.ledger) and the application's
(ducha.signoff.workflow), with the step's records, in one transaction and with one audit entry each.

Every step function takes `acting_user=` and the task; who may take it and when is the transition's rule
(ducha.ledger.workflow) with the guard this app registers (actions/guards.py): nothing here decides it
again, so the pages, the API and the commands all get the same answer."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ducha.audit import services as audit
from ducha.core import scoping
from ducha.core.actions import check_version, date_input, text_input
from ducha.ledger import workflow as ledger
from ducha.ledger.actions.transitions import transition_task

from ..models import Application
from ..workflow import APPLICATION_WORKFLOW
from .guards import check_application, current_application

TEXT_MAX = 5000


def clean_text(name, value, required=False, limit=TEXT_MAX):
    """A text input (ducha.core.actions.text_input); ValidationError naming the field."""
    return text_input(value, name, required=required, limit=limit)


# The names of the steps' date inputs, for the refusals.
DAY_LABELS = {"starts_on": _lazy("公示开始日期"), "filed_on": _lazy("备案日期"), "checked_on": _lazy("核查日期"),
              "done_on": _lazy("完成日期")}


def clean_day(name, value, required=True):
    """A date input (a date or YYYY-MM-DD) within the official range (ducha.core.actions.date_input), not
    later than today; ValidationError naming the field."""
    label = DAY_LABELS.get(name) or _("日期")
    day = date_input(value, name, label=label, required=required)
    if day is not None and day > timezone.localdate():
        raise ValidationError({name: [_("%(label)s不能晚于今天。") % {"label": label}]})
    return day


def snapshot(application):
    return {"state": application.state, "task": application.task_id,
            "stage": application.stage_id, "version": application.version}


def _stage_application(acting_user, task, name, stage):
    """A stage's application takes the step on its own (the task's state stays): the same rule of who, the
    same checks of the application."""
    if task.voided_at is not None or not scoping.can(acting_user, scoping.VIEW, task):
        raise scoping.refusal(acting_user, scoping.CHANGE, task)
    if stage.task_id != task.pk:
        raise ValidationError({"stage": [_("阶段不属于该任务。")]})
    application = current_application(task, stage)
    step = APPLICATION_WORKFLOW.get(name)
    if application is not None and not step.who(acting_user, application):
        raise PermissionDenied(_("当前用户无权对该阶段执行“%(step)s”。") % {"step": step.label})
    check_application(application, name)
    return application


@transaction.atomic
def take_step(*, acting_user, task, name, reason="", note="", version=None, records=None, details=None,
              stage=None):
    """Take step `name` on the task and its running application (or, for `stage`, on the stage's
    application alone). `records(application)` writes the step's own records (a review round, an on-site
    check…) after the rules have passed; `details` go into the application's audit entry."""
    inputs = {k: v for k, v in (("reason", reason), ("note", note)) if v}
    if stage is None:
        with ledger.handling():
            task = transition_task(acting_user=acting_user, task=task, name=name, version=version, **inputs)
        found = current_application(task)
    else:
        found = _stage_application(acting_user, task, name, stage)
    application = (Application.objects.select_for_update().filter(pk=found.pk).select_related("task", "unit").get())
    if stage is not None:  # the task's state does not move: the step is taken on the stage application read
        check_version(application, version)
    application.task = task
    step = APPLICATION_WORKFLOW.get(name)
    before = snapshot(application)
    APPLICATION_WORKFLOW.apply(step, application)
    application.version += 1
    if records is not None:
        records(application)
    application.save()
    after = snapshot(application) | {k: str(v) for k, v in inputs.items()} | (details or {})
    audit.record(actor=acting_user, action=f"signoff.{name}", obj=application, before=before, after=after)
    return application


def now():
    return timezone.now()
