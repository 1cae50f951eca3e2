"""The chain walk done by the database (scheme 3): what it recomputes agrees with what the writer hashed,
whatever the content, and every kind of tampering is named at the right entry, on SQLite and PostgreSQL."""

import pytest
from django.db import connection, transaction

from ducha.audit import services as audit
from ducha.audit import verifying
from ducha.audit.chain import CURRENT, V2
from ducha.audit.models import AuditEntry

from .tampering import as_owner

HOSTILE = [
    {"progress_note": "100% 完成 %s %d %%", "nested": {"z": [1, 2.5, None, True], "a": {"ü": "é"}}},
    {"b": 1, "a": 2, "long_key_first": "x", "k": ""},  # jsonb orders keys its own way
    {"emoji": "🌊🏭", "quote": 'a"b\\c', "tab": "a\tb\nc", "ctl": "\x01\x1f", "big": 2 ** 62, "neg": -0.001},
    {"float": 1e16, "small": 1.5e-7, "zero": 0.0, "list": [], "obj": {}},
    [1, "two", {"three": 3}],
    "just text",
    None,
]


@pytest.fixture
def entries(db):
    """Entries of every shape the writer may meet, the hostile ones included."""
    with transaction.atomic():
        written = audit.record_many(None, [
            {"action": "create", "object_type": "ledger.task", "object_id": str(n),
             "object_repr": f"任务 {n} %s\x1f分隔\x00空", "after": value, "before": HOSTILE[n - 1]}
            for n, value in enumerate(HOSTILE, 1)
        ])
    return [e.id for e in written]


def test_what_the_database_recomputes_is_what_the_writer_hashed(entries):
    assert AuditEntry.objects.filter(scheme=CURRENT).count() == len(HOSTILE)
    result = audit.verify()
    assert result.ok and result.checked == len(HOSTILE), result.problems


def test_the_writer_keeps_separators_and_nul_out_of_text_fields(entries):
    entry = AuditEntry.objects.get(id=entries[0])
    assert entry.object_repr == "任务 1 %s 分隔 空"
    assert entry.after == HOSTILE[0]  # JSON is kept as given (its text escapes control characters)


def _altered(sql, params, entry_id, words="was altered"):
    as_owner(sql, params)
    result = audit.verify()
    assert not result.ok and result.broken_id == entry_id and words in result.reason, result.problems


@pytest.mark.parametrize("column, value", [
    ("actor_name", "mallory"), ("action", "delete"), ("object_type", "ledger.plan"), ("object_id", "999"),
    ("object_repr", "另一个任务"), ("request_id", "forged"), ("client_request_id", "x"),
    ("remote_addr", "10.0.0.1"), ("scope_path", "330000/"), ("actor_id", 7),
])
def test_each_column_changed_is_detected(entries, column, value):
    _altered(f"UPDATE audit_auditentry SET {column} = %s WHERE id = %s", [value, entries[2]], entries[2])


def test_a_changed_json_value_or_time_is_detected(entries):
    as_owner("UPDATE audit_auditentry SET after = %s WHERE id = %s", ['{"progress": 100}', entries[1]])
    as_owner("UPDATE audit_auditentry SET created_at = created_at + interval '1 microsecond' WHERE id = %s"
             if connection.vendor == "postgresql" else
             "UPDATE audit_auditentry SET created_at = replace(created_at, '2', '1') WHERE id = %s", [entries[0]])
    result = audit.verify()
    assert not result.ok and result.broken_id == entries[0], result.problems  # the earlier of the two


def test_text_hidden_after_a_nul_or_moved_across_a_separator_is_detected(entries):
    if connection.vendor == "sqlite":  # PostgreSQL refuses NUL in text outright
        _altered("UPDATE audit_auditentry SET object_repr = object_repr || char(0) || '隐藏' WHERE id = %s",
                 [entries[3]], entries[3])
    else:
        # A field may not take text from its neighbour: "coordinator␟create" + "" is not "coordinator" +
        # "create", because honest fields never hold the separator.
        _altered("UPDATE audit_auditentry SET actor_name = actor_name || chr(31) || action, action = '' "
                 "WHERE id = %s", [entries[3]], entries[3])


def test_a_flipped_scheme_is_detected(entries):
    _altered("UPDATE audit_auditentry SET scheme = %s WHERE id = %s", [V2, entries[4]], entries[4])


def test_a_missing_entry_and_a_broken_link_are_named(entries):
    as_owner("DELETE FROM audit_auditentry WHERE id = %s", [entries[3]])
    result = audit.verify()
    assert result.broken_id == entries[3] and f"the next is #{entries[4]}" in result.reason
    assert result.checked == 3


def test_a_broken_link_is_named(entries):
    _altered("UPDATE audit_auditentry SET prev_hash = %s WHERE id = %s", ["f" * 64, entries[5]], entries[5],
             "does not link")


def test_a_walk_from_a_checkpoint_reads_only_what_follows_it(entries):
    head = AuditEntry.objects.get(id=entries[2])
    walk = verifying.walk(after_id=head.id, after_hash=head.hash)
    assert walk.ok and walk.checked == len(HOSTILE) - 3 and walk.head_id == entries[-1]
    wrong = verifying.walk(after_id=head.id, after_hash="0" * 64)
    assert not wrong.ok and wrong.broken_id == entries[3] and "does not link" in wrong.reason


def test_functions_or_operators_planted_on_the_search_path_are_not_used(entries):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no search path")
    as_owner("UPDATE audit_auditentry SET actor_name = 'mallory' WHERE id = %s", [entries[2]])
    with connection.cursor() as cur:
        # A forger with the table owner's rights makes every comparison and every hash come out "right".
        cur.execute("CREATE FUNCTION public.never(varchar, text) RETURNS boolean LANGUAGE sql AS 'SELECT false'")
        cur.execute("CREATE OPERATOR public.<> (LEFTARG = varchar, RIGHTARG = text, FUNCTION = public.never)")
        cur.execute("CREATE FUNCTION public.sha256(bytea) RETURNS bytea LANGUAGE sql AS 'SELECT ''\\x00''::bytea'")
        cur.execute("SET search_path = public, pg_catalog")
    result = audit.verify()
    assert not result.ok and result.broken_id == entries[2] and "was altered" in result.reason


def test_a_long_sqlite_walk_split_over_processes_finds_the_first_altered_entry(entries, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL hashes in its own parallel workers")
    import sqlite3

    from ducha.audit import parallel

    assert parallel.database_file(connection) is None  # the tests' database is in memory
    path = tmp_path / "copy.sqlite3"
    copy = sqlite3.connect(path)
    with connection.cursor() as cur:  # the table and its rows, as written (the test's transaction is open)
        cur.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'audit_auditentry'")
        copy.execute(cur.fetchone()[0])
        cur.execute("SELECT * FROM audit_auditentry ORDER BY id")
        rows = cur.fetchall()
    copy.executemany(f"INSERT INTO audit_auditentry VALUES ({', '.join('?' * len(rows[0]))})", rows)
    for victim in (entries[5], entries[2]):
        copy.execute("UPDATE audit_auditentry SET object_repr = 'forged' WHERE id = ?", [victim])
    copy.commit()
    copy.close()
    sql, _ = verifying.altered_sql("sqlite")
    head = entries[-1]
    # Each of three processes reads a third of the range; the least they find is reported.
    assert parallel.first_altered(str(path), sql.replace("%s", "?"), 0, head, 3) == entries[2]
    assert parallel.first_altered(str(path), sql.replace("%s", "?"), entries[2], head, 2) == entries[5]
    assert parallel.first_altered(str(path), sql.replace("%s", "?"), entries[5], head, 2) is None


def test_a_bulk_write_without_instances_writes_the_same_chain(db):
    with transaction.atomic():
        assert audit.record_many(None, [{"action": "create", "object_type": "ledger.task", "object_id": str(n),
                                         "after": {"n": n}} for n in range(3)], returning=False) == 3
    assert list(AuditEntry.objects.values_list("after", flat=True)) == [{"n": 0}, {"n": 1}, {"n": 2}]
    assert audit.verify().ok


def test_entries_of_scheme_2_still_verify_beside_scheme_3(db):
    """Entries written before scheme 3 (orjson array payload, scheme 2) keep verifying, row by row in
    Python, and an alteration among them is still named."""
    import datetime as dt

    from ducha.audit.chain import GENESIS, hash_v2, payload_v2
    from ducha.db.bulk import insert_rows

    created = dt.datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=dt.timezone.utc)
    rows, prev = [], GENESIS
    for i in (1, 2):
        after = {"state": "in_progress", "备注": f"第{i}条"}
        h = hash_v2(prev, payload_v2(i, created.isoformat(timespec="microseconds"), None, "system", "update",
                                     "ledger.task", str(i), f"任务 {i}", None, after, "r", "", "", ""))
        rows.append((i, created, None, "system", "update", "ledger.task", str(i), f"任务 {i}", None, after, "r",
                     "", "", "", V2, prev, h))
        prev = h
    with transaction.atomic():
        insert_rows(AuditEntry, ["id", "created_at", "actor_id", "actor_name", "action", "object_type",
                                 "object_id", "object_repr", "before", "after", "request_id", "client_request_id",
                                 "remote_addr", "scope_path", "scheme", "prev_hash", "hash"], rows)
        audit.record_many(None, [{"action": "create", "object_type": "t", "object_id": "3", "after": {"n": 3}}])
    result = audit.verify()
    assert result.ok and result.checked == 3, result.problems
    _altered("UPDATE audit_auditentry SET object_repr = 'forged' WHERE id = %s", [2], 2)
