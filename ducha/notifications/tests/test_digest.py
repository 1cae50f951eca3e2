"""The daily digest: grouped, one per person per day, never one mail per task, never twice."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from ducha.ledger.models import Category, TaskState
from ducha.notifications import digest, todo
from ducha.notifications.models import DigestLog, Notification


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def owed(world, make_task, today):
    """莲都区: two tasks due within 7 days, one due in 20 days (not in the digest), one overdue, one
    overdue but long-term, one closed. 青田县: nothing due."""
    ld = ("ld_gov",)
    make_task = _titled(world, make_task)
    make_task(units=ld, division="ld", deadline=today + dt.timedelta(days=3), target="清理河道垃圾")
    make_task(units=ld, division="ld", deadline=today + dt.timedelta(days=7), target="修复破损管网")
    make_task(units=ld, division="ld", deadline=today + dt.timedelta(days=20), target="二十天后到期")
    make_task(units=ld, division="ld", deadline=today - dt.timedelta(days=5), target="整治扬尘污染")
    make_task(units=ld, division="ld", deadline=today - dt.timedelta(days=5), target="长期坚持的任务",
              category=Category.LONG_TERM)
    make_task(units=ld, division="ld", deadline=today + dt.timedelta(days=2), target="已完成的任务",
              state=TaskState.COMPLETED, progress=100)
    for name in ("ld_officer", "qt_officer", "coord"):
        world.users[name].email = f"{name}@example.cn"
        world.users[name].save()
    return world


def _titled(world, make_task):
    """Tasks titled by their own problem (the target's text)."""
    from ducha.ledger.models import Problem

    def make(**fields):
        problem = Problem.objects.create(inspection=world.inspection, division=world.div["ls"],
                                         code=f"P-{Problem.objects.count() + 1}", description=fields["target"])
        return make_task(problem=problem, **fields)

    return make


def _mail_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_one_grouped_mail_per_person_and_nothing_for_those_with_nothing(owed, today):
    run = digest.send_digests(today)
    (officer_mail,) = _mail_to("ld_officer@example.cn")  # one mail, not one per task
    assert officer_mail.subject == f"【督察整改】今日待办 3 项（{today.year}年{today.month}月{today.day}日）"
    body = officer_mail.body
    assert "【即将到期】共 2 项" in body and "【已逾期】共 1 项" in body
    assert "清理河道垃圾" in body and "修复破损管网" in body and "整治扬尘污染" in body
    assert "二十天后到期" not in body  # the page lists 30 days, the digest 7
    assert "长期坚持的任务" not in body and "已完成的任务" not in body
    assert "http://127.0.0.1:8000/tasks/" in body  # absolute links
    html, kind = officer_mail.alternatives[0]
    assert kind == "text/html" and "清理河道垃圾" in html and "<a href=" in html
    assert _mail_to("qt_officer@example.cn") == []  # nothing owed: no mail
    assert not DigestLog.objects.filter(user=owed.users["qt_officer"]).exists()
    assert run.emailed == len(mail.outbox)


def test_a_second_run_the_same_day_sends_nothing(owed, today, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        digest.send_digests(today)
    sent, notes = len(mail.outbox), Notification.objects.filter(kind=digest.KIND).count()
    assert sent >= 2 and notes >= 2
    with django_capture_on_commit_callbacks(execute=True):
        again = digest.send_digests(today)
    assert len(mail.outbox) == sent and Notification.objects.filter(kind=digest.KIND).count() == notes
    assert again.digests == [] and again.already == DigestLog.objects.filter(date=today).count()
    # The next day is a new digest.
    with django_capture_on_commit_callbacks(execute=True):
        digest.send_digests(today + dt.timedelta(days=1))
    assert len(mail.outbox) > sent


def test_the_scheduled_job_twice_sends_once(owed, today):
    first = digest.daily_job()
    count = len(mail.outbox)
    second = digest.daily_job()
    assert len(mail.outbox) == count and count > 0
    assert f"({count} e-mailed, 0 failed)" in first and second.startswith("0 digests")


def test_without_an_email_address_one_in_app_notification(owed, today, django_capture_on_commit_callbacks):
    officer = owed.users["ld_officer"]
    officer.email = ""
    officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        digest.send_digests(today)
    assert all(m.to != [""] for m in mail.outbox) and not any("ld_officer" in m.to[0] for m in mail.outbox)
    (n,) = Notification.objects.filter(recipient=officer)
    assert n.title == "今日待办：3 项" and n.url == "/my/" and "即将到期 2 项" in n.body
    log = DigestLog.objects.get(user=officer, date=today)
    assert log.emailed is False and log.items == 3


def test_a_failed_mail_is_recorded_and_not_retried(owed, today, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", refuse)
    run = digest.send_digests(today)
    assert run.failed >= 1 and not DigestLog.objects.filter(date=today, emailed=True).exists()
    monkeypatch.undo()
    assert digest.send_digests(today).digests == []


def test_sections_of_other_apps_join_the_digest(owed, today, monkeypatch):
    monkeypatch.setattr(todo, "_PROVIDERS", dict(todo._PROVIDERS))
    monkeypatch.setattr(todo, "_SECTIONS", dict(todo._SECTIONS))

    def reports(user, day):
        if user.username != "qt_officer":
            return []
        return [todo.TodoItem("reports_owed", "第3次调度：任务 5", url="/tasks/5/", due=day, key="r:5"),
                todo.TodoItem("flags_raised", "不进摘要的标记")]

    todo.register("dispatch", reports)
    digest.send_digests(today)
    (qt_mail,) = _mail_to("qt_officer@example.cn")
    assert "【应报进展】共 1 项" in qt_mail.body and "第3次调度：任务 5" in qt_mail.body
    assert "不进摘要的标记" not in qt_mail.body  # flags_raised is not in the digest


def test_a_digest_carries_only_the_sections_of_the_persons_role(owed, today, monkeypatch):
    monkeypatch.setattr(todo, "_PROVIDERS", dict(todo._PROVIDERS))

    def misplaced(user, day):  # a provider that forgets to ask who the user is
        return [todo.TodoItem("cases_route", f"待分办：{user.username}", due=day, key=f"route:{user.pk}"),
                todo.TodoItem("reports_owed", f"应报：{user.username}", due=day, key=f"report:{user.pk}")]

    todo.register("misplaced", misplaced)
    digest.send_digests(today)
    (qt_mail,) = _mail_to("qt_officer@example.cn")
    (coord_mail,) = _mail_to("coord@example.cn")
    assert "应报：qt_officer" in qt_mail.body and "待分办" not in qt_mail.body
    assert "待分办：coord" in coord_mail.body and "应报" not in coord_mail.body


def test_a_section_declares_the_roles_it_is_for(world, monkeypatch):
    monkeypatch.setattr(todo, "_SECTIONS", dict(todo._SECTIONS))
    with pytest.raises(ValueError, match="roles"):
        todo.register_section("new_section", "新的待办", 70)
    todo.register_section("replies_owed", "待回复督办", 50)  # an app filling a declared section keeps its roles
    (replies,) = [s for s in todo.sections() if s.code == "replies_owed"]
    assert replies.is_for(world.users["ld_officer"]) and not replies.is_for(world.users["coord"])
    assert [s.code for s in todo.sections(world.users["ld_leader"])] == ["due_soon", "overdue"]


def test_the_command_dry_run_writes_nothing(owed, today):
    out = io.StringIO()
    call_command("reminders", "send", "--dry-run", "--date", today.isoformat(), stdout=out)
    text = out.getvalue()
    assert "ld_officer\tld_officer@example.cn\t3 项：即将到期 2，已逾期 1" in text
    assert "（演练，未写入）" in text
    assert mail.outbox == [] and not DigestLog.objects.exists() and not Notification.objects.exists()


def test_the_command_sends_and_a_second_call_sends_nothing(owed, today):
    out = io.StringIO()
    call_command("reminders", "send", stdout=out)
    count = len(mail.outbox)
    assert count > 0 and f"已发送 {len(DigestLog.objects.all())} 份摘要" in out.getvalue()
    out = io.StringIO()
    call_command("reminders", "send", stdout=out)
    assert len(mail.outbox) == count and "已发送 0 份摘要" in out.getvalue()


def test_the_command_refuses_a_bad_date(world):
    with pytest.raises(CommandError, match="--date"):
        call_command("reminders", "send", "--date", "2026-13-01")


def test_a_run_racing_another_skips_the_people_the_other_one_served(owed, today, monkeypatch):
    """The other run writes ld_officer's row after this one looked: this chunk is refused as a whole and
    written person by person, without ld_officer."""
    officer, real_build = owed.users["ld_officer"], digest.build

    def build_while_another_run_writes(user, date):
        if user == officer:
            DigestLog.objects.create(user=officer, date=date)
        return real_build(user, date)

    monkeypatch.setattr(digest, "build", build_while_another_run_writes)
    run = digest.send_digests(today)
    assert officer not in [d.user for d in run.digests] and run.already == 1
    assert _mail_to("ld_officer@example.cn") == [] and _mail_to("coord@example.cn")
    assert DigestLog.objects.filter(date=today).count() == len(run.digests) + 1
