"""Acceptance in the chronicle (大事记): on-site checks, signed opinions, notice periods and filings, on the
days they happened (the task's own transitions are already there from the audit log)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.chronicle.sources import Event
from ducha.ledger.models import Task

from .models import Filing, Notice, OnsiteCheck, Signature


def acceptance_source(subject, user):
    if not isinstance(subject, Task):
        return
    url = reverse("ledger:task_detail", args=[subject.pk]) + "#signoff"
    for check in OnsiteCheck.objects.filter(application__task=subject, needed=True).order_by("id"):
        yield Event(date=check.checked_on, title=_("现场核查：%(place)s") % {"place": check.place},
                    detail=check.people, kind="signoff", url=url, at=check.recorded_at)
    for signature in Signature.objects.filter(application__task=subject).order_by("id"):
        yield Event(date=timezone.localtime(signature.signed_at).date(),
                    title=_("%(name)s签署验收意见") % {"name": signature.signer_name},
                    detail=signature.opinion[:500], kind="signoff", url=url, at=signature.signed_at)
    for notice in Notice.objects.filter(task=subject).order_by("id"):
        yield Event(date=notice.starts_on, title=_("销号公示（%(start)s 至 %(end)s）") % {
            "start": notice.starts_on, "end": notice.ends_on}, detail=notice.outcome, kind="signoff", url=url)
    for filing in Filing.objects.filter(task=subject).order_by("id"):
        yield Event(date=filing.filed_on, title=_("报%(to)s备案") % {"to": filing.filed_with},
                    detail=filing.reference, kind="signoff", url=url, at=filing.created_at)
