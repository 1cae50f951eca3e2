"""Writing and verifying the audit log. The only code that creates AuditEntry rows."""

import datetime as dt
from dataclasses import dataclass, field

import orjson
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.utils import timezone

from ducha.db.bulk import insert_rows

from . import context, events
from .chain import CURRENT, GENESIS, V3_COLUMNS, as_stored, clean_text, hash_v3, stored_json
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
    texts_of = _texts_function()
    prepared = []
    for entry in entries:
        unknown = entry.keys() - _ENTRY_KEYS
        if unknown:
            raise TypeError(f"record_many(): unknown entry keys {sorted(unknown)}")
        event = events.get(entry["action"])
        if event is None:
            raise ValueError(f"audit event {entry['action']!r} is not registered (ducha.audit.events.register)")
        before, after, before_text, after_text = texts_of(entry.get("before"), entry.get("after"))
        if event.update and before_text is not None and (before_text == after_text or _value(before) == _value(after)):
            continue
        prepared.append((entry, before, after, before_text, after_text))
    if not prepared:
        return []
    actor_id = getattr(actor, "pk", None)
    actor_name = clean_text(actor.get_username() if actor is not None else "system")
    _lock_chain()
    last = AuditEntry.objects.order_by("-id").values_list("id", "hash").first()
    prev_id, prev_hash = last if last else (0, GENESIS)
    columns = _COLUMNS
    utc = dt.timezone.utc
    ids = {}  # request ids by the entry's own request_id ("" for the batch's)
    stored, rows = [], []
    for entry, before, after, before_text, after_text in prepared:
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
        own = entry.get("request_id") or ""
        request = ids.get(own)
        if request is None:
            request = ids[own] = tuple(clean_text(v) for v in _request_ids(own or request_id))
        prev_id += 1
        created_at = timezone.now()
        iso = created_at.astimezone(utc).isoformat(timespec="microseconds")
        # V3_COLUMNS' order (the model's field order, checked below), created_at as the hash has it.
        values = [prev_id, iso, actor_id, actor_name, clean_text(entry["action"]), clean_text(object_type),
                  clean_text(str(object_id)), clean_text(object_repr), before_text, after_text, *request,
                  clean_text(scope_path)]
        entry_hash = hash_v3(prev_hash, values)
        values[1] = created_at
        stored.append((*values, CURRENT, prev_hash, entry_hash))
        if returning:
            values[8:10] = _value(before), _value(after)
            rows.append((*values, CURRENT, prev_hash, entry_hash))
        prev_hash = entry_hash
    insert_rows(AuditEntry, columns, stored, raw=("before", "after"))
    if not returning:
        return len(stored)
    # Positional arguments in field order: the model's fast constructor, as when reading rows.
    return [AuditEntry.from_db(connection.alias, columns, row) for row in rows]


def _texts_function():
    """f(before, after) -> (before, after, before's text, after's text): each JSON value as the database will
    give back its stored text (None for None), which is what scheme 3 hashes, and the value as it will read
    back (string keys, dates as ISO text), possibly still as text to be parsed by _value.

    PostgreSQL keeps the text sent (the columns are `json`, ducha.audit.models.VerbatimJSONField), so the
    text is orjson's, and the value is that text parsed when someone asks for it. SQLite keeps the text
    Django writes (json.dumps of the value: its JSON key lookups match the stored text of a key, which
    json.dumps writes with \\u escapes)."""
    if connection.vendor == "postgresql":
        def texts(before, after):  # the values as orjson's bytes (never a stored value's type), parsed on demand
            before, after = stored_json(before), stored_json(after)
            return (before, after, None if before is None else before.decode(),
                    None if after is None else after.decode())
        return texts
    prepare = AuditEntry._meta.get_field("before").get_db_prep_save

    def texts(before, after):
        before, after = as_stored(before), as_stored(after)
        return (before, after, None if before is None else prepare(before, connection),
                None if after is None else prepare(after, connection))
    return texts


def _value(stored):
    """A value from _texts_function as it reads back from the column."""
    return orjson.loads(stored) if type(stored) is bytes else stored


def json_texts(values):
    """Each JSON value as the database will give back its stored text (None for None)."""
    texts = _texts_function()
    return [texts(value, None)[2] for value in values]


# The columns in the order record_many builds its rows: scheme 3's, then the chain's own.
_COLUMNS = [*V3_COLUMNS, "scheme", "prev_hash", "hash"]
assert _COLUMNS == [f.attname for f in AuditEntry._meta.concrete_fields], "AuditEntry's field order changed"


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
