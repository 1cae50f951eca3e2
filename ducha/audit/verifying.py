"""Walking the chain fast.

A checkpoint checks every entry since the previous one, and the first
checkpoint of a long-running log (or `ducha audit verify`) checks millions, so
the work is set-based and done where the rows are:

- scheme-3 entries (ducha.audit.chain) have their hashes recomputed by the
  database in one statement: PostgreSQL builds the text with format() and
  hashes it with sha256(); SQLite calls the writer's own hash function,
  registered on each connection, with the row's columns (no cursor, no
  tuples, no JSON parsing in Python);
- every link (an entry's prev_hash is the hash of the entry before it) is
  checked by one self-join, and gaps by one count;
- entries of the older schemes are re-hashed in Python, row by row (only
  theirs are read);
- each checkpointed id still carries its signed hash.

Each check names its first failing entry; the walk reports the earliest, as
reading the rows one by one would.
"""

import json
from dataclasses import dataclass

import orjson
from django.db import connection

from . import parallel
from .chain import CURRENT, FORMAT_V3, GENESIS, V2, V3_COLUMNS, entry_hash, hash_texts, hash_v2, payload_v2

BATCH = 10_000
TABLE = "audit_auditentry"

_COLUMNS = ("scheme, id, {created_at}, actor_id, actor_name, action, object_type, object_id, object_repr, "
            "before, after, request_id, client_request_id, remote_addr, scope_path, prev_hash, hash")
_CREATED_AT = {
    # isoformat(timespec="microseconds") of the UTC time, as the writer hashed it.
    "postgresql": """pg_catalog.to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')""",
    # Django stores str() of the naive UTC time, without ".000000" when the microseconds are zero.
    "sqlite": "substr(created_at, 1, 10) || 'T' || substr(created_at, 12, 8) || '.' || "
              "substr(substr(created_at, 21) || '000000', 1, 6) || '+00:00'",
}
SQLITE_HASH_FUNCTION = "ducha_audit_hash_v3"
# The built-in inequality on PostgreSQL, whatever operators the search path offers first.
_NE = {"postgresql": "OPERATOR(pg_catalog.<>)", "sqlite": "<>"}


def register_sqlite_functions(sender, connection, **kwargs):
    """connection_created receiver: gives every SQLite connection scheme 3's hash (chain.hash_texts,
    the writer's own, called with the row's columns; the query makes NULL empty text)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_HASH_FUNCTION, 1 + len(V3_COLUMNS), hash_texts,
                                              deterministic=True)


_NULLABLE = ("actor_id", "before", "after")


def _v3_columns(vendor):
    """The row's columns as scheme 3 takes them, NULL as empty text (format() does that on PostgreSQL)."""
    def column(name):
        if name == "created_at":
            return _CREATED_AT[vendor]
        return f"coalesce({name}, '')" if vendor == "sqlite" and name in _NULLABLE else name
    return ["prev_hash"] + [column(c) for c in V3_COLUMNS]


def payload_sql(vendor=None) -> str:
    """PostgreSQL: scheme 3's payload text of a row (one parameter: chain.FORMAT_V3)."""
    return f"pg_catalog.format(%s, {', '.join(_v3_columns(vendor or connection.vendor))})"


def hash_sql(vendor=None) -> tuple[str, list]:
    """(SQL, parameters) for scheme 3's hash of a row, computed where the row is."""
    vendor = vendor or connection.vendor
    if vendor == "postgresql":
        # Schema-qualified: a function of the same name put earlier on the search path is not called.
        return (f"pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to({payload_sql(vendor)}, 'UTF8')), 'hex')",
                [FORMAT_V3])
    return f"{SQLITE_HASH_FUNCTION}({', '.join(_v3_columns(vendor))})", []


@dataclass
class Walk:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""
    head_id: int = 0
    head_hash: str = GENESIS


def rows_sql(vendor=None, where: str = "") -> str:
    vendor = vendor or connection.vendor
    return (f"SELECT {_COLUMNS.format(created_at=_CREATED_AT[vendor])} FROM {TABLE} "
            f"WHERE id > %s{where} ORDER BY id")


def _batches(after_id, where: str = ""):
    with connection.chunked_cursor() as cursor:
        cursor.execute(rows_sql(where=where), [after_id])
        while rows := cursor.fetchmany(BATCH):
            yield rows


def _older_scheme_hash(row):
    (scheme, id_, ca, aid, an, ac, ot, oid, orp, b, a, rid, crid, ra, sp, ph, _) = row
    before = None if b is None else orjson.loads(b)
    after = None if a is None else orjson.loads(a)
    if scheme == V2:
        return hash_v2(ph, payload_v2(id_, ca, aid, an, ac, ot, oid, orp, before, after, rid, crid, ra, sp))
    return entry_hash(ph, {
        "id": id_, "created_at": ca, "actor_id": aid, "actor_name": an, "action": ac, "object_type": ot,
        "object_id": oid, "object_repr": orp, "before": None if b is None else json.loads(b),
        "after": None if a is None else json.loads(a), "request_id": rid,
    })


def _one(cursor, sql, params):
    cursor.execute(sql, params)
    row = cursor.fetchone()
    return row[0] if row else None


# Which fault is reported when several fall on the same entry, as a row-by-row reading meets them.
MISSING, LINK, ALTERED, MARK = range(4)


def _faults(cursor, vendor, after_id, after_hash, count, head):
    """[(entry id, kind)] of the first fault each check finds in (after_id, head]."""
    faults = []
    if count != head - after_id:  # an id is missing: the first one
        if _one(cursor, f"SELECT id FROM {TABLE} WHERE id = %s", [after_id + 1]) is None:
            faults.append((after_id + 1, MISSING))
        else:
            faults.append((_one(cursor, f"SELECT min(a.id) + 1 FROM {TABLE} a WHERE a.id > %s AND a.id < %s AND "
                                        f"NOT EXISTS (SELECT 1 FROM {TABLE} b WHERE b.id = a.id + 1)",
                                [after_id, head]), MISSING))
    first_prev = _one(cursor, f"SELECT prev_hash FROM {TABLE} WHERE id = %s", [after_id + 1])
    if first_prev is not None and first_prev != after_hash:
        faults.append((after_id + 1, LINK))
    link = _one(cursor, f"SELECT min(a.id) FROM {TABLE} a JOIN {TABLE} b ON b.id = a.id - 1 "
                        f"WHERE a.id > %s AND a.prev_hash {_NE[vendor]} b.hash", [after_id + 1])
    if link is not None:
        faults.append((link, LINK))
    altered = _first_altered(cursor, vendor, after_id, head, count)
    if altered is not None:
        faults.append((altered, ALTERED))
    for rows in _batches(after_id, f" AND (scheme IS NULL OR scheme <> {CURRENT})"):
        bad = next((row[1] for row in rows if _older_scheme_hash(row) != row[-1]), None)
        if bad is not None:
            faults.append((bad, ALTERED))
            break
    return faults


def altered_sql(vendor) -> tuple[str, list]:
    """(SQL, parameters after the range's two) for the first scheme-3 entry in (%s, %s] whose hash is not
    its content's."""
    recompute, params = hash_sql(vendor)
    # min(id + 0), not min(id): PostgreSQL would walk the primary key one row at a time looking for the
    # first match; over the whole table a parallel scan is two to three times faster.
    return (f"SELECT min(id + 0) FROM {TABLE} WHERE id > %s AND id <= %s AND scheme = {CURRENT} "
            f"AND hash {_NE[vendor]} {recompute}"), params


def _first_altered(cursor, vendor, after_id, head, count):
    sql, params = altered_sql(vendor)
    path = parallel.database_file(connection) if vendor == "sqlite" else None
    workers = parallel.workers_for(count) if path else 1
    if workers > 1:
        try:
            return parallel.first_altered(path, sql.replace("%s", "?"), after_id, head, workers)
        except Exception as exc:  # noqa: BLE001 (any failure to start processes: do it here instead)
            parallel.log.warning("audit walk: %s; hashing in this process instead", exc)
    return _one(cursor, sql, [after_id, head, *params])


def _hash_of(cursor, entry_id, after_id, after_hash):
    if entry_id <= after_id:
        return after_hash
    return _one(cursor, f"SELECT hash FROM {TABLE} WHERE id = %s", [entry_id])


def _mark_faults(cursor, marks, after_id, head):
    """[(entry id, MARK)] for checkpointed entries in range whose hash is no longer the signed one."""
    inside = sorted(i for i in marks if after_id < i <= head)
    for start in range(0, len(inside), 1000):
        chunk = inside[start:start + 1000]
        cursor.execute(f"SELECT id, hash FROM {TABLE} WHERE id IN ({', '.join(['%s'] * len(chunk))}) ORDER BY id",
                       chunk)
        for entry_id, entry_hash_ in cursor.fetchall():
            if marks[entry_id] != entry_hash_:
                return [(entry_id, MARK)]
    return []


def walk(*, after_id: int = 0, after_hash: str = GENESIS, marks=None) -> Walk:
    """Check every entry after `after_id` (whose hash is `after_hash`): consecutive ids, each linked to
    the one before, each hash recomputed from its content, and each id in `marks` (checkpoints: id →
    hash) still carrying the signed hash. Names the first faulty entry."""
    marks = marks or {}
    vendor = connection.vendor
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), max(id) FROM {TABLE} WHERE id > %s", [after_id])
        count, head = cursor.fetchone()
        head = head or after_id
        faults = _faults(cursor, vendor, after_id, after_hash, count, head) if count else []
        faults += _mark_faults(cursor, marks, after_id, head)
        if faults:
            broken_id, kind = min(faults)
            prev_hash = _hash_of(cursor, broken_id - 1, after_id, after_hash)
            next_id = _one(cursor, f"SELECT min(id) FROM {TABLE} WHERE id > %s", [broken_id])
            signed = max([i for i in marks if after_id < i < broken_id], default=after_id)
            return Walk(False, broken_id - after_id - 1, broken_id,
                        _reason(kind, broken_id, next_id, signed), head_hash=prev_hash)
        head_hash = _hash_of(cursor, head, after_id, after_hash)
    beyond = [i for i in marks if i > head]
    if beyond:
        first = min(beyond)
        return Walk(False, count, first, f"已签名检查点中的第 {first} 条记录已不存在，日志尾部被截断 / entry #{first} is "
                                         f"in a signed checkpoint but gone from the table: the tail was cut (the "
                                         f"table now ends at #{head})", head_hash=head_hash)
    return Walk(True, count, head_id=head, head_hash=head_hash)


def _reason(kind, entry_id, next_id, signed):
    if kind == MISSING:
        return f"第 {entry_id} 条记录缺失 / entry #{entry_id} is missing (the next is #{next_id})"
    if kind == LINK:
        return f"第 {entry_id} 条记录与前一条不相连 / entry #{entry_id} does not link to the entry before it"
    if kind == ALTERED:
        return f"第 {entry_id} 条记录已被改动 / entry #{entry_id} was altered (hash mismatch)"
    return (f"第 {entry_id} 条记录与已签名的检查点不符，第 {signed + 1}–{entry_id} 条之间的日志链已被重写 / "
            f"entry #{entry_id} differs from its signed checkpoint: the chain was re-hashed somewhere in "
            f"entries #{signed + 1}–#{entry_id}")

