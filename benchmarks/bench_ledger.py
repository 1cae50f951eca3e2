"""Ledger list and search response times at scale (issue §Performance).

    python -m benchmarks ledger -- [--small] [--pg URL] [--runs N] [--only TEXT] [--explain]

Builds (or reuses, when the sizes match) a database of 100,000 tasks, 1,000
units and 100 divisions (`--small`: 3,000 / 200 / 20): a SQLite file under
benchmarks/data/, or the PostgreSQL database named in `--pg` (suffix
`_small` with `--small`). Then times the first page of the HTML ledger and of
`/api/tasks/` (when that route exists) for an admin, the coordinator of 丽水市
and an officer of 莲都区人民政府, in-process with Django's test Client:
server time from request to response, after warm-up, p50/p95/max; and, in
the same requests, the time spent in the database driver (executing and
fetching, see SqlClock) with the ratio server/SQL, which the machine's load
moves far less than the times themselves. The load average is printed with
every case: on a shared machine, compare figures only within one run.

Like the server, the process first loads ducha.wsgi, which tunes the garbage
collector once the application is loaded (`--plain-gc` skips that, to see
Python's defaults).

Targets: list filtered by unit and state, sorted by deadline, p95 ≤ 100 ms;
full-text search (2- and 4-character words) p95 ≤ 150 ms; server time at
most 3× the request's own SQL time (median of the per-request ratios).
"""

import argparse
import math
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

DATA_DIR = Path(__file__).resolve().parent / "data"
LIST_TARGET_MS, SEARCH_TARGET_MS = 100, 150
RATIO_TARGET = 3  # server time at most 3× the request's own SQL time
SEARCH_WORDS = ["扬尘", "管网", "污水管网", "矿山修复"]


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m benchmarks ledger --", description=__doc__.split("\n")[0])
    p.add_argument("--small", action="store_true", help="small data set, for a smoke run")
    p.add_argument("--pg", metavar="URL", help="PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:5432/bench_perf")
    p.add_argument("--runs", type=int, default=50, help="timed runs per case (default 50)")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--only", default="", help="run only cases whose name contains this text")
    p.add_argument("--explain", action="store_true", help="print the plans of each case's slowest queries")
    p.add_argument("--rebuild", action="store_true", help="regenerate the data even if the sizes match")
    p.add_argument("--no-floor", action="store_true",
                   help="skip the floor row of each case (the same rows through a minimal view, ledger_floor.py)")
    p.add_argument("--plain-gc", action="store_true",
                   help="keep Python's default garbage collector instead of the server's (ducha.wsgi.tune_gc)")
    return p.parse_args(argv)


def _pg_with_db(url, dbname):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + dbname))


def _ensure_pg_database(url, fresh):
    import psycopg

    dbname = urlsplit(url).path.lstrip("/")
    with psycopg.connect(_pg_with_db(url, "postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{dbname}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{dbname}"')


def configure(args):
    """Point Django at the benchmark database before it is set up."""
    mode = "small" if args.small else "full"
    if args.pg:
        parts = urlsplit(args.pg)
        url = urlunsplit(parts._replace(path=parts.path + ("_small" if args.small else "")))
    else:
        DATA_DIR.mkdir(exist_ok=True)
        url = f"sqlite:///{DATA_DIR / f'ledger-{mode}.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ducha.settings")
    from django.conf import settings

    if settings.configured and os.environ.get("DATABASE_URL") != url:
        sys.exit("bench_ledger must run in its own process (Django is already set up for another database)")
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    return url, mode


def prepare(args, url, mode, log=print):
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from . import ledger_data

    if args.pg:
        _ensure_pg_database(url, fresh=False)
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    call_command("migrate", verbosity=0)
    wanted = ledger_data.SIZES[mode]
    if not args.rebuild and ledger_data.sizes_present() == wanted:
        log(f"reusing {url} ({wanted['tasks']:,} tasks)")
        if pending:  # a migration may have rewritten the table: statistics as after a fresh load
            ledger_data.finish()
        return wanted
    log(f"generating {wanted} into {url}")
    connection.close()
    if args.pg:
        _ensure_pg_database(url, fresh=True)
    else:
        path = Path(urlsplit(url).path)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    ledger_data.generate(wanted, log=log)
    ledger_data.finish()
    log(f"  generated in {time.perf_counter() - start:.0f} s")
    return wanted


def cases():
    """(name, role, url, target_ms) for every timed request."""
    from django.urls import NoReverseMatch, Resolver404, resolve, reverse

    from ducha.jurisdictions.models import Unit

    from .ledger_data import OFFICER_UNIT

    html = reverse("ledger:task_list")
    try:
        resolve("/api/tasks/")
        api = "/api/tasks/"
    except (Resolver404, NoReverseMatch):
        api = None
    officer_unit = Unit.objects.get(division__code=OFFICER_UNIT[0], name__endswith=OFFICER_UNIT[1])
    other_unit = Unit.objects.get(division__code=OFFICER_UNIT[0], name__endswith="生态环境局")
    out = []
    for role in ("admin", "coordinator", "officer"):
        unit = officer_unit if role == "officer" else other_unit
        queries = [("list", {}, LIST_TARGET_MS),
                   ("list unit+state", {"unit": unit.pk, "state": "in_progress"}, LIST_TARGET_MS)]
        queries += [(f"search {w}", {"q": w}, SEARCH_TARGET_MS) for w in SEARCH_WORDS]
        for kind, base in (("html", html), ("api", api)):
            if base is None:
                continue
            for name, params, target in queries:
                out.append((f"{kind} {name}", role, f"{base}?{urlencode(params)}" if params else base, target))
    return out, api is not None


def _client(role):
    from django.test import Client

    from ducha.jurisdictions.models import User

    from .ledger_data import USERS

    client = Client()
    client.force_login(User.objects.get(username=USERS[role]))
    return client


def _explain(captured, top=3):
    from django.db import connection

    slow = sorted(captured, key=lambda q: -float(q["time"]))[:top]
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    for q in slow:
        print(f"    -- {float(q['time']) * 1000:.1f} ms: {q['sql'][:300]}")
        try:
            with connection.cursor() as cursor:
                cursor.execute(prefix + q["sql"])
                for row in cursor.fetchall():
                    print("       ", " ".join(str(c) for c in row))
        except Exception as error:  # an approximated SQL string may not re-run; the plan is optional
            print(f"       (no plan: {error})")


class SqlClock:
    """Time spent in the database driver while a request runs: executing
    statements and fetching their rows (with SQLite most of a query's work
    happens while its rows are fetched, which execute_wrapper would miss)."""

    def __init__(self, connection):
        from django.db.backends.utils import CursorWrapper

        clock = self
        self.seconds = 0.0

        def timed(name):
            def method(self, *args, **kwargs):
                start = time.perf_counter()
                try:
                    return getattr(super(TimedCursor, self), name)(*args, **kwargs)
                finally:
                    clock.seconds += time.perf_counter() - start
            return method

        def timed_fetch(name):
            def method(self, *args, **kwargs):
                start = time.perf_counter()
                try:
                    with self.db.wrap_database_errors:
                        return getattr(self.cursor, name)(*args, **kwargs)
                finally:
                    clock.seconds += time.perf_counter() - start
            return method

        class TimedCursor(CursorWrapper):
            execute, executemany = timed("execute"), timed("executemany")
            fetchone, fetchmany, fetchall = timed_fetch("fetchone"), timed_fetch("fetchmany"), timed_fetch("fetchall")

            def __iter__(self):
                return iter(self.fetchall())

        # Only plain cursors are replaced: CaptureQueriesContext's debug cursor is left alone.
        connection.make_cursor = lambda cursor: TimedCursor(cursor, connection)

    def reset(self):
        self.seconds = 0.0


def _percentile(values, share):
    ordered = sorted(values)
    return ordered[math.ceil(share * len(ordered)) - 1]  # nearest rank


def time_case(client, url, runs, warmup, explain=False):
    """Server time per request and, in the same requests, the time of its SQL
    (see SqlClock); the ratio is the median of the per-request ratios."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = list(captured.captured_queries)  # read now: the next request resets the log
    if explain:
        _explain(queries)
    clock = SqlClock(connection)
    times, sql, ratios = [], [], []
    for _ in range(runs):
        clock.reset()
        start = time.perf_counter()
        client.get(url)
        elapsed = time.perf_counter() - start
        times.append(elapsed * 1000)
        sql.append(clock.seconds * 1000)
        ratios.append(elapsed / clock.seconds if clock.seconds else math.inf)
    del connection.make_cursor
    return {"queries": len(queries), "kb": len(response.content) / 1024, "p50": statistics.median(times),
            "p95": _percentile(times, 0.95), "max": max(times), "sql": statistics.median(sql),
            "ratio": statistics.median(ratios), "times": times, "sqls": sql, "ratios": ratios,
            "outside": statistics.median(t - q for t, q in zip(times, sql)), "response": response}


def time_floor(client, name, response, runs, warmup):
    """The case's floor (ledger_floor.py): as many rows through a minimal view, same middleware."""
    from django.test import override_settings

    from . import ledger_floor

    kind = "api" if name.startswith("api") else "html"
    with override_settings(ROOT_URLCONF="benchmarks.ledger_floor"):
        return time_case(client, ledger_floor.floor_url(kind, ledger_floor.rows_in(response, kind)), runs, warmup)


def _pad(text, width):
    """Left-justify counting CJK characters as two columns."""
    return text + " " * max(0, width - sum(2 if ord(c) > 0x2e80 else 1 for c in text))


def main(argv=None):
    args = parse(list(sys.argv[1:] if argv is None else argv))
    url, mode = configure(args)
    sizes = prepare(args, url, mode)
    from django.db import connection

    if not args.plain_gc:
        # The benchmark serves no one: ducha.wsgi's refusal of a development SECRET_KEY does not apply.
        os.environ.setdefault("DUCHA_DEMO", "1")
        import ducha.wsgi  # noqa: F401 -- the server's own setup, garbage collector tuning included
    all_cases, has_api = cases()
    selected = [c for c in all_cases if args.only in f"{c[1]} {c[0]}"]
    print(f"\nledger benchmark · {connection.vendor} · {sizes['tasks']:,} tasks, {sizes['units']:,} units, "
          f"{sizes['divisions']} divisions · {args.runs} runs after {args.warmup} warm-up · "
          f"{time.strftime('%Y-%m-%d')} · load {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
          + f" · gc {'Python defaults' if args.plain_gc else 'as ducha.wsgi sets it'}"
          + ("" if has_api else " · /api/tasks/ not present"))
    header = (f"{'case':<26} {'role':<12} {'queries':>7} {'KB':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
              f"{'SQL ms':>7} {'×SQL':>5} {'target':>7} {'load':>5}"
              + ("" if args.no_floor else f" {'floor p50':>9} {'floor ×SQL':>10}"))
    print(header)
    print("-" * len(header))
    failed = 0
    clients = {}
    for name, role, case_url, target in selected:
        client = clients.setdefault(role, _client(role))
        if args.explain:
            print(f"  {name} / {role}: {case_url}")
        r = time_case(client, case_url, args.runs, args.warmup, explain=args.explain)
        ok = r["p95"] <= target and r["ratio"] <= RATIO_TARGET
        failed += not ok
        print(f"{_pad(name, 26)} {role:<12} {r['queries']:>7} {r['kb']:>5.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} "
              f"{r['max']:>8.1f} {r['sql']:>7.1f} {r['ratio']:>5.1f} {'≤' + str(target):>6}{'' if ok else '✗'} "
              f"{os.getloadavg()[0]:>5.1f}", end="", flush=True)
        if not args.no_floor:
            # The best ratio a view could reach with this case's SQL: its SQL plus what the floor spends
            # outside its own SQL (request handling, session, authentication, writing the rows).
            f = time_floor(client, name, r["response"], args.runs, args.warmup)
            best = (r["sql"] + f["outside"]) / r["sql"] if r["sql"] else math.inf
            print(f" {f['p50']:>9.1f} {best:>10.1f}", end="")
        print(flush=True)
    print(f"{len(selected) - failed}/{len(selected)} cases within target · load {os.getloadavg()[0]:.1f}")
    return failed
