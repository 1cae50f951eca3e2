"""Signed checkpoints of the chain's head, kept outside the database.

A hash chain alone proves nothing to someone who can rewrite the table: they
re-hash everything after their change, or cut the tail. So the head (entry id
and hash) is signed with HMAC-SHA256 under a key that is not in the database
(`DUCHA_AUDIT_KEY`) and appended, one JSON line each, to an append-only file
(`DUCHA_AUDIT_CHECKPOINT_FILE`, default var/audit/checkpoints.jsonl). Each
line also signs the previous line's MAC, so lines cannot be dropped or
reordered without the key. `ducha audit verify` then finds every signed
(id, hash) still in the table, or names the entry that is not.
"""

import fcntl
import hashlib
import hmac
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import orjson
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

from . import verifying
from .chain import GENESIS

log = logging.getLogger(__name__)


class CheckpointRefused(Exception):
    """The chain does not verify from the last checkpoint on: nothing was signed."""


@dataclass(frozen=True)
class Checkpoint:
    entry_id: int
    entry_hash: str
    time: str
    prev_mac: str
    mac: str

    def line(self) -> bytes:
        return orjson.dumps({"entry_id": self.entry_id, "entry_hash": self.entry_hash, "time": self.time,
                             "prev_mac": self.prev_mac, "mac": self.mac}) + b"\n"


def checkpoint_file() -> Path:
    configured = getattr(settings, "DUCHA_AUDIT_CHECKPOINT_FILE", None) or os.environ.get(
        "DUCHA_AUDIT_CHECKPOINT_FILE")
    return Path(configured) if configured else Path(settings.VAR_DIR) / "audit" / "checkpoints.jsonl"


def _production() -> bool:
    return os.environ.get("DUCHA_PROFILE") == "production"


def key() -> bytes:
    """The signing key: `DUCHA_AUDIT_KEY`; outside production, one generated once into var/audit/key."""
    configured = getattr(settings, "DUCHA_AUDIT_KEY", None) or os.environ.get("DUCHA_AUDIT_KEY")
    if configured:
        return configured.encode()
    if _production():
        raise ImproperlyConfigured("未设置 DUCHA_AUDIT_KEY，拒绝签署审计检查点 / DUCHA_AUDIT_KEY is not set: "
                                   "refusing to sign or check audit checkpoints in production")
    path = Path(settings.VAR_DIR) / "audit" / "key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it meanwhile
        else:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32))
        log.warning("DUCHA_AUDIT_KEY is not set: audit checkpoints are signed with the generated key %s "
                    "(demo and tests only; production refuses to run without the variable)", path)
    return path.read_text().strip().encode()


def sign(secret: bytes, entry_id: int, entry_hash: str, time: str, prev_mac: str) -> str:
    message = orjson.dumps([entry_id, entry_hash, time, prev_mac])
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def _parse(raw: bytes, number: int) -> Checkpoint:
    try:
        data = orjson.loads(raw)
        cp = Checkpoint(int(data["entry_id"]), str(data["entry_hash"]), str(data["time"]),
                        str(data["prev_mac"]), str(data["mac"]))
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"检查点文件第 {number} 行无法读取 / checkpoint line {number} is unreadable ({exc})")
    return cp


def read(path: Path | None = None) -> list[Checkpoint]:
    path = path or checkpoint_file()
    if not path.exists():
        return []
    lines = path.read_bytes().splitlines()
    return [_parse(raw, n) for n, raw in enumerate(lines, 1) if raw.strip()]


def check(lines: list[Checkpoint], secret: bytes) -> list[str]:
    """Each line's MAC under the key, each line chained to the one before, ids never going back."""
    problems, prev_mac, prev_id = [], "", 0
    for n, cp in enumerate(lines, 1):
        if not hmac.compare_digest(sign(secret, cp.entry_id, cp.entry_hash, cp.time, cp.prev_mac), cp.mac):
            problems.append(f"检查点文件第 {n} 行签名无效（密钥不符或内容被改）/ checkpoint line {n}: "
                            f"HMAC does not match (wrong key or altered line)")
        elif cp.prev_mac != prev_mac:
            problems.append(f"检查点文件第 {n} 行与上一行不相连（有行被删除或调换）/ checkpoint line {n} does "
                            f"not chain to the line before it (a line was removed or moved)")
        elif cp.entry_id < prev_id:
            problems.append(f"检查点文件第 {n} 行的记录编号倒退 / checkpoint line {n} goes back to entry "
                            f"#{cp.entry_id}")
        if problems:
            break
        prev_mac, prev_id = cp.mac, cp.entry_id
    return problems


def read_marks():
    """(marks {entry id: hash}, problems, warnings) for verify."""
    path = checkpoint_file()
    try:
        lines = read(path)
    except ValueError as exc:
        return {}, [str(exc)], []
    if not lines:
        return {}, [], [f"尚无检查点（{path}），只能检查日志链内部是否一致 / no checkpoint yet at {path}: only "
                        f"the chain's internal consistency can be checked; run `ducha audit checkpoint`"]
    try:
        secret = key()
    except ImproperlyConfigured as exc:
        return {}, [str(exc)], []
    problems = check(lines, secret)
    return {cp.entry_id: cp.entry_hash for cp in lines}, problems, []


def _last(path: Path) -> Checkpoint | None:
    """The last line, read from the end (the file grows by a line per checkpoint, for years)."""
    with open(path, "rb") as f:
        end = f.seek(0, os.SEEK_END)
        size = min(end, 4096)
        while True:
            f.seek(end - size)
            lines = [line for line in f.read(size).splitlines() if line.strip()]
            if not lines:
                return None
            if len(lines) > 1 or size == end:
                return _parse(lines[-1], "最后一 / last")
            size = min(end, size * 4)


def run_checkpoint() -> Checkpoint | None:
    """Verify the chain from the last checkpoint on and sign its head. Idempotent: returns None and writes
    nothing when the head has not moved (or the log is empty). Raises CheckpointRefused, signing nothing,
    when the chain does not verify. For `ducha audit checkpoint` and the job runner's schedule."""
    secret = key()
    path = checkpoint_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # one checkpointer at a time reads the last line and appends
        try:
            last = _last(path)
        except ValueError as exc:
            raise CheckpointRefused(str(exc)) from exc
        if last is not None:
            problems = _check_last(last, secret)
            if problems:
                raise CheckpointRefused(problems[0])
            _require_entry(last)
        walk = verifying.walk(after_id=last.entry_id if last else 0,
                              after_hash=last.entry_hash if last else GENESIS)
        if not walk.ok:
            raise CheckpointRefused(walk.reason)
        if walk.checked == 0:
            return None
        now = timezone.now().isoformat(timespec="microseconds")
        prev_mac = last.mac if last else ""
        cp = Checkpoint(walk.head_id, walk.head_hash, now, prev_mac,
                        sign(secret, walk.head_id, walk.head_hash, now, prev_mac))
        os.write(fd, cp.line())
        os.fsync(fd)
        return cp
    finally:
        os.close(fd)


def _check_last(last: Checkpoint, secret: bytes) -> list[str]:
    if hmac.compare_digest(sign(secret, last.entry_id, last.entry_hash, last.time, last.prev_mac), last.mac):
        return []
    return ["最后一个检查点签名无效（密钥不符或内容被改）/ the last checkpoint's HMAC does not match (wrong key "
            "or altered line)"]


def _require_entry(last: Checkpoint):
    with connection.cursor() as cursor:
        cursor.execute("SELECT hash FROM audit_auditentry WHERE id = %s", [last.entry_id])
        row = cursor.fetchone()
    if row is None:
        raise CheckpointRefused(f"已签名检查点中的第 {last.entry_id} 条记录已不存在 / entry #{last.entry_id} is in "
                                f"the last signed checkpoint but gone from the table: the tail was cut")
    if row[0] != last.entry_hash:
        raise CheckpointRefused(f"第 {last.entry_id} 条记录与已签名的检查点不符 / entry #{last.entry_id} differs "
                                f"from its signed checkpoint: the chain was re-hashed")
