"""The daily reminder job: each lead unit whose routed cases passed their deadline without a report gets
one notification per case, once (the audit entry `cases.overdue` marks it sent)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.audit.models import AuditEntry

from ..models import Case, CaseState, Routing
from .common import notify_unit, scope_path


def overdue_cases(as_of):
    return Case.objects.filter(routing=Routing.CONFIRMED, state=CaseState.HANDLING, reported_at__isnull=True,
                               due_on__lt=as_of)


def remind_overdue(as_of=None):
    """Idempotent: returns how many cases were reminded now."""
    as_of = as_of or timezone.localdate()
    reminded = set(AuditEntry.objects.filter(action="cases.overdue", object_type="cases.case")
                   .values_list("object_id", flat=True))
    due = [c for c in overdue_cases(as_of).select_related("lead_unit", "division", "inspection__division")
           if str(c.pk) not in reminded]
    with transaction.atomic():
        audit.record_many(None, [dict(action="cases.overdue", obj=c, scope_path=scope_path(c),
                                      after={"due_on": c.due_on, "as_of": as_of}) for c in due])
        for case in due:
            transaction.on_commit(lambda c=case: notify_unit(c.lead_unit, kind="cases.overdue", case=c, title=_(
                "信访件办理已逾期：%(n)s（时限 %(d)s）") % {"n": c, "d": c.due_on}))
    return len(due)
