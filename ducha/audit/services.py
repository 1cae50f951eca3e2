"""Writing and verifying the audit log. The only code that creates AuditEntry rows."""

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from ducha.db.bulk import insert_rows

from .chain import GENESIS, entry_hash
from .models import AuditEntry

# Any constant works; it only has to be the same for every writer.
_PG_CHAIN_LOCK = 0x64756368


def _payload(*, id, created_at, actor_id, actor_name, action, object_type, object_id, object_repr,
             before, after, request_id):
    return {
        "id": id,
        "created_at": created_at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_name": actor_name,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "object_repr": object_repr,
        "before": before,
        "after": after,
        "request_id": request_id,
    }


def _lock_chain():
    # The chain needs one writer at a time. SQLite's IMMEDIATE transactions
    # already serialise writers; PostgreSQL needs an explicit lock.
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_CHAIN_LOCK])


def record(*, actor, action: str, obj=None, object_type: str = "", object_id="", object_repr: str = "",
           before=None, after=None, request_id: str = "") -> AuditEntry:
    """Append one entry. Must run inside the transaction that makes the change."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record() must run inside the change's transaction")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)[:255]
    _lock_chain()
    last = AuditEntry.objects.order_by("-id").values_list("id", "hash").first()
    prev_id, prev_hash = last if last else (0, GENESIS)
    fields = dict(
        id=prev_id + 1,
        created_at=timezone.now(),
        actor_id=getattr(actor, "pk", None),
        actor_name=(actor.get_username() if actor is not None else "system"),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr,
        before=before,
        after=after,
        request_id=request_id or "",
    )
    h = entry_hash(prev_hash, _payload(**fields))
    return AuditEntry.objects.create(prev_hash=prev_hash, hash=h, **fields)


_ENTRY_KEYS = frozenset({"action", "obj", "object_type", "object_id", "object_repr", "before", "after",
                         "request_id"})


def record_many(actor, entries, *, request_id: str = "") -> list[AuditEntry]:
    """Append several entries at once, exactly as calling `record` for each in turn would.

    `entries` are dicts of record's keyword arguments (action, obj or object_type/object_id/object_repr,
    before, after). One chain lock, one read of the last hash, the hashes chained in Python in the given
    order, one batched INSERT (ducha.db.bulk: bulk_create would compile SQL for each of the thirteen
    values of every row, which for an import of 10,000 tasks takes seconds).
    """
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record_many() must run inside the change's transaction")
    entries = list(entries)
    if not entries:
        return []
    actor_id = getattr(actor, "pk", None)
    actor_name = actor.get_username() if actor is not None else "system"
    _lock_chain()
    last = AuditEntry.objects.order_by("-id").values_list("id", "hash").first()
    prev_id, prev_hash = last if last else (0, GENESIS)
    columns = [f.attname for f in AuditEntry._meta.concrete_fields]
    rows = []
    for entry in entries:
        unknown = set(entry) - _ENTRY_KEYS
        if unknown:
            raise TypeError(f"record_many(): unknown entry keys {sorted(unknown)}")
        obj = entry.get("obj")
        object_type, object_id = entry.get("object_type", ""), entry.get("object_id", "")
        object_repr = entry.get("object_repr", "")
        if obj is not None:
            object_type = object_type or obj._meta.label_lower
            object_id = object_id or obj.pk
            object_repr = object_repr or str(obj)[:255]
        prev_id += 1
        fields = dict(
            id=prev_id,
            created_at=timezone.now(),
            actor_id=actor_id,
            actor_name=actor_name,
            action=entry["action"],
            object_type=object_type,
            object_id=str(object_id),
            object_repr=object_repr,
            before=entry.get("before"),
            after=entry.get("after"),
            request_id=entry.get("request_id") or request_id or "",
        )
        h = entry_hash(prev_hash, _payload(**fields))
        fields.update(prev_hash=prev_hash, hash=h)
        rows.append(tuple(fields[name] for name in columns))
        prev_hash = h
    insert_rows(AuditEntry, columns, rows)
    # Positional arguments in field order: the model's fast constructor, as when reading rows.
    return [AuditEntry.from_db(connection.alias, columns, row) for row in rows]


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""


def verify(batch_size: int = 5000) -> VerifyResult:
    """Walk the chain in id order; report the first entry that does not fit."""
    prev_hash, expected_id, checked = GENESIS, 1, 0
    qs = AuditEntry.objects.order_by("id")
    last_id = 0
    while True:
        rows = list(qs.filter(id__gt=last_id)[:batch_size])
        if not rows:
            break
        for e in rows:
            if e.id != expected_id:
                return VerifyResult(False, checked, expected_id, f"entry #{expected_id} is missing (next is #{e.id})")
            if e.prev_hash != prev_hash:
                return VerifyResult(False, checked, e.id, f"entry #{e.id} does not link to the entry before it")
            payload = _payload(
                id=e.id, created_at=e.created_at, actor_id=e.actor_id, actor_name=e.actor_name, action=e.action,
                object_type=e.object_type, object_id=e.object_id, object_repr=e.object_repr,
                before=e.before, after=e.after, request_id=e.request_id,
            )
            if entry_hash(prev_hash, payload) != e.hash:
                return VerifyResult(False, checked, e.id, f"entry #{e.id} was altered (hash mismatch)")
            prev_hash, expected_id, checked = e.hash, e.id + 1, checked + 1
            last_id = e.id
    return VerifyResult(True, checked)


def history(obj):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("id")
