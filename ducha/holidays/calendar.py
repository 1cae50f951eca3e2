"""The calendar every app uses: the package's published arrangements with the database's entries over them."""

from functools import lru_cache

from ducha.workdays import Calendar, CalendarDay, package_days

from .models import CalendarDay as Day, CalendarYear


@lru_cache(maxsize=1)
def _published():
    days, years = package_days()
    return Calendar(days, years)


def official_calendar() -> Calendar:
    """The calendar as of now. Two small queries; callers doing bulk work build it once and reuse it."""
    entered = [CalendarDay(date, working, name)
               for date, working, name in Day.objects.values_list("date", "working", "name")]
    years = CalendarYear.objects.values_list("year", flat=True)
    return _published().with_days(entered, years)

