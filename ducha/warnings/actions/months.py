"""Months as warnings use them: a warning belongs to the first day of its month."""

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.core.actions import month_input


def first_day(day: dt.date) -> dt.date:
    return day.replace(day=1)


def last_day(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def parse_month(value, field="month") -> dt.date:
    """"2026-06" (or a date in it) → 2026-06-01; anything else is a ValidationError naming `field`. The
    months warnings may be about are those of official dates: a year typed as 0026 is a typo, not 26."""
    return month_input(value, field)


def this_month() -> dt.date:
    return first_day(timezone.localdate())


def judged_on(month: dt.date) -> dt.date:
    """The day a month's proposals judge the tasks on: its last day, or today while it runs."""
    today = timezone.localdate()
    if month > first_day(today):
        raise ValidationError({"month": [_("不能为尚未到来的月份生成预警。")]})
    return min(last_day(month), today)
