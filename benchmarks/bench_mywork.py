"""我的待办 and the daily digest at scale (issue 8 §Performance).

    python -m benchmarks mywork -- [--small] [--pg URL] [--runs N] [--users N] [--explain] [--skip-digest]

Uses the ledger benchmark's database (100,000 tasks, 1,000 units, 100 divisions; `--small`: 3,000 / 200
/ 20; built on first use, see bench_ledger). Then:

1. the to-do page `/my/` for an administrator, the coordinator of 丽水市 and an officer of 莲都区人民政府:
   p50/p95/max server time after warm-up, with the SQL time of the same requests and the ratio
   server/SQL (the machine's load moves the ratio far less than the times). Target p95 ≤ 100 ms.
2. the daily digest for `--users` people (default 5,000: nine in ten unit officers, the rest
   coordinators and leaders of a division, all with an e-mail address), created once under the prefix
   `bench_digest_`, mail to Django's in-memory backend: total wall time, SQL time and their ratio.
   Target ≤ 60 s. The run's DigestLog rows and notifications are deleted afterwards, so it repeats.
"""

import os
import statistics
import sys
import time

from . import bench_ledger

PAGE_TARGET_MS, DIGEST_TARGET_S = 100, 60
PREFIX = "bench_digest_"


def parse(argv):
    import argparse

    p = argparse.ArgumentParser(prog="python -m benchmarks mywork --", description=__doc__.split("\n")[0])
    p.add_argument("--small", action="store_true", help="small data set, for a smoke run")
    p.add_argument("--pg", metavar="URL", help="PostgreSQL URL (the ledger benchmark's database)")
    p.add_argument("--runs", type=int, default=50, help="timed page requests per role (default 50)")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--users", type=int, default=5000, help="people in the digest run (default 5000)")
    p.add_argument("--explain", action="store_true", help="print the plans of the page's slowest queries")
    p.add_argument("--skip-digest", action="store_true")
    p.add_argument("--rebuild", action="store_true", help="regenerate the ledger data")
    return p.parse_args(argv)


def ensure_users(n, log=print):
    """n digest recipients, created once (bulk, one shared password hash)."""
    import random

    from django.contrib.auth.hashers import make_password

    from ducha.jurisdictions.models import Division, Role, Unit, User

    have = User.objects.filter(username__startswith=PREFIX).count()
    if have >= n:
        return User.objects.filter(username__startswith=PREFIX).order_by("pk")[:n]
    rng = random.Random(8)
    units = list(Unit.objects.values_list("pk", flat=True))
    divisions = list(Division.objects.filter(level__gte=2).values_list("pk", flat=True))
    password = make_password("bench-digest-password")
    rows = []
    for i in range(have, n):
        kind = rng.random()
        role = Role.OFFICER if kind < 0.9 else Role.COORDINATOR if kind < 0.98 else Role.LEADER
        rows.append(User(username=f"{PREFIX}{i:05d}", password=password, email=f"u{i}@bench.example",
                         role=role, unit_id=rng.choice(units),
                         scope_id=None if role == Role.OFFICER else rng.choice(divisions)))
    User.objects.bulk_create(rows, batch_size=1000)
    log(f"  created {len(rows):,} digest recipients")
    return User.objects.filter(username__startswith=PREFIX).order_by("pk")[:n]


def page_cases(args):
    from django.urls import reverse

    url = reverse("mywork:my_work")
    rows = []
    for role in ("admin", "coordinator", "officer"):
        client = bench_ledger._client(role)
        r = bench_ledger.time_case(client, url, args.runs, args.warmup, explain=args.explain)
        ok = r["p95"] <= PAGE_TARGET_MS
        rows.append(ok)
        print(f"{'/my/':<10} {role:<12} {r['queries']:>7} {r['kb']:>5.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} "
              f"{r['max']:>8.1f} {r['sql']:>7.1f} {r['ratio']:>5.1f} {'≤' + str(PAGE_TARGET_MS):>6}"
              f"{'' if ok else '✗'} {os.getloadavg()[0]:>5.1f}", flush=True)
    return rows


def digest_case(args):
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone

    from ducha.notifications.digest import send_digests
    from ducha.notifications.models import DigestLog, Notification

    users = ensure_users(args.users)
    ids = list(users.values_list("pk", flat=True))
    from ducha.jurisdictions.models import User

    people = User.objects.filter(pk__in=ids).select_related("unit", "scope", "unit__division").order_by("pk")
    today = timezone.localdate()
    DigestLog.objects.filter(user_id__in=ids, date=today).delete()
    clock = bench_ledger.SqlClock(connection)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        from django.core import mail

        mail.outbox = []
        start = time.perf_counter()
        run = send_digests(today, users=people)
        elapsed = time.perf_counter() - start
        sent = len(mail.outbox)
    del connection.make_cursor
    DigestLog.objects.filter(user_id__in=ids, date=today).delete()
    Notification.objects.filter(recipient_id__in=ids, kind="digest.daily").delete()
    ok = elapsed <= DIGEST_TARGET_S
    sizes = [d.total for d in run.digests]
    print(f"digest for {len(ids):,} people: {elapsed:.1f} s (SQL {clock.seconds:.1f} s, ×SQL "
          f"{elapsed / clock.seconds if clock.seconds else float('inf'):.1f}) · {len(run.digests):,} digests, "
          f"{sent:,} mails, median {statistics.median(sizes) if sizes else 0:.0f} items · target ≤{DIGEST_TARGET_S} s"
          f"{'' if ok else ' ✗'} · load {os.getloadavg()[0]:.1f}", flush=True)
    return ok


def main(argv=None):
    args = parse(list(sys.argv[1:] if argv is None else argv))
    args.only, args.plain_gc = "", False
    url, mode = bench_ledger.configure(args)
    sizes = bench_ledger.prepare(args, url, mode)
    from django.db import connection

    os.environ.setdefault("DUCHA_DEMO", "1")
    import ducha.wsgi  # noqa: F401 -- the server's own setup, garbage collector tuning included

    print(f"\nmywork benchmark · {connection.vendor} · {sizes['tasks']:,} tasks, {sizes['units']:,} units · "
          f"{args.runs} runs after {args.warmup} warm-up · {time.strftime('%Y-%m-%d')} · "
          f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    header = (f"{'case':<10} {'role':<12} {'queries':>7} {'KB':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
              f"{'SQL ms':>7} {'×SQL':>5} {'target':>7} {'load':>5}")
    print(header)
    print("-" * len(header))
    results = page_cases(args)
    if not args.skip_digest:
        results.append(digest_case(args))
    failed = results.count(False)
    print(f"{len(results) - failed}/{len(results)} cases within target")
    return failed
