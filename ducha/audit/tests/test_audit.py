import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from ducha.audit import services as audit
from ducha.audit.models import AuditEntry

from .tampering import as_owner


def test_every_task_change_is_chained_and_verifies(world, make_task):
    from ducha.ledger import actions

    task = make_task()
    actions.update_task(acting_user=world.users["coord"], task=task, progress_note="已完成管网排查")
    actions.transition_task(acting_user=world.users["coord"], task=task, name="start")
    entries = list(AuditEntry.objects.filter(object_type="ledger.task", object_id=str(task.pk)))
    assert [e.action for e in entries] == ["task.create", "task.update", "task.start"]
    assert entries[2].before["state"] == "not_started" and entries[2].after["state"] == "in_progress"
    assert entries[1].actor_name == "coord"
    assert entries[1].prev_hash == AuditEntry.objects.get(id=entries[1].id - 1).hash
    result = audit.verify()
    assert result.ok and result.checked == AuditEntry.objects.count()
    call_command("audit", "verify")


def test_an_entry_carries_its_objects_division_path(world, make_task):
    task = make_task(units=("ld_gov",), division="ld")
    entry = AuditEntry.objects.get(object_type="ledger.task", object_id=str(task.pk))
    assert entry.scope_path == "330000/331100/331102/"
    unit_entry = audit.history(world.units["qt_gov"])
    assert not unit_entry.exists()  # the world's units are made without the service
    with transaction.atomic():
        entry = audit.record(actor=None, action="create", obj=world.users["qt_officer"], after={"u": 1})
    assert entry.scope_path == "330000/331100/331121/"  # a user's: their unit's division


def test_verify_names_the_first_altered_entry(world, make_task):
    make_task()
    make_task()
    victim = AuditEntry.objects.order_by("id")[1]
    as_owner("UPDATE audit_auditentry SET actor_name = %s WHERE id = %s", ["mallory", victim.id])
    result = audit.verify()
    assert not result.ok and result.broken_id == victim.id
    with pytest.raises(CommandError, match=f"#{victim.id}"):
        call_command("audit", "verify")


def test_the_database_refuses_to_update_audit_rows(world, make_task):
    make_task()
    entry = AuditEntry.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(actor_name="mallory")


def test_no_session_can_switch_the_guard_off(world, make_task):
    """The old maintenance switch was a session variable (PostgreSQL) or a function the connection
    defined (SQLite): any session could set it and then delete the tail. Neither does anything now."""
    make_task()
    make_task()
    count = AuditEntry.objects.count()
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET ducha.audit_maintenance = 'on'")
        else:
            connection.connection.create_function("ducha_audit_maintenance", 0, lambda: 1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(id=AuditEntry.objects.order_by("-id").first().id).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all().delete()
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute("TRUNCATE audit_auditentry")
    assert AuditEntry.objects.count() == count
    assert audit.verify().ok


def test_record_outside_a_transaction_is_refused(transactional_db):
    with pytest.raises(RuntimeError):
        audit.record(actor=None, action="create", object_type="t", object_id="1")


def test_an_unregistered_event_is_refused(db):
    with pytest.raises(ValueError, match="task.frobnicate"), transaction.atomic():
        audit.record(actor=None, action="task.frobnicate", object_type="t", object_id="1")
    assert not AuditEntry.objects.exists()


def test_an_update_that_changes_nothing_writes_nothing(world, make_task):
    from ducha.ledger import actions as services

    task = make_task()
    count = AuditEntry.objects.count()
    with transaction.atomic():
        assert audit.record(actor=None, action="update", obj=task, before={"state": "a", "n": 1},
                            after={"n": 1, "state": "a"}) is None
        written = audit.record_many(None, [
            {"action": "update", "obj": task, "before": {"n": 1}, "after": {"n": 1}},
            {"action": "update", "obj": task, "before": {"n": 1}, "after": {"n": 2}},
        ])
    assert [e.after for e in written] == [{"n": 2}]
    services.update_task(acting_user=world.users["coord"], task=task, target=task.target)
    assert AuditEntry.objects.count() == count + 1
    assert audit.verify().ok


def test_entries_of_the_old_scheme_still_verify(world, make_task):
    """Entries hashed before schemes existed (scheme NULL, the json-module payload) verify beside new ones,
    including a time with zero microseconds (SQLite stores it without the fraction)."""
    import datetime as dt

    from ducha.audit.chain import GENESIS, entry_hash
    from ducha.db.bulk import insert_rows

    created = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    rows, prev = [], GENESIS
    for i, before in [(1, None), (2, {"state": "not_started", "备注": "旧", "n": 1.5})]:
        payload = {"id": i, "created_at": created.isoformat(timespec="microseconds"), "actor_id": None,
                   "actor_name": "system", "action": "update", "object_type": "ledger.task", "object_id": str(i),
                   "object_repr": f"任务 {i}", "before": before, "after": {"state": "in_progress"},
                   "request_id": "r"}
        h = entry_hash(prev, payload)
        rows.append((i, created, None, "system", "update", "ledger.task", str(i), f"任务 {i}", before,
                     {"state": "in_progress"}, "r", "", "", "", prev, h))
        prev = h
    with transaction.atomic():
        insert_rows(AuditEntry, ["id", "created_at", "actor_id", "actor_name", "action", "object_type",
                                 "object_id", "object_repr", "before", "after", "request_id", "client_request_id",
                                 "remote_addr", "scope_path", "prev_hash", "hash"],
                    rows)
    make_task()
    assert AuditEntry.objects.filter(scheme__isnull=True).count() == 2
    result = audit.verify()
    assert result.ok and result.checked == AuditEntry.objects.count(), result.problems
