"""Writing and verifying the audit log. The only code that creates AuditEntry rows."""

import datetime as dt
from dataclasses import dataclass, field

import orjson
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.utils import timezone

from ducha.db.bulk import insert_rows

from . import context, events
from .chain import CURRENT, GENESIS, V3_COLUMNS, as_stored, clean_text, hash_v3
from .models import AuditEntry

# Any constant works; it only has to be the same for every writer.
_PG_CHAIN_LOCK = 0x64756368

# Where an object's division is found, in order: its own, its unit's, its document's.
_SCOPE_PATHS = (("division",), ("unit", "division"), ("document", "division"))


def _lock_chain():
    # The chain needs one writer at a time. SQLite's IMMEDIATE transactions
    # already serialise writers; PostgreSQL needs an explicit lock.
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_CHAIN_LOCK])


def _follow(obj, names):
    for name in names:
        try:
            field_ = obj._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if not field_.many_to_one or getattr(obj, field_.attname) is None:
            return None
        obj = getattr(obj, name)
    return getattr(obj, "path", None)


def scope_path_of(obj) -> str:
    """The division path an entry about `obj` belongs to ("330000/331100/"), or "" when it has none."""
    if obj is None:
        return ""
    for names in _SCOPE_PATHS:
        path = _follow(obj, names)
        if path:
            return path
    return ""


def record(*, actor, action: str, obj=None, object_type: str = "", object_id="", object_repr: str = "",
           before=None, after=None, request_id: str = "", scope_path: str | None = None) -> AuditEntry | None:
    """Append one entry. Must run inside the transaction that makes the change.

    Returns None, writing nothing, for an update whose before equals its after.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record() must run inside the change's transaction")
    written = record_many(actor, [dict(action=action, obj=obj, object_type=object_type, object_id=object_id,
                                       object_repr=object_repr, before=before, after=after,
                                       request_id=request_id, scope_path=scope_path)])
    return written[0] if written else None


_ENTRY_KEYS = frozenset({"action", "obj", "object_type", "object_id", "object_repr", "before", "after",
                         "request_id", "scope_path"})


def _request_ids(explicit: str):
    current = context.current()
    request_id = explicit or (current.request_id if current else "")
    if len(request_id) > context.CLIENT_ID_MAX:
        raise ValueError(f"request_id is longer than {context.CLIENT_ID_MAX} characters")
    if current is None:
        return request_id, "", ""
    return request_id, current.client_request_id, current.remote_addr


def record_many(actor, entries, *, request_id: str = "", returning: bool = True) -> list[AuditEntry] | int:
    """Append several entries at once, exactly as calling `record` for each in turn would.

    Returns the entries written; with returning=False only how many (bulk callers that never read them
    back: building 21,000 model instances is a tenth of a ledger import).

    `entries` are dicts of record's keyword arguments (action, obj or object_type/object_id/object_repr,
    before, after, scope_path). One chain lock, one read of the last hash, the hashes chained in Python in
    the given order, one batched INSERT (ducha.db.bulk: bulk_create would compile SQL for each value of
    every row, which for an import of 10,000 tasks takes seconds). Updates that change nothing are left out.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record_many() must run inside the change's transaction")
    prepared = []
    for entry in entries:
        unknown = set(entry) - _ENTRY_KEYS
        if unknown:
            raise TypeError(f"record_many(): unknown entry keys {sorted(unknown)}")
        event = events.get(entry["action"])
        if event is None:
            raise ValueError(f"audit event {entry['action']!r} is not registered (ducha.audit.events.register)")
        before, after = as_stored(entry.get("before")), as_stored(entry.get("after"))
        if event.update and before is not None and before == after:
            continue
        prepared.append((entry, before, after))
    if not prepared:
        return []
    actor_id = getattr(actor, "pk", None)
    actor_name = clean_text(actor.get_username() if actor is not None else "system")
    texts = _json_texts([value for _, before, after in prepared for value in (before, after)])
    _lock_chain()
    last = AuditEntry.objects.order_by("-id").values_list("id", "hash").first()
    prev_id, prev_hash = last if last else (0, GENESIS)
    columns = [f.attname for f in AuditEntry._meta.concrete_fields]
    stored, rows = [], []
    for n, (entry, before, after) in enumerate(prepared):
        obj = entry.get("obj")
        object_type, object_id = entry.get("object_type") or "", entry.get("object_id", "")
        object_repr = entry.get("object_repr") or ""
        if obj is not None:
            object_type = object_type or obj._meta.label_lower
            object_id = object_id or obj.pk
            object_repr = object_repr or str(obj)[:255]
        scope_path = entry.get("scope_path")
        if scope_path is None:
            scope_path = scope_path_of(obj)
        rid, client_rid, remote_addr = _request_ids(entry.get("request_id") or request_id)
        prev_id += 1
        created_at = timezone.now()
        fields = dict(
            id=prev_id, created_at=created_at, actor_id=actor_id, actor_name=actor_name,
            action=clean_text(entry["action"]), object_type=clean_text(object_type),
            object_id=clean_text(str(object_id)), object_repr=clean_text(object_repr), before=texts[2 * n],
            after=texts[2 * n + 1], request_id=clean_text(rid), client_request_id=clean_text(client_rid),
            remote_addr=clean_text(remote_addr), scope_path=clean_text(scope_path), scheme=CURRENT,
        )
        iso = created_at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")
        fields.update(prev_hash=prev_hash, hash=hash_v3(prev_hash, [
            iso if name == "created_at" else fields[name] for name in V3_COLUMNS]))
        stored.append(tuple(fields[name] for name in columns))
        if returning:
            fields.update(before=before, after=after)
            rows.append(tuple(fields[name] for name in columns))
        prev_hash = fields["hash"]
    insert_rows(AuditEntry, columns, stored, raw=("before", "after"))
    if not returning:
        return len(stored)
    # Positional arguments in field order: the model's fast constructor, as when reading rows.
    return [AuditEntry.from_db(connection.alias, columns, row) for row in rows]


def _json_texts(values):
    """Each JSON value as the database will give back its stored text (None for None): what scheme 3
    hashes. SQLite keeps the text Django writes; PostgreSQL renders jsonb its own way (key order,
    spacing, numbers), so it is asked, once for the whole batch."""
    if connection.vendor != "postgresql":
        prepare = AuditEntry._meta.get_field("before").get_db_prep_save
        return [None if v is None else prepare(v, connection) for v in values]
    present = [v for v in values if v is not None]
    if not present:
        return [None] * len(values)
    with connection.cursor() as cursor:  # one JSON array as one parameter: parsed once, each element rendered
        cursor.execute("SELECT e::text FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS u(e, n) ORDER BY n",
                       [orjson.dumps(present).decode()])
        rendered = iter([row[0] for row in cursor.fetchall()])
    return [None if v is None else next(rendered) for v in values]


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    checkpoints: int = 0


def verify(*, require_checkpoint: bool = False) -> VerifyResult:
    """Everything `ducha audit verify` checks: the guard triggers, the signed checkpoint file, and every
    entry's hash and link, each checkpointed entry still as it was signed."""
    from . import checkpoints, guard, verifying

    problems = list(guard.problems(connection))
    marks, checkpoint_problems, warnings = checkpoints.read_marks()
    problems += checkpoint_problems
    walk = verifying.walk(marks=marks)
    if not walk.ok:
        problems.append(walk.reason)
    if require_checkpoint and not marks and walk.checked:
        problems.append("没有任何检查点 / no checkpoint: run `ducha audit checkpoint`")
    return VerifyResult(not problems, walk.checked, walk.broken_id, problems[0] if problems else "", problems,
                        warnings, len(marks))


def history(obj):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("id")
