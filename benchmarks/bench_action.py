"""One action's time at scale (issue 7 §Performance: one action p95 ≤ 50 ms).

    python -m benchmarks action -- [--runs 30] [--warmup 3] [--pg URL]

Works on a copy of the ledger benchmark's data (100,000 tasks, 1,000 units, 100 divisions; run
`python -m benchmarks ledger` once to build it), so the ledger data stay as they were: for SQLite taken
with the backup API into benchmarks/data/action-full.sqlite3; with --pg, the database named in URL
(as `bench_ledger --pg URL` built it) is copied as a template into `<name>_action`. As the coordinator of 丽水市,
times single actions, each on its own task of the coordinator's scope, committed as a page or the API
commits them (the action's own transaction: checks, the row, the audit entry, the stored scheduled
progress): `update_task` (整改措施 changed) and `transition_task` "start" (a not-started task begins).
Reported per action: p50/p95/max of the wall time, and, in the same calls, the time spent in the database
driver (bench_ledger.SqlClock) and the median ratio; the load average with every line.
"""

import argparse
import math
import os
import sqlite3
import statistics
import sys
import time

from .bench_ledger import DATA_DIR, SqlClock, _percentile

TARGET_MS = 50


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m benchmarks action --", description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--pg", metavar="URL", help="PostgreSQL database holding the ledger benchmark's data")
    return p.parse_args(argv)


def _copy_data():
    source, target = DATA_DIR / "ledger-full.sqlite3", DATA_DIR / "action-full.sqlite3"
    if not source.exists():
        sys.exit("no ledger data: run `python -m benchmarks ledger -- --runs 1 --only 'html list'` first")
    for suffix in ("", "-wal", "-shm"):
        (DATA_DIR / (target.name + suffix)).unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


def _copy_pg(url):
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    source = parts.path.lstrip("/")
    target = f"{source}_action"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    return urlunsplit(parts._replace(path="/" + target))


def _time(calls, warmup):
    from django.db import connection

    for call in calls[:warmup]:
        call()
    clock = SqlClock(connection)
    times, sql, ratios = [], [], []
    for call in calls[warmup:]:
        clock.reset()
        start = time.perf_counter()
        call()
        elapsed = time.perf_counter() - start
        times.append(elapsed * 1000)
        sql.append(clock.seconds * 1000)
        ratios.append(elapsed / clock.seconds if clock.seconds else math.inf)
    del connection.make_cursor
    return {"p50": statistics.median(times), "p95": _percentile(times, 0.95), "max": max(times),
            "sql": statistics.median(sql), "ratio": statistics.median(ratios)}


def _changeable(user, task):
    """The generated data hold tasks that today's rules would refuse to change (e.g. 长期坚持 in the
    deadline text of a staged task): time only changes the rules accept (checked with a dry run)."""
    from django.core.exceptions import ValidationError

    from ducha.core.actions import BatchErrors
    from ducha.ledger import actions

    draft = actions.TaskDraft(fields={"measures": task.measures + "；加强巡查"}, task=task)
    try:
        actions.update_tasks(acting_user=user, drafts=[draft], dry_run=True)
    except (BatchErrors, ValidationError):
        return False
    return True


def setup(args):
    """Django on a copy of the ledger benchmark's data, migrated, set up as the server is."""
    os.environ["DATABASE_URL"] = _copy_pg(args.pg) if args.pg else _copy_data()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ducha.settings")
    os.environ.setdefault("DUCHA_DEMO", "1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import ducha.wsgi  # noqa: F401 -- the server's own setup, garbage collector tuning included


def main(argv=None):
    args = parse(list(sys.argv[1:] if argv is None else argv))
    setup(args)
    from ducha.jurisdictions.models import User
    from ducha.ledger import actions
    from ducha.ledger.models import Task

    from .ledger_data import USERS

    user = User.objects.select_related("scope", "unit__division").get(username=USERS["coordinator"])
    n = args.runs + args.warmup
    scope = Task.objects.restrict(user, "change").filter(voided_at__isnull=True).order_by("id")
    open_tasks = [t for t in scope.filter(state="in_progress").select_related("plan", "division")[:n * 20]
                  if _changeable(user, t)][:n]
    fresh = list(scope.filter(state="not_started").select_related("plan", "division")[:n])
    if len(open_tasks) < n or len(fresh) < n:
        sys.exit("not enough tasks in the coordinator's scope")

    def update(task):
        return lambda: actions.update_task(acting_user=user, task=task, measures=task.measures + "；加强巡查")

    def start(task):
        return lambda: actions.transition_task(acting_user=user, task=task, name="start")

    from django.db import connection

    print(f"\naction benchmark · {connection.vendor} · {Task.objects.count():,} tasks · coordinator of 丽水市 · {args.runs} runs "
          f"after {args.warmup} warm-up · {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · load {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")
    header = f"{'action':<28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'SQL ms':>7} {'×SQL':>5} {'target':>7} {'load':>5}"
    print(header)
    print("-" * len(header))
    failed = 0
    for name, calls in (("update_task (整改措施)", [update(t) for t in open_tasks]),
                        ("transition_task start", [start(t) for t in fresh])):
        r = _time(calls, args.warmup)
        ok = r["p95"] <= TARGET_MS
        failed += not ok
        print(f"{name:<28} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['max']:>8.1f} {r['sql']:>7.1f} {r['ratio']:>5.1f} "
              f"{'≤' + str(TARGET_MS):>6}{'' if ok else '✗'} {os.getloadavg()[0]:>5.1f}", flush=True)
    return failed
