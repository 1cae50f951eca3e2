"""Scheduled progress hears from the rounds: a long-term task that did not report in its latest due round
is 未达到序时进度, and filing (even late) puts it back."""

import datetime as dt

from ducha.dispatch.facts import round_facts
from ducha.ledger.actions import refresh_schedule
from ducha.ledger.models import Task

from .helpers import at, report


def _long_term(make_task):
    task = make_task(category="long_term", deadline=None, deadline_text="长期坚持", units=("eco", "ld_gov"))
    Task.objects.filter(pk=task.pk).update(state="in_progress", progress=50, started_on=dt.date(2024, 1, 1))
    return task


def test_missing_unit_makes_the_task_behind_until_it_files(world, make_task, round_of):
    task, other = _long_term(make_task), _long_term(make_task)
    round_of([task, other], opened="03-01", due="03-05")
    report(task, world.units["eco"], at("03-02"), world.users["eco_officer"])
    report(other, world.units["eco"], at("03-02"), world.users["eco_officer"])
    report(other, world.units["ld_gov"], at("03-04"), world.users["ld_officer"])
    day = dt.date(2024, 3, 6)
    assert round_facts([task.pk, other.pk], day) == {task.pk: False, other.pk: True}
    refresh_schedule(as_of=day)
    assert dict(Task.objects.values_list("pk", "schedule_state")) == {task.pk: "behind", other.pk: "on_schedule"}

    report(task, world.units["ld_gov"], at("03-07"), world.users["ld_officer"])  # late, but reported
    assert round_facts([task.pk], dt.date(2024, 3, 8)) == {task.pk: True}
    # Judged as of a day before it filed, it had not reported.
    assert round_facts([task.pk], dt.date(2024, 3, 6)) == {task.pk: False}


def test_a_round_not_yet_due_and_a_task_in_no_round_are_not_judged(world, make_task, round_of):
    task, loose = _long_term(make_task), _long_term(make_task)
    round_of([task], opened="03-01", due="03-05")
    assert round_facts([task.pk, loose.pk], dt.date(2024, 3, 4)) == {}
