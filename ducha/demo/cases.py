"""Complaint cases in the 丽水市 demo: a provincial inspection (浙江省第三生态环境保护督察, 7 working days)
with twelve daily batches written in the style of published transfer lists — the standard columns, a
Traditional-script mirror, a provincial list without numbers — imported through the importer as a
coordinator would; routing rules per county; most batches routed, handled, reviewed; key cases; one case
staged into a ledger task; a few areas no division matches, waiting for routing (待分办)."""

import csv
import datetime as dt
import io
import random

import opencc

from ducha.cases import actions
from ducha.cases.importing import import_batch
from ducha.cases.models import Case, CaseSetup, Review, Routing, RoutingRule
from ducha.jurisdictions.services import create_unit
from ducha.ledger.models import Inspection

from .units import COUNTIES

CODE = "ZJ-S3-LS"
BATCHES = 12
STANDARD = ["序号", "受理编号", "交办问题基本情况", "行政区域", "污染类型", "调查核实情况", "是否属实", "处理和整改情况",
            "责任人被处理情况"]
PROVINCIAL = ["序号", "举报内容", "举报区县", "举报地点", "问题类型", "调查核实情况", "是否属实", "处理处罚和问责情况",
              "是否办结"]
# (complaint, types, finding, verdict, handling)
COMPLAINTS = [
    ("{place}某石材加工厂夜间生产，粉尘和噪声扰民。", "大气、噪声", "现场核查，该厂降尘设施未正常运行。", "属实",
     "责令停产整改，立案处罚1家，罚款3.2万元。"),
    ("{place}某养殖场粪污直排附近溪流，水体发黑发臭。", "水\n畜禽养殖污染", "养殖场雨污分流不彻底，存在渗漏。",
     "部分属实", "责令限期完成雨污分流和粪污收集池改造。"),
    ("{place}某餐饮店油烟直排，影响楼上居民。", "油烟", "该店油烟净化设施未开启。", "属实", "责令整改，已加装并开启净化设施。"),
    ("{place}某建筑工地渣土车未密闭运输，道路扬尘严重。", "扬尘", "现场检查工地出入口冲洗设施运行正常。", "基本属实",
     "约谈施工单位负责人，加强道路保洁。"),
    ("{place}某化工企业夜间排放刺激性气体。", "大气", "企业废气处理设施运行正常，监测结果达标。", "不属实",
     "向举报人反馈核查结果，继续加强监管。"),
    ("{place}某河道有人非法采砂，破坏河床。", "生态破坏", "发现一处非法采砂点，已停止作业。", "属实",
     "没收采砂设备，立案查处，罚款5万元。"),
    ("{place}某废品收购站露天焚烧垃圾，黑烟扰民。", "大气、固废", "现场发现焚烧痕迹。", "属实",
     "责令清理现场，罚款5000元。"),
    ("{place}某KTV夜间噪声扰民。", "噪声", "夜间监测噪声超标。", "属实", "责令整改，已加装隔音设施。"),
]
PLACES = {key: name for key, (_code, name) in COUNTIES.items()}
UNMATCHED = ["城郊结合部某村", "某工业园区旁"]


_S2T = opencc.OpenCC("s2t")


def _inspection(loader):
    setup = CaseSetup.objects.filter(code=CODE).select_related("inspection").first()
    if setup is not None:
        return setup.inspection, False
    from ducha.ledger import actions as ledger

    inspection = ledger.create_inspection(
        acting_user=loader.users["admin"], name="浙江省第三生态环境保护督察（丽水市）",
        level=Inspection.Level.PROVINCIAL, round_number=3, team="浙江省第三生态环境保护督察组",
        division=loader.divisions["331100"], on_site_start=loader.today - dt.timedelta(days=40))
    # Cases needing longer rectification become tasks of the inspection's own plan, not of the central
    # inspection's plan (whose eleven tasks are the published ones).
    plan = ledger.create_plan(
        acting_user=loader.users["coordinator"], code="LS-XF-2026", title="浙江省第三生态环境保护督察信访件整改任务",
        issuer="丽水市生态环境保护督察整改工作领导小组办公室", issued_on=loader.today - dt.timedelta(days=30),
        division=loader.divisions["331100"], inspection=inspection)
    CaseSetup.objects.create(inspection=inspection, code=CODE, plan=plan)
    return inspection, True


def _rules(loader, inspection):
    if RoutingRule.objects.filter(inspection=inspection).exists():
        return
    for key, (code, _name) in COUNTIES.items():
        RoutingRule.objects.create(inspection=inspection, division=loader.divisions[code],
                                   lead_unit=loader.units[f"{key}_gov"])
    zone = create_unit(acting_user=None, name="丽水经济技术开发区管理委员会", kind="government",
                       division=loader.divisions["331100"], aliases="经济技术开发区\n经开区\n丽水经开区")
    loader.units["zone"] = zone


def _rows(batch, rng, date, provincial, traditional):
    rows = []
    counties = list(PLACES.items())
    for serial in range(1, rng.randint(8, 12) + 1):
        key, county = counties[(batch * 3 + serial) % len(counties)]
        complaint, types, finding, verdict, handling = COMPLAINTS[(batch + serial) % len(COMPLAINTS)]
        area = county if serial % 3 else f"丽水市{county}"
        if serial == 5 and batch in (3, 7, 11):
            area = UNMATCHED[(batch // 4) % 2]
        if serial == 6 and batch % 4 == 2:
            area = "丽水经济技术开发区"
        text = complaint.format(place=county if area.endswith(county) else area)
        done = batch <= 8
        if provincial:
            rows.append([serial, text, area, f"{area}某街道", types, finding if done else "", "是" if done else "",
                         handling if done else "", "是" if done else ""])
            continue
        number = f"{'DX'[serial % 2]}3ZJ{date:%Y%m%d}{batch * 100 + serial:04d}" + ("*" if serial == 2 else "")
        rows.append([serial, number, text, area, types, finding if done else "", verdict if done else "",
                     handling if done else "", "无" if done else ""])
    if traditional:
        convert = _S2T.convert
        rows = [[convert(c) if isinstance(c, str) else c for c in row] for row in rows]
    return rows


def _csv(header, rows, title):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title])
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _handle(loader, inspection, created):
    coord = loader.users["coordinator"]
    rng = random.Random(7)
    for case in Case.objects.filter(inspection=inspection, routing=Routing.PROPOSED).order_by("id"):
        actions.route_case(acting_user=coord, case=case, lead_unit=case.lead_unit)
    for case in Case.objects.filter(inspection=inspection, batch__number__lte=8, routing=Routing.CONFIRMED,
                                    reported_at__isnull=True).order_by("id"):
        if not case.handling:
            continue
        case = actions.report_handling(acting_user=coord, case=case)
        if rng.random() < 0.85:
            actions.review_case(acting_user=coord, case=case, approve=True)
    staged = Case.objects.filter(inspection=inspection, batch__number=2, verdict="partly", task__isnull=True,
                                 routing=Routing.CONFIRMED).first()
    if staged is not None and not Case.objects.filter(inspection=inspection, task__isnull=False).exists():
        actions.take(acting_user=coord, case=staged, name="stage", deadline=loader.today + dt.timedelta(days=120),
                     measures="完成养殖场雨污分流和粪污收集池改造，县农业农村局跟踪验收。")
        created["case_tasks"] += 1
    for case in Case.objects.filter(inspection=inspection, batch__number__lte=6, state="handling",
                                    review=Review.APPROVED, task__isnull=True).order_by("id")[:40]:
        actions.take(acting_user=coord, case=case, name="close")


def load_cases(loader):
    """Load the demo's complaint cases (idempotent: a batch already there is left alone)."""
    from collections import Counter

    created = Counter()
    inspection, new = _inspection(loader)
    created["inspections"] += int(new)
    _rules(loader, inspection)
    rng = random.Random(2026)
    start = loader.today - dt.timedelta(days=30)
    for batch in range(1, BATCHES + 1):
        date = start + dt.timedelta(days=batch * 2)
        if inspection.case_batches.filter(number=batch).exists():
            continue
        provincial, traditional = batch % 4 == 0, batch % 5 == 0
        header = PROVINCIAL if provincial else STANDARD
        title = f"浙江省第三生态环境保护督察组交办信访件一览表（第{batch}批）"
        rows = _rows(batch, rng, date, provincial, traditional)
        if traditional:
            header = [_S2T.convert(h) for h in header]
            title = _S2T.convert(title)
        report = import_batch(acting_user=loader.users["coordinator"], inspection=inspection, batch_number=batch,
                              file=_csv(header, rows, title), transferred_on=date, dry_run=False,
                              source_name=f"第{batch}批交办清单.csv")
        if not report.ok:
            raise RuntimeError(f"demo batch {batch}: {report.errors[:3]}")
        created["cases"] += report.created
    if created["cases"]:
        _handle(loader, inspection, created)
    return created
