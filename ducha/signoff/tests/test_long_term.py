"""A task signed off as "已完成，长期坚持" stays under periodic checks: its lead unit keeps reporting every
N months (the plan's policy), the task page shows the next check and the history, the public notice and
the task still say 已销号. A plain sign-off is done with: no more reports, no checks."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from ducha.ledger import periodic
from ducha.ledger.models import Task, TaskState
from ducha.progress.actions import file_report, may_file
from ducha.schedule.periodic import MET, MISSING, OPEN, add_months
from ducha.signoff import longterm
from ducha.signoff.models import AcceptancePolicy

from .helpers import report_filed_on, signed_off_task


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def sign_off(world, make_task):
    return lambda **kwargs: signed_off_task(world, make_task, **kwargs)


def test_only_a_long_term_sign_off_is_under_periodic_checks(world, sign_off):
    kept, plain = sign_off(), sign_off(long_term=False)
    assert kept.state == plain.state == TaskState.SIGNED_OFF
    assert list(periodic.under_check(Task.objects.all())) == [kept]
    # A plan whose policy sets no interval keeps no checks.
    AcceptancePolicy.objects.create(plan=world.plan, long_term_check_months=0)
    assert not periodic.under_check(Task.objects.all()).exists()
    assert periodic.checks([kept.pk, plain.pk], timezone.localdate()) == {}


def test_the_lead_unit_keeps_reporting_a_co_unit_and_a_plain_sign_off_do_not(world, sign_off, today):
    kept, plain = sign_off(), sign_off(long_term=False)
    u = world.users
    assert may_file(u["ld_officer"], kept) and may_file(u["coord"], kept)
    assert not may_file(u["qt_officer"], kept)
    with pytest.raises(PermissionDenied):
        file_report(acting_user=u["qt_officer"], task=kept, reported_on=today, percent=100, done="巡查")
    with pytest.raises(ValidationError) as refused:
        file_report(acting_user=u["ld_officer"], task=plain, reported_on=today, percent=100, done="巡查")
    assert "已销号" in str(refused.value)
    report = file_report(acting_user=u["ld_officer"], task=kept, reported_on=today, percent=100, done="巡查")
    kept.refresh_from_db()
    assert report.unit == world.units["ld_gov"] and kept.state == TaskState.SIGNED_OFF


def test_a_quarterly_check_missed_then_the_current_one_met(world, sign_off, today):
    task = sign_off(months_ago=4)
    signed_on = add_months(today, -4)
    checks = longterm.for_task(task, today)
    assert checks.months == 3 and checks.signed_off_on == signed_on
    assert [c.state for c in checks.checks] == [MISSING, OPEN]
    assert checks.lapsed.due == add_months(signed_on, 3) and checks.next_due == add_months(signed_on, 6)
    report_filed_on(task, world.users["ld_officer"], today)
    checks = longterm.for_task(task, today)
    assert [c.state for c in checks.checks] == [MISSING, MET] and checks.lapsed is None
    assert checks.next_due == add_months(signed_on, 9)


def test_a_backdated_report_does_not_make_up_a_missed_check(world, sign_off, today):
    task = sign_off(months_ago=4)
    # Filed today, naming a day inside the missed period: it counts today, in the current period.
    file_report(acting_user=world.users["ld_officer"], task=task, reported_on=add_months(today, -3), percent=100,
                done="补报")
    assert [c.state for c in longterm.for_task(task, today).checks] == [MISSING, MET]


def test_the_interval_follows_the_plans_policy(world, sign_off, today):
    AcceptancePolicy.objects.create(plan=world.plan, long_term_check_months=1)
    task = sign_off(months_ago=3)
    report_filed_on(task, world.users["ld_officer"], add_months(today, -3) + dt.timedelta(days=3))
    assert [c.state for c in longterm.for_task(task, today).checks] == [MET, MISSING, OPEN]


def test_the_task_page_shows_the_next_check_and_the_history(client, world, sign_off, today):
    task = sign_off(months_ago=4)
    signed_on = add_months(today, -4)
    client.force_login(world.users["ld_officer"])
    page = client.get(reverse("ledger:task_detail", args=[task.pk])).content.decode()
    assert "已销号（已完成，长期坚持）" in page
    header = page[page.index("<h1"):page.index("</h1>") + 600]
    assert "已销号（已完成，长期坚持）" in header  # the state badge itself, not only the sign-off panel
    text = strip_tags(page)  # the dates are <time> elements
    assert f"长期坚持：下次定期检查 {add_months(signed_on, 6).isoformat()} 前" in text
    first = f"第 1 期定期检查（{(signed_on + dt.timedelta(days=1)).isoformat()} 至 {add_months(signed_on, 3).isoformat()}）未报送"
    assert first in text
    assert 'data-check="1" data-state="missing"' in page and 'data-check="2" data-state="open"' in page


def test_a_plain_sign_off_shows_no_checks(client, world, sign_off):
    task = sign_off(long_term=False)
    client.force_login(world.users["ld_officer"])
    page = client.get(reverse("ledger:task_detail", args=[task.pk])).content.decode()
    assert "已销号" in page and "长期坚持" not in page and "signoff-long-term" not in page


def test_the_public_notice_says_signed_off_long_term(client, sign_off):
    kept, plain = sign_off(), sign_off(long_term=False)
    page = client.get(f"/public/notices/{kept.signoff_notices.get().pk}/").content.decode()
    assert "公示期满，已销号（已完成，长期坚持）" in page
    page = client.get(f"/public/notices/{plain.signoff_notices.get().pk}/").content.decode()
    assert "公示期满，已销号" in page and "长期坚持" not in page


def test_the_api_lists_the_checks_within_scope_only(world, sign_off, today):
    from rest_framework.test import APIClient

    task, plain = sign_off(months_ago=4), sign_off(long_term=False)
    signed_on = add_months(today, -4)
    client = APIClient()
    client.force_authenticate(world.users["ld_officer"])
    body = client.get(f"/api/tasks/{task.pk}/periodic-checks/").json()
    assert body["under_check"] is True and body["months"] == 3
    assert body["signed_off_on"] == signed_on.isoformat()
    assert [(c["number"], c["state"]) for c in body["checks"]] == [(1, MISSING), (2, OPEN)]
    assert body["next_due"] == add_months(signed_on, 6).isoformat()
    assert client.get(f"/api/tasks/{plain.pk}/periodic-checks/").json() == {
        "under_check": False, "signed_off_on": None, "months": None, "next_due": None, "checks": []}
    client.force_authenticate(world.users["wz_coord"])  # another city's coordinator
    assert client.get(f"/api/tasks/{task.pk}/periodic-checks/").status_code == 404
