"""Complaint cases at scale (issue 10, "Performance").

    python -m benchmarks cases -- [--pg URL] [--cases 300000] [--rows 5000] [--small]
                                  [--keep] [--only list|import|setup] [--list-runs 3] [--explain]

Sets up its own database (a fresh SQLite file under benchmarks/data/, or the PostgreSQL database named in
--pg, dropped and re-created), migrates it, loads Zhejiang's divisions, a county government per county,
routing rules, a coordinator of 丽水市 and a provincial inspection, bulk-writes --cases earlier cases
(complaint texts of realistic variety, search text and repeat band keys included), then in a second process:

- writes a --rows transfer list (the standard disclosure columns, a title row; 3% near-copies of earlier
  cases, 1% citing an earlier number) and times a bare python-calamine read, the importer's dry run, the
  committed import (routing, deadlines, types, one audit entry per case, repeat detection against every
  earlier case) and a re-import (all 未变). Target: import of 5,000 ≤ 15 s; reported as the ratio to the
  bare read.
- times the case list page (/cases/) as the coordinator with filters and two-character Chinese search,
  30 requests over a mix of queries (--list-runs rounds of the ten), each with the time its SQL took in the
  same requests and the ratio server / SQL. Target: p95 ≤ 100 ms at 300,000 cases.

--keep reuses the database when it already holds --cases cases (SQLite: benchmarks/data/cases-N.sqlite3;
PostgreSQL: the database is not dropped), so a change can be measured before and after on the same data;
--only list skips the import (the list then shows the earlier cases only); an import run leaves its batch in
the database, so time it again on a copy of the set-up database (--only setup builds one and stops).
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time

from benchmarks.bench_import_export import DATA_DIR
from benchmarks.bench_import_export import _database_url as _pg_url

IMPORT_TARGET_S, LIST_TARGET_MS = 15.0, 100.0
CITY = "331100"
COMPLAINTS = ["某石材加工厂夜间生产粉尘噪声扰民", "某养殖场粪污直排溪流水体发黑", "某餐饮店油烟直排影响居民",
              "某建筑工地渣土车扬尘严重", "某化工企业夜间排放刺激性气体", "某河道非法采砂破坏河床",
              "某废品收购站露天焚烧垃圾", "某KTV夜间噪声扰民", "某小区污水管网破损外溢", "某矿山开采破坏植被"]
TYPES = ["大气", "水", "噪声", "扬尘", "油烟", "固废", "生态破坏", "畜禽养殖污染", "大气、噪声"]
VERDICTS = ["属实", "基本属实", "部分属实", "不属实"]
QUERIES = [{"q": "扬尘"}, {"q": "油烟", "state": "handling"}, {"q": "噪声扰民"}, {"state": "done", "verdict": "true"},
           {"q": "采砂", "key": "true"}, {"overdue": "true"}, {"type": "water", "state": "handling"},
           {"q": "污水", "division": "331102"}, {"batch": "7"}, {"q": "石材"}]


def _database_url(args):
    if args.pg:
        if args.keep:
            import psycopg

            try:
                with psycopg.connect(args.pg) as conn:
                    if _holds(conn, args.cases):
                        return args.pg
            except psycopg.OperationalError:  # no such database yet
                pass
        return _pg_url(args)
    DATA_DIR.mkdir(exist_ok=True)
    path = DATA_DIR / f"cases-{args.cases}.sqlite3"
    if args.keep and path.exists():
        import sqlite3

        with sqlite3.connect(path) as conn:
            if _holds(conn, args.cases):
                return f"sqlite:///{path}"
    for stale in DATA_DIR.glob(f"{path.name}*"):
        stale.unlink()
    return f"sqlite:///{path}"


def _holds(conn, cases):
    """Does the benchmark database hold its earlier cases, with their repeat band keys (a finished setup)?
    A database set up before the cases had realistic texts and band keys is not reused."""
    try:
        held = conn.execute("SELECT count(*) FROM cases_case WHERE batch_id IN (SELECT id FROM cases_batch "
                            "WHERE number < 999)").fetchone()[0]
        bare = conn.execute("SELECT count(*) FROM cases_case c WHERE NOT EXISTS (SELECT 1 FROM cases_repeatband b "
                            "WHERE b.case_id = c.id)").fetchone()[0]
        return held == cases and bare == 0
    except Exception:  # noqa: BLE001 - no such table: not set up
        return False


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m benchmarks cases --", description=__doc__.split("\n")[0])
    p.add_argument("--pg", metavar="URL")
    p.add_argument("--cases", type=int, default=300_000, help="earlier cases in the database (default 300000)")
    p.add_argument("--rows", type=int, default=5_000, help="rows of the imported batch (default 5000)")
    p.add_argument("--small", action="store_true", help="20,000 cases and 1,000 rows, for a smoke run")
    p.add_argument("--keep", action="store_true", help="reuse the database if it holds --cases cases")
    p.add_argument("--only", choices=["list", "import", "setup"],
                   help="time only the case list or only the import, or only set the database up (to copy it: "
                        "an import run leaves its batch in the database, so --keep refuses it afterwards)")
    p.add_argument("--list-runs", type=int, default=3, help="rounds of the ten list queries (default 3)")
    p.add_argument("--explain", action="store_true", help="print the plans of each list query's slowest SQL")
    p.add_argument("--phase", choices=["setup", "run"], help=argparse.SUPPRESS)
    p.add_argument("--url", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.small:
        args.cases, args.rows = 20_000, 1_000
    return args


def main(argv=None):
    import json
    import subprocess
    from pathlib import Path

    args = parse(sys.argv[1:] if argv is None else argv)
    if args.phase:
        return run_phase(args)
    url = _database_url(args)
    print(f"database: {'PostgreSQL' if args.pg else 'SQLite'} {url}", flush=True)
    results = {}
    kept = args.keep and _kept(url, args.cases)
    phases = ("run",) if kept else ("setup", "run")
    for phase in phases[:-1] if args.only == "setup" else phases:
        command = [sys.executable, "-m", "benchmarks.bench_cases", "--phase", phase, "--url", url, "--cases",
                   str(args.cases), "--rows", str(args.rows), "--list-runs", str(args.list_runs)]
        command += ["--only", args.only] if args.only else []
        command += ["--explain"] if args.explain else []
        env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="ducha.settings")
        done = subprocess.run(command, env=env, cwd=Path(__file__).resolve().parents[1], capture_output=True,
                              text=True)
        if done.returncode:
            sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
            sys.exit(f"phase {phase} failed")
        print("\n".join(ln for ln in done.stdout.splitlines() if not ln.startswith("RESULT ")), flush=True)
        results[phase] = json.loads([ln for ln in done.stdout.splitlines() if ln.startswith("RESULT ")][-1][7:])
    if args.only == "setup":
        print(f"setup: {args.cases} earlier cases in {results['setup']['seconds']:.0f} s" if "setup" in results
              else "setup: the database holds its earlier cases already")
        return
    run = results["run"]
    if kept:
        print(f"setup: reused the database ({args.cases} earlier cases)")
    else:
        print(f"setup: {args.cases} earlier cases in {results['setup']['seconds']:.0f} s")
    if args.only != "list":
        read = run["calamine_read"]
        print(f"batch of {args.rows} rows ({run['file_mb']:.2f} MB): bare calamine read {read:.2f} s")
        for key, label in [("dry_run", "import dry run (preview)"), ("commit", "import commit"),
                           ("reimport", "re-import (all 未变)")]:
            print(f"  {label:26} {run[key]:6.2f} s   {run[key] / read:5.1f}× the bare read")
        print(f"  repeats proposed on import: {run['repeats']}")
        print(f"  target import ≤ {IMPORT_TARGET_S:.0f} s: "
              f"{'met' if run['commit'] <= IMPORT_TARGET_S else 'NOT met'}")
    if args.only != "import":
        print(f"case list (/cases/, filtered and searched) over {run['total']} cases: median {run['p50']:.0f} ms, "
              f"p95 {run['p95']:.0f} ms, max {run['max']:.0f} ms, SQL median {run['sql']:.0f} ms, "
              f"×SQL {run['ratio']:.1f}; load {run['load']}; target p95 ≤ {LIST_TARGET_MS:.0f} ms: "
              f"{'met' if run['p95'] <= LIST_TARGET_MS else 'NOT met'}")


def _kept(url, cases):
    if url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(url[len("sqlite:///"):]) as conn:
            return _holds(conn, cases)
    import psycopg

    with psycopg.connect(url) as conn:
        return _holds(conn, cases)


def run_phase(args):
    import json

    import django

    os.environ["DATABASE_URL"] = args.url
    django.setup()
    result = {"setup": _setup, "run": _run}[args.phase](args)
    print("RESULT " + json.dumps(result), flush=True)


def _setup(args):
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    from ducha.cases.models import CaseSetup, RoutingRule
    from ducha.jurisdictions.models import Division, Role, Unit, UnitKind, User
    from ducha.jurisdictions.services import load_divisions
    from ducha.ledger.models import Inspection

    load_divisions(only_prefix="33")
    city = Division.objects.get(code=CITY)
    counties = list(city.children.all())
    govs = Unit.objects.bulk_create([Unit(name=d.name + "人民政府", division=d, kind=UnitKind.GOVERNMENT)
                                     for d in [city, *counties]])
    User.objects.create_user(username="bench_coord", password="x", role=Role.COORDINATOR, scope=city, unit=govs[0])
    inspection = Inspection.objects.create(name="浙江省第三生态环境保护督察（基准）", level="provincial",
                                           round_number=3, division=city)
    CaseSetup.objects.create(inspection=inspection, code="BENCH")
    for unit in govs[1:]:
        RoutingRule.objects.create(inspection=inspection, division=unit.division, lead_unit=unit)
    _bulk_cases(args.cases, inspection, counties, govs[1:])
    from django.db import connection

    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum gives a database in service. SQLite gets none: nothing in
        # service runs ANALYZE there, and the list's queries are shaped to do without (ducha.core.lookups).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {"seconds": time.perf_counter() - start}


def _summary(rng, area, complaint):
    """A complaint as transfer lists word them: place, company, the problem, two details and a closing phrase
    (shared template wording, but two complaints are not near-copies unless one was copied from the other)."""
    from benchmarks.bench_cases_out import TAILS, TOWNS, VILLAGES, _company, _detail

    return (f"{area}{rng.choice(TOWNS)}{rng.choice(VILLAGES)}{_company(rng)}{complaint[1:]}，{_detail(rng)}，"
            f"{_detail(rng)}，{rng.choice(TAILS)}")


def _bulk_cases(count, inspection, counties, govs):
    """The earlier cases with their types, search text and repeat band keys (fingerprinted as the import
    does; the band index is dropped while they are written and built once at the end, as a restore would)."""
    from django.db import connection, transaction

    from ducha.cases import repeats
    from ducha.cases.models import Batch, Case, CaseType, RepeatBand
    from ducha.db.bulk import create_objects, insert_rows
    from ducha.text.search import index_text

    rng = random.Random(10)
    types = list(CaseType.objects.all())
    with connection.schema_editor() as editor:
        for index in RepeatBand._meta.indexes:
            editor.remove_index(RepeatBand, index)
    per_batch = 2500
    day = dt.date(2024, 1, 2)
    for b, start in enumerate(range(0, count, per_batch), start=1):
        with transaction.atomic():
            batch = Batch.objects.create(inspection=inspection, number=b, transferred_on=day + dt.timedelta(days=b))
            cases = []
            for i in range(start, min(start + per_batch, count)):
                k = rng.randrange(len(counties))
                summary = _summary(rng, counties[k].name, rng.choice(COMPLAINTS))
                number = f"D3ZJ{batch.transferred_on:%Y%m%d}{i % 10000:04d}"
                cases.append(Case(inspection=inspection, batch=batch, serial=i - start + 1, number=number,
                                  number_raw=number, is_key=i % 37 == 0, summary=summary, area_text=counties[k].name,
                                  division=counties[k], scope_path=counties[k].path, lead_unit=govs[k],
                                  routing="confirmed",
                                  transferred_on=batch.transferred_on, due_on=batch.transferred_on + dt.timedelta(9),
                                  verdict=rng.choice(["true", "mostly", "partly", "false"]),
                                  state=rng.choice(["done", "done", "staged", "handling"]),
                                  search_text=index_text(number, summary, counties[k].name)))
            create_objects(cases)
            insert_rows(Case.types.through, ["case_id", "casetype_id"], [(c.pk, rng.choice(types).pk) for c in cases])
            repeats.fingerprint([(c.pk, c.summary, c.division_id) for c in cases])
    with connection.schema_editor() as editor:
        for index in RepeatBand._meta.indexes:
            editor.add_index(RepeatBand, index)


def _earlier_sample(count):
    """(number, summary, county) of `count` earlier cases picked at random, for the batch's repeats."""
    from ducha.cases.models import Case

    rng = random.Random(12)
    earlier = Case.objects.filter(batch__number__lt=999)
    low, high = earlier.order_by("pk").values_list("pk", flat=True)[:1][0], earlier.order_by("-pk")[:1][0].pk
    picked = sorted(rng.sample(range(low, high + 1), count))
    return list(earlier.filter(pk__in=picked).values_list("number", "summary", "area_text"))


def _write_batch(rows, path):
    """The transfer list: fresh complaints, 3% near-copies of earlier cases (same county, a sentence added) and
    1% citing an earlier case's number, as a later round's batch has."""
    import xlsxwriter

    rng = random.Random(11)
    sample = _earlier_sample(max(rows // 20, 1))
    counties = ["莲都区", "青田县", "缙云县", "遂昌县", "松阳县", "云和县", "庆元县", "景宁畲族自治县", "龙泉市", "某工业园区"]
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.merge_range(0, 0, 0, 8, "浙江省生态环境保护督察群众信访举报转办和边督边改公开情况一览表（第999批）")
    header = ["序号", "受理编号", "交办问题基本情况", "行政区域", "污染类型", "调查核实情况", "是否属实", "处理和整改情况",
              "责任人被处理情况"]
    sheet.write_row(1, 0, header)
    for i in range(rows):
        area, roll = rng.choice(counties), rng.random()
        summary = _summary(rng, area, rng.choice(COMPLAINTS)) + "。"
        if roll < 0.03:
            _number, summary, area = rng.choice(sample)
            summary += "群众再次反映，至今仍未整改。"
        elif roll < 0.04:
            summary = f"反映{rng.choice(sample)[0]}件问题仍未解决。" + summary
        sheet.write_row(i + 2, 0, [i + 1, f"D3ZJ20241201{i:04d}" + ("*" if i % 40 == 0 else ""), summary,
                                   f"丽水市{area}", rng.choice(TYPES), "经现场核查，情况基本属实。", rng.choice(VERDICTS),
                                   "已责令整改，罚款1.5万元。", "无"])
    book.close()


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _run(args):
    from ducha.cases.models import Case
    from ducha.cases.search import search_cases

    result = {"total": Case.objects.count()}
    if args.only != "list":
        result.update(_time_import(args))
        result["total"] = Case.objects.count()
    if args.only != "import":
        # A search that finds nothing would be fast for the wrong reason (full-text triggers lost, say).
        assert search_cases(Case.objects.all(), "扬尘").exists(), "full-text search finds nothing"
        result.update(_time_list(args))
    return result


def _time_import(args):
    from python_calamine import CalamineWorkbook

    from ducha.cases.importing import import_batch
    from ducha.cases.models import Batch, CaseSetup
    from ducha.jurisdictions.models import User

    if Batch.objects.filter(number=999).exists():
        sys.exit("the database already holds the imported batch: time the import without --keep")
    DATA_DIR.mkdir(exist_ok=True)
    path = DATA_DIR / "cases_batch.xlsx"
    _write_batch(args.rows, path)
    user = User.objects.select_related("scope", "unit").get(username="bench_coord")
    inspection = CaseSetup.objects.get(code="BENCH").inspection
    read, _ = _timed(lambda: CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())

    def run(dry_run):
        report = import_batch(acting_user=user, inspection=inspection, batch_number=999, file=str(path),
                              transferred_on=dt.date(2024, 12, 1), dry_run=dry_run)
        assert report.ok, report.errors[:3]
        return report

    dry, _ = _timed(lambda: run(True))
    commit, report = _timed(lambda: run(False))
    again, second = _timed(lambda: run(False))
    assert report.created == args.rows and second.unchanged == args.rows
    return {"calamine_read": read, "dry_run": dry, "commit": commit, "reimport": again,
            "file_mb": path.stat().st_size / 1e6, "repeats": report.repeats}


def _time_list(args):
    """Each of the ten queries --list-runs times after a warm-up request, with the SQL time of the same
    requests (bench_ledger.SqlClock); p50/p95/max over all the requests, as before."""
    from urllib.parse import unquote, urlencode

    from django.test import Client

    from benchmarks import bench_ledger
    from ducha.jurisdictions.models import User

    os.environ.setdefault("DUCHA_DEMO", "1")
    import ducha.wsgi  # noqa: F401 -- the server's own setup, garbage collector tuning included

    user = User.objects.select_related("scope", "unit").get(username="bench_coord")
    client = Client()
    client.force_login(user)
    loads = [os.getloadavg()[0]]
    print(f"{'query':<34} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'SQL ms':>7} {'×SQL':>5}")
    times, sql, ratios = [], [], []
    for query in QUERIES:
        url = "/cases/?" + urlencode(query)
        r = bench_ledger.time_case(client, url, args.list_runs, 1, explain=args.explain)
        times += r["times"]
        sql += r["sqls"]
        ratios += r["ratios"]
        print(f"{unquote(urlencode(query)):<34} {r['queries']:>7} {r['p50']:>8.0f} {r['p95']:>8.0f} "
              f"{r['sql']:>7.0f} {r['ratio']:>5.1f}", flush=True)
    loads.append(os.getloadavg()[0])
    times.sort()
    return {"p50": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1], "max": times[-1],
            "sql": statistics.median(sql), "ratio": statistics.median(ratios),
            "load": f"{min(loads):.1f}–{max(loads):.1f}"}


if __name__ == "__main__":
    main()
