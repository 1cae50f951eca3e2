"""Synthetic but realistic ledger data for bench_ledger: Zhejiang's divisions,
ten units per division, one plan per division, tasks whose texts are built
from clauses of real published rectification plans (ducha/plans/tests/data)
so that full-text search has real words to find.

Rows are written with bulk_create (no audit log: the benchmark measures
reading). search_text goes through the same function the services use, and
the inserts fire the FTS5 triggers of ledger migration 0002 on SQLite; on
PostgreSQL the GIN expression index is maintained by the insert itself.
"""

import datetime as dt
import random
import re
from pathlib import Path

from django.db import connection, transaction

SIZES = {
    "full": {"tasks": 100_000, "units": 1_000, "divisions": 100},
    "small": {"tasks": 3_000, "units": 200, "divisions": 20},
}
CITY = "331100"  # 丽水市: the coordinator's city
OFFICER_UNIT = ("331102", "人民政府")  # 莲都区人民政府: the county officer's unit
USERS = {"admin": "bench_admin", "coordinator": "bench_coordinator", "officer": "bench_officer"}
SEED = 20261124

PLANS_DIR = Path(__file__).resolve().parents[1] / "ducha" / "plans" / "tests" / "data"
# Typical task clauses, so every benchmark query has matches even if the
# plan fixtures are not beside the project.
EXTRA_CLAUSES = [
    "开展建筑工地扬尘专项整治", "落实扬尘污染防治六个百分之百", "加快城镇污水管网建设", "实施雨污分流和污水管网改造",
    "修复破损污水管网", "推进废弃矿山修复", "完成历史遗留矿山修复治理", "加强矿山生态修复监管",
    "整治城市黑臭水体", "开展工业园区污水零直排区建设", "推进垃圾分类和资源化利用", "关停整治散乱污企业",
    "落实河长制湖长制", "加强饮用水水源地保护", "严格危险废物规范化管理", "推进挥发性有机物综合治理",
]
UNIT_SUFFIXES = [
    "人民政府", "生态环境局", "发展和改革委员会", "住房和城乡建设局", "水利局", "自然资源和规划局",
    "农业农村局", "交通运输局", "经济和信息化局", "综合行政执法局", "林业局", "卫生健康委员会",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高叶潘蓝雷钟"
TITLES = ["局长", "副局长", "区长", "副区长", "县长", "副县长", "主任", "副市长"]


def clauses():
    pool = []
    for path in sorted(PLANS_DIR.glob("*.txt")) if PLANS_DIR.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        for clause in re.split(r"[，。；：,;:！？\n、（）()“”\"《》]", text):
            clause = re.sub(r"^[0-9一二三四五六七八九十]+[.．]", "", clause.strip())
            if 6 <= len(clause) <= 30 and re.fullmatch(r"[\u4e00-\u9fff0-9A-Za-z.%]+", clause):
                pool.append(clause)
    return sorted(set(pool)) + EXTRA_CLAUSES * 4


def pick_divisions(n):
    """Zhejiang's province, cities and counties, 丽水市 and its counties always included."""
    from ducha.jurisdictions.divisions_data import load_rows

    rows = [r for r in load_rows() if r[0].startswith("33")]
    keep = [r for r in rows if r[2] < 3 or r[0].startswith(CITY[:4])]
    others = [r for r in rows if r not in keep]
    if n < len(keep):
        keep = [r for r in keep if r[2] == 1 or r[0][:4] == CITY[:4]] + [r for r in keep if r[2] == 2 and r[0] != CITY]
        others = []
    chosen = (keep + others)[:n]
    codes = {r[0] for r in chosen}
    return [r for r in rows if r[0] in codes]


def sizes_present():
    from ducha.jurisdictions.models import Division, Unit, User
    from ducha.ledger.models import Task

    if User.objects.filter(username__in=USERS.values()).count() != len(USERS):
        return None
    return {"tasks": Task.objects.count(), "units": Unit.objects.count(), "divisions": Division.objects.count()}


def _person(rng):
    return rng.choice(SURNAMES) + rng.choice(SURNAMES + "明华建国军伟强平") + rng.choice(TITLES)


@transaction.atomic
def generate(sizes, log=print):
    from ducha.jurisdictions.models import Division, Role, Unit, User
    from ducha.ledger.models import Category, Inspection, Plan, PollutionDomain, Problem, Task, TaskState, TaskUnit
    from ducha.ledger.actions.common import SearchTexts
    from ducha.text.numbers import natural_key

    search_text = SearchTexts()

    rng = random.Random(SEED)
    pool = clauses()
    divisions = {}
    for code, name, level, parent in pick_divisions(sizes["divisions"]):
        d = Division(code=code, name=name, level=level, parent=divisions.get(parent))
        d.save()
        divisions[code] = d
    per_div = -(-sizes["units"] // len(divisions))
    units = []
    for d in divisions.values():
        for suffix in UNIT_SUFFIXES[:per_div]:
            if len(units) < sizes["units"]:
                units.append(Unit(name=d.name + suffix, division=d, kind="government" if suffix == "人民政府"
                                  else "department"))
    units = Unit.objects.bulk_create(units)
    by_div = {}
    for u in units:
        by_div.setdefault(u.division_id, []).append(u)
    province = next(d for d in divisions.values() if d.level == 1)
    inspection = Inspection.objects.create(name="第二轮中央生态环境保护督察", round_number=2, division=province,
                                           feedback_date=dt.date(2020, 12, 31))
    plans = {d.code: Plan(code=f"BENCH-{d.code}", title=f"{d.name}贯彻落实第二轮中央生态环境保护督察报告整改方案",
                          division=d, inspection=inspection, issued_on=dt.date(2021, 5, 1)) for d in divisions.values()}
    Plan.objects.bulk_create(plans.values())
    problems = Problem.objects.bulk_create([
        Problem(inspection=inspection, code=f"P{i}", division=rng.choice(list(divisions.values())),
                description="".join(rng.sample(pool, 2))) for i in range(max(10, sizes["tasks"] // 20))
    ])
    domains = list(PollutionDomain.objects.all())
    log(f"  {len(divisions)} divisions, {len(units)} units, {len(problems)} problems; writing tasks…")

    states = [TaskState.SIGNED_OFF] * 35 + [TaskState.COMPLETED] * 15 + [TaskState.IN_PROGRESS] * 40 + \
             [TaskState.NOT_STARTED] * 10
    # Upper levels first so county tasks can point at a city task (序号8(市序号9)).
    ordered = sorted(divisions.values(), key=lambda d: d.level)
    quota = {d.code: sizes["tasks"] // len(ordered) + (1 if i < sizes["tasks"] % len(ordered) else 0)
             for i, d in enumerate(ordered)}
    upper_tasks = {}
    for d in ordered:
        batch, batch_units = [], []
        local = by_div.get(d.pk) or units[:1]
        above = upper_tasks.get(d.parent.code, []) if d.parent_id else []
        for n in range(1, quota[d.code] + 1):
            state = rng.choice(states)
            chosen = [local[0] if rng.random() < 0.3 else rng.choice(local)]
            for extra in rng.sample(local, min(len(local), rng.randint(0, 2))):
                if extra not in chosen:
                    chosen.append(extra)
            problem = rng.choice(problems) if rng.random() < 0.5 else None
            deadline = dt.date(2021, 6, 30) + dt.timedelta(days=rng.randint(0, 6 * 365))
            task = Task(
                plan=plans[d.code], number=str(n), problem=problem, division=d, lead_unit=chosen[0],
                parent=rng.choice(above) if above and rng.random() < 0.3 else None,
                target="".join(rng.sample(pool, rng.randint(1, 2))),
                measures="，".join(rng.sample(pool, rng.randint(2, 5))) + "。",
                responsible_people=_person(rng), supervising_leader=_person(rng),
                deadline=deadline if rng.random() < 0.95 else None, deadline_text="长期坚持",
                category=rng.choice(Category.values), state=state,
                progress=100 if state in (TaskState.COMPLETED, TaskState.SIGNED_OFF) else rng.randint(0, 95),
                progress_note="".join(rng.sample(pool, 1)) if state != TaskState.NOT_STARTED else "",
            )
            task.search_text = search_text(task, chosen, problem.description if problem else "")
            task.sort_key = natural_key(task.number)
            batch.append(task)
            batch_units.append(chosen)
        Task.objects.bulk_create(batch, batch_size=2000)
        TaskUnit.objects.bulk_create(
            [TaskUnit(task=t, unit=u, position=i) for t, us in zip(batch, batch_units) for i, u in enumerate(us)],
            batch_size=5000,
        )
        Task.domains.through.objects.bulk_create(
            [Task.domains.through(task_id=t.pk, pollutiondomain_id=p.pk)
             for t in batch for p in rng.sample(domains, rng.randint(1, 2))], batch_size=5000,
        )
        if d.level < 3:
            upper_tasks[d.code] = batch
    city = divisions[CITY]
    officer_unit = Unit.objects.get(division__code=OFFICER_UNIT[0], name__endswith=OFFICER_UNIT[1])
    office = by_div[city.pk][0]
    User.objects.create_user(username=USERS["admin"], role=Role.ADMIN, unit=office)
    User.objects.create_user(username=USERS["coordinator"], role=Role.COORDINATOR, unit=office, scope=city)
    User.objects.create_user(username=USERS["officer"], role=Role.OFFICER, unit=officer_unit)


def finish():
    """Planner statistics and a compact FTS index, as a database in service would have."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO ledger_task_fts(ledger_task_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")
            # The load is one transaction: without this its ~280 MB WAL file stays beside the database.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            cursor.execute("VACUUM ANALYZE")
