"""Hash computation for the audit chain (no Django import: testable alone).

Two payload schemes exist. Scheme 1 (entries written before the request
context and scope columns existed) hashes a sorted-key dict through the json
module. Scheme 2 hashes a fixed-order JSON array through orjson, with nested
objects' keys sorted: the same bytes for the same values, and over ten times
cheaper to produce, which is what lets a checkpoint re-hash millions of
entries in seconds. An entry's `scheme` column says which one made its hash;
the scheme number is itself the array's first element, so flipping the column
breaks the hash.
"""

import hashlib
import json

import orjson

GENESIS = "0" * 64
LEGACY, CURRENT = 1, 2

_SORT = orjson.OPT_SORT_KEYS
_NORMALISE = orjson.OPT_NON_STR_KEYS


def canonical(payload: dict) -> bytes:
    """Scheme 1's canonical form."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def entry_hash(prev_hash: str, payload: dict) -> str:
    """Scheme 1's hash."""
    return hashlib.sha256(prev_hash.encode() + b"\n" + canonical(payload)).hexdigest()


def as_stored(value):
    """The value as it comes back from a JSON column (string keys, dates as ISO text), so the hash
    computed at write time is the one recomputed from the database later."""
    if value is None:
        return None
    return orjson.loads(orjson.dumps(value, option=_NORMALISE, default=str))


def payload_v2(id, created_at, actor_id, actor_name, action, object_type, object_id, object_repr, before, after,
               request_id, client_request_id, remote_addr, scope_path) -> bytes:
    """Scheme 2's canonical bytes. `created_at` is ISO 8601 UTC text with microseconds."""
    return orjson.dumps([CURRENT, id, created_at, actor_id, actor_name, action, object_type, object_id, object_repr,
                         before, after, request_id, client_request_id, remote_addr, scope_path], option=_SORT)


def hash_v2(prev_hash: str, payload: bytes) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + payload).hexdigest()
