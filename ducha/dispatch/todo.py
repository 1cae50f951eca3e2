"""To-do provider (我的待办, daily digest): the reports an officer's unit owes in open rounds."""

from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.core.roles import Role
from ducha.notifications.todo import TodoItem

from .models import Obligation, RoundState

MAX_ITEMS = 200


def reports_owed(user, today):
    if not getattr(user, "is_authenticated", False) or user.role != Role.OFFICER or not user.unit_id:
        return []
    owed = (Obligation.objects.restrict(user).filter(unit_id=user.unit_id, round__state=RoundState.OPEN)
            .with_filing().filter(filed__isnull=True)
            .select_related("round", "task", "task__problem", "task__parent", "task__plan")
            .order_by("round__due_at", "task__sort_key")[:MAX_ITEMS])
    items = []
    for o in owed:
        due = timezone.localtime(o.round.due_at)
        items.append(TodoItem(
            section="reports_owed", title=str(o.task), url=f"/tasks/{o.task_id}/reports/new/", due=due.date(),
            detail=_("%(round)s %(m)s月%(d)s日%(hm)s截止") % {"round": o.round.title, "m": due.month, "d": due.day,
                                                        "hm": due.strftime("%H:%M")},
            key=f"dispatch.obligation:{o.pk}"))
    return items
