"""The task's figures that progress reports drive: a narrow ledger action for the progress app.

A task's overall progress (`progress`, `progress_note`) is no longer typed in by a responsible unit:
it is derived from the units' progress reports (ducha.progress) by a rule the task page states (the
lead unit's latest effective report). The progress app calls `apply_reported_progress` inside the
transaction that files the report; this writes the derived figures as a change to the task (its
version bumped, a `task.update` audit entry whose `after` names the report), sets `started_on` on
the first report, moves a not-started task to 正在整改 through the declared `start` transition when
the report says work has begun, and marks a stage done the first time a report says so.

Permission is the caller's: the progress action has checked that the acting user may file the
report. A claimed (完成整改, and on through acceptance and notice) or signed-off task keeps the 100 % of its
claim.

A task sent back to rectification after its claim (the claim withdrawn or returned, acceptance failed,
an objection upheld, a signed-off task reopened) no longer keeps that 100 %: `figure_after_return` gives
what it falls back to, and the transition writes it (ducha.ledger.actions.transitions).
"""

import datetime as dt

from django.utils import timezone

from ducha.audit import services as audit
from ducha.audit.models import AuditEntry
from ducha.db.bulk import update_rows

from ..models import Task, TaskStage, TaskState
from ..models.tasks import CLOSED_STATES
from . import rules
from .common import SearchTexts, lock_tasks, relations_of
from .tasks import _problem_text

# The states a report may not change the task's figure in: a claim fixed it at 100 % until acceptance fails,
# an objection is upheld or the claim is withdrawn or returned (figure_after_return), or until a signed-off task
# is reopened.
FIXED_STATES = frozenset(CLOSED_STATES)
COLUMNS = ("progress", "progress_note", "started_on", "search_text", "version", "updated_at")


# The progress app's rule for a task's figure without the refuted claim: source(task) -> (percent, report id)
# of the lead unit's latest effective report below 100 %, or None when it never reported below 100 %.
_REPORTED_SOURCES = []


def register_reported_source(source):
    _REPORTED_SOURCES.append(source)


def figure_after_return(task) -> tuple[int, dict]:
    """(percent, where it comes from) for a task going back to rectification after its claim.

    The return says the work is not done, so the claim's 100 % and any report of 100 % are set aside: the
    figure is the lead unit's latest effective report below 100 % (the rule the task page states, without
    what the return refutes); when the lead unit never reported below 100 %, what the ledger showed before
    the claim (an office edit or an import, read from the claim's audit entry) when below 100 %; else 0.
    Never a figure nobody gave."""
    for source in _REPORTED_SOURCES:
        found = source(task)
        if found is not None:
            percent, report_id = found
            return int(percent), {"report": report_id}
    claim = (AuditEntry.objects.filter(object_type=task._meta.label_lower, object_id=str(task.pk),
                                       action="task.claim").order_by("-id").values_list("id", "before").first())
    if claim is not None:
        before = claim[1] or {}
        percent = before.get("progress")
        if isinstance(percent, int) and 0 <= percent < 100:
            return percent, {"before_claim": claim[0]}
    return 0, {}


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
