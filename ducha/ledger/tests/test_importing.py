"""Importing a ledger: units, counties, row errors, all-or-nothing, re-import."""

import datetime as dt
import io

import pytest

from ducha.audit.models import AuditEntry
from ducha.jurisdictions.models import Unit, UnitKind
from ducha.ledger.importing import import_ledger
from ducha.ledger.models import Plan, Problem, Task

HEAD = ["序号", "问题", "整改目标", "整改措施", "责任单位", "整改时限"]


def run(world, content, user="coord", dry_run=False, create_units=False, plan_code="LS-2021", **kwargs):
    return import_ledger(acting_user=world.users[user], plan_code=plan_code, file=io.BytesIO(content),
                         dry_run=dry_run, create_units=create_units, **kwargs)


def errors(report):
    return [(e.row, e.column, e.reason) for e in report.errors]


def test_units_cell_lead_first_and_counties_expanded(world, ledger_xlsx):
    content = ledger_xlsx([
        HEAD,
        ["9", "扬尘", "扬尘整改到位", "整治", "市生态环境局、市发改委，各县（市、区）党委和政府", "2021年12月底前"],
    ])
    report = run(world, content)
    assert report.ok and report.created == 3
    parent = Task.objects.get(number="9")
    assert parent.lead_unit == world.units["eco"]
    assert parent.ordered_units() == [world.units[k] for k in ("eco", "ndrc", "ld_gov", "qt_gov")]
    children = {t.number: t for t in parent.children.all()}
    assert sorted(children) == ["9-1", "9-2"]
    assert children["9-1"].ordered_units() == [world.units["ld_gov"]] and children["9-1"].division == world.div["ld"]
    assert children["9-2"].ordered_units() == [world.units["qt_gov"]] and children["9-2"].division == world.div["qt"]
    assert children["9-1"].problem == parent.problem and children["9-1"].deadline == dt.date(2021, 12, 31)
    assert [r["操作"] for r in report.rows] == ["新增"] * 3


@pytest.mark.parametrize("cell", [
    "各县（市、区）", "各县(市、区)党委、政府", "各县（市、区）人民政府", "各区县政府",
])
def test_collective_forms(world, ledger_xlsx, cell):
    report = run(world, ledger_xlsx([HEAD, ["3", "污水", "污水整改到位", "整治", cell, "2022年6月"]]))
    assert report.ok, errors(report)
    assert sorted(Task.objects.values_list("number", flat=True)) == ["3", "3-1", "3-2"]
    assert Task.objects.get(number="3").lead_unit == world.units["ld_gov"]


@pytest.mark.parametrize("name, key", [
    ("丽水市生态环境局", "eco"), ("市生态环境局", "eco"), ("市发改委", "ndrc"), ("莲都区政府", "ld_gov"),
    ("莲都区党委和政府", "ld_gov"), ("莲都区人民政府", "ld_gov"), ("丽水市莲都区人民政府", "ld_gov"),
    ("丽水市生态环境局（莲都分局）", None), ("丽水市生态环境局莲都分局", "ld_eco"), ("青田县党委、政府", "qt_gov"),
])
def test_unit_name_variants(world, ledger_xlsx, name, key):
    report = run(world, ledger_xlsx([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", name, "2022年6月"]]), dry_run=True)
    if key is None:
        assert errors(report) == [(2, "责任单位", f"未知单位“{name}”（可勾选“自动创建未知单位”，或先在系统中登记该单位）")]
    else:
        assert report.ok, errors(report)
        run(world, ledger_xlsx([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", name, "2022年6月"]]))
        assert Task.objects.get(number="1").lead_unit == world.units[key]


def test_short_names_and_full_width_brackets(world, ledger_xlsx):
    world.units["eco"].short_name = "市环境局(督察)"
    world.units["eco"].save()
    assert run(world, ledger_xlsx([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "市环境局（督察）", "2022年6月"]])).ok


def test_unknown_units_are_errors_or_created_when_asked(world, ledger_xlsx):
    content = ledger_xlsx([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "丽水市城市管理局、丽水市生态环境局", "2022年6月"],
                           ["2", "扬尘", "扬尘整改到位", "整治", "丽水市城市管理局", "2022年6月"]])
    report = run(world, content)
    assert [e[:2] for e in errors(report)] == [(2, "责任单位"), (3, "责任单位")]
    assert not Task.objects.exists() and not Unit.objects.filter(name="丽水市城市管理局").exists()
    report = run(world, content, create_units=True)
    assert report.ok and report.units_created == ["丽水市城市管理局"]
    unit = Unit.objects.get(name="丽水市城市管理局")
    assert unit.division == world.div["ls"] and unit.kind == UnitKind.DEPARTMENT
    assert Task.objects.get(number="2").lead_unit == unit
    assert AuditEntry.objects.filter(object_type="jurisdictions.unit", object_id=str(unit.pk),
                                     actor_name="coord").exists()


def test_every_bad_row_is_reported_and_nothing_written(world, ledger_xlsx):
    content = ledger_xlsx([
        ["整改任务清单"],
        HEAD + ["污染领域"],
        ["1", "扬尘", "扬尘整改到位", "整治", "丽水市生态环境局", "明年", "大气"],
        [None, None, None, None, None, None, None],
        ["2", "污水", "污水整改到位", "整治", "丽水市生态环境局", "2022年6月", "水"],
        ["2", "污水", "污水整改到位", "整治", "丽水市生态环境局", "2022年6月", "水"],
        ["3", "污水", "污水整改到位", "整治", "丽水市环保局", "2022年6月", "水"],
        ["4", "污水", "污水整改到位", "整治", "丽水市生态环境局", "2022年6月", "光污染"],
        ["", "污水", "污水整改到位", "整治", "丽水市生态环境局", "2022年6月", "水"],
    ])
    report = run(world, content)
    assert errors(report) == [
        (3, "整改时限", "无法识别的整改时限“明年”"),
        (6, "序号", "序号“2”重复（第 5 行已使用）"),
        (7, "责任单位", "未知单位“丽水市环保局”（可勾选“自动创建未知单位”，或先在系统中登记该单位）"),
        (8, "污染领域", "无法识别的污染领域“光污染”（可选：大气、水、土壤、固废、生态、噪声、辐射、海洋、其他）"),
        (9, "序号", "缺少序号"),
    ]
    assert not Task.objects.exists() and not Problem.objects.exclude(pk=world.problem.pk).exists()


def test_an_action_refusal_rolls_back_every_row(world, ledger_xlsx, make_task, monkeypatch):
    """The task rules refuse the second row while checking the batch: nothing stays, not even the first row."""
    from django.core.exceptions import ValidationError

    from ducha.ledger.actions import rules

    make_task(number="5")
    before = (Task.objects.count(), Problem.objects.count(), AuditEntry.objects.count())
    original, calls = rules.check_task, []

    def refuse_the_second(task, units, stages, **kwargs):
        calls.append(task.number)
        if len(calls) == 2:
            raise ValidationError({"deadline": ["模拟的规则校验失败"]})
        return original(task, units, stages, **kwargs)

    monkeypatch.setattr(rules, "check_task", refuse_the_second)
    content = ledger_xlsx([HEAD, ["6", "扬尘", "扬尘整改到位", "整治", "丽水市生态环境局", "2022年6月"],
                           ["7", "污水", "污水整改到位", "整治", "丽水市生态环境局", "2022年6月"],
                           ["5", "扬尘", "扬尘整改到位", "改过的措施", "丽水市生态环境局", "2022年6月"]])
    report = run(world, content)
    assert calls == ["6", "7", "5"]
    assert errors(report) == [(3, "整改时限", "模拟的规则校验失败")]
    assert (Task.objects.count(), Problem.objects.count(), AuditEntry.objects.count()) == before
    assert Task.objects.get(number="5").measures != "改过的措施"


def test_no_permission_for_another_division(world, ledger_xlsx):
    wz_plan = Plan.objects.create(code="WZ-2021", title="温州市整改方案", division=world.div["wz"])
    report_error = None
    try:
        run(world, ledger_xlsx([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "温州市生态环境局", "2022年6月"]]), plan_code=wz_plan.code)
    except Exception as error:  # noqa: BLE001 - the message is what is checked
        report_error = error
    assert "无权向方案“WZ-2021”导入整改任务" in str(report_error)
    assert not Task.objects.exists()


def test_reimport_is_idempotent_and_updates_what_changed(world, ledger_xlsx):
    rows = [HEAD + ["污染领域"],
            ["1", "扬尘", "扬尘整改到位", "整治", "丽水市生态环境局、各县（市、区）", "2021年12月底前", "大气"],
            ["2", "污水", "污水整改到位", "整治", "丽水市发展和改革委员会", dt.date(2022, 6, 30), "水"],
            ["3", "矿山", "矿山整改到位", "复绿", "莲都区政府", "立行立改，长期坚持", ""]]
    first = run(world, ledger_xlsx(rows))
    assert (first.created, first.updated, first.unchanged) == (5, 0, 0)
    audit_count = AuditEntry.objects.count()
    again = run(world, ledger_xlsx(rows))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert {r["操作"] for r in again.rows} == {"未变"}
    assert Task.objects.count() == 5 and AuditEntry.objects.count() == audit_count
    rows[2][3] = "加快污水管网建设"
    changed = run(world, ledger_xlsx(rows))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 4)
    assert Task.objects.get(number="2").measures == "加快污水管网建设"
    assert Task.objects.get(number="3").category == "long_term" and Task.objects.get(number="3").deadline is None


def test_dry_run_writes_nothing_and_previews_actions(world, ledger_xlsx):
    report = run(world, ledger_xlsx([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "丽水市生态环境局", "2022年6月"]]), dry_run=True,
                 plan_code="NEW-PLAN")
    assert report.ok and report.created == 1 and report.rows[0]["操作"] == "新增"
    assert report.rows[0]["责任单位"] == "丽水市生态环境局"
    assert not Plan.objects.filter(code="NEW-PLAN").exists() and not Task.objects.exists()


def test_missing_plan_is_created_in_the_users_scope_with_the_title_row(world, ledger_xlsx):
    content = ledger_xlsx([["莲都区整改任务清单"], HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "莲都区人民政府", "2022年6月"]])
    report = run(world, content, plan_code="LD-2021", division="331102")
    assert report.ok and report.plan_created
    plan = Plan.objects.get(code="LD-2021")
    assert plan.division == world.div["ld"] and plan.title == "莲都区整改任务清单"
    assert Task.objects.get(plan=plan, number="1").division == world.div["ld"]


def test_staged_deadline_keeps_its_stages(world, ledger_xlsx):
    cell = "2021年底前取得阶段性成效，2023年12月底前全面完成"
    assert run(world, ledger_xlsx([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "丽水市生态环境局", cell]])).ok
    task = Task.objects.get(number="1")
    assert task.category == "staged" and task.deadline == dt.date(2023, 12, 31) and task.deadline_text == cell
    assert [(s.name, s.due) for s in task.stages.all()] == [("2021年底前取得阶段性成效", dt.date(2021, 12, 31)),
                                                         ("2023年12月底前全面完成", dt.date(2023, 12, 31))]


def test_an_ambiguous_name_is_an_error_naming_the_candidates(world, ledger_xlsx):
    world.units["ld_eco"].aliases = "市生态环境局"
    world.units["ld_eco"].save()
    world.units["eco"].division = world.div["ld"]  # both now sit in 莲都区, neither in the plan's own division
    world.units["eco"].save()
    report = run(world, ledger_xlsx([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "市生态环境局", "2022年6月"]]))
    assert len(report.errors) == 1 and report.errors[0].reason.startswith("单位“市生态环境局”不唯一")
    assert "丽水市生态环境局莲都分局" in report.errors[0].reason


def test_create_units_guesses_the_kind_and_creates_missing_county_governments(world, ledger_xlsx):
    world.units["qt_gov"].kind = UnitKind.DEPARTMENT  # 青田县 now has no government unit
    world.units["qt_gov"].name = "青田县人民政府办公室"
    world.units["qt_gov"].save()
    content = ledger_xlsx([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "丽水市城投集团有限公司、各县（市、区）", "2022年6月"]])
    report = run(world, content)
    assert [e.reason for e in report.errors] == ["未知单位“丽水市城投集团有限公司”（可勾选“自动创建未知单位”，或先在系统中登记该单位）",
                                                 "青田县没有登记政府单位，无法展开“各县（市、区）”"]
    report = run(world, content, create_units=True)
    assert report.ok and sorted(report.units_created) == ["丽水市城投集团有限公司", "青田县人民政府"]
    assert Unit.objects.get(name="丽水市城投集团有限公司").kind == UnitKind.ENTERPRISE
    government = Unit.objects.get(name="青田县人民政府", kind=UnitKind.GOVERNMENT)
    assert government.division == world.div["qt"]
    assert Task.objects.get(number="1-2").lead_unit == government


def test_division_column_must_name_a_division_of_the_plan(world, ledger_xlsx):
    content = ledger_xlsx([HEAD + ["所属区划"], ["1", "扬尘", "扬尘整改到位", "整治", "丽水市生态环境局", "2022年6月", "温州市"],
                           ["2", "扬尘", "扬尘整改到位", "整治", "丽水市生态环境局", "2022年6月", "青田县"]])
    report = run(world, content)
    assert errors(report) == [(2, "所属区划", "“温州市”不是丽水市或其下级区划")]
    report = run(world, ledger_xlsx([HEAD + ["所属区划"], ["2", "扬尘", "扬尘整改到位", "整治", "丽水市生态环境局", "2022年6月", "青田县"]]))
    assert report.ok and Task.objects.get(number="2").division == world.div["qt"]


def test_by_deadline_category_needs_a_date(world, ledger_xlsx):
    content = ledger_xlsx([HEAD + ["整改类别"], ["1", "扬尘", "扬尘整改到位", "整治", "丽水市生态环境局", "长期坚持", "限期整改"],
                           ["2", "扬尘", "扬尘整改到位", "整治", "丽水市生态环境局", "长期坚持", "每周"]])
    assert errors(run(world, content)) == [
        (2, "整改时限", "限期整改任务必须有整改时限。"),
        (2, "整改类别", "时限原文“长期坚持”表明为长期坚持，与整改类别“限期整改”不一致。"),
        (3, "整改类别", "无法识别的整改类别“每周”（应为立行立改、限期整改、分阶段或长期坚持）"),
    ]
