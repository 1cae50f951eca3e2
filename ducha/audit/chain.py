"""Hash computation for the audit chain (no Django import: testable alone).

Three payload schemes exist. Scheme 1 (entries written before the request
context and scope columns existed) hashes a sorted-key dict through the json
module. Scheme 2 hashes a fixed-order JSON array through orjson, with nested
objects' keys sorted: the same bytes for the same values, and over ten times
cheaper to produce, which is what lets a checkpoint re-hash millions of
entries in seconds. An entry's `scheme` column says which one made its hash;
the scheme number is itself the array's first element, so flipping the column
breaks the hash.

Scheme 3 (the current one) hashes text the database can build itself from the
stored row: the fields' text joined by a unit separator (U+001F) after the
previous hash and the scheme number, in FORMAT_V3, which Python's `%`, SQLite's
printf() and PostgreSQL's format() all read the same way (NULL as empty text).
The JSON columns enter as the database's own text of the stored value, so a
checkpoint or `ducha audit verify` recomputes ten million hashes in SQL without
shipping a row to Python. No field may hold a separator (the writer replaces
them, the verifier counts them), so no text can move from one field to the
next under the same hash.
"""

import hashlib
import json

import orjson

GENESIS = "0" * 64
LEGACY, V2, CURRENT = 1, 2, 3

SEPARATOR = "\x1f"
# The row's columns in the order scheme 3 hashes them.
V3_COLUMNS = ("id", "created_at", "actor_id", "actor_name", "action", "object_type", "object_id", "object_repr",
              "before", "after", "request_id", "client_request_id", "remote_addr", "scope_path")
FORMAT_V3 = "%s\n3" + (SEPARATOR + "%s") * len(V3_COLUMNS)
_UNSAFE = str.maketrans({SEPARATOR: " ", "\x00": " "})

_SORT = orjson.OPT_SORT_KEYS
_NORMALISE = orjson.OPT_NON_STR_KEYS


def canonical(payload: dict) -> bytes:
    """Scheme 1's canonical form."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def entry_hash(prev_hash: str, payload: dict) -> str:
    """Scheme 1's hash."""
    return hashlib.sha256(prev_hash.encode() + b"\n" + canonical(payload)).hexdigest()


def stored_json(value) -> bytes | None:
    """The value as JSON text with string keys and dates as ISO text (None for None)."""
    if value is None:
        return None
    return orjson.dumps(value, option=_NORMALISE, default=str)


def as_stored(value):
    """The value as it comes back from a JSON column (string keys, dates as ISO text), so the hash
    computed at write time is the one recomputed from the database later."""
    if value is None:
        return None
    return orjson.loads(stored_json(value))


def clean_text(value: str) -> str:
    """A text field as scheme 3 stores it: no separator and no NUL (SQLite's printf stops at one)."""
    return value.translate(_UNSAFE)


def hash_texts(*texts, _sha256=hashlib.sha256) -> str:
    """Scheme 3's hash of the previous hash and a row's fields already as text (NULL as ""). SQLite's
    walk calls this once a row, so it does nothing else."""
    return _sha256((FORMAT_V3 % texts).encode()).hexdigest()


def hash_v3(prev_hash: str, values) -> str:
    """Scheme 3's hash of a row: `values` in V3_COLUMNS order, as the database gives them as text (the
    JSON columns as its text of the stored value, created_at as ISO 8601 UTC with microseconds), None
    for NULL."""
    return hash_texts(prev_hash, *("" if v is None else v for v in values))


def payload_v2(id, created_at, actor_id, actor_name, action, object_type, object_id, object_repr, before, after,
               request_id, client_request_id, remote_addr, scope_path) -> bytes:
    """Scheme 2's canonical bytes. `created_at` is ISO 8601 UTC text with microseconds."""
    return orjson.dumps([V2, id, created_at, actor_id, actor_name, action, object_type, object_id, object_repr,
                         before, after, request_id, client_request_id, remote_addr, scope_path], option=_SORT)


def hash_v2(prev_hash: str, payload: bytes) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + payload).hexdigest()
