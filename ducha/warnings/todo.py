"""我的待办, section "warnings": for a responsible unit, the warnings decided this month on tasks it
leads (yellow and red ask something of it; blue is shown too, it is the office's word); for the office,
the proposals of this month awaiting its decision (one item, with the count)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ducha.core import scoping
from ducha.core.roles import Role
from ducha.notifications.todo import TodoItem

from .models import DECIDED, TaskWarning, WarningState

# Items per person, as the to-do page shows them (the month page lists them all).
LIMIT = 10


def items(user, today):
    month = today.replace(day=1)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.role == Role.OFFICER and user.unit_id:
        rows = (TaskWarning.objects.restrict(user, scoping.VIEW)
                .filter(month=month, state__in=DECIDED, task__lead_unit_id=user.unit_id)
                .select_related("task").order_by("task_id")[:LIMIT])
        return [TodoItem(section="warnings", title=_("%(colour)s：%(task)s") % {
                    "colour": w.get_colour_display(), "task": w.task},
                    url=reverse("ledger:task_detail", args=[w.task_id]), detail=w.override_reason or w.reasons[:80],
                    key=f"warning:{w.pk}") for w in rows]
    if scoping.role_allows(user, scoping.ADD):
        pending = TaskWarning.objects.restrict(user, scoping.ADD).filter(month=month, state=WarningState.PROPOSED)
        count = pending.count()
        if count:
            return [TodoItem(section="warnings", title=_("%(year)s年%(month)s月预警提议待确认 %(n)s 项") % {
                        "year": month.year, "month": month.month, "n": count},
                        url=reverse("warnings:month") + f"?month={month:%Y-%m}", key=f"warnings:{month:%Y-%m}")]
    return []
