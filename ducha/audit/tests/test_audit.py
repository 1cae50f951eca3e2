import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from ducha.audit import services as audit
from ducha.audit.models import AuditEntry


def _tamper(sql, params):
    """Change an audit row behind the application's back (triggers off)."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("DROP TRIGGER audit_auditentry_no_update")
            cur.execute(sql, params)
            cur.execute("""CREATE TRIGGER audit_auditentry_no_update BEFORE UPDATE ON audit_auditentry
                           BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""")
        else:
            cur.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_auditentry_no_change")
            cur.execute(sql, params)
            cur.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_auditentry_no_change")


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


def test_verify_names_the_first_altered_entry(world, make_task):
    make_task()
    make_task()
    victim = AuditEntry.objects.order_by("id")[1]
    _tamper("UPDATE audit_auditentry SET actor_name = %s WHERE id = %s", ["mallory", victim.id])
    result = audit.verify()
    assert not result.ok and result.broken_id == victim.id
    with pytest.raises(CommandError, match=f"#{victim.id}"):
        call_command("audit", "verify")


def test_the_database_refuses_to_update_audit_rows(world, make_task):
    make_task()
    entry = AuditEntry.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(actor_name="mallory")


def test_the_database_refuses_to_delete_audit_rows_outside_maintenance(world, make_task, settings):
    make_task()
    settings.DUCHA_AUDIT_MAINTENANCE = False
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SET ducha.audit_maintenance = 'off'")
    try:
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEntry.objects.all().delete()
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SET ducha.audit_maintenance = 'on'")
    assert AuditEntry.objects.exists()


def test_record_outside_a_transaction_is_refused(transactional_db):
    with pytest.raises(RuntimeError):
        audit.record(actor=None, action="x", object_type="t", object_id="1")
