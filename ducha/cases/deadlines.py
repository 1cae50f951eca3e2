"""Case deadlines in working days on the official calendar (ducha.holidays.calendar.official_calendar:
the State Council's published arrangements from the chinesecalendar package, with administrators'
corrections entered on the calendar page taking precedence).

A case transferred on day T with an N-working-day limit is due on the N-th working day after T (the count
starts the day after transfer). N is the inspection's setting or its level's default: central 10,
provincial 7 (ducha.cases.models.DEFAULT_DEADLINE_DAYS).
"""

import datetime as dt

from ducha.holidays.calendar import official_calendar

from .models import DEFAULT_DEADLINE_DAYS, CaseSetup

DUE_SOON_DAYS = 2  # working days before the deadline a case counts as due soon


def working_days_for(inspection) -> int:
    setup = CaseSetup.objects.filter(inspection=inspection).first()
    if setup is not None:
        return setup.working_days
    return DEFAULT_DEADLINE_DAYS.get(inspection.level, 10)


def due_on(transferred_on: dt.date, days: int, calendar=None) -> dt.date:
    calendar = calendar or official_calendar()
    return calendar.add_working_days(transferred_on, days)


def due_soon_limit(today: dt.date, calendar=None) -> dt.date:
    """Cases due on or before this date (and not yet overdue) are due soon."""
    calendar = calendar or official_calendar()
    return calendar.add_working_days(today, DUE_SOON_DAYS)
