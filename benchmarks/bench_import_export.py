"""Ledger spreadsheet import and export at scale (issue §4).

    python -m benchmarks import_export -- [--pg URL] [--rows 10000] [--export-tasks 100000] [--small]
                                          [--no-export]

Sets up its own database (a fresh SQLite file under benchmarks/data/, or the
PostgreSQL database named in --pg, dropped and re-created), migrates it, loads
Zhejiang's divisions and a dozen units per division, then:

- generates a --rows ledger xlsx in benchmarks/data/ (title row, merged cells,
  unit lists, text and Excel-date deadlines, 1% of rows for 各县（市、区）) and
  times a bare python-calamine read of it, the importer's dry run, the
  committed import (through the services: permissions and audit per task) and a
  re-import of the same file (all 未变). Targets: import ≤ 5 s; ratio to the
  bare read ≤ 3× for the dry run (issue 2) and ≤ 10× for the commit through the
  one action path (issue 7).
- bulk-creates --export-tasks tasks (two units and one domain each) and times
  export_ledger over them in a fresh subprocess, reporting the subprocess's
  peak resident memory (resource.getrusage). Target: ≤ 20 s, ≤ 500 MB.

Each phase runs in its own process so that one phase's memory does not count
against another's.
"""

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DATA_DIR = Path(__file__).resolve().parent / "data"
IMPORT_TARGET_S, RATIO_TARGET, COMMIT_RATIO_TARGET, EXPORT_TARGET_S, EXPORT_TARGET_MB = 5.0, 3.0, 10.0, 20.0, 500
CITY = "331100"
SUFFIXES = ["人民政府", "生态环境局", "发展和改革委员会", "住房和城乡建设局", "水利局", "自然资源和规划局",
            "农业农村局", "交通运输局", "经济和信息化局", "综合行政执法局", "林业局", "卫生健康委员会"]
DEADLINES = ["2021年12月底前", "2022年6月", "2022年6月底", "2025年底前", "2021年10月31日前", "2023年上半年",
             "长期坚持", "立行立改，长期坚持", "立即整改并长期坚持", dt.date(2022, 9, 30)]
DOMAINS = ["大气", "水", "土壤", "固废", "生态", "噪声"]
WORDS = ["开展建筑工地扬尘专项整治", "加快城镇污水管网建设", "修复破损污水管网", "推进废弃矿山修复", "整治城市黑臭水体",
         "推进垃圾分类和资源化利用", "关停整治散乱污企业", "加强饮用水水源地保护", "严格危险废物规范化管理"]


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m benchmarks import_export --", description=__doc__.split("\n")[0])
    p.add_argument("--pg", metavar="URL", help="PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:5432/bench_imp")
    p.add_argument("--rows", type=int, default=10_000, help="rows of the imported ledger (default 10000)")
    p.add_argument("--export-tasks", type=int, default=100_000, help="tasks to export (default 100000)")
    p.add_argument("--small", action="store_true", help="1,000 rows and 10,000 tasks, for a smoke run")
    p.add_argument("--no-export", action="store_true", help="time the import only (no export tasks, no export)")
    p.add_argument("--phase", choices=["setup", "import", "export"], help=argparse.SUPPRESS)
    p.add_argument("--url", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.small:
        args.rows, args.export_tasks = 1_000, 10_000
    if args.no_export:
        args.export_tasks = 0
    return args


# -- orchestration (no Django in this process) ---------------------------------------------------------------

def _database_url(args):
    if not args.pg:
        DATA_DIR.mkdir(exist_ok=True)
        path = DATA_DIR / "import_export.sqlite3"
        for stale in DATA_DIR.glob("import_export.sqlite3*"):
            stale.unlink()
        return f"sqlite:///{path}"
    import psycopg

    parts = urlsplit(args.pg)
    dbname = parts.path.lstrip("/") or "bench_imp"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{dbname}"')
    return urlunsplit(parts._replace(path="/" + dbname))


def _phase(name, args, url):
    command = [sys.executable, "-m", "benchmarks.bench_import_export", "--phase", name, "--url", url,
               "--rows", str(args.rows), "--export-tasks", str(args.export_tasks)]
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="ducha.settings")
    done = subprocess.run(command, env=env, cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        sys.exit(f"phase {name} failed")
    line = [ln for ln in done.stdout.splitlines() if ln.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT "):])


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.phase:
        return run_phase(args)
    url = _database_url(args)
    vendor = "PostgreSQL" if args.pg else "SQLite"
    print(f"database: {vendor} ({url.split('@')[-1]})", flush=True)
    setup = _phase("setup", args, url)
    print(f"setup: migrate + {setup['units']} units + {args.export_tasks} tasks in {setup['seconds']:.1f} s",
          flush=True)
    imp = _phase("import", args, url)
    read = imp["calamine_read"]
    print(f"ledger: {args.rows} rows ({imp['tasks']} tasks after county expansion), {imp['file_mb']:.1f} MB")
    print(f"  bare calamine read        {read:6.2f} s")
    for key, label in [("precheck", "xlsx pre-check alone"), ("sandboxed_read", "bounded read (child)")]:
        print(f"  {label:25} {imp[key]:6.2f} s   {imp[key] / read:5.1f}× the bare read")
    for key, label in [("dry_run_cold", "dry run, first call"), ("dry_run", "import dry run (preview)"),
                       ("commit", "import commit"),
                       ("reimport", "re-import (all 未变)")]:
        print(f"  {label:25} {imp[key]:6.2f} s   {imp[key] / read:5.1f}× the bare read")
    ok = imp["commit"] <= IMPORT_TARGET_S
    print(f"  target import ≤ {IMPORT_TARGET_S:.0f} s: {'met' if ok else 'NOT met'}; "
          f"ratio ≤ {RATIO_TARGET:.0f}× (dry run): {'met' if imp['dry_run'] / read <= RATIO_TARGET else 'NOT met'}; "
          f"ratio ≤ {COMMIT_RATIO_TARGET:.0f}× (commit): "
          f"{'met' if imp['commit'] / read <= COMMIT_RATIO_TARGET else 'NOT met'}")
    if args.no_export:
        return
    exp = _phase("export", args, url)
    print(f"export: {exp['rows']} tasks in {exp['seconds']:.2f} s, peak memory {exp['peak_mb']:.0f} MB "
          f"(process baseline {exp['baseline_mb']:.0f} MB), {exp['file_mb']:.1f} MB file; target ≤ "
          f"{EXPORT_TARGET_S:.0f} s and ≤ {EXPORT_TARGET_MB} MB: "
          f"{'met' if exp['seconds'] <= EXPORT_TARGET_S and exp['peak_mb'] <= EXPORT_TARGET_MB else 'NOT met'}")


# -- phases (each in its own process, Django set up for the benchmark database) -----------------------------

def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_phase(args):
    import django

    os.environ["DATABASE_URL"] = args.url
    django.setup()
    result = {"setup": _setup, "import": _import, "export": _export}[args.phase](args)
    print("RESULT " + json.dumps(result), flush=True)


def _coordinator():
    from ducha.jurisdictions.models import User

    return User.objects.select_related("scope", "unit__division").get(username="bench_coord")


def _setup(args):
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    from ducha.jurisdictions.models import Division, Role, Unit, UnitKind, User
    from ducha.jurisdictions.services import load_divisions

    load_divisions(only_prefix="33")
    divisions = list(Division.objects.filter(level__gte=2))
    Unit.objects.bulk_create([
        Unit(name=d.name + suffix, division=d, kind=UnitKind.GOVERNMENT if suffix == "人民政府" else UnitKind.DEPARTMENT)
        for d in divisions for suffix in SUFFIXES])
    city = Division.objects.get(code=CITY)
    User.objects.create_user(username="bench_coord", password="x", role=Role.COORDINATOR, scope=city,
                             unit=Unit.objects.get(name="丽水市人民政府"))
    _bulk_tasks(args.export_tasks, city)
    _write_ledger(args.rows, city)
    return {"seconds": time.perf_counter() - start, "units": Unit.objects.count()}


def _bulk_tasks(count, city):
    """Tasks for the export, written directly (the export reads; it does not care how they came)."""
    from django.db import transaction

    from ducha.jurisdictions.models import Unit
    from ducha.ledger.models import Plan, PollutionDomain, Problem, Task, TaskUnit

    rng = random.Random(4)
    units = list(Unit.objects.filter(division__path__startswith=city.path))
    domains = list(PollutionDomain.objects.all())
    plan = Plan.objects.create(code="BENCH-EXPORT", title="导出基准方案", division=city)
    problems = Problem.objects.bulk_create([Problem(description=f"问题{i}：{rng.choice(WORDS)}", division=city)
                                            for i in range(1000)])
    through = Task.domains.through
    batch = 5000
    for start in range(0, count, batch):
        with transaction.atomic():
            tasks = Task.objects.bulk_create([Task(
                plan=plan, number=str(i + 1), problem=rng.choice(problems), target="完成整改",
                measures="；".join(rng.sample(WORDS, 3)), division=city, lead_unit=rng.choice(units),
                responsible_people="张三", deadline=dt.date(2022, 1, 1) + dt.timedelta(days=i % 900),
                deadline_text="", category="by_deadline", progress=i % 100, progress_note="按计划推进",
            ) for i in range(start, min(start + batch, count))])
            links = []
            for task in tasks:
                pair = rng.sample(units, 2)
                links += [TaskUnit(task_id=task.pk, unit=pair[0], position=0),
                          TaskUnit(task_id=task.pk, unit=pair[1], position=1)]
            TaskUnit.objects.bulk_create(links)
            through.objects.bulk_create([through(task_id=t.pk, pollutiondomain_id=rng.choice(domains).pk)
                                         for t in tasks])


def _ledger_path(rows):
    return DATA_DIR / f"ledger-{rows}.xlsx"


def _write_ledger(rows, city):
    import xlsxwriter

    from ducha.jurisdictions.models import Unit

    rng = random.Random(7)
    names = list(Unit.objects.filter(division=city).values_list("name", flat=True))
    short = ["市" + n[len(city.name):] for n in names]
    DATA_DIR.mkdir(exist_ok=True)
    workbook = xlsxwriter.Workbook(str(_ledger_path(rows)), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    date_format = workbook.add_format({"num_format": "yyyy年m月d日"})
    sheet.merge_range(0, 0, 0, 8, "丽水市中央生态环境保护督察反馈问题整改任务清单（基准）")
    for col, title in enumerate(["序号", "整改问题", "整改目标", "整改措施", "责任单位", "责任人", "整改时限",
                                 "污染领域", "目前进展情况"]):
        sheet.write(1, col, title)
    for i in range(rows):
        r = i + 2
        units = rng.sample(names + short, 2)
        if i % 100 == 99:
            units.append("各县（市、区）党委和政府")
        deadline = rng.choice(DEADLINES)
        sheet.write_string(r, 0, str(i + 1))
        sheet.write_string(r, 1, f"问题{i + 1}：{rng.choice(WORDS)}")
        sheet.write_string(r, 2, "完成整改，群众满意")
        sheet.write_string(r, 3, "；".join(rng.sample(WORDS, 3)))
        sheet.write_string(r, 4, "、".join(units))
        sheet.write_string(r, 5, "李四")
        if isinstance(deadline, dt.date):
            sheet.write_datetime(r, 6, dt.datetime.combine(deadline, dt.time()), date_format)
        else:
            sheet.write_string(r, 6, deadline)
        sheet.write_string(r, 7, "、".join(rng.sample(DOMAINS, 2)))
        sheet.write_string(r, 8, "正在推进")
    workbook.close()


def _import(args):
    from python_calamine import CalamineWorkbook

    from ducha.ledger.importing import import_ledger

    path = _ledger_path(args.rows)
    user = _coordinator()

    def timed(fn, repeat=1):
        best = None
        for _ in range(repeat):
            start = time.perf_counter()
            result = fn()
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        return best, result

    def run(dry_run):
        with open(path, "rb") as fh:
            report = import_ledger(acting_user=user, plan_code="BENCH-IMPORT", file=fh, dry_run=dry_run,
                                   create_units=False)
        if not report.ok:
            raise SystemExit(f"benchmark ledger did not import: {report.errors[:5]}")
        return report

    # The first call also pays for Django's lazy set-up (imports, query compilation); the
    # bare read and the warm dry run are the best of three, the machine being shared.
    timings = {"dry_run_cold": timed(lambda: run(True))[0]}
    read = timed(lambda: CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(), 3)[0]
    # Bounded input: the xlsx pre-check alone, and the importer's whole sheet read
    # (size check, fork, pre-check and calamine in the child, the grid sent back).
    from ducha.ledger.importing.sheet import read_grid
    from ducha.ledger.importing.xlsx_bounds import check_xlsx

    timings["precheck"] = timed(lambda: check_xlsx(str(path)), 3)[0]
    timings["sandboxed_read"] = timed(lambda: read_grid(str(path)), 3)[0]
    timings["dry_run"] = timed(lambda: run(True), 3)[0]
    timings["commit"] = timed(lambda: run(False))[0]
    timings["reimport"], report = timed(lambda: run(False))
    return {"calamine_read": read, **timings, "tasks": report.unchanged, "file_mb": path.stat().st_size / 2**20}


def _export(args):
    from ducha.ledger.exporting import export_ledger
    from ducha.ledger.models import Task

    baseline = _peak_mb()
    out = DATA_DIR / "export.xlsx"
    start = time.perf_counter()
    rows = export_ledger(Task.objects.filter(plan__code="BENCH-EXPORT").order_by("id"), str(out))
    return {"rows": rows, "seconds": time.perf_counter() - start, "peak_mb": _peak_mb(), "baseline_mb": baseline,
            "file_mb": out.stat().st_size / 2**20}


if __name__ == "__main__":
    main()
