"""The inputs every action shares: official dates and moments bounded to 2000–2100 with a message naming the
field, months by the same years, and a creation repeated at once (a double click) refused with the first."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ducha.core.actions import RepeatedSubmission, date_input, moment_input, month_input

RANGE = "应在 2000-01-01 至 2100-12-31 之间。"


@pytest.mark.parametrize("value,expected", [
    ("2000-01-01", dt.date(2000, 1, 1)), ("2100-12-31", dt.date(2100, 12, 31)), (" 2026-3-5 ", dt.date(2026, 3, 5)),
    (dt.date(2026, 6, 1), dt.date(2026, 6, 1)), (dt.datetime(2026, 6, 1, 9), dt.date(2026, 6, 1)), (None, None), ("", None),
])
def test_a_date_in_range_is_taken(value, expected):
    assert date_input(value, "day", label="报送日期") == expected


@pytest.mark.parametrize("value,message", [
    ("0001-01-01", "报送日期" + RANGE), ("1999-12-31", "报送日期" + RANGE), ("2101-01-01", "报送日期" + RANGE),
    (dt.date(9999, 12, 31), "报送日期" + RANGE), ("2026-02-30", "报送日期格式应为 YYYY-MM-DD。"),
    ("soon", "报送日期格式应为 YYYY-MM-DD。"), (20260101, "报送日期格式应为 YYYY-MM-DD。"),
])
def test_a_date_outside_the_range_or_not_a_date_is_refused_naming_the_field(value, message):
    with pytest.raises(ValidationError) as refused:
        date_input(value, "day", label="报送日期")
    assert refused.value.message_dict == {"day": [message]}


def test_a_missing_date_is_refused_only_when_required():
    with pytest.raises(ValidationError) as refused:
        date_input(None, "day", label="报送日期", required=True)
    assert refused.value.message_dict == {"day": ["请填写报送日期。"]}


def test_a_moment_of_the_year_1_or_9999_is_refused_not_an_overflow():
    for moment in (dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
                   dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-12)))):
        with pytest.raises(ValidationError) as refused:
            moment_input(moment, "due_at", label="报送截止时间")
        assert refused.value.message_dict == {"due_at": ["报送截止时间" + RANGE]}
    taken = dt.datetime(2099, 1, 1, tzinfo=dt.timezone.utc)
    assert moment_input(taken, "due_at") == taken


def test_months_keep_to_the_same_years():
    assert month_input("2100-12") == dt.date(2100, 12, 1)
    for text in ("0026-03", "1999-12", "2101-01"):
        with pytest.raises(ValidationError) as refused:
            month_input(text)
        assert refused.value.message_dict == {"month": ["月份应在 2000 年至 2100 年之间。"]}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL (SQLite serialises writers)")
def test_two_identical_submissions_racing_each_other_write_one_row(world, make_task):
    """Two requests of one double click arrive together: the lock on the task makes the second wait for the
    first and then see it."""
    from ducha.chronicle import actions
    from ducha.chronicle.models import ChronicleEntry

    task = make_task(units=("ld_gov",), division="ld")
    start, outcomes = threading.Barrier(2), []

    def submit():
        try:
            start.wait()
            actions.add_entry(acting_user=world.users["coord"], subject=task, date=dt.date(2022, 1, 5),
                              title="现场核查")
            outcomes.append("written")
        except RepeatedSubmission:
            outcomes.append("repeat")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["repeat", "written"]
    assert ChronicleEntry.objects.count() == 1
