"""Vectors for the scheduled-progress rule: each row is a task's facts, a date, and what a reader of
the ledger should see (state, expected %, the words of the explanation)."""

import datetime as dt
from fractions import Fraction

import pytest

from ducha import schedule as s
from ducha.schedule import Facts, Stage, judge

D = dt.date


def f(**kw):
    kw.setdefault("start", D(2024, 1, 1))
    kw.setdefault("deadline", D(2024, 12, 31))
    return Facts(**kw)


@pytest.mark.parametrize("facts, as_of, state, expected, words", [
    # Linear between start and deadline: 2024 is a leap year, 365 days from 1 Jan to 31 Dec.
    (f(progress=50), D(2024, 7, 1), s.ON_SCHEDULE, 50, "按计划截至 2024-07-01 应完成约 50%，实际 50%"),
    (f(progress=40), D(2024, 8, 15), s.BEHIND, 62, "按计划截至 2024-08-15 应完成约 62%，实际 40%"),
    (f(progress=70), D(2024, 8, 15), s.AHEAD, 62, "实际 70%"),
    # Exactly tolerance either way is still on schedule.
    (f(progress=57), D(2024, 8, 15), s.ON_SCHEDULE, 62, ""),
    (f(progress=67), D(2024, 8, 15), s.ON_SCHEDULE, 62, ""),
    (f(progress=56), D(2024, 8, 15), s.BEHIND, 62, ""),
    # Deadline passed, not completed: behind whatever the percentage.
    (f(progress=99), D(2025, 1, 2), s.BEHIND, 100, "整改时限 2024-12-31 已过"),
    # The deadline day itself: expected 100, 96 within tolerance, not overdue yet.
    (f(progress=96), D(2024, 12, 31), s.ON_SCHEDULE, 100, ""),
    # Completed and signed off map straight through.
    (f(progress=100, state="completed"), D(2025, 6, 1), s.COMPLETED, 100, "验收销号中"),
    (f(progress=100, state="signed_off"), D(2025, 6, 1), s.SIGNED_OFF, 100, "销号"),
    (f(progress=100, state="accepting"), D(2025, 6, 1), s.COMPLETED, 100, "验收销号中"),
    (f(progress=100, state="in_notice"), D(2025, 6, 1), s.COMPLETED, 100, "验收销号中"),
    # Not started: 尚未启动 while the pace allows it, behind once it does not.
    (f(state="not_started"), D(2024, 1, 10), s.NOT_STARTED, 2, ""),
    (f(state="not_started"), D(2024, 3, 1), s.BEHIND, 16, "应完成约 16%，实际 0%"),
    # Before the start date nothing is expected.
    (f(start=D(2024, 6, 1), progress=0), D(2024, 5, 1), s.ON_SCHEDULE, 0, ""),
    # No start date, no deadline: no figure.
    (f(start=None, progress=10), D(2024, 5, 1), s.ON_SCHEDULE, None, "无法计算"),
    (f(deadline=None, progress=10), D(2024, 5, 1), s.ON_SCHEDULE, None, "无法计算"),
    # Immediate with no deadline: due in full from its start.
    (f(category="immediate", deadline=None, progress=100), D(2024, 1, 2), s.ON_SCHEDULE, 100, ""),
    (f(category="immediate", deadline=None, progress=30), D(2024, 1, 2), s.BEHIND, 100, ""),
    # A stage date passed without done_on: behind, whatever the percentage.
    (f(category="staged", progress=90, stages=(Stage("完成截污纳管", D(2024, 6, 30)),)), D(2024, 7, 1), s.BEHIND, 50,
     "阶段“完成截污纳管”应于 2024-06-30 完成，尚未报告完成"),
    # Done after as_of does not count yet; done on or before does.
    (f(category="staged", progress=50, stages=(Stage("一", D(2024, 6, 30), D(2024, 7, 5)),)), D(2024, 7, 1),
     s.BEHIND, 50, "阶段“一”"),
    (f(category="staged", progress=50, stages=(Stage("一", D(2024, 6, 30), D(2024, 7, 1)),)), D(2024, 7, 1),
     s.ON_SCHEDULE, 50, ""),
    # The stage's own due day is not yet missed.
    (f(category="staged", progress=50, stages=(Stage("一", D(2024, 6, 30)),)), D(2024, 6, 30), s.ON_SCHEDULE, 50, ""),
    # Long-term: no deadline overdue, no percentage judgement; stages and rounds decide.
    (f(category="long_term", deadline=D(2024, 3, 1), progress=10), D(2025, 1, 1), s.ON_SCHEDULE, None, "长期坚持"),
    (f(category="long_term", deadline=None, progress=10, reported_in_round=False), D(2025, 1, 1), s.BEHIND, None,
     "最近一轮调度未报告进展"),
    (f(category="long_term", deadline=None, stages=(Stage("建立长效机制", D(2024, 3, 31)),), progress=100),
     D(2024, 4, 1), s.BEHIND, 100, "建立长效机制"),
    # Any task that missed the round is behind.
    (f(progress=50, reported_in_round=False), D(2024, 7, 1), s.BEHIND, 50, "未报告进展"),
])
def test_vectors(facts, as_of, state, expected, words):
    result = judge(facts, as_of, tolerance=5)
    assert (result.state, result.expected) == (state, expected), result.explanation
    assert words in result.explanation


def test_stages_divide_the_work_evenly_piecewise():
    facts = f(category="staged", start=D(2024, 1, 1), deadline=D(2024, 12, 31),
              stages=(Stage("二", D(2024, 9, 30)), Stage("一", D(2024, 3, 31))))
    # Three milestones (two stages and the deadline after them): 1/3 by 31 Mar, 2/3 by 30 Sep.
    assert s.expected_fraction(facts, D(2024, 3, 31)) == Fraction(1, 3)
    assert s.expected_fraction(facts, D(2024, 9, 30)) == Fraction(2, 3)
    assert s.expected_percent(facts, D(2024, 3, 31)) == 33
    assert s.expected_percent(facts, D(2024, 9, 30)) == 67
    # 91 of the 183 days between 31 Mar and 30 Sep: 1/3 + 1/3 × 91/183, exactly.
    assert s.expected_fraction(facts, D(2024, 6, 30)) == Fraction(1, 3) + Fraction(1, 3) * Fraction(91, 183)
    assert s.expected_percent(facts, D(2025, 1, 1)) == 100


def test_leap_day_counts_as_a_day():
    leap = f(start=D(2024, 2, 28), deadline=D(2024, 3, 1))  # two days: 28 Feb → 29 Feb → 1 Mar
    plain = f(start=D(2023, 2, 28), deadline=D(2023, 3, 1))  # one day
    assert s.expected_fraction(leap, D(2024, 2, 29)) == Fraction(1, 2)
    assert s.expected_fraction(plain, D(2023, 2, 28)) == 0
    assert s.expected_fraction(plain, D(2023, 3, 1)) == 1


def test_half_up_rounding_is_exact():
    assert s.half_up(Fraction(125, 2)) == 63  # 62.5 → 63, not banker's 62
    assert s.half_up(Fraction(249, 4)) == 62  # 62.25
    # 1 of 8 days: 12.5% → 13.
    assert s.expected_percent(f(start=D(2024, 1, 1), deadline=D(2024, 1, 9)), D(2024, 1, 2)) == 13


def test_deadline_before_start_is_due_in_full():
    assert s.expected_percent(f(start=D(2024, 6, 1), deadline=D(2024, 5, 1)), D(2024, 6, 1)) == 100


def test_tolerance_is_a_parameter():
    facts = f(progress=55)
    assert judge(facts, D(2024, 8, 15), tolerance=5).state == s.BEHIND
    assert judge(facts, D(2024, 8, 15), tolerance=10).state == s.ON_SCHEDULE


def test_integer_shortcut_equals_the_exact_fraction():
    start = D(2024, 1, 1)
    for deadline in (D(2024, 1, 2), D(2024, 1, 9), D(2024, 12, 31), D(2025, 2, 28), D(2023, 6, 1)):
        for days in range(-3, 500, 7):
            as_of = start + dt.timedelta(days=days)
            for category in ("by_deadline", "immediate", "staged"):
                facts = f(start=start, deadline=deadline, category=category)
                share = s.expected_fraction(facts, as_of)
                assert s.expected_percent(facts, as_of) == (None if share is None else s.half_up(share * 100))
