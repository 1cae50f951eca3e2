"""Scheduled progress (序时进度) of one task as of a date: a pure rule, no Django.

No official formula exists (see shared/reference/rectification-rules/warnings-and-escalation.md §3):
reports only say 达到 / 未达到 / 超过序时进度, judged against the plan's time points (时间节点).
This rule makes that judgement repeatable:

1. A workflow state of completed (完成整改，待验收) or signed off (已销号) maps straight through.
2. A stage whose due date has passed (due < as_of) without a done date on or before as_of means
   behind, whatever the percentage says.
3. A task that did not report in the latest due dispatch round (when the caller knows) is behind:
   a unit that does not report cannot show it keeps pace (long-term tasks are judged by this alone
   besides their stage dates).
4. Otherwise the expected percentage is compared with the reported one: within ±tolerance points
   达到, above 超过, below 未达到. A by-deadline or staged task past its deadline and not completed is
   behind (it is overdue). A long-term task is never overdue against a final date and is not judged
   by percentage: rules 2 and 3 alone decide (达到 otherwise).

Expected percentage (exact, an integer rounded half up from a Fraction):
- Milestones are the stage due dates in date order, and the deadline when it comes after the last
  stage (for a long-term task the deadline is not a milestone). Milestone k of n stands for k/n of
  the work (stages divide 100% evenly: plans give stage dates, not stage weights).
- Between the start date (0%) and the first milestone, and between consecutive milestones, the
  expected figure grows linearly by calendar day (leap days count as days); after the last
  milestone it is 100%. With no stages this is linear between start and deadline.
- An immediate task (立行立改) with no deadline is expected at 100% from its start on.
- No start date or no milestone: no expected figure (None); the state then follows rules 1-3 only,
  and a task not yet started stays 尚未启动.
- Before the start date the expected figure is 0.

A task in the not_started workflow state is 尚未启动 unless it is already behind (a stage missed,
or the expected figure beyond the tolerance).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

# Schedule states (the values of ducha.ledger.models.ScheduleState).
NOT_STARTED, BEHIND, ON_SCHEDULE, AHEAD, COMPLETED, SIGNED_OFF = (
    "not_started", "behind", "on_schedule", "ahead", "completed", "signed_off")
STATES = (NOT_STARTED, BEHIND, ON_SCHEDULE, AHEAD, COMPLETED, SIGNED_OFF)

# Categories and workflow states (the values of ducha.ledger.models.Category / TaskState).
IMMEDIATE, BY_DEADLINE, STAGED, LONG_TERM = "immediate", "by_deadline", "staged", "long_term"
WF_NOT_STARTED, WF_IN_PROGRESS, WF_COMPLETED, WF_SIGNED_OFF = "not_started", "in_progress", "completed", "signed_off"
# Claimed done and in acceptance (验收中, 公示中): the work is done, the sign-off is not.
WF_UNDER_ACCEPTANCE = (WF_COMPLETED, "accepting", "in_notice")

DEFAULT_TOLERANCE = 5


@dataclass(frozen=True)
class Stage:
    name: str
    due: dt.date
    done_on: dt.date | None = None


@dataclass(frozen=True)
class Facts:
    """What the rule needs to know about a task, as of a date."""

    start: dt.date | None  # started_on, else the plan's issued date, else the creation date (caller decides)
    deadline: dt.date | None
    category: str = BY_DEADLINE
    stages: tuple = ()  # Stage, in any order
    progress: int = 0  # reported %, 0..100
    state: str = WF_IN_PROGRESS
    reported_in_round: bool | None = None  # None: unknown, not judged


@dataclass(frozen=True)
class Judgement:
    state: str
    expected: int | None
    explanation: str
    # Why behind, as codes: "stage" (a stage missed), "overdue", "round" (no report), "pace".
    reasons: tuple = field(default=())


def half_up(value: Fraction) -> int:
    """Round a non-negative exact fraction half up to an integer."""
    return int((value * 2 + 1) // 2)


def _d(day: dt.date) -> str:
    return day.isoformat()


def milestones(facts: Facts) -> list[dt.date]:
    dues = sorted({s.due for s in facts.stages})
    if facts.category != LONG_TERM and facts.deadline and (not dues or facts.deadline > dues[-1]):
        dues.append(facts.deadline)
    return dues


def expected_fraction(facts: Facts, as_of: dt.date) -> Fraction | None:
    """The share of the work that should be done by as_of (0..1), exact; None when unknowable."""
    if facts.start is None:
        return None
    points = milestones(facts)
    if not points:
        return Fraction(1) if facts.category == IMMEDIATE and as_of >= facts.start else None
    if as_of < facts.start:
        return Fraction(0)
    n = len(points)
    previous_day, previous_share = facts.start, Fraction(0)
    for k, day in enumerate(points, start=1):
        share = Fraction(k, n)
        if as_of < day:
            if day <= previous_day:  # a milestone on or before the start: already due in full
                return share
            span = (day - previous_day).days
            return previous_share + (share - previous_share) * Fraction((as_of - previous_day).days, span)
        previous_day, previous_share = max(previous_day, day), share
    return Fraction(1)


def expected_percent(facts: Facts, as_of: dt.date) -> int | None:
    """expected_fraction × 100 rounded half up, in integer arithmetic (the bulk refresh judges 100,000
    tasks: Fraction would be most of its time). Equal to half_up(expected_fraction(...) * 100)."""
    if facts.start is None:
        return None
    if not facts.stages:  # the common case: linear between start and deadline
        deadline = facts.deadline
        if facts.category == LONG_TERM or deadline is None:
            return 100 if facts.category == IMMEDIATE and as_of >= facts.start else None
        if as_of < facts.start:
            return 0
        if as_of >= deadline or deadline <= facts.start:
            return 100
        span, done = (deadline - facts.start).days, (as_of - facts.start).days
        return (200 * done + span) // (2 * span)
    share = expected_fraction(facts, as_of)
    return None if share is None else half_up(share * 100)


def judge(facts: Facts, as_of: dt.date, tolerance: int = DEFAULT_TOLERANCE) -> Judgement:
    expected = expected_percent(facts, as_of)
    progress = max(0, min(100, int(facts.progress or 0)))
    if facts.state == WF_SIGNED_OFF:
        return Judgement(SIGNED_OFF, expected, "已验收销号。")
    if facts.state in WF_UNDER_ACCEPTANCE:
        return Judgement(COMPLETED, expected, "已申报完成整改，在验收销号中。")

    behind = []
    missed = sorted((s for s in facts.stages if s.due < as_of and not (s.done_on and s.done_on <= as_of)),
                    key=lambda s: s.due)
    if missed:
        stage = missed[0]
        more = f"（另有 {len(missed) - 1} 个阶段逾期）" if len(missed) > 1 else ""
        behind.append(("stage", f"阶段“{stage.name}”应于 {_d(stage.due)} 完成，尚未报告完成{more}。"))
    if facts.category != LONG_TERM and facts.deadline and facts.deadline < as_of:
        behind.append(("overdue", f"整改时限 {_d(facts.deadline)} 已过，实际完成 {progress}%。"))
    if facts.reported_in_round is False:
        behind.append(("round", "最近一轮调度未报告进展。"))
    pace = _pace_text(expected, progress, as_of)
    if expected is not None and progress < expected - tolerance and facts.category != LONG_TERM:
        behind.append(("pace", pace))
    if behind:
        return Judgement(BEHIND, expected, "".join(text for _code, text in behind),
                         tuple(code for code, _text in behind))

    if facts.state == WF_NOT_STARTED and progress == 0:
        why = pace if expected else "尚未开始整改。"
        return Judgement(NOT_STARTED, expected, why)
    if facts.category == LONG_TERM:
        return Judgement(ON_SCHEDULE, expected, "长期坚持任务，按阶段时间节点和调度报告判断，未见滞后。")
    if expected is None:
        return Judgement(ON_SCHEDULE, None, "无整改时限，无法计算序时进度，未见滞后。")
    if progress > expected + tolerance:
        return Judgement(AHEAD, expected, pace)
    return Judgement(ON_SCHEDULE, expected, pace)


def _pace_text(expected, progress, as_of):
    """Dated, not "today": the text is kept with a warning and read later (the 大事记, the warning's history)."""
    if expected is None:
        return ""
    return f"按计划截至 {_d(as_of)} 应完成约 {expected}%，实际 {progress}%。"
