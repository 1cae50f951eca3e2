"""我的待办, section "revisits": for the office, planned revisits due within 30 days in its divisions."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from ducha.core import scoping
from ducha.notifications.todo import TodoItem

from .models import Revisit, RevisitState

LIMIT = 10
WITHIN_DAYS = 30


def items(user, today):
    if not getattr(user, "is_authenticated", False) or not scoping.role_allows(user, scoping.ADD):
        return []
    due = (Revisit.objects.restrict(user, scoping.CHANGE)
           .filter(state=RevisitState.PLANNED, due_on__lte=today + dt.timedelta(days=WITHIN_DAYS))
           .select_related("task").order_by("due_on", "id")[:LIMIT])
    return [TodoItem(section="revisits", title=_("回头看：%(task)s") % {"task": r.task},
            url=reverse("revisits:detail", args=[r.pk]),
            detail=_("应于 %(day)s 开展") % {"day": r.due_on}, due=r.due_on, key=f"revisit:{r.pk}") for r in due]
