"""Vectors for the periodic checks of a signed-off long-term task (已完成，长期坚持)."""

import datetime as dt

import pytest

from ducha.schedule.periodic import MET, MISSING, OPEN, add_months, period, periodic_checks

D = dt.date


@pytest.mark.parametrize("day, months, expected", [
    (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
    (D(2023, 1, 31), 1, D(2023, 2, 28)),
    (D(2024, 3, 31), 1, D(2024, 4, 30)),
    (D(2024, 11, 30), 3, D(2025, 2, 28)),
    (D(2024, 8, 31), 6, D(2025, 2, 28)),
    (D(2024, 12, 15), 1, D(2025, 1, 15)),
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
    (D(2024, 5, 10), 0, D(2024, 5, 10)),
])
def test_add_months_keeps_the_day_or_takes_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_periods_count_from_the_sign_off_day_and_do_not_drift_after_a_short_month():
    # Signed off on 31 January with monthly checks: February, March, April — not the 28th/29th each time.
    assert [period(D(2024, 1, 31), 1, k) for k in (1, 2, 3)] == [
        (D(2024, 2, 1), D(2024, 2, 29)), (D(2024, 3, 1), D(2024, 3, 31)), (D(2024, 4, 1), D(2024, 4, 30))]
    # Quarterly from 15 March: 16 Mar–15 Jun, 16 Jun–15 Sep.
    assert [period(D(2024, 3, 15), 3, k) for k in (1, 2)] == [
        (D(2024, 3, 16), D(2024, 6, 15)), (D(2024, 6, 16), D(2024, 9, 15))]


def states(result):
    return [(c.number, c.start, c.due, c.state) for c in result.checks]


def test_quarterly_checks_met_missing_and_open():
    result = periodic_checks(D(2024, 1, 31), 3, [D(2024, 3, 1), D(2024, 11, 2)], as_of=D(2024, 11, 20))
    assert states(result) == [
        (1, D(2024, 2, 1), D(2024, 4, 30), MET),
        (2, D(2024, 5, 1), D(2024, 7, 31), MISSING),
        (3, D(2024, 8, 1), D(2024, 10, 31), MISSING),
        (4, D(2024, 11, 1), D(2025, 1, 31), MET),
    ]
    assert result.checks[0].reported_on == D(2024, 3, 1)
    # The current period is met: the unit is back on track, the next check is the following one.
    assert result.lapsed is None
    assert result.next_due == D(2025, 4, 30)
    assert [c.number for c in result.missing] == [2, 3]


def test_a_missed_check_lapses_the_task_until_the_unit_reports_again():
    result = periodic_checks(D(2024, 1, 31), 3, [D(2024, 3, 1)], as_of=D(2024, 5, 2))
    assert states(result)[-2:] == [(1, D(2024, 2, 1), D(2024, 4, 30), MET), (2, D(2024, 5, 1), D(2024, 7, 31), OPEN)]
    assert result.lapsed is None and result.next_due == D(2024, 7, 31)
    late = periodic_checks(D(2024, 1, 31), 3, [], as_of=D(2024, 5, 2))
    assert late.lapsed.number == 1 and late.lapsed.due == D(2024, 4, 30)
    assert late.next_due == D(2024, 7, 31)


def test_the_due_day_itself_is_still_in_time_and_a_late_report_counts_in_the_next_period():
    on_due_day = periodic_checks(D(2024, 1, 31), 1, [], as_of=D(2024, 2, 29))
    assert states(on_due_day) == [(1, D(2024, 2, 1), D(2024, 2, 29), OPEN)]
    late = periodic_checks(D(2024, 1, 31), 1, [D(2024, 3, 1)], as_of=D(2024, 3, 2))
    assert states(late) == [(1, D(2024, 2, 1), D(2024, 2, 29), MISSING), (2, D(2024, 3, 1), D(2024, 3, 31), MET)]


def test_reports_on_or_before_the_sign_off_day_do_not_count():
    result = periodic_checks(D(2024, 6, 30), 1, [D(2024, 6, 30), D(2024, 6, 1)], as_of=D(2024, 8, 1))
    assert [c.state for c in result.checks] == [MISSING, OPEN]
    assert result.lapsed.start == D(2024, 7, 1) and result.lapsed.due == D(2024, 7, 30)


def test_on_the_sign_off_day_nothing_is_due_yet():
    result = periodic_checks(D(2024, 6, 30), 6, [], as_of=D(2024, 6, 30))
    assert result.checks == () and result.lapsed is None and result.next_due == D(2024, 12, 30)


def test_an_interval_below_one_month_is_refused():
    with pytest.raises(ValueError):
        periodic_checks(D(2024, 6, 30), 0, [], as_of=D(2024, 7, 1))
