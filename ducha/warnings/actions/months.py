"""Months as warnings use them: a warning belongs to the first day of its month."""

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# The months warnings may be about are those of official dates (ducha.core.actions): a year typed as 0026
# is a typo, not the year 26.
from ducha.core.actions import FIRST_YEAR, LAST_YEAR


def first_day(day: dt.date) -> dt.date:
    return day.replace(day=1)


def last_day(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def parse_month(value, field="month") -> dt.date:
    """"2026-06" (or a date in it) → 2026-06-01; anything else is a ValidationError naming `field`."""
    if isinstance(value, dt.date):
        month = first_day(value)
    else:
        text = str(value or "").strip()
        try:
            year, number = text.split("-")[:2]
            if len(year) != 4 or not (1 <= len(number) <= 2):
                raise ValueError
            month = dt.date(int(year), int(number), 1)
        except (ValueError, TypeError):
            raise ValidationError({field: [_("月份格式应为 YYYY-MM，如 2026-06。")]}) from None
    if not FIRST_YEAR <= month.year <= LAST_YEAR:
        raise ValidationError({field: [_("月份应在 %(first)s 年至 %(last)s 年之间。") % {
            "first": FIRST_YEAR, "last": LAST_YEAR}]})
    return month


def this_month() -> dt.date:
    return first_day(timezone.localdate())


def judged_on(month: dt.date) -> dt.date:
    """The day a month's proposals judge the tasks on: its last day, or today while it runs."""
    today = timezone.localdate()
    if month > first_day(today):
        raise ValidationError({"month": [_("不能为尚未到来的月份生成预警。")]})
    return min(last_day(month), today)
