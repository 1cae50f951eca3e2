"""后台任务运行记录 (/audit/jobs/): every scheduled job with its last run and next run, for administrators.

django-q2 records each run itself (start, end, success, the error of a failure; successes up to
Q_CLUSTER["save_limit"], failures always) in its Task table, grouped under the schedule's name, so this
page only reads: no run record of our own is needed. A run still in progress appears when it ends.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_q.models import OrmQ, Schedule, Task

from ducha.core import jobs, scoping

RECENT = 50
ERROR_MAX = 2000


def _error(task):
    if task is None or task.success:
        return ""
    return str(task.result or "")[-ERROR_MAX:]


def when(cron):
    """A cron schedule as people say it (每天 07:30, 每小时第 7 分, 每月 1 日 02:30, 每周一 08:00), or ""
    for a shape this does not put in words (the page then shows the expression alone)."""
    parts = (cron or "").split()
    if len(parts) != 5 or not parts[0].isdigit() or parts[3] != "*":
        return ""
    minute, hour, day, _month, weekday = parts
    if hour == day == weekday == "*":
        return _("每小时第 %(m)d 分") % {"m": int(minute)}
    if not hour.isdigit():
        return ""
    at = f"{int(hour):02d}:{int(minute):02d}"
    if day == weekday == "*":
        return _("每天 %(at)s") % {"at": at}
    if day.isdigit() and weekday == "*":
        return _("每月 %(d)d 日 %(at)s") % {"d": int(day), "at": at}
    if day == "*" and weekday.isdigit() and int(weekday) <= 7:
        return _("每周%(w)s %(at)s") % {"w": _("日一二三四五六日")[int(weekday)], "at": at}
    return ""


@login_required
def job_runs(request):
    if not scoping.may_manage_accounts(request.user):  # administrators only
        raise PermissionDenied
    schedules = {s.name: s for s in Schedule.objects.all()}
    declared = {j.name: j for j in jobs.schedules()}
    rows = []
    for name in sorted(set(schedules) | set(declared)):
        schedule, job = schedules.get(name), declared.get(name)
        last = Task.objects.filter(group=name).order_by("-started").first()
        cron = schedule.cron if schedule else job.cron
        rows.append({"name": name, "func": schedule.func if schedule else job.func, "cron": cron, "when": when(cron),
                     "next_run": schedule.next_run if schedule else None, "installed": schedule is not None,
                     "last": last, "error": _error(last),
                     "failures": Task.objects.filter(group=name, success=False).count()})
    recent = [{"task": t, "error": _error(t)} for t in Task.objects.order_by("-started")[:RECENT]]
    return render(request, "core/job_runs.html", {"rows": rows, "recent": recent, "queued": OrmQ.objects.count()})
