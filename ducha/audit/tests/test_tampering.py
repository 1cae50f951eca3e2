"""What `ducha audit verify` detects: each attack the testers ran, on SQLite and PostgreSQL."""

import os
import stat

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from ducha.audit import checkpoints
from ducha.audit import services as audit
from ducha.audit.models import AuditEntry

from .tampering import as_owner, lift_guard, rehash_from, restore_guard


@pytest.fixture
def log(world, make_task):
    for _ in range(5):
        make_task()
    return list(AuditEntry.objects.order_by("id").values_list("id", flat=True))


def _lines():
    return checkpoints.read()


def test_checkpoint_signs_the_head_and_is_idempotent(log):
    call_command("audit", "checkpoint")
    call_command("audit", "checkpoint")
    assert checkpoints.run_checkpoint() is None
    (first,) = _lines()
    assert (first.entry_id, first.entry_hash) == (log[-1], AuditEntry.objects.get(id=log[-1]).hash)
    assert first.prev_mac == ""
    assert stat.S_IMODE(os.stat(checkpoints.checkpoint_file()).st_mode) == 0o600
    second = _make_more_and_checkpoint()
    assert [cp.prev_mac for cp in _lines()] == ["", first.mac] and second.entry_id > first.entry_id
    result = audit.verify()
    assert result.ok and result.checkpoints == 2


def _make_more_and_checkpoint():
    from django.db import transaction

    with transaction.atomic():
        audit.record(actor=None, action="create", object_type="t", object_id="x", after={"n": 1})
    return checkpoints.run_checkpoint()


def test_a_cut_tail_is_detected(log):
    checkpoints.run_checkpoint()
    as_owner("DELETE FROM audit_auditentry WHERE id >= %s", [log[-2]])
    result = audit.verify()
    assert not result.ok and result.broken_id == log[-1]
    assert "tail was cut" in result.reason
    with pytest.raises(CommandError, match=f"#{log[-1]}"):
        call_command("audit", "verify")
    with pytest.raises(CommandError, match="no checkpoint written"):
        call_command("audit", "checkpoint")


def test_a_rehashed_chain_is_detected_even_with_the_trigger_back(log):
    checkpoints.run_checkpoint()
    victim = log[1]
    lift_guard()
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditentry SET actor_name = %s WHERE id = %s", ["mallory", victim])
    rehash_from(victim)
    result = audit.verify()
    assert not result.ok
    assert any("missing" in p for p in result.problems)  # the dropped trigger
    # Only the head is signed: the fault is named at the signed entry, with the range it lies in.
    assert any(f"#{log[-1]}" in p and "re-hashed" in p and f"#1–#{log[-1]}" in p for p in result.problems)
    restore_guard()
    result = audit.verify()
    assert not result.ok and result.broken_id == log[-1] and "re-hashed" in result.reason


def test_a_dropped_trigger_is_detected(log):
    checkpoints.run_checkpoint()
    name = "audit_auditentry_no_delete" if connection.vendor == "sqlite" else "audit_auditentry_no_change"
    with connection.cursor() as cur:
        cur.execute(f"DROP TRIGGER {name}" + ("" if connection.vendor == "sqlite" else " ON audit_auditentry"))
    result = audit.verify()
    assert not result.ok and name in result.reason
    with pytest.raises(CommandError, match=name):
        call_command("audit", "verify")


def test_a_disabled_trigger_or_a_neutered_function_is_detected(log):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cur:
        cur.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_auditentry_no_truncate")
    assert "audit_auditentry_no_truncate" in audit.verify().reason
    with connection.cursor() as cur:
        cur.execute("ALTER TABLE audit_auditentry ENABLE ALWAYS TRIGGER audit_auditentry_no_truncate")
        cur.execute("CREATE OR REPLACE FUNCTION audit_auditentry_refuse() RETURNS trigger LANGUAGE plpgsql "
                    "AS $$ BEGIN RETURN OLD; END $$")
    assert "audit_auditentry_refuse" in audit.verify().reason


def test_an_altered_trigger_is_detected_on_sqlite(log):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cur:
        cur.execute("DROP TRIGGER audit_auditentry_no_delete")
        cur.execute("CREATE TRIGGER audit_auditentry_no_delete BEFORE DELETE ON audit_auditentry "
                    "WHEN 0 BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")
    assert "was altered" in audit.verify().reason


def test_checkpoints_signed_with_another_key_are_detected(log, settings):
    checkpoints.run_checkpoint()
    settings.DUCHA_AUDIT_KEY = "not-the-key-that-signed"
    result = audit.verify()
    assert not result.ok and "HMAC" in result.reason and "line 1" in result.reason
    with pytest.raises(CommandError, match="no checkpoint written"):
        call_command("audit", "checkpoint")


def test_a_removed_checkpoint_line_is_detected(log):
    checkpoints.run_checkpoint()
    _make_more_and_checkpoint()
    _make_more_and_checkpoint()
    path = checkpoints.checkpoint_file()
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + lines[2])
    result = audit.verify()
    assert not result.ok and "line 2" in result.reason


def test_verify_without_checkpoints_warns_and_can_be_made_strict(log):
    result = audit.verify()
    assert result.ok and result.warnings
    assert not audit.verify(require_checkpoint=True).ok
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--require-checkpoint")


def test_the_key_is_generated_outside_production_and_required_in_it(log, settings, tmp_path, monkeypatch):
    settings.DUCHA_AUDIT_KEY = None
    settings.VAR_DIR = tmp_path
    monkeypatch.delenv("DUCHA_AUDIT_KEY", raising=False)
    monkeypatch.delenv("DUCHA_PROFILE", raising=False)
    assert checkpoints.run_checkpoint() is not None
    key_file = tmp_path / "audit" / "key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600 and len(key_file.read_text()) == 64
    monkeypatch.setenv("DUCHA_PROFILE", "production")
    with pytest.raises(ImproperlyConfigured, match="DUCHA_AUDIT_KEY"):
        checkpoints.key()
    with pytest.raises(CommandError, match="DUCHA_AUDIT_KEY"):
        call_command("audit", "checkpoint")
