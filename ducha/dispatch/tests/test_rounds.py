"""Opening rounds, the status of each obligation (filed, late, missing, pending), closing, noting reports."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ducha.audit.models import AuditEntry
from ducha.dispatch import actions
from ducha.dispatch.board import board
from ducha.dispatch.models import Obligation, RoundState, Status

from .helpers import at, report


def test_opening_a_round_freezes_its_tasks_and_owes_one_report_per_unit(world, make_task):
    a = make_task(units=("eco", "ld_gov"))
    b = make_task(units=("qt_gov",))
    make_task(units=("ld_gov",), state="completed")  # claimed done: owes no more reports
    round_ = actions.open_round(acting_user=world.users["coord"], plan=world.plan, kind="monthly",
                                now=at("03-01"), due_at=at("03-05", 17, 30))
    assert round_.number == 1 and round_.title == "第1次月调度"
    assert round_.division == world.div["ls"]
    assert set(round_.tasks.values_list("pk", flat=True)) == {a.pk, b.pk}
    owed = set(Obligation.objects.filter(round=round_).values_list("task_id", "unit_id"))
    assert owed == {(a.pk, world.units["eco"].pk), (a.pk, world.units["ld_gov"].pk), (b.pk, world.units["qt_gov"].pk)}
    later = make_task(units=("eco",))
    assert not Obligation.objects.filter(task=later).exists()
    second = actions.open_round(acting_user=world.users["coord"], plan=world.plan, now=at("03-02"),
                                due_at=at("03-06"))
    assert second.number == 2 and Obligation.objects.filter(round=second).count() == 4
    entry = AuditEntry.objects.filter(action="round.open").first()
    assert entry.after["obligations"] == 3 and entry.scope_path == world.div["ls"].path


def test_status_filed_late_missing_and_pending(world, make_task, round_of):
    a = make_task(units=("eco", "ld_gov"))
    b = make_task(units=("qt_gov",))
    round_ = round_of([a, b], opened="03-01", due="03-05")
    officer = world.users["eco_officer"]
    report(a, world.units["eco"], at("02-28"), officer)  # before the round: does not count
    report(a, world.units["eco"], at("03-04"), officer)  # on time
    before_due = board(round_, now=at("03-05", 9))
    assert (before_due.counts[Status.FILED], before_due.counts[Status.PENDING]) == (1, 2)
    assert before_due.percent == 33
    report(a, world.units["ld_gov"], at("03-06"), world.users["ld_officer"])  # late
    after = board(round_, now=at("03-07"))
    assert after.counts[Status.FILED] == 1
    assert after.counts[Status.LATE] == 1
    assert after.counts[Status.MISSING] == 1
    assert after.by_unit[world.units["qt_gov"].pk][Status.MISSING] == 1
    assert after.percent == 67  # 2 of 3, half up


def test_closing_freezes_the_round_and_later_reports_do_not_count(world, make_task, round_of):
    a = make_task(units=("eco",))
    round_ = round_of([a])
    actions.close_round(acting_user=world.users["coord"], round_=round_, now=at("03-06"))
    round_.refresh_from_db()
    assert round_.state == RoundState.CLOSED
    report(a, world.units["eco"], at("03-07"), world.users["eco_officer"])
    assert board(round_, now=at("03-08")).counts[Status.MISSING] == 1
    with pytest.raises(ValidationError) as error:
        actions.close_round(acting_user=world.users["coord"], round_=round_, now=at("03-08"))
    assert "state" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.reopen_round(acting_user=world.users["coord"], round_=round_, reason=" ")
    assert "reason" in error.value.message_dict
    actions.reopen_round(acting_user=world.users["coord"], round_=round_, reason="补报", now=at("03-09"))
    assert board(round_, now=at("03-09")).counts[Status.LATE] == 1


def test_note_report_stores_the_match_and_the_page_agrees(world, make_task, round_of):
    a = make_task(units=("eco", "ld_gov"))
    round_ = round_of([a])
    first = report(a, world.units["eco"], at("03-02"), world.users["eco_officer"], note=False)
    report(a, world.units["eco"], at("03-03"), world.users["eco_officer"], note=False)
    computed = board(round_, now=at("03-04")).counts
    assert actions.note_report(first) == 1
    obligation = Obligation.objects.get(round=round_, unit=world.units["eco"])
    assert obligation.report == first and obligation.filed_at == first.created_at
    assert board(round_, now=at("03-04")).counts == computed
    assert Obligation.objects.filter(pk=obligation.pk).with_filing(report=True).get().filed_report == first.pk


def test_opening_refuses_bad_input_and_outsiders(world, make_task):
    a = make_task(units=("eco",))
    coord = world.users["coord"]
    with pytest.raises(ValidationError) as error:
        actions.open_round(acting_user=coord, tasks=[a], now=at("03-05"), due_at=at("03-01"), title="x" * 201)
    assert {"due_at", "title"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        actions.open_round(acting_user=coord, now=at("03-01"), due_at=at("03-05"))
    assert "tasks" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.open_round(acting_user=coord, tasks=[a.pk, 999999], now=at("03-01"), due_at=at("03-05"))
    assert "tasks" in error.value.message_dict
    for user in ("eco_officer", "supervisor", "ld_leader"):
        with pytest.raises((PermissionDenied, ValidationError)):
            actions.open_round(acting_user=world.users[user], tasks=[a], now=at("03-01"), due_at=at("03-05"))
    with pytest.raises((PermissionDenied, ValidationError)):
        actions.open_round(acting_user=world.users["wz_coord"], tasks=[a], now=at("03-01"), due_at=at("03-05"))
    with pytest.raises(PermissionDenied):
        actions.open_round(acting_user=world.users["wz_coord"], plan=world.plan, now=at("03-01"),
                           due_at=at("03-05"))
    assert not AuditEntry.objects.filter(action="round.open").exists()


def test_a_round_of_a_thousand_tasks_opens_in_well_under_a_second(world, make_task):
    import time

    from ducha.db.bulk import create_objects
    from ducha.ledger.models import Task, TaskUnit

    units = [world.units[k] for k in ("eco", "ld_gov", "qt_gov")]
    tasks = create_objects([Task(plan=world.plan, number=f"B{i}", division=world.div["ls"], lead_unit=units[0],
                                 deadline=dt.date(2025, 1, 1)) for i in range(1000)])
    create_objects([TaskUnit(task=t, unit=u, position=p) for t in tasks for p, u in enumerate(units)])
    started = time.perf_counter()
    round_ = actions.open_round(acting_user=world.users["coord"], plan=world.plan, now=at("03-01"),
                                due_at=at("03-05"))
    elapsed = time.perf_counter() - started
    assert Obligation.objects.filter(round=round_).count() == 3000
    assert elapsed < 1.0, elapsed


def test_the_round_lists_its_tasks_in_ledger_order(world, make_task, round_of):
    ten = make_task(units=("eco",), number="10")
    two = make_task(units=("qt_gov", "eco"), number="2")
    nine_one = make_task(units=("ld_gov",), number="9-1")
    round_ = round_of([ten, two, nine_one])
    assert list(board(round_, now=at("03-02")).by_task) == [two.pk, nine_one.pk, ten.pk]
    assert list(Obligation.objects.filter(round=round_).values_list("task_id", "unit__name")) == [
        (two.pk, "青田县人民政府"), (two.pk, "丽水市生态环境局"), (nine_one.pk, "莲都区人民政府"), (ten.pk, "丽水市生态环境局")]


def test_filing_a_report_through_the_progress_action_notes_it_on_the_round(world, make_task):
    from django.utils import timezone

    from ducha.progress.actions.reports import file_report

    a = make_task(units=("eco", "ld_gov"))
    now = timezone.now()
    round_ = actions.open_round(acting_user=world.users["coord"], tasks=[a], now=now - dt.timedelta(hours=1),
                                due_at=now + dt.timedelta(days=2))
    report_ = file_report(acting_user=world.users["ld_officer"], task=a, reported_on=timezone.localdate(),
                          percent=30, done="完成管网排查")
    noted = Obligation.objects.get(round=round_, unit=world.units["ld_gov"])
    assert noted.report == report_ and noted.filed_at == report_.created_at
    assert Obligation.objects.get(round=round_, unit=world.units["eco"]).report is None
    assert board(round_).counts[Status.FILED] == 1
