"""The ledger's own to-do sections: tasks due within 30 days (即将到期) and overdue tasks (已逾期).

Whose tasks: the ones the user reads (Task.objects.restrict(user, VIEW)): an officer's unit and its
sub-units, a coordinator's, supervisor's or leader's scope division and below, everything for an
administrator. Not closed (完成整改 and 已销号 owe no more work). A long-term task (长期坚持) is never
overdue against a final date: it is left out of 已逾期 (its stage dates judge it, in the progress app).

Each section is at most PAGE_LIMIT rows read by the (deadline, id) order of an index, plus, when that
list is full, one COUNT that stops at COUNT_CAP; "查看全部" leads to the ledger list with the same
filters. People of the same reach share one computation inside todo.batch() (the digest, one page).
"""

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.core import scoping
from ducha.core.roles import Role
from ducha.ledger.models import Category, Task, TaskState
from ducha.ledger.models.tasks import CLOSED_STATES
from ducha.notifications import todo

DUE_SOON_DAYS = 30
OPEN_STATES = [s for s in TaskState.values if s not in CLOSED_STATES]
NOT_LONG_TERM = [c for c in Category.values if c != Category.LONG_TERM]


def reach_key(user):
    """What decides which tasks a user reads (Task.scope_q): users with the same key see the same tasks."""
    if not scoping.role_allows(user, scoping.VIEW):
        return ("none",)
    if user.is_admin:
        return ("admin",)
    if user.role == Role.OFFICER:
        return ("unit", user.unit_id)
    return ("division", scoping.division_prefix(user))


def _open(user):
    # NOT IN the closed states rather than IN the open ones: SQLite then walks the (deadline, id) index in
    # order and stops at the tenth row, instead of sorting every open task of a (unit, state) index.
    return Task.objects.restrict(user, scoping.VIEW).exclude(state__in=CLOSED_STATES)


def due_soon_q(today):
    return Q(deadline__gte=today, deadline__lte=today + dt.timedelta(days=DUE_SOON_DAYS))


def overdue_q(today):
    return Q(deadline__lt=today) & ~Q(category=Category.LONG_TERM)


def _rows(user, condition):
    return (_open(user).filter(condition).select_related("lead_unit", "problem", "parent")
            .order_by("deadline", "id")[:todo.PAGE_LIMIT])


def _item(section, task, detail):
    return todo.TodoItem(section=section, title=f"{task.display_number} {task.title}",
                         url=reverse("ledger:task_detail", args=[task.pk]), due=task.deadline, detail=detail,
                         key=f"task:{task.pk}")


def provider(user, today):
    return todo.memo(("ledger.items", reach_key(user), today), lambda: _items(user, today))


def _count(name, condition):
    def count(user, today):
        def compute():
            shown = sum(1 for item in provider(user, today) if item.section == name)
            if shown < todo.PAGE_LIMIT:  # the list is not full: it is the whole of it
                return shown
            # Counted up to COUNT_CAP ("1000+"): bounded however many tasks are late.
            return _open(user).filter(condition(today)).order_by()[:todo.COUNT_CAP].count()
        return todo.memo((f"ledger.{name}", reach_key(user), today), compute)
    return count


def _items(user, today):
    items = []
    for task in _rows(user, due_soon_q(today)):
        days = (task.deadline - today).days
        left = _("今日到期") if days == 0 else _("还剩 %(n)s 天") % {"n": days}
        items.append(_item("due_soon", task, f"{task.lead_unit.name} · {left} · {task.progress}%"))
    for task in _rows(user, overdue_q(today)):
        late = _("逾期 %(n)s 天") % {"n": (today - task.deadline).days}
        items.append(_item("overdue", task, f"{task.lead_unit.name} · {late} · {task.progress}%"))
    return items


def _ledger_url(params):
    return reverse("ledger:task_list") + "?" + urlencode(params, doseq=True)


def register():
    todo.register("ledger", provider)
    todo.register_section(
        "due_soon", gettext_lazy("即将到期"), 20, digest_days=7,
        count=_count("due_soon", due_soon_q),
        more_url=lambda user, today: _ledger_url({
            "deadline_after": today.isoformat(),
            "deadline_before": (today + dt.timedelta(days=DUE_SOON_DAYS)).isoformat(), "state": OPEN_STATES}))
    todo.register_section(
        "overdue", gettext_lazy("已逾期"), 30,
        count=_count("overdue", overdue_q),
        more_url=lambda user, today: _ledger_url({"overdue": "true", "category": NOT_LONG_TERM}))

