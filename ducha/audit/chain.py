"""Hash computation for the audit chain (no Django import: testable alone)."""

import hashlib
import json

GENESIS = "0" * 64


def canonical(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def entry_hash(prev_hash: str, payload: dict) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + canonical(payload)).hexdigest()
