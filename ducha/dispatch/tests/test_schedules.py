"""Repeating rounds: the daily job opens each schedule's round on its day, never twice."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ducha.dispatch import actions
from ducha.dispatch.models import Kind, Obligation, Round, schedule_opens_on

from .helpers import at


def test_schedule_days():
    monday = dt.date(2024, 3, 4)
    assert schedule_opens_on(Kind.WEEKLY, 0, None, monday)
    assert not schedule_opens_on(Kind.WEEKLY, 1, None, monday)
    assert schedule_opens_on(Kind.MONTHLY, None, 4, monday)
    assert schedule_opens_on(Kind.HALF_MONTHLY, None, 4, dt.date(2024, 3, 19))
    assert not schedule_opens_on(Kind.HALF_MONTHLY, None, 4, dt.date(2024, 3, 20))
    assert not schedule_opens_on(Kind.AD_HOC, None, 4, monday)


def test_the_job_is_idempotent(world, make_task):
    make_task(units=("eco", "qt_gov"))
    schedule = actions.create_schedule(acting_user=world.users["coord"], plan=world.plan, kind=Kind.WEEKLY,
                                       weekday=0, due_after_days=3)
    monday = dt.date(2024, 3, 4)
    assert actions.open_scheduled_rounds(today=monday - dt.timedelta(days=1), now=at("03-03", 0, 5)) == []
    first = actions.open_scheduled_rounds(today=monday, now=at("03-04", 0, 5))
    again = actions.open_scheduled_rounds(today=monday, now=at("03-04", 9))
    assert len(first) == 1 and again == []
    round_ = Round.objects.get()
    assert (round_.schedule, round_.scheduled_on, round_.kind) == (schedule, monday, Kind.WEEKLY)
    assert round_.due_at == at("03-07", 17, 30) and round_.created_by is None
    assert (round_.period_start, round_.period_end) == (dt.date(2024, 2, 26), dt.date(2024, 3, 3))
    assert Obligation.objects.filter(round=round_).count() == 2
    next_monday = actions.open_scheduled_rounds(today=monday + dt.timedelta(days=7), now=at("03-11", 0, 5))
    assert len(next_monday) == 1 and Round.objects.count() == 2
    actions.set_schedule_active(acting_user=world.users["coord"], schedule=schedule, active=False)
    assert actions.open_scheduled_rounds(today=monday + dt.timedelta(days=14), now=at("03-18")) == []


def test_schedules_are_for_the_office_and_validated(world):
    with pytest.raises(ValidationError) as error:
        actions.create_schedule(acting_user=world.users["coord"], plan=world.plan, kind=Kind.MONTHLY,
                                day_of_month=31, due_after_days=0)
    assert {"day_of_month", "due_after_days"} <= set(error.value.message_dict)
    for user in ("eco_officer", "supervisor", "wz_coord"):
        with pytest.raises(PermissionDenied):
            actions.create_schedule(acting_user=world.users[user], plan=world.plan, kind=Kind.WEEKLY, weekday=0)


def test_commands(world, make_task, round_of, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    make_task(units=("eco",))
    actions.create_schedule(acting_user=world.users["coord"], plan=world.plan, kind=Kind.MONTHLY, day_of_month=4)
    out = StringIO()
    call_command("rounds", "open-scheduled", "--date", "2099-03-04", stdout=out)
    call_command("rounds", "open-scheduled", "--date", "2099-03-04", stdout=out)
    assert "发起调度 1 轮" in out.getvalue() and "发起调度 0 轮" in out.getvalue()
    round_ = Round.objects.get()
    call_command("rounds", "remind", str(round_.pk), "--user", "coord", stdout=out)
    assert "已提醒 1 个单位的 1 人" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("rounds", "remind", str(round_.pk), "--user", "wz_coord")
    with pytest.raises(CommandError):
        call_command("rounds", "export", str(round_.pk), str(tmp_path / "x.xlsx"), "--user", "ld_officer")
    call_command("rounds", "export", str(round_.pk), str(tmp_path / "r.xlsx"), stdout=out)
    assert (tmp_path / "r.xlsx").stat().st_size > 0


def test_a_stop_button_from_a_stale_page_does_not_start_a_stopped_schedule_again(world, client):
    # Two coordinators (or two tabs) see the schedule running and press 停用; the second press used to flip
    # it back on silently. The button says what it wants; a schedule already there is left as it is, and said so.
    from django.urls import reverse

    from ducha.dispatch.models import RoundSchedule

    schedule = actions.create_schedule(acting_user=world.users["coord"], plan=world.plan, kind=Kind.WEEKLY,
                                       weekday=0, due_after_days=3)
    client.force_login(world.users["coord"])
    page = client.get(reverse("dispatch:schedule_list")).content.decode()
    assert 'name="active" value="0"' in page  # the running schedule's button asks to stop it
    url = reverse("dispatch:schedule_toggle", args=[schedule.pk])
    first = client.post(url, {"active": "0"}, follow=True)
    assert "已停用定期调度" in first.content.decode()
    assert RoundSchedule.objects.get(pk=schedule.pk).active is False
    stale = client.post(url, {"active": "0"}, follow=True)
    assert "该定期调度已停用，未更改" in stale.content.decode()
    assert RoundSchedule.objects.get(pk=schedule.pk).active is False
    client.post(url, {"active": "1"})
    assert RoundSchedule.objects.get(pk=schedule.pk).active is True
    assert "请选择启用或停用" in client.post(url, {}, follow=True).content.decode()
    assert RoundSchedule.objects.get(pk=schedule.pk).active is True


def test_the_same_schedule_twice_is_refused_not_doubled(client, world, make_task):
    """新建 pressed twice made two identical schedules: every unit got two rounds (and two reminders) a week."""
    from ducha.dispatch.models import RoundSchedule

    make_task(units=("eco",))
    client.force_login(world.users["coord"])
    form = {"plan": world.plan.pk, "kind": "weekly", "weekday": "0", "due_after_days": "3"}
    assert client.post("/dispatch/schedules/", form).status_code == 302
    again = client.post("/dispatch/schedules/", form)
    assert again.status_code == 200 and "已有相同的定期调度" in again.content.decode()
    assert RoundSchedule.objects.count() == 1
    assert len(actions.open_scheduled_rounds(today=dt.date(2024, 3, 4), now=at("03-04", 0, 5))) == 1
    # Stopped, the same schedule may be made again; the stopped one then cannot be restarted beside it.
    first = RoundSchedule.objects.get()
    actions.set_schedule_active(acting_user=world.users["coord"], schedule=first, active=False)
    assert client.post("/dispatch/schedules/", form).status_code == 302
    assert client.post("/dispatch/schedules/", form | {"weekday": "1"}).status_code == 302
    restart = client.post(f"/dispatch/schedules/{first.pk}/toggle/", {"active": "1"}, follow=True)
    assert "已有相同的定期调度" in restart.content.decode()
    first.refresh_from_db()
    assert not first.active and RoundSchedule.objects.filter(active=True).count() == 2
