"""Decided warnings in the chronicle (大事记): a task's every confirmed or overridden colour; a plan's
yellows and reds (a plan's timeline would drown in monthly blues)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.chronicle.sources import Event
from ducha.ledger.models import Task, WarningColour

from .models import TaskWarning, WarningState


def warning_source(subject, user):
    decided = TaskWarning.objects.restrict(user).filter(
        state__in=[WarningState.CONFIRMED, WarningState.OVERRIDDEN], decided_at__isnull=False)
    if isinstance(subject, Task):
        decided = decided.filter(task=subject)
    else:
        decided = decided.filter(task__plan=subject, colour__in=[WarningColour.YELLOW, WarningColour.RED])
    for w in decided.select_related("task").order_by("decided_at")[:1000]:
        title = _("%(month)s%(colour)s") % {"month": f"{w.month.year}年{w.month.month}月", "colour": w.get_colour_display()}
        if not isinstance(subject, Task):
            title = _("任务%(number)s：%(title)s") % {"number": w.task.number, "title": title}
        detail = w.override_reason if w.state == WarningState.OVERRIDDEN else w.reasons
        yield Event(date=timezone.localtime(w.decided_at).date(), title=title, detail=detail[:500], kind="warning",
                    url=reverse("ledger:task_detail", args=[w.task_id]), at=w.decided_at)
