"""Dispatch rounds in the chronicle (大事记): a round that asked for reports on the task (or the plan)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.chronicle.sources import Event
from ducha.ledger.models import Task

from .models import Round


def round_source(subject, user):
    rounds = Round.objects.restrict(user)
    rounds = rounds.filter(tasks=subject) if isinstance(subject, Task) else rounds.filter(plan=subject)
    for round_ in rounds.order_by("opened_at")[:500]:
        due = timezone.localtime(round_.due_at)
        yield Event(date=timezone.localtime(round_.opened_at).date(),
                    title=_("%(title)s（%(kind)s）") % {"title": round_.title, "kind": round_.get_kind_display()},
                    detail=_("报送截止 %(due)s") % {"due": due.strftime("%Y-%m-%d %H:%M")}, kind="dispatch",
                    url=reverse("dispatch:round_detail", args=[round_.pk]), at=round_.opened_at)
