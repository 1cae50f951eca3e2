"""The public notice list (销号公示) at scale (issue 9 §Performance).

    python -m benchmarks notices -- [--small] [--pg URL] [--runs N] [--notices N] [--explain]

Uses the ledger benchmark's database (100,000 tasks; `--small`: 3,000; built on first use, see
bench_ledger) and adds, once, `--notices` sign-off notices (default 5,000; one in ten current, the rest
past and signed off, one in ten with an objection) on as many tasks, marked by the summary prefix
"bench:". Then times, as an anonymous visitor, the public list (current; past; past page 50; by a
city), and one notice page: p50/p95/max server time after warm-up, the SQL time of the same requests
and the ratio server/SQL. Target: list p95 ≤ 100 ms.
"""

import datetime as dt
import os
import sys
import time

from . import bench_ledger

TARGET_MS = 100
MARK = "bench:"


def parse(argv):
    import argparse

    p = argparse.ArgumentParser(prog="python -m benchmarks notices --", description=__doc__.split("\n")[0])
    p.add_argument("--small", action="store_true", help="small data set, for a smoke run")
    p.add_argument("--pg", metavar="URL", help="PostgreSQL URL (the ledger benchmark's database)")
    p.add_argument("--runs", type=int, default=50)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--notices", type=int, default=5000)
    p.add_argument("--explain", action="store_true")
    p.add_argument("--rebuild", action="store_true", help="regenerate the ledger data")
    return p.parse_args(argv)


def ensure_notices(n, log=print):
    """n notices with their applications and signatures (bulk; the states are written as the sign-off
    steps would leave them)."""
    from django.utils import timezone

    from ducha.jurisdictions.models import User
    from ducha.ledger.models import Task
    from ducha.public import receipts
    from ducha.signoff.models import Application, ApplicationState, Notice, Objection, Signature

    have = Notice.objects.filter(summary__startswith=MARK).count()
    if have >= n:
        return
    today = timezone.localdate()
    user = User.objects.filter(role="admin").first() or User.objects.first()
    used = Notice.objects.values("task_id")
    tasks = list(Task.objects.exclude(pk__in=used).filter(voided_at__isnull=True)
                 .values_list("pk", "lead_unit_id").order_by("pk")[: n - have])
    apps = [Application(task_id=pk, unit_id=unit, created_by=user, report="完成情况报告",
                        state=ApplicationState.IN_NOTICE if i % 10 == 0 else ApplicationState.SIGNED_OFF)
            for i, (pk, unit) in enumerate(tasks)]
    Application.objects.bulk_create(apps, batch_size=1000)
    Signature.objects.bulk_create([Signature(application=a, opinion="经资料审核和现场核查，同意销号。", signer=user,
                                             signer_name="验收人") for a in apps], batch_size=1000)
    notices = []
    for i, a in enumerate(apps):
        start = today - dt.timedelta(days=2 if i % 10 == 0 else 10 + i % 700)
        notices.append(Notice(task_id=a.task_id, application=a, summary=f"{MARK}已完成整改任务的各项措施。",
                              starts_on=start, ends_on=start + dt.timedelta(days=6), length=5, day_kind="working",
                              calendar="workdays", published_by=user))
    Notice.objects.bulk_create(notices, batch_size=1000)
    now = timezone.now()
    Objection.objects.bulk_create([
        Objection(notice=x, channel="public", text="异议内容", received_at=now,
                  receipt_number=receipts.new_number("YY", today.year))
        for i, x in enumerate(notices) if i % 10 == 3], batch_size=1000)
    log(f"  created {len(notices):,} notices")


def main(argv=None):
    args = parse(list(sys.argv[1:] if argv is None else argv))
    args.only, args.plain_gc = "", False
    url, mode = bench_ledger.configure(args)
    sizes = bench_ledger.prepare(args, url, mode)
    from django.db import connection
    from django.test import Client

    from ducha.jurisdictions.models import Division
    from ducha.signoff.models import Notice

    os.environ.setdefault("DUCHA_DEMO", "1")
    import ducha.wsgi  # noqa: F401 -- the server's own setup, garbage collector tuning included

    ensure_notices(args.notices)
    city = Division.objects.filter(level=2, tasks__signoff_notices__isnull=False).first() or \
        Division.objects.filter(level=2).first()
    one = Notice.objects.filter(summary__startswith=MARK, objections__isnull=False).first()
    print(f"\nnotices benchmark · {connection.vendor} · {sizes['tasks']:,} tasks, "
          f"{Notice.objects.count():,} notices · {args.runs} runs after {args.warmup} warm-up · "
          f"{time.strftime('%Y-%m-%d')} · load {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    header = (f"{'case':<24} {'queries':>7} {'KB':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'SQL ms':>7} "
              f"{'×SQL':>5} {'target':>7}")
    print(header)
    print("-" * len(header))
    cases = [("list current", "/public/notices/"), ("list past", "/public/notices/?past=1"),
             ("list past page 50", "/public/notices/?past=1&page=50"),
             ("list past by city", f"/public/notices/?past=1&division={city.code}" if city else None),
             ("notice page", f"/public/notices/{one.pk}/" if one else None)]
    failed = 0
    client = Client()
    for name, path in cases:
        if path is None:
            continue
        r = bench_ledger.time_case(client, path, args.runs, args.warmup, explain=args.explain)
        ok = r["p95"] <= TARGET_MS
        failed += not ok
        print(f"{name:<24} {r['queries']:>7} {r['kb']:>5.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['max']:>8.1f} "
              f"{r['sql']:>7.1f} {r['ratio']:>5.1f} {'≤' + str(TARGET_MS):>6}{'' if ok else '✗'}", flush=True)
    return failed
