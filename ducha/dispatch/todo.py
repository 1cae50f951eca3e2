"""To-do provider (我的待办, daily digest): the reports an officer's unit owes in open rounds."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.core.roles import Role
from ducha.notifications import todo

from .models import Obligation, RoundState


def _owed(user):
    """The unit's unfiled obligations in open rounds (officers only; None for everyone else)."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.OFFICER or not user.unit_id:
        return None
    return (Obligation.objects.restrict(user).filter(unit_id=user.unit_id, round__state=RoundState.OPEN)
            .with_filing().filter(filed__isnull=True))


def reports_owed(user, today):
    owed = _owed(user)
    if owed is None:
        return []

    def compute():
        rows = (owed.select_related("round", "task", "task__problem", "task__parent", "task__plan")
                .order_by("round__due_at", "position", "id")[:todo.PAGE_LIMIT])
        items = []
        for o in rows:
            due = timezone.localtime(o.round.due_at)
            items.append(todo.TodoItem(
                section="reports_owed", title=str(o.task), url=reverse("progress:report_new", args=[o.task_id]),
                due=due.date(), key=f"dispatch.obligation:{o.pk}",
                detail=_("%(round)s %(m)s月%(d)s日%(hm)s截止") % {
                    "round": o.round.title, "m": due.month, "d": due.day, "hm": due.strftime("%H:%M")}))
        return items

    # Every officer of a unit owes the same: a digest run computes it once per unit and day.
    return todo.memo(("dispatch.reports_owed", user.unit_id, today), compute)


def owed_count(user, today):
    owed = _owed(user)
    if owed is None:
        return 0
    return todo.memo(("dispatch.reports_owed.count", user.unit_id, today),
                     lambda: owed.order_by()[:todo.COUNT_CAP].count())


def reports_owed_url(user, today):
    return reverse("dispatch:my_obligations") if _owed(user) is not None else ""
