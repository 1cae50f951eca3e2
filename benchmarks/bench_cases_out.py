"""Complaint cases, outward side: the disclosure table and repeat detection at scale (issue 10).

    python -m benchmarks cases_out -- [--pg URL] [--earlier 300000] [--batch 5000] [--disclose 500] [--small]

Sets up its own database (a fresh SQLite file under benchmarks/data/, or the PostgreSQL database named in
--pg, dropped and re-created), migrates it, then:

- disclosure: a batch of --disclose reviewed cases with texts of real length (300–600 characters, with
  phone numbers to mask); times building the public table and summary and rendering it as xlsx and as
  docx. Target ≤ 3 s each.
- repeats: --earlier cases (texts generated from place, company and problem phrases, so they share
  template wording as real complaints do) with their LSH band keys stored, then a new batch of --batch
  cases (3% near-copies of earlier ones, 1% citing an earlier number); times find_repeats over the new
  batch — fingerprinting it, looking its bands up among all earlier cases, verifying candidates by exact
  Jaccard and recording the proposals with their audit entries. Target (with the import) ≤ 15 s.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DATA_DIR = Path(__file__).resolve().parent / "data"
DISCLOSE_TARGET_S, REPEATS_TARGET_S = 3.0, 15.0
TOWNS = ["碧湖镇", "大港头镇", "老竹畲族镇", "雅溪镇", "丽新畲族乡", "峰源乡", "紫金街道", "岩泉街道", "万象街道",
         "白云街道", "联城街道", "南明山街道", "仁庄镇", "船寮镇", "温溪镇", "鹤城街道", "瓯南街道", "油竹街道"]
VILLAGES = ["下南山村", "上阁村", "新合村", "周巷村", "堰头村", "魏村", "石牛村", "高溪村", "资福村", "平原村", "章村"]
KINDS = ["石材厂", "砂场", "养殖场", "化工厂", "餐饮店", "工地", "木制品厂", "阀门厂", "搅拌站", "洗砂场", "印染厂"]
PROBLEMS = ["夜间生产噪声扰民", "粉尘污染严重，周边农田被覆盖", "废水未经处理直排附近溪流", "油烟未经净化直排",
            "运输车辆带泥上路，道路扬尘严重", "非法占用林地堆放废渣", "异味扰民，群众夜间无法开窗",
            "危险废物露天堆放无防渗措施", "爆破震动导致村民房屋开裂", "生活垃圾乱堆乱放未及时清运",
            "雨污混排，河道发黑发臭", "违规焚烧塑料垃圾，浓烟刺鼻", "未批先建，环保设施未建成即投产"]
TAILS = ["群众多次反映未果。", "要求依法查处。", "希望尽快整改到位。", "已持续两年之久。", "严重影响周边居民生活。"]


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m benchmarks cases_out --", description=__doc__.split("\n")[0])
    p.add_argument("--pg", metavar="URL", help="PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:5432/bench_cases")
    p.add_argument("--earlier", type=int, default=300_000)
    p.add_argument("--batch", type=int, default=5_000)
    p.add_argument("--disclose", type=int, default=500)
    p.add_argument("--small", action="store_true", help="20,000 earlier cases and a batch of 1,000")
    args = p.parse_args(argv)
    if args.small:
        args.earlier, args.batch = 20_000, 1_000
    return args


def _database_url(args):
    if not args.pg:
        DATA_DIR.mkdir(exist_ok=True)
        for stale in DATA_DIR.glob("cases_out.sqlite3*"):
            stale.unlink()
        return f"sqlite:///{DATA_DIR / 'cases_out.sqlite3'}"
    import psycopg

    parts = urlsplit(args.pg)
    dbname = parts.path.lstrip("/") or "bench_cases"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{dbname}"')
    return urlunsplit(parts._replace(path="/" + dbname))


NAME_CHARS = "华东鑫源恒泰丰瑞金盛达通宏远兴旺佳利豪顺安新美嘉和康晟宇辰卓越信诚博广润中天万隆永昌银河联合建业浙丽青瓯松龙云景庆缙遂"
DETAILS = ["{h}时至{h2}时", "每天约{n}车次", "排放口位于{d}米外", "厂区面积约{n}亩", "已有{n}户村民受影响",
           "距离居民区不足{d}米", "堆放量约{n}吨", "自{y}年起", "涉及溪段约{d}米"]


def _company(rng):
    return "".join(rng.choice(NAME_CHARS) for _ in range(rng.choice((2, 3, 4)))) + rng.choice(
        ["有限公司", "实业有限公司", "建材厂", "科技有限公司", "专业合作社"])


def _detail(rng):
    return rng.choice(DETAILS).format(h=rng.randrange(18, 24), h2=rng.randrange(1, 6), n=rng.randrange(3, 900),
                                      d=rng.randrange(20, 2000), y=rng.randrange(2015, 2024))


def text(rng, long=False):
    parts = [f"丽水市莲都区{rng.choice(TOWNS)}{rng.choice(VILLAGES)}{_company(rng)}（{rng.choice(KINDS)}）"
             f"{rng.choice(PROBLEMS)}，{_detail(rng)}，{rng.choice(PROBLEMS)}，{_detail(rng)}，{_detail(rng)}，"
             f"{rng.choice(TAILS)}"]
    while long and sum(map(len, parts)) < rng.randrange(300, 600):
        parts.append(f"举报人反映，联系电话138{rng.randrange(10**7, 10**8)}，{rng.choice(PROBLEMS)}，{rng.choice(TAILS)}")
    return "".join(parts)


def _world():
    from ducha.cases.models import CaseSetup
    from ducha.jurisdictions.models import Division, Unit, UnitKind
    from ducha.ledger.models import Inspection

    zj = Division.objects.create(code="330000", name="浙江省", level=1)
    ls = Division.objects.create(code="331100", name="丽水市", level=2, parent=zj)
    ld = Division.objects.create(code="331102", name="莲都区", level=3, parent=ls)
    unit = Unit.objects.create(name="莲都区人民政府", kind=UnitKind.GOVERNMENT, division=ld)
    # The earlier cases spread over 99 counties (a province has about 90; 300,000 cases of rounds 1 and 2
    # spread over some 2,800 nationwide, so this is the denser case).
    global COUNTIES
    COUNTIES = [ld.pk] + [Division.objects.create(code=f"33{c:02d}{n:02d}", name=f"县{c}-{n}", level=3,
                                                  parent=ls).pk
                          for c in range(20, 31) for n in range(1, 10)][:98]
    inspection = Inspection.objects.create(name="浙江省第三轮生态环境保护督察", level="provincial", round_number=3,
                                           division=ls)
    CaseSetup.objects.create(inspection=inspection, code="bench")
    return inspection, ld, unit


COUNTIES = []


def _cases(inspection, division, unit, batch_number, texts, reviewed=False, start=0, places=None):
    from ducha.cases.models import Batch, Case, CaseState, Review, Verdict

    day = dt.date(2024, 6, 1) + dt.timedelta(days=batch_number)
    batch = Batch.objects.create(inspection=inspection, number=batch_number, transferred_on=day)
    rows = [Case(inspection=inspection, batch=batch, serial=i + 1, number=f"D3ZJ{day:%Y%m%d}{i:04d}",
                 summary=t, area_text="莲都区", division_id=places[i] if places else division.pk, lead_unit=unit,
                 transferred_on=day, scope_path=division.path,
                 investigation=t[:200], verdict=Verdict.TRUE, handling="责令整改，罚款2万元。" + t[:150],
                 state=CaseState.DONE, review=Review.APPROVED if reviewed else Review.NONE)
            for i, t in enumerate(texts)]
    Case.objects.bulk_create(rows, batch_size=2000)
    return batch


def _disclose(args, world):
    from ducha.cases.disclosure import batch_summary, public_table
    from ducha.cases.disclosure.rendering import render

    rng = random.Random(7)
    batch = _cases(*world, 900, [text(rng, long=True) for _ in range(args.disclose)], reviewed=True, start=9_000_000)
    for kind in ("xlsx", "docx"):
        started = time.perf_counter()
        data = render(public_table(batch), batch_summary(batch), kind)
        seconds = time.perf_counter() - started
        ok = "met" if seconds <= DISCLOSE_TARGET_S else "NOT met"
        print(f"  disclosure {kind}: {args.disclose} cases in {seconds:.2f} s ({len(data) / 1e6:.2f} MB); "
              f"target ≤ {DISCLOSE_TARGET_S:.0f} s: {ok}", flush=True)


def _repeats(args, world):
    from ducha.cases import repeats
    from ducha.cases.actions.repeats import find_repeats
    from ducha.cases.models import Case, RepeatLink

    rng = random.Random(11)
    earlier = [text(rng) for _ in range(args.earlier)]
    where = [rng.choice(COUNTIES) for _ in range(args.earlier)]
    started = time.perf_counter()
    per_batch = 10_000
    for n, first in enumerate(range(0, args.earlier, per_batch), start=1):
        _cases(*world, n, earlier[first:first + per_batch], start=first, places=where[first:first + per_batch])
    made = time.perf_counter() - started
    started = time.perf_counter()
    rows = list(Case.objects.values_list("pk", "summary", "division_id").iterator(chunk_size=10_000))
    for first in range(0, len(rows), 20_000):
        repeats.fingerprint(rows[first:first + 20_000])
    print(f"  setup: {args.earlier} earlier cases in {made:.1f} s, their band keys in "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    new, new_where = [], []
    for i in range(args.batch):
        roll = rng.random()
        new_where.append(rng.choice(COUNTIES))
        if roll < 0.03:
            source = rng.randrange(args.earlier)
            new.append(earlier[source].replace("附近", "旁边") + "至今仍未整改。")
            new_where[-1] = where[source]
        elif roll < 0.04:
            new.append(f"反映D3ZJ{dt.date(2024, 6, 2):%Y%m%d}{rng.randrange(per_batch):04d}件问题仍未解决。" + text(rng))
        else:
            new.append(text(rng))
    batch = _cases(*world, 800, new, start=8_000_000, places=new_where)
    started = time.perf_counter()
    found = find_repeats(batch.cases.all(), acting_user=None)
    seconds = time.perf_counter() - started
    reasons = {r: RepeatLink.objects.filter(reason=r).count() for r in ("cited", "similar")}
    ok = "met" if seconds <= REPEATS_TARGET_S else "NOT met"
    print(f"  repeats: batch of {args.batch} against {args.earlier} earlier in {seconds:.2f} s, {found} proposals "
          f"({reasons}); target ≤ {REPEATS_TARGET_S:.0f} s: {ok}", flush=True)


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    url = _database_url(args)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ducha.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    print(f"database: {'PostgreSQL' if args.pg else 'SQLite'}", flush=True)
    world = _world()
    _disclose(args, world)
    _repeats(args, world)


if __name__ == "__main__":
    main()
