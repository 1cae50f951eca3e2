"""Taking one step of the acceptance workflow: the task's transition (ducha.ledger) and the application's
(ducha.signoff.workflow), with the step's records, in one transaction and with one audit entry each.

Every step function takes `acting_user=` and the task; who may take it and when is the transition's rule
(ducha.ledger.workflow) with the guard this app registers (actions/guards.py): nothing here decides it
again, so the pages, the API and the commands all get the same answer."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.ledger import workflow as ledger
from ducha.ledger.actions.transitions import transition_task

from ..models import Application
from ..workflow import APPLICATION_WORKFLOW
from .guards import current_application

TEXT_MAX = 5000


def clean_text(name, value, required=False, limit=TEXT_MAX):
    """A text input, stripped and bounded; ValidationError naming the field."""
    value = str(value or "").strip()
    if required and not value:
        raise ValidationError({name: [_("此项为必填项。")]})
    if len(value) > limit:
        raise ValidationError({name: [_("内容过长（最多 %(n)s 字）。") % {"n": limit}]})
    return value


def clean_day(name, value, required=True):
    """A date input (a date or YYYY-MM-DD), not later than today; ValidationError naming the field."""
    if value in (None, "") and not required:
        return None
    day = value if isinstance(value, dt.date) else None
    if day is None and value:
        try:
            day = parse_date(str(value))
        except ValueError:  # well formed, but no such day
            day = None
    if day is None:
        raise ValidationError({name: [_("日期格式应为 YYYY-MM-DD。")]})
    if day > timezone.localdate():
        raise ValidationError({name: [_("日期不能晚于今天。")]})
    return day


def snapshot(application):
    return {"state": application.state, "task": application.task_id,
            "stage": application.stage_id, "version": application.version}


@transaction.atomic
def take_step(*, acting_user, task, name, reason="", note="", version=None, records=None, details=None):
    """Take step `name` on the task and its running application. `records(application)` writes the
    step's own records (a review round, an on-site check…) after the rules have passed; `details` go into
    the application's audit entry. Returns the application."""
    inputs = {k: v for k, v in (("reason", reason), ("note", note)) if v}
    with ledger.handling():
        task = transition_task(acting_user=acting_user, task=task, name=name, version=version, **inputs)
    application = (Application.objects.select_for_update().filter(pk=current_application(task).pk)
                   .select_related("task", "unit").get())
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
