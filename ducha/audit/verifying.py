"""Walking the chain fast: raw rows in id order, no model instances.

A checkpoint re-hashes every entry since the previous one, and the first
checkpoint of a long-running log re-hashes millions, so this reads plain
tuples through a server-side cursor (PostgreSQL) or a streaming cursor
(SQLite), with the timestamp already formatted by the database and the JSON
columns as text, and does per row only what the hash needs.
"""

import hashlib
import json
from dataclasses import dataclass

import orjson
from django.db import connection

from .chain import CURRENT, GENESIS, entry_hash

BATCH = 10_000

_COLUMNS = ("scheme, id, {created_at}, actor_id, actor_name, action, object_type, object_id, object_repr, "
            "before, after, request_id, client_request_id, remote_addr, scope_path, prev_hash, hash")
_CREATED_AT = {
    # isoformat(timespec="microseconds") of the UTC time, as the writer hashed it.
    "postgresql": """to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')""",
    # Django stores str() of the naive UTC time, without ".000000" when the microseconds are zero.
    "sqlite": "substr(created_at, 1, 10) || 'T' || substr(created_at, 12, 8) || '.' || "
              "substr(substr(created_at, 21) || '000000', 1, 6) || '+00:00'",
}


@dataclass
class Walk:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""
    head_id: int = 0
    head_hash: str = GENESIS


def rows_sql(vendor=None) -> str:
    vendor = vendor or connection.vendor
    return (f"SELECT {_COLUMNS.format(created_at=_CREATED_AT[vendor])} FROM audit_auditentry "
            f"WHERE id > %s ORDER BY id")


def _batches(after_id):
    with connection.chunked_cursor() as cursor:
        cursor.execute(rows_sql(), [after_id])
        while rows := cursor.fetchmany(BATCH):
            yield rows


def _legacy_hash(row):
    (_, id_, created_at, actor_id, actor_name, action, object_type, object_id, object_repr, before, after,
     request_id, _, _, _, prev_hash, _) = row
    return entry_hash(prev_hash, {
        "id": id_, "created_at": created_at, "actor_id": actor_id, "actor_name": actor_name, "action": action,
        "object_type": object_type, "object_id": object_id, "object_repr": object_repr,
        "before": None if before is None else json.loads(before),
        "after": None if after is None else json.loads(after), "request_id": request_id,
    })


def walk(*, after_id: int = 0, after_hash: str = GENESIS, marks=None, batches=None) -> Walk:
    """Check every entry after `after_id` (whose hash is `after_hash`): consecutive ids, each linked to
    the one before, each hash recomputed from its content, and each id in `marks` (checkpoints: id →
    hash) still carrying the signed hash. Stops at the first fault and names the entry."""
    marks = marks or {}
    sha256, dumps, loads, sort = hashlib.sha256, orjson.dumps, orjson.loads, orjson.OPT_SORT_KEYS
    prev_hash, expected, checked = after_hash, after_id + 1, 0
    signed = after_id  # the last entry found as a checkpoint signed it
    for rows in batches if batches is not None else _batches(after_id):
        for row in rows:
            (scheme, id_, ca, aid, an, ac, ot, oid, orp, b, a, rid, crid, ra, sp, ph, h) = row
            if id_ != expected:
                return _fault(checked, expected, prev_hash, f"第 {expected} 条记录缺失 / entry #{expected} is "
                              f"missing (the next is #{id_})")
            if ph != prev_hash:
                return _fault(checked, id_, prev_hash, f"第 {id_} 条记录与前一条不相连 / entry #{id_} does not "
                              f"link to the entry before it")
            if scheme == CURRENT:
                computed = sha256(ph.encode() + b"\n" + dumps(
                    [CURRENT, id_, ca, aid, an, ac, ot, oid, orp, None if b is None else loads(b),
                     None if a is None else loads(a), rid, crid, ra, sp], option=sort)).hexdigest()
            else:
                computed = _legacy_hash(row)
            if computed != h:
                return _fault(checked, id_, prev_hash, f"第 {id_} 条记录已被改动 / entry #{id_} was altered "
                              f"(hash mismatch)")
            if marks and id_ in marks:
                if marks[id_] != h:
                    return _fault(checked, id_, prev_hash,
                                  f"第 {id_} 条记录与已签名的检查点不符，第 {signed + 1}–{id_} 条之间的日志链已被重写 / "
                                  f"entry #{id_} differs from its signed checkpoint: the chain was re-hashed "
                                  f"somewhere in entries #{signed + 1}–#{id_}")
                signed = id_
            prev_hash, expected, checked = h, id_ + 1, checked + 1
    head = expected - 1
    beyond = [i for i in marks if i > head]
    if beyond:
        first = min(beyond)
        return _fault(checked, first, prev_hash, f"已签名检查点中的第 {first} 条记录已不存在，日志尾部被截断 / "
                      f"entry #{first} is in a signed checkpoint but gone from the table: the tail was cut "
                      f"(the table now ends at #{head})")
    return Walk(True, checked, head_id=head, head_hash=prev_hash)


def _fault(checked, broken_id, prev_hash, reason):
    return Walk(False, checked, broken_id, reason, head_hash=prev_hash)
