"""My work (我的待办) of a lead unit's officer for its signed-off long-term tasks (已完成，长期坚持): a periodic
check missed, or the current one due within 30 days and not yet reported."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.core.roles import Role
from ducha.ledger.models import Task
from ducha.notifications import todo
from ducha.notifications.todo import TodoItem

from . import longterm

SECTION = "long_term_checks"
DUE_WITHIN_DAYS = 30


def _owed(user, today):
    """[(task, checks, the check to name)] of the officer's unit, missed checks first, then by due date."""
    if not user.is_active or user.role != Role.OFFICER or not user.unit_id:
        return []
    tasks = {t.pk: t for t in longterm.under_check(Task.objects.restrict(user).filter(
        lead_unit_id=user.unit_id, voided_at__isnull=True)).select_related("problem")
        .only("id", "number", "target", "measures", "plan_id", "parent_id", "problem__description")}
    rows = []
    for pk, checks in longterm.checks(list(tasks), today).items():
        owed = checks.owed
        if checks.lapsed is not None:
            rows.append((tasks[pk], checks, checks.lapsed))
        elif owed is not None and owed.due <= today + dt.timedelta(days=DUE_WITHIN_DAYS):
            rows.append((tasks[pk], checks, owed))
    rows.sort(key=lambda r: (r[2].state != "missing", r[2].due, r[0].pk))
    return rows


def items(user, today):
    """Every check owed (a unit leads few long-term tasks; the page shows the first PAGE_LIMIT by due date
    and counts them all)."""
    found = []
    for task, checks, check in todo.memo((SECTION, user.pk, today), lambda: _owed(user, today)):
        period = {"n": check.number, "start": check.start.isoformat(), "due": check.due.isoformat(),
                  "next": checks.next_due.isoformat()}
        detail = (_("第 %(n)s 期定期检查（%(start)s 至 %(due)s）未报送，下次定期检查 %(next)s 前") if check is checks.lapsed
                  else _("第 %(n)s 期定期检查（%(start)s 至 %(due)s）待报送")) % period
        found.append(TodoItem(section=SECTION, title=_("任务 %(number)s：%(title)s") % {
            "number": task.number, "title": task.title}, detail=detail, due=check.due,
            url=reverse("ledger:task_detail", args=[task.pk]) + "#signoff", key=f"longterm:{task.pk}:{check.number}"))
    return found


def register():
    todo.register_section(SECTION, gettext_lazy("长期坚持定期检查"), order=36, roles=todo.OFFICERS, digest_days=7)
    todo.register("signoff.long_term_checks", items)
