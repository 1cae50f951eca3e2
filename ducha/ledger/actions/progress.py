"""The task's figures that progress reports drive: a narrow ledger action for the progress app.

A task's overall progress (`progress`, `progress_note`) is no longer typed in by a responsible unit:
it is derived from the units' progress reports (ducha.progress) by a rule the task page states (the
lead unit's latest effective report). The progress app calls `apply_reported_progress` inside the
transaction that files the report; this writes the derived figures as a change to the task (its
version bumped, a `task.update` audit entry whose `after` names the report), sets `started_on` on
the first report, moves a not-started task to 正在整改 through the declared `start` transition when
the report says work has begun, and marks a stage done the first time a report says so.

Permission is the caller's: the progress action has checked that the acting user may file the
report. A claimed (完成整改) or signed-off task keeps the 100 % of its claim.
"""

import datetime as dt

from django.utils import timezone

from ducha.audit import services as audit
from ducha.db.bulk import update_rows

from ..models import Task, TaskStage, TaskState
from . import rules
from .common import SearchTexts, lock_tasks, relations_of
from .tasks import _problem_text

# The state a report may not change the task's figure in: a claim fixed it at 100 %.
FIXED_STATES = frozenset({TaskState.COMPLETED, TaskState.SIGNED_OFF})
COLUMNS = ("progress", "progress_note", "started_on", "search_text", "version", "updated_at")


def apply_reported_progress(*, acting_user, task: Task, percent=None, note=None, reported_on: dt.date,
                            stage: TaskStage | None = None, starts=False, report_id=None) -> Task:
    """Write what a report changes on its task (call inside the report's transaction).

    percent / note: the task's new overall figure and 完成情况 (None: the report does not change them,
    e.g. a co-unit's report). starts: the report says work has begun (its percent > 0): a not-started
    task takes the `start` transition. Returns the task as it is now.
    """
    locked = lock_tasks([task.pk])[task.pk]
    related = relations_of([task.pk])
    before = related.snapshot(locked)
    if stage is not None and stage.task_id == locked.pk:
        TaskStage.objects.filter(pk=stage.pk, done_on__isnull=True).update(done_on=reported_on)
    if locked.state not in FIXED_STATES:
        if percent is not None:
            locked.progress = int(percent)
        if note is not None:
            locked.progress_note = note[:rules.TEXT_MAX]
    if locked.started_on is None:
        locked.started_on = min(reported_on, timezone.localdate())
    after = related.snapshot(locked)
    if after != before:
        units = list(locked.task_units.select_related("unit").order_by("position"))
        locked.search_text = SearchTexts()(locked, [tu.unit for tu in units], _problem_text(locked))
        locked.version += 1
        locked.updated_at = timezone.now()
        update_rows(Task, COLUMNS, [(locked.pk, *(getattr(locked, c) for c in COLUMNS))])
        after = related.snapshot(locked)
        after["source"] = {"report": report_id}
        audit.record(actor=acting_user, action="task.update", obj=locked, before=before, after=after)
    if locked.state == TaskState.NOT_STARTED and starts:
        from .transitions import transition_task

        locked = transition_task(acting_user=acting_user, task=locked, name="start",
                                 note=str(_started_note(report_id)))
    return locked


def _started_note(report_id):
    from django.utils.translation import gettext as _

    return _("由进展报告（ID %(id)s）开始整改。") % {"id": report_id}
