"""A plan's notice period (公示期) on the official calendar: its length and unit from the plan's acceptance
policy, the end day by ducha.signoff.periods, and the years whose holiday arrangement is not known yet."""

from dataclasses import dataclass

from ducha.holidays import official_calendar

from ..models import DayKind
from ..periods import notice_window
from .policy import policy_for

CALENDAR_LABEL = "workdays"  # Notice.calendar: ducha.workdays' official calendar


@dataclass(frozen=True)
class NoticePeriod:
    starts_on: object
    ends_on: object
    length: int
    day_kind: str
    calendar: str
    # Years in the period whose State Council arrangement is missing: the end day may move.
    missing_years: tuple = ()


def notice_period(plan, starts_on, calendar=None) -> NoticePeriod:
    policy = policy_for(plan)
    working = policy.notice_day_kind == DayKind.WORKING
    calendar = calendar or official_calendar()
    ends_on, missing = notice_window(calendar, starts_on, policy.notice_length, working)
    return NoticePeriod(starts_on, ends_on, policy.notice_length, policy.notice_day_kind,
                        CALENDAR_LABEL if working else DayKind.CALENDAR.value, tuple(missing))
