import datetime as dt

import pytest

from ducha.cases.deadlines import due_on
from ducha.holidays.calendar import official_calendar

pytestmark = pytest.mark.django_db


def test_ten_working_days_across_spring_festival_2025():
    # Transferred Fri 2025-01-24: 1-26 (Sun) worked = 1, 1-27 = 2, 1-28…2-4 holidays, 2-5…2-7 = 3…5,
    # 2-8 (Sat) worked = 6, 2-10…2-13 = 7…10.
    assert due_on(dt.date(2025, 1, 24), 10, official_calendar()) == dt.date(2025, 2, 13)


def test_seven_working_days_across_national_day_2024():
    # Transferred Mon 2024-09-30: 10-1…10-7 holidays, 10-8…10-11 = 1…4, 10-12 (Sat) worked = 5, 10-14, 10-15.
    assert due_on(dt.date(2024, 9, 30), 7, official_calendar()) == dt.date(2024, 10, 15)


def test_counting_starts_the_day_after_transfer():
    assert due_on(dt.date(2024, 6, 11), 1, official_calendar()) == dt.date(2024, 6, 12)
