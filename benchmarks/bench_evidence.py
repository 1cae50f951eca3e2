"""A 50 MB evidence upload through the action (issue 8 §2, performance).

    python -m benchmarks evidence -- [--mb 50] [--pg URL] [--repeat 3]

Builds a fresh database (a SQLite file under benchmarks/data/, or the PostgreSQL database named in
--pg), migrated, with one task and its officer; writes a file of --mb megabytes (a PDF header and
random bytes) to a temporary directory; then, --repeat times:

- a bare read of the file in 1 MB chunks, doing nothing with it: the floor any upload pays;
- a hashed copy by hand (read, SHA-256, write to MEDIA_ROOT's disk): the floor of storing it;
- `file_report(..., files=[the file])` as the officer: the type sniffed, the bytes copied to storage
  (MEDIA_ROOT in a temporary directory) with the SHA-256 taken in the same pass, the rows and the
  audit entries written, the task's derived progress written.

Reported: the best time of each and their ratio, and the peak memory growth during the action
(tracemalloc's peak of Python allocations, and the process's peak RSS growth from getrusage).
Target: growth ≤ 20 MB whatever the file's size. The load (`uptime`) is printed before and after.
"""

import argparse
import datetime as dt
import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DATA_DIR = Path(__file__).resolve().parent / "data"
TARGET_MB = 20
CHUNK = 1024 * 1024


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m benchmarks evidence --", description=__doc__.split("\n")[0])
    p.add_argument("--mb", type=int, default=50, help="file size in MB (default 50)")
    p.add_argument("--pg", metavar="URL", help="PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:5432/bench_evidence")
    p.add_argument("--repeat", type=int, default=3, help="runs of each measurement (best is reported)")
    return p.parse_args(argv)


def _uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def _fresh_database(args):
    if not args.pg:
        DATA_DIR.mkdir(exist_ok=True)
        for stale in DATA_DIR.glob("evidence.sqlite3*"):
            stale.unlink()
        return f"sqlite:///{DATA_DIR / 'evidence.sqlite3'}"
    import psycopg

    parts = urlsplit(args.pg)
    dbname = parts.path.lstrip("/") or "bench_evidence"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{dbname}"')
    return args.pg


def _world():
    from ducha.jurisdictions.models import Division, Role, Unit, UnitKind, User
    from ducha.ledger import actions
    from ducha.ledger.models import Inspection, Plan, Problem

    zj = Division.objects.create(code="330000", name="浙江省", level=1)
    ls = Division.objects.create(code="331100", name="丽水市", level=2, parent=zj)
    unit = Unit.objects.create(name="丽水市生态环境局", kind=UnitKind.DEPARTMENT, division=ls)
    admin = User.objects.create_user(username="bench-admin", password="x", role=Role.ADMIN, unit=unit)
    officer = User.objects.create_user(username="bench-officer", password="x", role=Role.OFFICER, unit=unit)
    inspection = Inspection.objects.create(name="督察", round_number=2, division=zj)
    plan = Plan.objects.create(code="BENCH", title="方案", division=ls, inspection=inspection,
                               issued_on=dt.date(2021, 9, 30))
    problem = Problem.objects.create(inspection=inspection, division=ls, code="B-1", description="问题")
    task = actions.create_task(acting_user=admin, plan=plan, units=[unit], number="1", problem=problem,
                               target="完成整改", measures="措施", deadline=dt.date(2030, 12, 31))
    return officer, task


def _write_file(path, mb):
    digest = hashlib.sha256()
    with path.open("wb") as out:
        for i in range(mb):
            block = (b"%PDF-1.4\n" + os.urandom(CHUNK - 9)) if i == 0 else os.urandom(CHUNK)
            out.write(block)
            digest.update(block)
    return digest.hexdigest()


def _bare_read(path):
    started = time.perf_counter()
    with path.open("rb") as handle:
        while handle.read(CHUNK):
            pass
    return time.perf_counter() - started


def _hashed_copy(path, target):
    """Read, hash and write a copy in 1 MB chunks: what storing the file must do at the least."""
    started = time.perf_counter()
    digest = hashlib.sha256()
    with path.open("rb") as handle, target.open("wb") as out:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    seconds = time.perf_counter() - started
    target.unlink()
    return seconds


def _rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _upload(path, officer, task, expected_sha):
    from django.core.files.uploadedfile import UploadedFile
    from django.utils import timezone

    from ducha.progress.actions import file_report

    with path.open("rb") as handle:
        upload = UploadedFile(handle, name="佐证材料.pdf", content_type="application/pdf", size=path.stat().st_size)
        tracemalloc.start()
        rss_before = _rss_mb()
        started = time.perf_counter()
        report = file_report(acting_user=officer, task=task, reported_on=timezone.localdate(), percent=50,
                             done="基准测试", files=[upload])
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_growth = _rss_mb() - rss_before
    stored = report.evidence.get().file
    assert stored.sha256 == expected_sha and stored.size == path.stat().st_size, "hash or size wrong"
    return seconds, peak / (1024 * 1024), rss_growth


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    url = _fresh_database(args)
    media = tempfile.mkdtemp(prefix="ducha-bench-media-")
    work = Path(tempfile.mkdtemp(prefix="ducha-bench-evidence-"))
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="ducha.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = media
    settings.DUCHA_EVIDENCE_MAX_BYTES = max(settings.DUCHA_EVIDENCE_MAX_BYTES, args.mb * CHUNK)
    call_command("migrate", verbosity=0)
    officer, task = _world()
    path = work / "evidence.pdf"
    sha = _write_file(path, args.mb)
    vendor = "PostgreSQL" if args.pg else "SQLite"
    print(f"database: {vendor}; file: {args.mb} MB", flush=True)
    print(f"load before: {_uptime()}", flush=True)
    bare = min(_bare_read(path) for _ in range(args.repeat))
    copy = min(_hashed_copy(path, Path(media) / "copy.bin") for _ in range(args.repeat))
    runs = [_upload(path, officer, task, sha) for _ in range(args.repeat)]
    best = min(r[0] for r in runs)
    peak = max(r[1] for r in runs)
    rss = max(r[2] for r in runs)
    print(f"bare read: {bare:.3f} s", flush=True)
    print(f"read + SHA-256 + write a copy, by hand: {copy:.3f} s (x{copy / bare:.1f} the bare read)", flush=True)
    print(f"upload through file_report: {best:.3f} s (x{best / bare:.1f} the bare read, x{best / copy:.2f} the "
          f"hashed copy)", flush=True)
    print(f"peak memory growth: tracemalloc {peak:.1f} MB, RSS {rss:.1f} MB (target ≤ {TARGET_MB} MB): "
          f"{'met' if max(peak, rss) <= TARGET_MB else 'NOT met'}", flush=True)
    print(f"load after: {_uptime()}", flush=True)
    import shutil

    shutil.rmtree(media, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
