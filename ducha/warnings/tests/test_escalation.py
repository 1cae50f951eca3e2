"""Warnings and supervision meet: the rules' consequences arrive as supervision drafts for the office to
issue, and a supervision reply not made in time makes the task's next proposal at least yellow."""

import datetime as dt

from ducha.supervision import actions as supervision
from ducha.supervision.models import Kind, State, Supervision
from ducha.warnings import actions
from ducha.warnings.models import Consequence, TaskWarning


def test_two_yellows_draft_a_letter_and_a_red_drafts_an_interview(world, make_task, facts):
    task = make_task(deadline=dt.date(2024, 12, 31))
    facts(task, progress=40)
    coord = world.users["coord"]
    for month in (dt.date(2024, 7, 1), dt.date(2024, 8, 1)):
        actions.propose_month(acting_user=None, month=month)
        actions.confirm_warning(acting_user=coord, warning=TaskWarning.objects.get(task=task, month=month))
    letter = Consequence.objects.get(kind="letter").supervision
    assert (letter.kind, letter.state, letter.unit) == (Kind.LETTER, State.DRAFT, world.units["eco"])
    assert list(letter.tasks.all()) == [task]
    assert "2024年7月、2024年8月" in letter.reason and "黄牌" in letter.reason
    assert letter.reply_by is not None
    # The office issues the draft like any letter: it gets its number.
    issued = supervision.issue(acting_user=coord, record=letter)
    assert issued.state == State.ISSUED and issued.number

    facts(task, progress=10)
    actions.propose_month(acting_user=None, month=dt.date(2024, 9, 1))
    actions.confirm_warning(acting_user=coord, warning=TaskWarning.objects.get(task=task, month="2024-09-01"))
    interview = Consequence.objects.get(kind="interview").supervision
    assert (interview.kind, interview.state) == (Kind.INTERVIEW, State.DRAFT)
    # Confirming again drafts nothing more.
    assert Supervision.objects.filter(kind__in=[Kind.LETTER, Kind.INTERVIEW]).count() == 2


def test_an_overdue_reply_turns_a_blue_proposal_yellow(world, make_task, facts):
    on_time, silent = make_task(deadline=dt.date(2024, 12, 31)), make_task(deadline=dt.date(2024, 12, 31))
    facts(on_time, progress=67)
    facts(silent, progress=67)
    coord = world.users["coord"]
    record = supervision.create_supervision(acting_user=coord, kind=Kind.ORDER, unit=world.units["eco"],
                                            tasks=[silent], required="报告进展", reply_by=dt.date(2024, 8, 20))
    supervision.issue(acting_user=coord, record=record)
    actions.propose_month(acting_user=None, month=dt.date(2024, 8, 1))
    proposals = {w.task_id: w for w in TaskWarning.objects.all()}
    assert proposals[on_time.pk].proposed == "blue"
    assert proposals[silent.pk].proposed == "yellow"
    assert "2024-08-20 前回复，逾期未回复" in proposals[silent.pk].reasons


def test_decided_warnings_and_rounds_are_in_the_chronicle(world, make_task, facts):
    from ducha.chronicle.sources import timeline
    from ducha.dispatch import actions as dispatch

    task = make_task(deadline=dt.date(2024, 12, 31))
    facts(task, progress=40)
    coord = world.users["coord"]
    actions.propose_month(acting_user=None, month=dt.date(2024, 8, 1))
    actions.confirm_warning(acting_user=coord, warning=TaskWarning.objects.get(task=task))
    dispatch.open_round(acting_user=coord, tasks=[task], title="第1次月调度", kind="monthly",
                        now=dt.datetime(2024, 9, 1, 9, tzinfo=dt.timezone.utc),
                        due_at=dt.datetime(2024, 9, 5, 17, tzinfo=dt.timezone.utc))
    kinds = {e.kind: e.title for e in timeline(task, coord)}
    assert kinds["warning"] == "2024年8月黄牌"
    assert kinds["dispatch"].startswith("第1次月调度")
    plan_titles = [e.title for e in timeline(task.plan, coord) if e.kind == "warning"]
    assert plan_titles == [f"任务{task.number}：2024年8月黄牌"]
    # Someone who cannot see the task's warnings sees none of them.
    assert not [e for e in timeline(task, world.users["wz_coord"]) if e.kind in ("warning", "dispatch")]
