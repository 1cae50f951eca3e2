"""The notice period per plan, in days or working days on the official calendar, across the Spring
Festival and National Day with their adjusted working days (调休上班)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ducha.holidays import official_calendar
from ducha.holidays.actions import publish_year
from ducha.signoff.actions import notice_period, policy_for
from ducha.signoff.models import AcceptancePolicy, DayKind
from ducha.workdays import Calendar, package_days

D = dt.date


@pytest.fixture(scope="module")
def published():
    days, years = package_days()
    return Calendar(days, years)


def plan_period(plan, start, calendar=None):
    policy = policy_for(plan)
    return notice_period(start, policy.notice_length, policy.notice_day_kind, calendar)


@pytest.mark.parametrize("start, length, working, end", [
    # Tianjin 2025: published 1/21 for 10 working days, ran to 2/8 (1/26 and 2/8 worked, 1/28–2/4 off).
    (D(2025, 1, 21), 10, True, D(2025, 2, 8)),
    (D(2025, 1, 21), 10, False, D(2025, 1, 30)),
    # National Day 2025: 9/28 (Sunday) worked, 10/1–10/8 off, 10/11 (Saturday) worked.
    (D(2025, 9, 26), 5, True, D(2025, 10, 9)),
    (D(2025, 10, 3), 3, True, D(2025, 10, 11)),  # published on a holiday: counting starts at the next working day
    (D(2025, 9, 26), 5, False, D(2025, 9, 30)),
    # Spring Festival 2026: 2/14 (Saturday) worked, 2/15–2/23 off.
    (D(2026, 2, 12), 5, True, D(2026, 2, 25)),
    (D(2025, 3, 3), 1, True, D(2025, 3, 3)),  # a one-day notice on a working day ends that day
])
def test_notice_end_on_the_published_calendar(published, start, length, working, end):
    kind = DayKind.WORKING if working else DayKind.CALENDAR
    assert notice_period(start, length, kind, published)[0] == end


def test_a_notice_runs_at_least_one_day(published):
    with pytest.raises(ValidationError):
        notice_period(D(2025, 3, 3), 0, DayKind.WORKING, published)


def test_the_plans_policy_sets_length_and_unit(world):
    assert plan_period(world.plan, D(2025, 1, 21)) == (D(2025, 1, 26), "workdays")  # 5 working days by default
    AcceptancePolicy.objects.create(plan=world.plan, notice_length=10, notice_day_kind=DayKind.WORKING)
    world.plan.refresh_from_db()
    assert plan_period(world.plan, D(2025, 1, 21)) == (D(2025, 2, 8), "workdays")
    policy = world.plan.acceptance_policy
    policy.notice_day_kind = DayKind.CALENDAR
    policy.save()
    assert plan_period(world.plan, D(2025, 1, 21)) == (D(2025, 1, 30), "calendar")


def test_an_unknown_year_is_named_and_an_administrators_entry_moves_the_end(world):
    AcceptancePolicy.objects.create(plan=world.plan, notice_length=10, notice_day_kind=DayKind.WORKING)
    world.plan.refresh_from_db()
    start = D(2026, 12, 28)
    ends_on, calendar = plan_period(world.plan, start)
    assert "2027" in calendar  # counted by weekends alone in 2027, and the notice says so
    assert ends_on == D(2027, 1, 8)  # 12/28–12/31, then 1/1 (a Friday) counted
    publish_year(acting_user=None, year=2027, days=[(D(2027, 1, 1), False, "元旦"), (D(2027, 1, 4), False, "元旦")],
                 source="国务院办公厅关于2027年部分节假日安排的通知（测试）")
    assert plan_period(world.plan, start, official_calendar()) == (D(2027, 1, 12), "workdays")
