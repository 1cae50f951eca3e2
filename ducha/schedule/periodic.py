"""Periodic checks of a signed-off long-term task (已完成，长期坚持): a pure rule, no Django.

A long-term task is signed off for what is done and then reports every `months` months (the plan's
sign-off policy). Periods are counted from the sign-off day, each from the anchor and not from the
previous period (so a sign-off on 31 January with monthly checks gives February, March, April… and
never drifts to the 28th):

- period k (k = 1, 2, …) runs from the day after add_months(signed_off_on, (k-1)·months) to
  add_months(signed_off_on, k·months), both days included; its last day is its due date;
- a period is met when the unit filed a report on one of its days; missing when its due date has
  passed (due < as_of) with none; open otherwise (the current period, nothing filed yet);
- a report counts in the period it falls in only: a late report does not make up a missed period.

The periods listed are those begun by `as_of`. The task is lapsed when the latest decided period
(met or missing; the current one counts once it is met) is missing: a unit that missed a check
and has since reported is back on track.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass

MET, MISSING, OPEN = "met", "missing", "open"
_ONE_DAY = dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has fewer days (31 Jan + 1 → 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


@dataclass(frozen=True)
class Check:
    number: int
    start: dt.date
    due: dt.date  # the period's last day
    state: str
    reported_on: dt.date | None = None  # the first report in the period


@dataclass(frozen=True)
class Checks:
    signed_off_on: dt.date
    months: int
    checks: tuple  # the periods begun by as_of, oldest first
    next_due: dt.date  # the due date of the next check still owed (the current one, unless it is met)

    @property
    def missing(self) -> tuple:
        return tuple(c for c in self.checks if c.state == MISSING)

    @property
    def latest_decided(self) -> Check | None:
        return next((c for c in reversed(self.checks) if c.state != OPEN), None)

    @property
    def owed(self) -> Check | None:
        """The current period's check while nothing is filed in it."""
        return next((c for c in self.checks if c.state == OPEN), None)

    @property
    def lapsed(self) -> Check | None:
        """The latest decided check when it is missing (the one to name), else None."""
        latest = self.latest_decided
        return latest if latest is not None and latest.state == MISSING else None


def period(signed_off_on: dt.date, months: int, number: int) -> tuple:
    """(first day, due date) of period `number` (1-based)."""
    return (add_months(signed_off_on, (number - 1) * months) + _ONE_DAY,
            add_months(signed_off_on, number * months))


def periodic_checks(signed_off_on: dt.date, months: int, report_dates, as_of: dt.date) -> Checks:
    """The checks of a task signed off on `signed_off_on` with a report due every `months` months, given the
    dates the unit filed reports on (any order; those on or before the sign-off day do not count)."""
    if months < 1:
        raise ValueError("months must be at least 1")
    dates = sorted(d for d in report_dates if d > signed_off_on)
    checks = []
    number = 1
    while True:
        start, due = period(signed_off_on, months, number)
        if start > as_of:
            break
        i = bisect_left(dates, start)
        first = dates[i] if i < len(dates) and dates[i] <= due else None
        state = MET if first is not None else (MISSING if due < as_of else OPEN)
        checks.append(Check(number, start, due, state, first))
        number += 1
    # Only the current period can be open; when it is met, the next one is owed.
    owed = next((c for c in checks if c.state == OPEN), None)
    next_due = owed.due if owed is not None else period(signed_off_on, months, number)[1]
    return Checks(signed_off_on, months, tuple(checks), next_due)
