"""Scheduled progress and warnings at scale (issue 8, items 4 and 5).

    python -m benchmarks warnings -- [--small] [--pg URL] [--runs N] [--only TEXT] [--rebuild] [--reports]

Uses the ledger benchmark's database (100,000 tasks; `--small` 3,000; see bench_ledger) and times:

- `refresh_schedule()`: judge every task and store its 序时进度, with the share of that time spent in
  the database driver: the first refresh ever (every row written) and the next day's (only the rows
  whose state or expected figure moved);
- `propose_month()` for every open task: the first run of a month (creates the proposals) and a second
  run (idempotent: refreshes the undecided ones);
- the first page of the ledger list filtered by warning colour (HTML and API, three roles), p50/p95 and
  the ratio of server time to the request's own SQL time, as bench_ledger measures them.

Targets: refresh ≤ 10 s and proposals ≤ 10 s at 100,000 tasks; the filtered list p95 ≤ 100 ms and at
most 3× its own SQL time. `--reports` first adds the dispatch benchmark's 1,000,000 progress reports
(`--small`: 30,000) and its round over the 丽水市 plan (bench_dispatch.add_reports; reused when the count
matches), so that the refresh looks up filings as issue 8's target states it (100,000 tasks and
1,000,000 reports). The benchmark writes to its own database only (colours are spread over the
tasks first: 1 in 12 red, 1 in 5 yellow, the rest blue, by id).
"""

import argparse
import os
import sys
import time

from . import bench_ledger

REFRESH_TARGET_S = PROPOSE_TARGET_S = 10
LIST_TARGET_MS, RATIO_TARGET = bench_ledger.LIST_TARGET_MS, bench_ledger.RATIO_TARGET


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m benchmarks warnings --", description=__doc__.split("\n")[0])
    p.add_argument("--small", action="store_true", help="small data set, for a smoke run")
    p.add_argument("--pg", metavar="URL", help="PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:5432/bench_perf")
    p.add_argument("--runs", type=int, default=50, help="timed runs per list case (default 50)")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--only", default="", help="run only cases whose name contains this text")
    p.add_argument("--rebuild", action="store_true", help="regenerate the data even if the sizes match")
    p.add_argument("--reports", action="store_true",
                   help="add the dispatch benchmark's progress reports and round first (1,000,000; --small 30,000)")
    args = p.parse_args(argv)
    args.explain, args.plain_gc = False, False
    return args


def _timed(run):
    """(seconds, SQL seconds, result) of one call."""
    from django.db import connection

    clock = bench_ledger.SqlClock(connection)
    start = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - start
    sql = clock.seconds
    del connection.make_cursor
    return elapsed, sql, result


def _spread_colours():
    from django.db.models import Case, F, IntegerField, Value, When
    from django.db.models.functions import Mod

    from ducha.ledger.models import Task

    Task.objects.annotate(r=Mod(F("id"), 60, output_field=IntegerField())).update(warning=Case(
        When(r__lt=5, then=Value("red")), When(r__lt=17, then=Value("yellow")), default=Value("blue")))


def list_cases():
    from django.urls import reverse

    html, api = reverse("ledger:task_list"), "/api/tasks/"
    out = []
    for role in ("admin", "coordinator", "officer"):
        for kind, base in (("html", html), ("api", api)):
            out.append((f"{kind} warning=red", role, f"{base}?warning=red", LIST_TARGET_MS))
            out.append((f"{kind} warning=yellow+red by colour", role,
                        f"{base}?warning=yellow&warning=red&ordering=warning", LIST_TARGET_MS))
    return out


def main(argv=None):
    args = parse(list(sys.argv[1:] if argv is None else argv))
    url, mode = bench_ledger.configure(args)
    sizes = bench_ledger.prepare(args, url, mode)
    if args.reports:
        from .bench_dispatch import add_reports

        add_reports(mode)
    os.environ.setdefault("DUCHA_DEMO", "1")
    import ducha.wsgi  # noqa: F401 -- the server's own setup, garbage collector tuning included
    from django.db import connection

    from ducha.ledger.actions import refresh_schedule
    from ducha.progress.models import ProgressReport
    from ducha.warnings.actions import propose_month, this_month
    from ducha.warnings.models import TaskWarning

    print(f"\nwarnings benchmark · {connection.vendor} · {sizes['tasks']:,} tasks, "
          f"{ProgressReport.objects.count():,} reports · {time.strftime('%Y-%m-%d %H:%M')} · "
          f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    failed = 0
    month = this_month()
    bulk = []
    if args.only in "refresh_schedule":
        import datetime as dt

        from django.utils import timezone

        from ducha.ledger.models import Task

        # Worst case first: no task has a stored figure, every row is written.
        Task.objects.update(schedule_state="", expected_progress=None, schedule_as_of=None)
        today = timezone.localdate()
        bulk.append(("refresh_schedule, first ever", lambda: refresh_schedule(as_of=today), REFRESH_TARGET_S))
        bulk.append(("refresh_schedule, next day", lambda: refresh_schedule(as_of=today + dt.timedelta(days=1)),
                     REFRESH_TARGET_S))
    if args.only in "propose_month":
        TaskWarning.objects.filter(month=month).delete()
        bulk.append(("propose_month, first run", lambda: propose_month(acting_user=None, month=month),
                     PROPOSE_TARGET_S))
        bulk.append(("propose_month, again", lambda: propose_month(acting_user=None, month=month), PROPOSE_TARGET_S))
    print(f"{'bulk job':<34} {'s':>7} {'SQL s':>7} {'×SQL':>5} {'target':>7} {'load':>5}  result")
    for name, run, target in bulk:
        elapsed, sql, result = _timed(run)
        ok = elapsed <= target
        failed += not ok
        print(f"{name:<34} {elapsed:>7.2f} {sql:>7.2f} {elapsed / sql if sql else 0:>5.1f} {'≤' + str(target):>6}"
              f"{'' if ok else '✗'} {os.getloadavg()[0]:>5.1f}  {result}", flush=True)

    from ducha.ledger.models import Task as _Task

    from .ledger_data import finish

    if not _Task.objects.filter(warning="red").exists():
        _spread_colours()
    # The bulk jobs above rewrote many rows: vacuum and fresh statistics, as autovacuum would give a
    # database in service before anyone lists it.
    finish()
    selected = [c for c in list_cases() if args.only in f"{c[1]} {c[0]}"]
    header = (f"{'case':<34} {'role':<12} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'SQL ms':>7} {'×SQL':>5} "
              f"{'target':>7} {'load':>5}")
    print(header)
    clients = {}
    for name, role, case_url, target in selected:
        client = clients.setdefault(role, bench_ledger._client(role))
        r = bench_ledger.time_case(client, case_url, args.runs, args.warmup)
        ok = r["p95"] <= target and r["ratio"] <= RATIO_TARGET
        failed += not ok
        print(f"{name:<34} {role:<12} {r['queries']:>7} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['sql']:>7.1f} "
              f"{r['ratio']:>5.1f} {'≤' + str(target):>6}{'' if ok else '✗'} {os.getloadavg()[0]:>5.1f}", flush=True)
    print(f"{len(bulk) + len(selected) - failed}/{len(bulk) + len(selected)} cases within target")
    return failed
