"""The demo's year of life: reports from every unit with photos, three rounds with filed / late /
missing units, warnings of every colour, supervision answered by the units, unread notifications for
every account and an officer's to-do page with something in each of its working sections."""

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ducha.audit.models import AuditEntry
from ducha.chronicle.models import ChronicleEntry
from ducha.demo import accounts, year
from ducha.dispatch.models import Obligation, Round, RoundState, Status, status_of
from ducha.evidence.models import StoredFile
from ducha.jurisdictions.models import User
from ducha.ledger.models import ScheduleState, Task, WarningColour
from ducha.notifications.actions import unread_count
from ducha.notifications.models import Notification
from ducha.progress.models import ProgressReport, ReportEvidence
from ducha.supervision.models import Kind, State, Supervision
from ducha.warnings.models import ConsequenceKind, Consequence, TaskWarning, WarningState

from .conftest import TODAY

DECIDED = (WarningState.CONFIRMED, WarningState.OVERRIDDEN)


def user(name):
    return User.objects.get(username=name)


def test_every_unit_of_every_open_task_reported_over_the_past_year(db, demo):
    assert 200 <= ProgressReport.objects.count() <= 600
    assert demo["reports"] >= 200
    now = timezone.now()
    assert not ProgressReport.objects.filter(created_at__gt=now).exists()
    first = ProgressReport.objects.order_by("reported_on").first().reported_on
    assert first <= TODAY - dt.timedelta(days=330)
    for plan, number in year.OPEN_TASKS:
        task = Task.objects.get(plan__code={"city": "LS-2021-ZY2", "county": "SY-2021-ZY2"}[plan], number=number)
        reporting = set(ProgressReport.objects.filter(task=task).values_list("unit_id", flat=True))
        assert reporting == {u.pk for u in task.ordered_units()}, task
    # The officers file their own units' reports; the office files for units without a demo account.
    songyang = user("songyang")
    assert ProgressReport.objects.filter(author=songyang).exclude(unit=songyang.unit).count() == 0
    assert ProgressReport.objects.filter(author=songyang).count() > 5
    assert ProgressReport.objects.filter(author=user("coordinator")).count() > 100


def test_about_ten_reports_carry_a_site_photo_with_time_and_place_near_lishui(db, demo):
    photos = StoredFile.objects.filter(pk__in=ReportEvidence.objects.values("file_id"))
    assert 8 <= photos.count() <= 12
    for photo in photos:
        assert photo.kind == "image" and photo.content_type == "image/jpeg" and photo.thumbnail_name
        assert photo.taken_at is not None and photo.taken_at <= timezone.now()
        assert abs(photo.latitude - Decimal("28.45")) < Decimal("0.1")
        assert abs(photo.longitude - Decimal("119.92")) < Decimal("0.1")


def test_three_rounds_with_filed_late_and_missing_units_the_latest_open_and_reminded(db, demo):
    rounds = list(Round.objects.order_by("opened_at"))
    assert len(rounds) == 3
    assert [r.state for r in rounds] == [RoundState.CLOSED, RoundState.CLOSED, RoundState.OPEN]
    assert all(r.opened_at < r.due_at < timezone.now() for r in rounds)
    now = timezone.now()
    for round_ in rounds:
        statuses = Counter(status_of(o.filed, round_.due_at, now)
                           for o in Obligation.objects.filter(round=round_).with_filing())
        assert statuses[Status.FILED] > statuses[Status.LATE] > 0, (round_, statuses)
        assert statuses[Status.MISSING] > 0, (round_, statuses)
    latest = rounds[-1]
    reminder = latest.reminders.get()
    assert reminder.units > 0 and reminder.sent_at > latest.due_at
    assert Notification.objects.filter(kind="round.reminder", recipient=user("songyang")).exists()


def test_warnings_of_every_colour_with_an_override_and_two_yellows_bringing_a_letter(db, demo):
    decided = TaskWarning.objects.filter(state__in=DECIDED)
    assert set(decided.values_list("colour", flat=True)) == set(WarningColour.values)
    override = TaskWarning.objects.get(state=WarningState.OVERRIDDEN)
    assert override.colour != override.proposed and len(override.override_reason) > 10
    assert TaskWarning.objects.filter(state=WarningState.PROPOSED).exists()  # the office still has one to decide
    twice = Task.objects.get(plan__code="LS-2021-ZY2", number="6")
    yellows = decided.filter(task=twice, colour=WarningColour.YELLOW).order_by("month")
    assert yellows.count() == 2 and yellows[0].month < yellows[1].month
    assert Consequence.objects.filter(task=twice, kind=ConsequenceKind.LETTER).count() == 1
    letters = Supervision.objects.filter(kind=Kind.LETTER, tasks=twice)
    assert letters.count() == 1
    letter = letters.get()
    assert letter.state == State.REPLIED and letter.number and letter.unit == twice.lead_unit
    red = decided.filter(colour=WarningColour.RED)
    assert red.filter(reasons__contains="超过整改时限").exists()  # overdue
    assert red.filter(reasons__contains="通报批评").exists()  # a provincial bulletin
    # The task's current colour is the latest decided month's.
    assert Task.objects.get(plan__code="LS-2021-ZY2", number="2").warning == WarningColour.YELLOW


def test_listing_interview_order_and_flags_with_replies(db, demo):
    listed = Supervision.objects.get(kind=Kind.LISTED)
    assert listed.state == State.LISTED and listed.listed_on
    interview = Supervision.objects.get(kind=Kind.INTERVIEW, state=State.ISSUED)
    assert interview.minutes and interview.commitments and interview.participants and interview.meeting_on
    # The office completed the 约谈 the red warning's rule drafted, rather than adding a second one.
    per_task = Counter(Supervision.objects.filter(kind=Kind.INTERVIEW).values_list("tasks", flat=True))
    assert set(per_task.values()) == {1}
    order = Supervision.objects.get(kind=Kind.ORDER)
    assert order.state == State.REPLIED and order.unit == user("songyang").unit
    assert order.replies.get().attachments.count() == 1
    flags = Supervision.objects.filter(kind=Kind.FLAG)
    assert flags.filter(state=State.OPEN).count() >= 3
    assert flags.filter(state=State.REPLIED).exists() and flags.filter(state=State.CLOSED).exists()


def test_the_office_keeps_chronicle_entries(db, demo):
    titles = list(ChronicleEntry.objects.values_list("title", flat=True))
    assert any("调度会" in t for t in titles) and any("现场督导" in t for t in titles)


def test_the_ledger_shows_five_schedule_states(db, demo):
    states = set(Task.objects.values_list("schedule_state", flat=True))
    assert {ScheduleState.BEHIND, ScheduleState.ON_SCHEDULE, ScheduleState.AHEAD, ScheduleState.COMPLETED,
            ScheduleState.SIGNED_OFF} <= states


@pytest.mark.parametrize("username", [a[0] for a in accounts.ACCOUNTS])
def test_every_demo_account_has_unread_notifications(client, db, demo, username):
    account = user(username)
    assert unread_count(account) >= 1
    client.force_login(account)
    html = client.get(reverse("notifications:list")).content.decode()
    title = Notification.objects.filter(recipient=account, read_at__isnull=True).first().title
    assert title in html


def test_the_songyang_officers_to_do_page_has_work_in_each_section(client, db, demo):
    client.force_login(user("songyang"))
    html = client.get(reverse("mywork:my_work")).content.decode()
    for code in ("reports_owed", "due_soon", "warnings", "replies_owed"):
        start = html.index(f'id="section-{code}"')
        section = html[start:html.index("</section>", start)]
        assert "todo-item" in section, code
    owed = html[html.index('id="section-reports_owed"'):]
    assert "月督察整改进展调度" in owed[:owed.index("</section>")]


def test_a_second_run_adds_nothing_to_the_year(db, demo):
    counts = (ProgressReport.objects.count(), Round.objects.count(), TaskWarning.objects.count(),
              Supervision.objects.count(), Notification.objects.count(), ChronicleEntry.objects.count(),
              AuditEntry.objects.count(), StoredFile.objects.count())
    call_command("demo_data", verbosity=0)
    assert counts == (ProgressReport.objects.count(), Round.objects.count(), TaskWarning.objects.count(),
                      Supervision.objects.count(), Notification.objects.count(), ChronicleEntry.objects.count(),
                      AuditEntry.objects.count(), StoredFile.objects.count())
