"""Working days on the published calendar (ducha.workdays, no database)."""

import datetime as dt

import pytest

from ducha.workdays import Calendar, CalendarDay, package_days

D = dt.date


@pytest.fixture(scope="module")
def published():
    days, years = package_days()
    return Calendar(days, years)


def test_ten_working_days_after_a_transfer_across_the_2026_spring_festival(published):
    # 春节 2026: 2月15日—23日放假，2月14日（星期六）、2月28日（星期六）上班.
    assert published.add_working_days(D(2026, 2, 10), 10) == D(2026, 3, 2)
    assert not published.is_working_day(D(2026, 2, 16))
    assert published.is_working_day(D(2026, 2, 14))  # a Saturday worked in exchange
    assert published.working_days_between(D(2026, 2, 10), D(2026, 3, 2)) == 10


def test_seven_working_days_across_national_day_2026(published):
    # 国庆中秋 2026: 10月1日—7日放假，9月20日（星期日）、10月10日（星期六）上班.
    assert published.add_working_days(D(2026, 9, 28), 7) == D(2026, 10, 13)
    assert published.is_working_day(D(2026, 10, 10))
    assert published.is_working_day(D(2026, 9, 20))


def test_counting_starts_the_day_after_and_runs_backwards(published):
    monday = D(2026, 11, 30)
    assert published.add_working_days(monday, 0) == monday
    assert published.add_working_days(monday, 1) == D(2026, 12, 1)
    assert published.add_working_days(D(2026, 12, 4), 1) == D(2026, 12, 7)  # Friday → Monday
    assert published.add_working_days(D(2026, 12, 7), -1) == D(2026, 12, 4)
    assert published.working_days_between(monday, monday) == 0


def test_calendar_days_are_plain_days(published):
    assert published.add_days(D(2026, 9, 28), 7, working=False) == D(2026, 10, 5)


def test_an_unpublished_year_falls_back_to_weekends_and_says_so(published):
    assert 2027 not in published.years
    assert published.missing_years(D(2026, 12, 20), D(2027, 1, 10)) == [2027]
    assert published.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 1)  # no holiday known yet


def test_entered_days_override_the_published_ones(published):
    corrected = published.with_days([CalendarDay(D(2027, 1, 1), False, "元旦"),
                                     CalendarDay(D(2026, 10, 7), True, "更正")], years=[2027])
    assert corrected.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert corrected.is_working_day(D(2026, 10, 7))
    assert not corrected.missing_years(D(2026, 12, 20), D(2027, 1, 10))
    assert published.is_working_day(D(2027, 1, 1))  # the original is unchanged
