"""Working days on China's official calendar (no Django import).

The State Council's General Office publishes each year's public holidays and the weekend days worked in
exchange (调休上班) — usually in November or December for the next year. A `Calendar` holds both sets
and the years whose arrangement it knows; a date in a year it does not know is judged by the weekend
alone, and `missing_years` tells the caller so it can say so (a deadline computed on an unknown year
may move once the arrangement is published).

The published arrangements ship with the `chinesecalendar` package (`package_days()`); an administrator
adds or corrects days in the database (ducha.holidays), which take precedence.

Counting follows the rule for 信访 and 公示 deadlines: "N working days from the day after" a date is the
N-th working day strictly after it (`add_working_days(start, N)`).
"""

import datetime as dt
from dataclasses import dataclass

__all__ = ["Calendar", "CalendarDay", "package_days"]

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class CalendarDay:
    """One day that differs from the plain weekend rule: a holiday (working=False) or an adjusted
    working day (working=True), with its festival's name."""

    date: dt.date
    working: bool
    name: str = ""


class Calendar:
    """Which days are working days. Built once, then asked many times (cheap lookups)."""

    def __init__(self, days=(), years=()):
        self._days = {day.date: day for day in days}
        self.years = frozenset(years)

    def with_days(self, days, years=()):
        """A new calendar with `days` replacing this one's on the same dates (the administrator's
        corrections over the published data)."""
        return Calendar(list(self._days.values()) + list(days), self.years | frozenset(years))

    def day(self, date):
        """The CalendarDay recorded for `date`, or None when the weekend rule decides."""
        return self._days.get(date)

    def is_working_day(self, date) -> bool:
        special = self._days.get(date)
        if special is not None:
            return special.working
        return date.weekday() < 5

    def add_working_days(self, start, count):
        """The `count`-th working day after `start` (count > 0), or before it (count < 0); `start`
        itself when count is 0."""
        step = ONE_DAY if count >= 0 else -ONE_DAY
        date, left = start, abs(count)
        while left:
            date += step
            if self.is_working_day(date):
                left -= 1
        return date

    def working_days_between(self, start, end) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count, date = 0, start
        while date < end:
            date += ONE_DAY
            if self.is_working_day(date):
                count += 1
        return count

    def add_days(self, start, count, working):
        """`count` days after `start`: working days when `working`, else calendar days."""
        return self.add_working_days(start, count) if working else start + dt.timedelta(days=count)

    def missing_years(self, start, end):
        """Years between the two dates (inclusive) whose official arrangement this calendar lacks."""
        first, last = sorted((start.year, end.year))
        return [year for year in range(first, last + 1) if year not in self.years]

    def days_in(self, year):
        """The recorded holidays and adjusted working days of a year, in date order."""
        return sorted((d for d in self._days.values() if d.date.year == year), key=lambda d: d.date)


# The package names festivals in English; offices read them in Chinese.
FESTIVALS = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def package_days():
    """The arrangements published so far, as shipped by the `chinesecalendar` package:
    (days, years known)."""
    from chinese_calendar import constants

    days = [CalendarDay(date, False, FESTIVALS.get(str(name), str(name)))
            for date, name in constants.holidays.items()]
    days += [CalendarDay(date, True, FESTIVALS.get(str(name), str(name)))
             for date, name in constants.workdays.items()]
    years = {date.year for date in constants.holidays}
    return days, years
