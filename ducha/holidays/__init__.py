"""The official working-day calendar as the system uses it: the published arrangements shipped with the
`chinesecalendar` package (ducha.workdays) plus the days an administrator enters or corrects here, which
take precedence. Every app asks `official_calendar()`."""


def official_calendar():
    """The calendar as of now (a ducha.workdays.Calendar); see ducha.holidays.calendar."""
    from .calendar import official_calendar as build

    return build()
