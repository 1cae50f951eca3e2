"""Rules on dates: bursts of sign-offs just before a deadline or an inspection; dates that contradict each
other (evidence taken before the task began, completion after sign-off); a rebound soon after sign-off."""

import datetime as dt
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.ledger.models import Inspection, Task
from ducha.revisits.actions import add_months
from ducha.revisits.models import Conclusion, Revisit

from . import Finding
from .common import attached_files, item, signed_off_on, task_ids


def _tasks(ids):
    return Task.objects.select_related("lead_unit", "division", "plan").in_bulk(ids)


def burst(tasks, options):
    ids = task_ids(tasks)
    signed = signed_off_on(ids)
    related = _tasks(list(signed))
    inspections = list(Inspection.objects.exclude(on_site_start=None).select_related("division"))
    by_plan = defaultdict(list)
    for task_id, day in signed.items():
        by_plan[related[task_id].plan_id].append((day, task_id))
    window = dt.timedelta(days=options.burst_days - 1)
    before = dt.timedelta(days=options.before_days)
    for rows in by_plan.values():
        rows.sort()
        for day, task_id in rows:
            near = [(d, t) for d, t in rows if abs(d - day) <= window]
            if len(near) < options.burst_size:
                continue
            task = related[task_id]
            why = None
            if task.deadline and dt.timedelta(0) <= task.deadline - day <= before:
                why = _("整改时限 %(day)s 前") % {"day": task.deadline}
            for inspection in inspections:
                if (task.division.path.startswith(inspection.division.path)
                        and dt.timedelta(0) <= inspection.on_site_start - day <= before):
                    why = _("督察进驻（%(day)s）前") % {"day": inspection.on_site_start}
            if why is None:
                continue
            yield Finding(
                rule="burst", key=f"burst:{task_id}:{day}", task_id=task_id,
                reason=_("%(day)s 前后 %(n)s 天内同一方案集中销号 %(count)s 项，且在%(why)s。") % {
                    "day": day, "n": options.burst_days, "count": len(near), "why": why},
                evidence=[item(related[t], _("销号"), date=d) for d, t in near[:20]])


def contradicting_dates(tasks, options):
    ids = task_ids(tasks)
    related = _tasks(ids)
    signed = signed_off_on(ids)
    for task_id, day in signed.items():
        task = related[task_id]
        if task.completed_on and task.completed_on > day:
            yield Finding(rule="dates", key=f"dates:completed:{task_id}", task_id=task_id,
                          reason=_("完成日期 %(done)s 晚于销号日期 %(signed)s。") % {"done": task.completed_on,
                                                                              "signed": day},
                          evidence=[item(task, _("完成日期"), date=task.completed_on), item(task, _("销号"), date=day)])
    for task_id, where, stored in attached_files(ids):
        task = related[task_id]
        began = task.started_on or task.plan.issued_on
        if stored.taken_at is None or began is None:
            continue
        taken = timezone.localtime(stored.taken_at).date()
        if taken < began:
            yield Finding(rule="dates", key=f"dates:exif:{task_id}:{stored.sha256[:16]}", task_id=task_id,
                          reason=_("%(where)s“%(name)s”的拍摄日期 %(taken)s 早于任务开始整改 %(began)s。") % {
                              "where": where, "name": stored.original_name, "taken": taken, "began": began},
                          evidence=[item(task, where, stored=stored, date=taken), item(task, _("开始整改"), date=began)])


def rebound_soon(tasks, options):
    ids = task_ids(tasks)
    signed = signed_off_on(ids)
    rebounds = Revisit.objects.filter(task_id__in=ids, conclusion=Conclusion.REBOUND).select_related(
        "task", "task__lead_unit")
    for revisit in rebounds:
        day = signed.get(revisit.task_id)
        if day is None or not day <= revisit.visited_on <= add_months(day, options.rebound_months):
            continue
        yield Finding(rule="rebound_soon", key=f"rebound_soon:{revisit.pk}", task_id=revisit.task_id,
                      reason=_("销号（%(signed)s）后 %(months)s 个月内回头看发现反弹（%(seen)s）。") % {
                          "signed": day, "months": options.rebound_months, "seen": revisit.visited_on},
                      evidence=[item(revisit.task, _("销号"), date=day),
                                item(revisit.task, _("回头看发现反弹"), text=revisit.findings, date=revisit.visited_on)])
