"""Revisits in the chronicle (大事记): a task's recorded revisits; a plan's rebounds."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from ducha.chronicle.sources import Event
from ducha.ledger.models import Task

from .models import Conclusion, Revisit, RevisitState


def revisit_source(subject, user):
    done = Revisit.objects.restrict(user).filter(state=RevisitState.DONE)
    if isinstance(subject, Task):
        done = done.filter(task=subject)
    else:
        done = done.filter(task__plan=subject, conclusion=Conclusion.REBOUND)
    for r in done.select_related("task").order_by("visited_on", "id")[:1000]:
        title = _("回头看：%(conclusion)s") % {"conclusion": r.get_conclusion_display()}
        if not isinstance(subject, Task):
            title = _("任务%(number)s：%(title)s") % {"number": r.task.number, "title": title}
        at = r.recorded_at or dt.datetime.combine(r.visited_on, dt.time())
        yield Event(date=r.visited_on, title=title, detail=r.findings[:500], kind="revisit",
                    url=reverse("revisits:detail", args=[r.pk]), at=at)
