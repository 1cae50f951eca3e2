"""How long a public notice (公示) runs: a pure rule over a ducha.workdays calendar (no Django import).

A notice published on day S for N days runs S, S+1, ... and ends on its N-th day; for N working days it
ends on the N-th working day counted from S (S itself when S is a working day), so a notice published
on 2025-01-21 for 10 working days ends on 2025-02-08 (the Spring Festival 1/28–2/4 skipped, the
adjusted working days 1/26 and 2/8 counted), as the one found in Tianjin did."""

import datetime as dt

ONE_DAY = dt.timedelta(days=1)


def notice_end(calendar, starts_on, length, working):
    """The last day of a notice of `length` days (working days when `working`) starting on `starts_on`."""
    if length < 1:
        raise ValueError("a notice runs at least one day")
    return calendar.add_days(starts_on - ONE_DAY, length, working)


def notice_window(calendar, starts_on, length, working):
    """(ends_on, years whose official arrangement the calendar lacks within the period: the end may move
    when the State Council publishes them)."""
    ends_on = notice_end(calendar, starts_on, length, working)
    return ends_on, (calendar.missing_years(starts_on, ends_on) if working else [])
