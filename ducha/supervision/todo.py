"""To-do items (我的待办) the supervision app asks of users."""

from django.utils.translation import gettext as _

from ducha.core.roles import Role
from ducha.notifications.todo import TodoItem

from .models import AWAITING, RUNNING, Kind, Supervision


def replies_owed(user, today):
    """回复督办: records addressed to the officer's own unit awaiting its reply, soonest deadline first."""
    if not user.is_active or user.role != Role.OFFICER or not user.unit_id:
        return []
    rows = (Supervision.objects.filter(unit_id=user.unit_id, state__in=AWAITING)
            .exclude(replies__isnull=False, kind=Kind.LISTED).order_by("reply_by", "id")[:100])
    return [TodoItem(section="replies_owed", title=f"{r.get_kind_display()} {r.number or ''}".strip(),
                     url=r.get_absolute_url(), due=r.reply_by, key=f"supervision:{r.pk}",
                     detail=(_("%(date)s 前回复") % {"date": r.reply_by.isoformat()}) if r.reply_by else "")
            for r in rows]


def flags_raised(user, today):
    """我提出的督导标记: the user's own flags still open or replied (not closed)."""
    if not user.is_active:
        return []
    rows = (Supervision.objects.filter(kind=Kind.FLAG, issued_by=user, state__in=RUNNING)
            .prefetch_related("tasks").order_by("-created_at")[:100])
    return [TodoItem(section="flags_raised", title=", ".join(t.number for t in r.tasks.all()) or str(r),
                     url=r.get_absolute_url(), key=f"supervision:{r.pk}",
                     detail=r.get_state_display())
            for r in rows]
