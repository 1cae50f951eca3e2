"""To-do items (我的待办) the supervision app asks of users: the sections "replies_owed" and
"flags_raised" (declared by ducha.notifications.todo; this app fills them and counts them)."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ducha.core import scoping
from ducha.core.roles import Role
from ducha.notifications.todo import PAGE_LIMIT, TodoItem

from .models import AWAITING, RUNNING, Kind, Supervision


def _owed(user):
    """Records addressed to the officer's own unit awaiting its reply (a listing once replied owes none)."""
    if not user.is_active or user.role != Role.OFFICER or not user.unit_id:
        return Supervision.objects.none()
    return (Supervision.objects.filter(unit_id=user.unit_id, state__in=AWAITING)
            .exclude(replies__isnull=False, kind=Kind.LISTED))


def _raised(user):
    if not scoping.role_allows(user, scoping.FLAG):  # officers and leaders raise no flags: no query
        return Supervision.objects.none()
    return Supervision.objects.filter(kind=Kind.FLAG, issued_by=user, state__in=RUNNING)


def _title(record):
    """"督导标记 · 任务 3：部分地区污水管网…": what it is and which task, so the line says what to answer."""
    head = f"{record.get_kind_display()} {record.number or ''}".strip()
    tasks = list(record.tasks.all())
    if not tasks:
        return head
    task = tasks[0]
    more = _("等 %(n)s 项") % {"n": len(tasks)} if len(tasks) > 1 else ""
    return _("%(head)s · 任务 %(number)s：%(title)s%(more)s") % {
        "head": head, "number": task.number, "title": task.title, "more": more}


def replies_owed(user, today):
    """回复督办: soonest deadline first, with the deadline."""
    rows = _owed(user).order_by("reply_by", "id").prefetch_related("tasks__problem")[:PAGE_LIMIT]
    return [TodoItem(section="replies_owed", title=_title(r),
                     url=r.get_absolute_url(), due=r.reply_by, key=f"supervision:{r.pk}",
                     detail=(_("%(date)s 前回复") % {"date": r.reply_by.isoformat()}) if r.reply_by else "")
            for r in rows]


def flags_raised(user, today):
    """我提出的督导标记: the user's own flags still open or replied (not closed)."""
    rows = _raised(user).prefetch_related("tasks__problem").order_by("-created_at", "-id")[:PAGE_LIMIT]
    return [TodoItem(section="flags_raised", title=_title(r), url=r.get_absolute_url(), key=f"supervision:{r.pk}",
                     detail=f"{r.get_state_display()} · {Truncator(r.required).chars(60)}")
            for r in rows]


def count_owed(user, today):
    return _owed(user).count()


def count_raised(user, today):
    return _raised(user).count()


def owed_url(user, today):
    return reverse("supervision:list") + "?state=issued&state=open&state=listed"


def raised_url(user, today):
    return reverse("supervision:list") + "?kind=flag&state=open&state=replied"
