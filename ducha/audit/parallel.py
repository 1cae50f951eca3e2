"""Recomputing the scheme-3 hashes of a long SQLite log on every core.

SQLite has no SHA-256 of its own: each row calls the hash function registered
on the connection (ducha.audit.verifying), about 4 µs of Python a row, on one
core. For a walk over a million entries or more in a database file, the id
range is split over processes, each with its own read-only connection, and the
first altered entry is the least any of them finds. Where processes cannot be
started (a daemonic job worker may not have children, say), the caller runs
the one statement itself.
"""

import logging
import multiprocessing
import os
import sqlite3
from concurrent.futures import ProcessPoolExecutor

log = logging.getLogger(__name__)

FROM_ROWS = 1_000_000  # below this, starting processes costs more than it saves
MAX_WORKERS = 8


def database_file(connection) -> str | None:
    """The SQLite file other processes can read, or None (in memory, or uncommitted writes pending)."""
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or "mode=memory" in name or connection.in_atomic_block:
        return None
    return name


def workers_for(rows: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, MAX_WORKERS) if rows >= FROM_ROWS else 1


def first_altered(path: str, sql: str, after_id: int, head: int, workers: int):
    """min over `workers` id ranges of `sql` (two ? parameters: the range's exclusive start and inclusive
    end) run in separate processes against the file `path`; raises what starting them raises."""
    bounds = [after_id + (head - after_id) * i // workers for i in range(workers + 1)]
    context = multiprocessing.get_context("spawn")  # no fork of a threaded server process
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        found = list(pool.map(_first_in_range, [path] * workers, [sql] * workers, bounds[:-1], bounds[1:]))
    found = [entry_id for entry_id in found if entry_id is not None]
    return min(found) if found else None


def _first_in_range(path, sql, start, end):
    from .chain import V3_COLUMNS, hash_texts
    from .verifying import SQLITE_HASH_FUNCTION

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        connection.create_function(SQLITE_HASH_FUNCTION, 1 + len(V3_COLUMNS), hash_texts, deterministic=True)
        return connection.execute(sql, [start, end]).fetchone()[0]
    finally:
        connection.close()
