"""Scheduled progress (序时进度) stored on tasks: a derived figure, recomputed in bulk.

`refresh_schedule` judges tasks with the pure rule of ducha.schedule and writes schedule_state,
expected_progress and schedule_as_of with one bulk UPDATE (ducha.db.bulk.update_rows): no version
bump and no audit entry per task (nobody changed the task; the figure follows from its facts and the
date). A full refresh (the daily job) writes one audit entry for the run and the day's per-plan counts
(ScheduleCount). A progress report refreshes its one task: `refresh_schedule(task_ids=[task.pk])`.

`judge_tasks` computes without writing, for any date (`ducha progress snapshot --date`).

Whether a task reported in the latest due dispatch round is known to the dispatch app, above the
ledger: it registers `round_facts(task_ids, as_of) -> {task id: bool}` with `register_round_facts`
from its AppConfig.ready(); until then the rule does not judge reporting.
"""

import datetime as dt
from collections import Counter, defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ducha import schedule
from ducha.audit import services as audit
from ducha.db.bulk import insert_rows, update_rows

from ..models import ScheduleCount, Task, TaskStage

SCHEDULE_FIELDS = ["schedule_state", "expected_progress", "schedule_as_of"]
_CHUNK = 20_000
_TASK_COLUMNS = ("id", "plan_id", "started_on", "plan__issued_on", "created_at", "deadline", "category", "progress",
                 "state", "schedule_state", "expected_progress")


_ROUND_FACTS = []


def register_round_facts(provider):
    """provider(task_ids, as_of) -> {task id: reported in the latest due round}; tasks not named are not judged."""
    _ROUND_FACTS[:] = [provider]


def tolerance() -> int:
    return int(getattr(settings, "DUCHA_SCHEDULE_TOLERANCE", schedule.DEFAULT_TOLERANCE))


def start_date(started_on, plan_issued_on, created_at):
    """The day scheduled progress counts from: work started, else the plan's issue, else the task's creation."""
    if started_on:
        return started_on
    if plan_issued_on:
        return plan_issued_on
    return timezone.localtime(created_at).date() if created_at else None


def _stages_by_task(ids):
    stages = defaultdict(list)
    rows = TaskStage.objects.filter(task_id__in=ids) if len(ids) <= 900 else TaskStage.objects.all()
    for task_id, name, due, done_on in rows.values_list("task_id", "name", "due", "done_on").iterator(chunk_size=5000):
        stages[task_id].append(schedule.Stage(name, due, done_on))
    return stages


def judge_tasks(queryset, as_of, *, round_facts=None):
    """Yield (row dict, Judgement) for each live task of `queryset` as of `as_of`, computed, not stored.
    `round_facts`: {task id: reported in the latest due round (bool)} when a dispatch app knows."""
    tol = tolerance()
    tasks = list(queryset.filter(voided_at__isnull=True).order_by("id").values_list(*_TASK_COLUMNS, "number",
                                                                                   "plan__code"))
    stages = _stages_by_task([t[0] for t in tasks])
    if round_facts is None and _ROUND_FACTS:
        round_facts = _ROUND_FACTS[0]([t[0] for t in tasks], as_of)
    round_facts = round_facts or {}
    for (pk, plan_id, started_on, issued_on, created_at, deadline, category, progress, state, stored_state,
         stored_expected, number, plan) in tasks:
        facts = schedule.Facts(
            start=start_date(started_on, issued_on, created_at), deadline=deadline, category=category,
            stages=tuple(stages.get(pk, ())), progress=progress, state=state,
            reported_in_round=round_facts.get(pk))
        yield ({"id": pk, "plan_id": plan_id, "number": number, "plan": plan, "progress": progress,
                "stored": (stored_state, stored_expected)},
               schedule.judge(facts, as_of, tol))


def judge_task(task, as_of=None):
    """The judgement for one task object (the task page's explanation), from the object in hand and its
    stages: one query."""
    as_of = as_of or timezone.localdate()
    stages = tuple(schedule.Stage(*row) for row in task.stages.order_by("position").values_list("name", "due",
                                                                                                  "done_on"))
    facts = schedule.Facts(
        start=start_date(task.started_on, task.plan.issued_on, task.created_at), deadline=task.deadline,
        category=task.category, stages=stages, progress=task.progress, state=task.state,
        reported_in_round=_ROUND_FACTS[0]([task.pk], as_of).get(task.pk) if _ROUND_FACTS else None)
    return schedule.judge(facts, as_of, tolerance())


def judge_new_tasks(tasks, stages, as_of=None):
    """Give tasks about to be inserted the scheduled progress `refresh_schedule` would store for them just
    after (so the insert carries it and no UPDATE follows): the same rule and the same test for what to
    store. `stages`: each task's [(name, due)]. A new task has no stage done, is in no dispatch round
    (the rounds' provider names only tasks with obligations) and, without a start or a plan issue date,
    counts from its creation, today."""
    as_of = as_of or timezone.localdate()
    tol, now = tolerance(), timezone.now()
    for task, task_stages in zip(tasks, stages):
        facts = schedule.Facts(
            start=start_date(task.started_on, task.plan.issued_on, task.created_at or now), deadline=task.deadline,
            category=task.category, stages=tuple(schedule.Stage(name, due, None) for name, due in task_stages),
            progress=task.progress, state=task.state, reported_in_round=None)
        judgement = schedule.judge(facts, as_of, tol)
        if (task.schedule_state, task.expected_progress) != (judgement.state, judgement.expected):
            task.schedule_state, task.expected_progress, task.schedule_as_of = (judgement.state, judgement.expected,
                                                                                as_of)


def refresh_schedule(task_ids=None, as_of=None):
    """Recompute and store scheduled progress for these tasks (None: every live task) as of a date
    (default today). Returns {state: count} of the tasks refreshed.

    Only rows whose state or expected figure moved are written (one bulk UPDATE), and schedule_as_of is
    set on those rows only: it is the date of the stored figure, which stays true of every later day
    until the figure moves. On PostgreSQL every written row of ledger_task costs its stored search
    vector and its indexes (about a millisecond), so rewriting 100,000 unchanged rows each night would
    take a minute; the date of the last full run is in the history (ScheduleCount) and the audit log."""
    as_of = as_of or timezone.localdate()
    if task_ids is None:
        querysets = [Task.objects.all()]
    else:  # an import's thousands of ids: bounded IN lists
        ids = list(task_ids)
        querysets = [Task.objects.filter(pk__in=ids[i:i + 900]) for i in range(0, len(ids), 900)]
    counts = Counter()
    with transaction.atomic():
        rows, per_plan = [], Counter()
        judged = (pair for queryset in querysets for pair in judge_tasks(queryset, as_of))
        for row, judgement in judged:
            counts[judgement.state] += 1
            per_plan[row["plan_id"], judgement.state] += 1
            if row["stored"] != (judgement.state, judgement.expected):
                rows.append((row["id"], judgement.state, judgement.expected, as_of))
            if len(rows) >= _CHUNK:
                update_rows(Task, SCHEDULE_FIELDS, rows)
                rows = []
        update_rows(Task, SCHEDULE_FIELDS, rows)
        if task_ids is None:
            _write_history(as_of, per_plan)
            audit.record(actor=None, action="schedule.refresh", object_type="ledger.task", object_repr="序时进度",
                         after={"as_of": as_of.isoformat(), "counts": dict(sorted(counts.items()))})
    return dict(counts)


def _write_history(day: dt.date, per_plan: Counter):
    """Replace the day's per-plan counts (a second run the same day leaves one set)."""
    ScheduleCount.objects.filter(day=day).delete()
    insert_rows(ScheduleCount, ["plan_id", "day", "state", "count"],
                [(plan_id, day, state, n) for (plan_id, state), n in sorted(per_plan.items())])


def refresh_all():
    """The daily job."""
    return refresh_schedule()
