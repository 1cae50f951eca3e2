"""The round page (调度) at scale (issue 8 §Performance).

    python -m benchmarks dispatch -- [--small] [--pg URL] [--runs N] [--only TEXT] [--explain]

Builds (or reuses) the ledger benchmark's database of 100,000 tasks (bench_ledger, `--small`: 3,000) in
its own file or database (`dispatch-full.sqlite3`, or the PostgreSQL database named in `--pg`), adds
1,000,000 progress reports (`--small`: 30,000; ten per task, spread over 2024, written in bulk), and one
round over the 1,000 tasks of the 丽水市 plan (≈2,000 obligations) opened through the action: ~60 % of
its obligations filed on time, ~10 % late, the rest missing. `reuse` when the counts match.

Times, in-process like bench_ledger (server time per request after warm-up, p50/p95/max, and the time
spent in the database driver in the same requests, ×SQL): the round page for the coordinator and the
admin (first page, filtered to 漏报, a later page), the officer's 我的调度任务, the API's round detail and
its obligations list. Target: p95 ≤ 100 ms.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from . import bench_ledger

DATA_DIR = Path(__file__).resolve().parent / "data"
REPORTS = {"full": 1_000_000, "small": 30_000}
TARGET_MS = 100
OPENED = dt.datetime(2024, 12, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
DUE = dt.datetime(2024, 12, 6, 17, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
ROUND_TITLE = "基准测试调度"


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m benchmarks dispatch --", description=__doc__.split("\n")[0])
    p.add_argument("--small", action="store_true", help="small data set, for a smoke run")
    p.add_argument("--pg", metavar="URL", help="PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:5432/bench_dispatch")
    p.add_argument("--runs", type=int, default=50)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--only", default="")
    p.add_argument("--explain", action="store_true")
    p.add_argument("--rebuild", action="store_true")
    p.add_argument("--plain-gc", action="store_true")
    return p.parse_args(argv)


def configure(args):
    mode = "small" if args.small else "full"
    if args.pg:
        parts = urlsplit(args.pg)
        url = urlunsplit(parts._replace(path=parts.path + ("_small" if args.small else "")))
    else:
        DATA_DIR.mkdir(exist_ok=True)
        url = f"sqlite:///{DATA_DIR / f'dispatch-{mode}.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ducha.settings")
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    return url, mode


def add_reports(mode, log=print):
    """Ten reports per task over 2024, and the round over the city plan with its filings."""
    from django.db import connection, transaction

    from ducha.dispatch import actions
    from ducha.dispatch.models import Obligation, Round
    from ducha.ledger.models import Plan
    from ducha.progress.models import ProgressReport

    from .ledger_data import CITY

    wanted = REPORTS[mode]
    plan = Plan.objects.get(code=f"BENCH-{CITY}")
    city_ids = sorted(plan.tasks.values_list("pk", flat=True))
    if ProgressReport.objects.count() != wanted:
        _write_reports(wanted, city_ids, log)
    round_ = Round.objects.filter(title=ROUND_TITLE).first()
    if round_ is None:
        with transaction.atomic():
            round_ = actions.open_round(acting_user=None, plan=plan, tasks=city_ids, title=ROUND_TITLE,
                                        kind="monthly", now=OPENED, due_at=DUE)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        log(f"  opened the round: {len(city_ids):,} tasks, "
            f"{Obligation.objects.filter(round=round_).count():,} obligations")
    else:
        log(f"reusing {wanted:,} reports and the round")
    return round_


def _write_reports(wanted, city_ids, log):
    from django.db import connection, transaction

    from ducha.db.bulk import insert_rows
    from ducha.dispatch.models import Obligation, Round
    from ducha.jurisdictions.models import User
    from ducha.ledger.models import TaskUnit
    from ducha.progress.models import ProgressReport

    from .ledger_data import SEED, USERS

    rng = random.Random(SEED)
    author = User.objects.get(username=USERS["officer"])
    by_task = {}
    for task_id, unit_id in TaskUnit.objects.order_by("task_id", "position").values_list("task_id", "unit_id"):
        by_task.setdefault(task_id, []).append(unit_id)
    fields = ["task_id", "unit_id", "reported_on", "done", "problems", "next_steps", "percent", "schedule_claim",
              "correction_reason", "author_id", "created_at"]
    start = time.perf_counter()
    with transaction.atomic():
        Obligation.objects.all().delete()
        Round.objects.all().delete()
        ProgressReport.objects.all().delete()
        rows, written = [], 0
        # The round's filings: 60 % on time, 10 % late.
        for task_id in city_ids:
            for unit_id in by_task[task_id]:
                draw = rng.random()
                if draw < 0.7:
                    moment = (OPENED + dt.timedelta(hours=rng.randint(1, 100))) if draw < 0.6 else (
                        DUE + dt.timedelta(hours=rng.randint(1, 300)))
                    rows.append((task_id, unit_id, moment.date(), "本期完成情况", "", "", rng.randint(0, 100), "", "",
                                 author.pk, moment))
        base = wanted - len(rows)
        tasks = list(by_task)
        year = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
        for i in range(base):
            task_id = tasks[i % len(tasks)]
            units = by_task[task_id]
            moment = year + dt.timedelta(seconds=rng.randint(0, 330 * 86400))  # before the round opened
            rows.append((task_id, units[(i // len(tasks)) % len(units)], moment.date(), "本期完成情况", "", "",
                         rng.randint(0, 100), "", "", author.pk, moment))
            if len(rows) >= 50_000:
                insert_rows(ProgressReport, fields, rows)
                written += len(rows)
                rows = []
                log(f"  {written:,} reports…")
        insert_rows(ProgressReport, fields, rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    log(f"  {ProgressReport.objects.count():,} reports in {time.perf_counter() - start:.0f} s")


def cases(round_):
    from django.urls import reverse

    page = reverse("dispatch:round_detail", args=[round_.pk])
    out = []
    for role in ("coordinator", "admin"):
        out += [("html round", role, page), ("html round 漏报", role, page + "?status=missing"),
                ("html round page 10", role, page + "?page=10"),
                ("api round", role, f"/api/rounds/{round_.pk}/"),
                ("api obligations", role, f"/api/obligations/?round={round_.pk}"),
                ("api obligations 漏报", role, f"/api/obligations/?round={round_.pk}&status=missing")]
    out += [("html 我的调度任务", "officer", reverse("dispatch:my_obligations")),
            ("html rounds list", "coordinator", reverse("dispatch:round_list"))]
    return out


def main(argv=None):
    args = parse(list(sys.argv[1:] if argv is None else argv))
    url, mode = configure(args)
    sizes = bench_ledger.prepare(args, url, mode)
    round_ = add_reports(mode)
    from django.db import connection

    if not args.plain_gc:
        os.environ.setdefault("DUCHA_DEMO", "1")
        import ducha.wsgi  # noqa: F401 -- the server's own setup, garbage collector tuning included
    from ducha.progress.models import ProgressReport

    selected = [c for c in cases(round_) if args.only in f"{c[1]} {c[0]}"]
    print(f"\ndispatch benchmark · {connection.vendor} · {sizes['tasks']:,} tasks, "
          f"{ProgressReport.objects.count():,} reports, round of {round_.tasks.count():,} tasks · "
          f"{args.runs} runs after {args.warmup} warm-up · {time.strftime('%Y-%m-%d')} · "
          f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    header = (f"{'case':<26} {'role':<12} {'queries':>7} {'KB':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
              f"{'SQL ms':>7} {'×SQL':>5} {'target':>7} {'load':>5}")
    print(header)
    print("-" * len(header))
    failed, clients = 0, {}
    for name, role, case_url in selected:
        client = clients.setdefault(role, bench_ledger._client(role))
        r = bench_ledger.time_case(client, case_url, args.runs, args.warmup, explain=args.explain)
        ok = r["p95"] <= TARGET_MS
        failed += not ok
        print(f"{bench_ledger._pad(name, 26)} {role:<12} {r['queries']:>7} {r['kb']:>5.0f} {r['p50']:>8.1f} "
              f"{r['p95']:>8.1f} {r['max']:>8.1f} {r['sql']:>7.1f} {r['ratio']:>5.1f} {'≤' + str(TARGET_MS):>6}"
              f"{'' if ok else '✗'} {os.getloadavg()[0]:>5.1f}", flush=True)
    print(f"{len(selected) - failed}/{len(selected)} cases within target · load {os.getloadavg()[0]:.1f}")
    return failed
