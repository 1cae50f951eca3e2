"""Migration 0004: before/after as PostgreSQL json (kept verbatim) instead of jsonb.

Scheme 3 hashes the database's text of each stored JSON value. Entries written while the columns were
jsonb were hashed over jsonb's rendering; converting the columns must keep that text, so they still
verify, and tampering must still be found."""

import importlib

import orjson
import pytest
from django.db import connection, transaction

from ducha.audit import services as audit
from ducha.audit.chain import as_stored
from ducha.audit.models import AuditEntry

from .tampering import as_owner
from .test_walk import HOSTILE

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="json vs jsonb is PostgreSQL's")

MIGRATION = importlib.import_module("ducha.audit.migrations.0004_verbatim_json")


def _column_types():
    with connection.cursor() as cur:
        cur.execute("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                    "WHERE attrelid = 'audit_auditentry'::regclass AND attname IN ('before', 'after')")
        return dict(cur.fetchall())


def _jsonb_era_texts():
    """The writer before 0004: the server's rendering of each value as jsonb is what it stored and hashed."""
    def render(value):
        if value is None:
            return None
        with connection.cursor() as cur:
            cur.execute("SELECT %s::jsonb::text", [orjson.dumps(as_stored(value)).decode()])
            return cur.fetchone()[0]

    def texts(before, after):
        return as_stored(before), as_stored(after), render(before), render(after)
    return texts


@pytest.fixture
def jsonb_era_entries(db, monkeypatch):
    """Entries written while the columns were jsonb, as that writer wrote them."""
    with connection.cursor() as cur:
        for column in ("before", "after"):
            cur.execute(f'ALTER TABLE audit_auditentry ALTER COLUMN "{column}" TYPE jsonb USING "{column}"::jsonb')
    assert _column_types() == {"before": "jsonb", "after": "jsonb"}
    with monkeypatch.context() as patched, transaction.atomic():
        patched.setattr(audit, "_texts_function", _jsonb_era_texts)
        written = audit.record_many(None, [
            {"action": "create", "object_type": "ledger.task", "object_id": str(n), "before": value,
             "after": {"version": n, "b": 1, "a": [1.50, "中文"]}} for n, value in enumerate(HOSTILE, 1)])
    assert audit.verify().ok
    return [e.id for e in written]


def _migrate():
    with connection.schema_editor() as editor:
        MIGRATION.forwards(None, editor)


def test_entries_written_under_jsonb_still_verify_as_json_and_new_ones_chain_on(jsonb_era_entries):
    with connection.cursor() as cur:
        cur.execute("SELECT id, after::text FROM audit_auditentry ORDER BY id")
        texts_before = cur.fetchall()
    _migrate()
    assert _column_types() == {"before": "json", "after": "json"}
    with connection.cursor() as cur:
        cur.execute("SELECT id, after::text FROM audit_auditentry ORDER BY id")
        assert cur.fetchall() == texts_before  # the very text that was hashed
    assert [e.before for e in AuditEntry.objects.filter(id__in=jsonb_era_entries)] == [
        as_stored(v) for v in HOSTILE]
    with transaction.atomic():  # the current writer goes on from the converted chain
        audit.record_many(None, [{"action": "create", "object_type": "ledger.task", "object_id": "99",
                                  "after": {"b": 1, "a": 2, "x": 1.50}}])
    result = audit.verify()
    assert result.ok and result.checked == len(HOSTILE) + 1, result.problems


def test_tampering_with_a_converted_entry_is_still_detected(jsonb_era_entries):
    _migrate()
    target = jsonb_era_entries[1]
    as_owner("UPDATE audit_auditentry SET after = %s WHERE id = %s", ['{"version": 99}', target])
    result = audit.verify()
    assert not result.ok and result.broken_id == target and "altered" in result.reason, result.problems


def test_json_kept_verbatim_makes_a_whitespace_edit_detectable(db):
    """jsonb would have normalised it away; json keeps it, and the hash covers it."""
    with transaction.atomic():
        entry = audit.record(actor=None, action="create", object_type="ledger.task", object_id="1",
                             after={"b": 1, "a": 2})
    with connection.cursor() as cur:
        cur.execute("SELECT after::text FROM audit_auditentry WHERE id = %s", [entry.id])
        assert cur.fetchone()[0] == '{"b":1,"a":2}'  # as written: key order and spacing kept
    as_owner("UPDATE audit_auditentry SET after = %s WHERE id = %s", ['{"b": 1, "a": 2}', entry.id])
    result = audit.verify()
    assert not result.ok and result.broken_id == entry.id, result.problems


def test_the_redundant_indexes_are_gone_and_the_lookups_keep_theirs(db):
    with connection.cursor() as cur:
        cur.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'audit_auditentry'")
        defs = [row[0] for row in cur.fetchall()]
    assert not [d for d in defs if "varchar_pattern_ops" in d and "scope_path" not in d]
    assert [d for d in defs if "(scope_path varchar_pattern_ops)" in d]  # startswith: the reach rule
    assert [d for d in defs if "(object_id)" in d]  # the audit log page's 对象编号 filter
    assert [d for d in defs if "(object_type, object_id, id)" in d]
    assert not [d for d in defs if "(object_type)" in d or "(scope_path)" in d]
