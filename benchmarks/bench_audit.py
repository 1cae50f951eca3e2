"""The audit checkpoint over a long log (issue 7 §7).

    python -m benchmarks audit -- [--pg URL] [--entries 10000000] [--small] [--rebuild]

Builds its own database (a SQLite file under benchmarks/data/, or the
PostgreSQL database named in --pg), migrated, holding --entries hash-chained
audit entries of the current scheme: the hashes are chained in Python and the
rows go in by COPY (PostgreSQL) or one executemany (SQLite) with the secondary
indexes dropped meanwhile and rebuilt after. An existing database with the
same number of entries (plus up to 100,000 appended by earlier runs) is
reused (--rebuild forces a new one). Then times:

- a bare read of the same rows, through the same cursor and column list the
  verifier uses, doing nothing with them: the floor any verifier pays;
- the first checkpoint (`run_checkpoint()` with no checkpoint before it: it
  re-hashes every entry, then signs the head). Target ≤ 60 s at 10 million;
- `verify()` (guard triggers, checkpoint file, every entry);
- an incremental checkpoint after 1,000 more entries.

Each is reported with its ratio to the bare read in the same run, and the
machine load (`uptime`) before and after.
"""

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DATA_DIR = Path(__file__).resolve().parent / "data"
TARGET_S = 60.0
KEY = "benchmark-audit-key"
CHUNK = 50_000


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m benchmarks audit --", description=__doc__.split("\n")[0])
    p.add_argument("--pg", metavar="URL", help="PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:5432/bench_audit")
    p.add_argument("--entries", type=int, default=10_000_000, help="audit entries (default 10,000,000)")
    p.add_argument("--small", action="store_true", help="100,000 entries, for a smoke run")
    p.add_argument("--rebuild", action="store_true", help="build the entries again even if present")
    args = p.parse_args(argv)
    if args.small:
        args.entries = 100_000
    return args


def _uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def _database_url(args):
    if not args.pg:
        DATA_DIR.mkdir(exist_ok=True)
        return f"sqlite:///{DATA_DIR / 'audit.sqlite3'}"
    return args.pg


def _fresh_database(args):
    if not args.pg:
        for stale in DATA_DIR.glob("audit.sqlite3*"):
            stale.unlink()
        return
    import psycopg

    parts = urlsplit(args.pg)
    dbname = parts.path.lstrip("/") or "bench_audit"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{dbname}"')


def _count():
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT count(*), coalesce(max(id), 0) FROM audit_auditentry")
        return cur.fetchone()


# -- building the log ----------------------------------------------------------------------------------------

STATES = ["not_started", "in_progress", "behind", "completed"]
NOTES = ["开展建筑工地扬尘专项整治", "加快城镇污水管网建设，修复破损污水管网", "推进废弃矿山修复", "整治城市黑臭水体"]
PATHS = ["330000/331100/", "330000/331100/331102/", "330000/331100/331121/", "330000/330300/"]


def _entries(n, start_id=1, prev_hash=None):
    """(row values in COLUMNS order) for n chained entries: updates of tasks, like a busy year. The JSON
    columns are given as the database's own text of them, which is what scheme 3 hashes."""
    from ducha.audit.chain import CURRENT, GENESIS, hash_v3
    from ducha.audit.services import json_texts

    prev = prev_hash or GENESIS
    base = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    values = [{"state": STATES[k], "progress": k * 10, "progress_note": NOTES[k]} for k in range(4)]
    values += [{"state": STATES[(k + 1) % 4], "progress": k * 10 + 10, "progress_note": NOTES[(k + 1) % 4]}
               for k in range(4)]
    texts = json_texts(values)
    for i in range(start_id, start_id + n):
        k = i % 4
        created = base + dt.timedelta(microseconds=i * 3_000_017)
        iso = created.isoformat(timespec="microseconds")
        before, after = texts[k], texts[4 + k]
        object_id = str(i % 40_000 + 1)
        repr_ = f"{object_id} {NOTES[k][:8]}"
        request_id = f"{i:032x}"
        h = hash_v3(prev, (i, iso, 7, "coordinator", "update", "ledger.task", object_id, repr_, before, after,
                           request_id, "", "127.0.0.1", PATHS[k]))
        yield (i, created, iso, 7, "coordinator", "update", "ledger.task", object_id, repr_, before, after,
               request_id, "", "127.0.0.1", PATHS[k], CURRENT, prev, h)
        prev = h


COLUMNS = ("id", "created_at", "actor_id", "actor_name", "action", "object_type", "object_id", "object_repr",
           "before", "after", "request_id", "client_request_id", "remote_addr", "scope_path", "scheme",
           "prev_hash", "hash")


def _secondary_indexes(cur, vendor):
    """(drop statements, create statements) for every index but the primary key."""
    if vendor == "sqlite":
        cur.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_auditentry' "
                    "AND sql IS NOT NULL")
        found = cur.fetchall()
        return [f'DROP INDEX "{name}"' for name, _ in found], [sql for _, sql in found]
    cur.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = 'audit_auditentry'::regclass AND contype = 'u'")
    constraints = cur.fetchall()
    cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'audit_auditentry' "
                "AND indexname NOT IN (SELECT conname FROM pg_constraint "
                "WHERE conrelid = 'audit_auditentry'::regclass AND contype IN ('p', 'u'))")
    indexes = cur.fetchall()
    drops = [f'ALTER TABLE audit_auditentry DROP CONSTRAINT "{n}"' for n, _ in constraints]
    drops += [f'DROP INDEX "{n}"' for n, _ in indexes]
    creates = [f'ALTER TABLE audit_auditentry ADD CONSTRAINT "{n}" {d}' for n, d in constraints]
    creates += [d for _, d in indexes]
    return drops, creates


def _build(n):
    from django.db import connection, transaction

    vendor = connection.vendor
    with transaction.atomic(), connection.cursor() as cur:
        drops, creates = _secondary_indexes(cur, vendor)
        for sql in drops:
            cur.execute(sql)
        rows = _entries(n)
        done = 0
        while done < n:
            batch = [next(rows) for _ in range(min(CHUNK, n - done))]
            done += len(batch)
            if vendor == "postgresql":
                # Text COPY: the generated values hold no tab, newline or backslash (jsonb text keeps 中文 as is).
                lines = "".join(
                    f"{r[0]}\t{r[2]}\t{r[3]}\t{r[4]}\t{r[5]}\t{r[6]}\t{r[7]}\t{r[8]}\t"
                    f"{r[9]}\t{r[10]}\t{r[11]}\t{r[12]}\t{r[13]}\t"
                    f"{r[14]}\t{r[15]}\t{r[16]}\t{r[17]}\n" for r in batch)
                with cur.cursor.copy(f"COPY audit_auditentry ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                    copy.write(lines.encode())
            else:
                cur.cursor.executemany(
                    f"INSERT INTO audit_auditentry ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                    [(r[0], r[1].replace(tzinfo=None).isoformat(" "), *r[3:]) for r in batch])
            if done % 1_000_000 == 0:
                print(f"  {done:,} entries", flush=True)
        for sql in creates:
            cur.execute(sql)
    if vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE audit_auditentry")


# -- timing --------------------------------------------------------------------------------------------------

def _bare_read():
    from ducha.audit import verifying

    count = 0
    for rows in verifying._batches(0):
        count += len(rows)
    return count


def _database_scan():
    """The database reading every row itself, nothing sent to Python: the floor of a walk done in SQL."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT count(*), max(length(object_repr) + length(prev_hash)) FROM audit_auditentry "
                    "WHERE id > 0")
        return cur.fetchone()[0]


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    url = _database_url(args)
    checkpoint_file = DATA_DIR / "audit-checkpoints.jsonl"
    DATA_DIR.mkdir(exist_ok=True)
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="ducha.settings", DUCHA_AUDIT_KEY=KEY,
                      DUCHA_AUDIT_CHECKPOINT_FILE=str(checkpoint_file))
    vendor = "PostgreSQL" if args.pg else "SQLite"
    print(f"database: {vendor} ({url.split('@')[-1]}), {args.entries:,} entries", flush=True)
    import django

    existing = None
    if not args.rebuild:
        try:
            django.setup()
            existing = _count()
        except Exception:  # no database or no table yet
            existing = None
    # Reused when it holds at least the entries asked for (each run appends 1,000 for the incremental step).
    if not existing or existing[0] != existing[1] or not args.entries <= existing[0] < args.entries + 100_000:
        from django.db import connections

        connections.close_all()
        _fresh_database(args)
        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        seconds, _ = _timed(lambda: _build(args.entries))
        print(f"build: {args.entries:,} entries in {seconds:.0f} s", flush=True)
    else:
        print("build: reusing the entries already there", flush=True)

    from django.db import transaction

    from ducha.audit import checkpoints, services

    print(f"load before: {_uptime()}", flush=True)
    bare, count = _timed(_bare_read)
    print(f"  bare read of {count:,} rows into Python {bare:7.1f} s", flush=True)
    scan, _ = _timed(_database_scan)
    print(f"  the database's own scan of them  {scan:7.1f} s", flush=True)
    checkpoint_file.unlink(missing_ok=True)
    first, cp = _timed(checkpoints.run_checkpoint)
    print(f"  first checkpoint (all entries)  {first:7.1f} s  {first / bare:4.2f}× the bare read, "
          f"{first / scan:4.1f}× the scan  (signed entry #{cp.entry_id:,})", flush=True)
    full, result = _timed(services.verify)
    assert result.ok, result.problems
    print(f"  verify (triggers, file, chain)  {full:7.1f} s  {full / bare:4.2f}× the bare read, "
          f"{full / scan:4.1f}× the scan", flush=True)
    with transaction.atomic():
        services.record_many(None, [{"action": "update", "object_type": "ledger.task", "object_id": str(i),
                                     "before": {"n": i}, "after": {"n": i + 1}} for i in range(1000)])
    incremental, cp2 = _timed(checkpoints.run_checkpoint)
    print(f"  incremental checkpoint (+1,000) {incremental:7.3f} s  (signed entry #{cp2.entry_id:,})", flush=True)
    print(f"load after: {_uptime()}", flush=True)
    print(f"target: first checkpoint ≤ {TARGET_S:.0f} s at 10,000,000 entries: "
          f"{'met' if first <= TARGET_S * args.entries / 10_000_000 else 'NOT met'}"
          + ("" if args.entries == 10_000_000 else f" (scaled to {args.entries:,} entries)"))
