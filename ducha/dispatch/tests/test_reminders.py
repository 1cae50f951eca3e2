"""提醒未报单位: only the units still owing, one notification and one e-mail per person, recorded."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ducha.audit.models import AuditEntry
from ducha.dispatch import actions
from ducha.dispatch.models import RoundReminder
from ducha.jurisdictions.models import Role, User
from ducha.notifications.models import Notification

from .helpers import at, report


def test_reminders_go_only_to_the_missing_one_per_person(world, make_task, round_of, django_capture_on_commit_callbacks):
    a = make_task(units=("eco", "ld_gov"))
    b = make_task(units=("ld_gov", "qt_gov"))
    c = make_task(units=("ld_gov",))
    round_ = round_of([a, b, c], opened="03-01", due="03-05")
    report(a, world.units["eco"], at("03-02"), world.users["eco_officer"])  # eco has filed everything
    second = User.objects.create_user(username="ld_officer2", password="x", role=Role.OFFICER,
                                      unit=world.units["ld_gov"], email="ld2@example.org")
    world.users["ld_officer"].email = "ld@example.org"
    world.users["ld_officer"].save()
    User.objects.create_user(username="ld_gone", password="x", role=Role.OFFICER, unit=world.units["ld_gov"],
                             email="gone@example.org", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        reminder = actions.remind_missing(acting_user=world.users["coord"], round_=round_, now=at("03-06"))
    notes = Notification.objects.filter(kind="round.reminder")
    assert sorted(n.recipient.username for n in notes) == ["ld_officer", "ld_officer2", "qt_officer"]
    ld_note = notes.get(recipient=second)
    assert ld_note.body.count("· ") == 3  # ld_gov's three tasks in one notification
    assert not Notification.objects.filter(recipient=world.users["eco_officer"]).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["ld2@example.org", "ld@example.org"]
    assert (reminder.units, reminder.people, reminder.obligations) == (2, 3, 4)
    assert RoundReminder.objects.get().sent_at == at("03-06")
    assert AuditEntry.objects.get(action="round.remind").after["recipients"] == sorted(
        [world.users["ld_officer"].pk, second.pk, world.users["qt_officer"].pk])


def test_nothing_is_sent_when_the_reminder_is_refused(world, round_of, django_capture_on_commit_callbacks):
    round_ = round_of()
    for user in ("ld_officer", "supervisor", "ld_leader", "wz_coord"):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
            actions.remind_missing(acting_user=world.users[user], round_=round_)
    actions.close_round(acting_user=world.users["coord"], round_=round_, now=at("03-06"))
    with pytest.raises(ValidationError):
        actions.remind_missing(acting_user=world.users["coord"], round_=round_)
    assert not Notification.objects.exists() and not mail.outbox and not RoundReminder.objects.exists()


def test_a_task_voided_after_the_round_opened_is_neither_owed_nor_reminded(client, world, make_task, round_of,
                                                                          django_capture_on_commit_callbacks):
    """作废 takes a task out of every list and count: the units are not reminded of it, nor counted 漏报 for it."""
    from ducha.ledger.actions import void_task

    live = make_task(units=("ld_gov",))
    gone = make_task(units=("ld_gov", "qt_gov"))
    round_ = round_of([live, gone], opened="03-01", due="03-05")
    void_task(acting_user=world.users["admin"], task=gone, reason="重复录入")
    with django_capture_on_commit_callbacks(execute=True):
        reminder = actions.remind_missing(acting_user=world.users["coord"], round_=round_, now=at("03-06"))
    assert (reminder.units, reminder.obligations) == (1, 1)
    note = Notification.objects.get(recipient=world.users["ld_officer"], kind="round.reminder")
    assert note.body.count("· ") == 1 and not Notification.objects.filter(recipient=world.users["qt_officer"]).exists()
    client.force_login(world.users["admin"])
    assert client.get(f"/api/rounds/{round_.pk}/").json()["counts"]["total"] == 1
    client.force_login(world.users["ld_officer"])
    assert [o["task"] for o in client.get("/api/obligations/").json()["results"]] == [live.pk]
