"""Scheduled progress stored on tasks: bulk refresh, the daily history, `ducha progress snapshot`."""

import csv
import datetime as dt

from django.core.management import call_command

from ducha.audit.models import AuditEntry
from ducha.ledger.actions import refresh_schedule
from ducha.ledger.models import ScheduleCount, Task, TaskStage


def _set(task, **fields):
    Task.objects.filter(pk=task.pk).update(**fields)


def test_refresh_writes_state_expected_and_date_without_a_version_bump(world, make_task):
    behind = make_task(deadline=dt.date(2024, 12, 31))
    ahead = make_task(deadline=dt.date(2024, 12, 31))
    _set(behind, started_on=dt.date(2024, 1, 1), progress=40, state="in_progress")
    _set(ahead, started_on=dt.date(2024, 1, 1), progress=80, state="in_progress")
    versions = dict(Task.objects.values_list("pk", "version"))
    audit_before = AuditEntry.objects.count()
    counts = refresh_schedule(as_of=dt.date(2024, 8, 15))
    assert counts == {"behind": 1, "ahead": 1}
    behind.refresh_from_db()
    ahead.refresh_from_db()
    assert (behind.schedule_state, behind.expected_progress, behind.schedule_as_of) == (
        "behind", 62, dt.date(2024, 8, 15))
    assert ahead.schedule_state == "ahead"
    assert dict(Task.objects.values_list("pk", "version")) == versions
    # One entry for the run, none per task.
    assert AuditEntry.objects.count() == audit_before + 1
    assert AuditEntry.objects.latest("id").action == "schedule.refresh"


def test_single_task_refresh_touches_only_that_task(world, make_task):
    one, other = make_task(), make_task()
    _set(one, started_on=dt.date(2022, 1, 1), state="in_progress", progress=10)
    Task.objects.filter(pk=other.pk).update(schedule_state="", schedule_as_of=None)
    refresh_schedule(task_ids=[one.pk], as_of=dt.date(2022, 6, 1))
    one.refresh_from_db()
    other.refresh_from_db()
    assert one.schedule_state == "behind" and one.schedule_as_of == dt.date(2022, 6, 1)
    assert other.schedule_state == "" and other.schedule_as_of is None
    assert not ScheduleCount.objects.exists()  # history is written by full refreshes only


def test_start_falls_back_to_the_plan_issue_date_and_stages_count(world, make_task):
    task = make_task(category="staged", deadline=dt.date(2022, 9, 30))  # plan issued 2021-09-30
    TaskStage.objects.create(task=task, position=0, name="完成截污纳管", due=dt.date(2022, 3, 31))
    _set(task, state="in_progress", progress=90)
    refresh_schedule(as_of=dt.date(2022, 4, 1))
    task.refresh_from_db()
    assert task.schedule_state == "behind"
    assert task.expected_progress == 50


def test_daily_history_is_per_plan_and_idempotent(world, make_task):
    for _ in range(3):
        make_task()
    refresh_schedule(as_of=dt.date(2021, 10, 1))
    refresh_schedule(as_of=dt.date(2021, 10, 1))
    rows = list(ScheduleCount.objects.values_list("plan__code", "day", "state", "count"))
    assert rows == [("LS-2021", dt.date(2021, 10, 1), "not_started", 3)]


def test_snapshot_command_counts_and_writes_csv_for_a_date_without_storing(world, make_task, tmp_path, capsys):
    task = make_task(number="7", deadline=dt.date(2024, 12, 31))
    _set(task, started_on=dt.date(2024, 1, 1), progress=40, state="in_progress")
    Task.objects.filter(pk=task.pk).update(schedule_state="", schedule_as_of=None)
    out = tmp_path / "snap.csv"
    call_command("progress", "snapshot", "--date", "2024-08-15", "--plan", "LS-2021", "--csv", str(out))
    printed = capsys.readouterr().out
    assert "未达到序时进度\t1" in printed and "合计\t1" in printed
    with open(out, encoding="utf-8") as fh:
        assert list(csv.reader(fh)) == [["number", "plan", "state", "expected", "actual"],
                                        ["7", "LS-2021", "behind", "62", "40"]]
    task.refresh_from_db()
    assert task.schedule_state == ""


def test_a_registered_round_provider_makes_silent_tasks_behind(world, make_task):
    from ducha.ledger.actions import schedule

    silent, reported = make_task(), make_task()
    _set(silent, started_on=dt.date(2022, 1, 1), state="in_progress", progress=50)
    _set(reported, started_on=dt.date(2022, 1, 1), state="in_progress", progress=50)
    registered = list(schedule._ROUND_FACTS)
    schedule.register_round_facts(lambda ids, as_of: {silent.pk: False, reported.pk: True})
    try:
        refresh_schedule(as_of=dt.date(2022, 7, 2))
    finally:
        schedule._ROUND_FACTS[:] = registered
    assert dict(Task.objects.values_list("pk", "schedule_state")) == {silent.pk: "behind",
                                                                      reported.pk: "on_schedule"}


def test_new_tasks_carry_the_figure_a_refresh_would_store(world, make_task):
    """Creating tasks stores their scheduled progress with the rows; a refresh right after moves nothing."""
    from django.utils import timezone

    from ducha.ledger.models import Plan

    today = timezone.localdate()
    unissued = Plan.objects.create(code="NO-ISSUE", title="未印发方案", division=world.plan.division)
    made = [
        make_task(deadline=dt.date(2022, 12, 31)),  # overdue
        make_task(deadline=today + dt.timedelta(days=400)),  # counts from the plan's issue
        make_task(category="staged", deadline=today + dt.timedelta(days=400),
                  stages=[("完成截污纳管", dt.date(2022, 3, 31))]),  # a stage missed
        make_task(category="long_term", deadline=None),
        make_task(plan=unissued, deadline=today + dt.timedelta(days=30)),  # counts from its creation, today
        make_task(deadline=dt.date(2022, 12, 31), state="in_progress"),  # moved by a transition
    ]
    stored = {t.pk: (t.schedule_state, t.expected_progress, t.schedule_as_of)
              for t in Task.objects.filter(pk__in=[t.pk for t in made])}
    assert stored[made[0].pk] == ("behind", 100, today)
    assert stored[made[2].pk][0] == "behind"
    assert stored[made[4].pk] == ("not_started", 0, today)
    refresh_schedule(task_ids=list(stored))
    assert {t.pk: (t.schedule_state, t.expected_progress, t.schedule_as_of)
            for t in Task.objects.filter(pk__in=list(stored))} == stored
    # What the insert carried is what a refresh computes: clear the figures and refresh again.
    Task.objects.filter(pk__in=list(stored)).update(schedule_state="", expected_progress=None, schedule_as_of=None)
    refresh_schedule(task_ids=list(stored))
    assert {t.pk: (t.schedule_state, t.expected_progress, t.schedule_as_of)
            for t in Task.objects.filter(pk__in=list(stored))} == stored
