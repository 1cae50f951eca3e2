"""The importer reads the office's own ledger layout: header words, title rows, merged cells."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError

from ducha.ledger.importing import import_ledger
from ducha.ledger.models import Task


def run(world, content, user="coord", dry_run=False, **kwargs):
    return import_ledger(acting_user=world.users[user], plan_code=kwargs.pop("plan_code", "LS-2021"),
                         file=io.BytesIO(content), dry_run=dry_run, create_units=kwargs.pop("create_units", False),
                         **kwargs)


@pytest.mark.parametrize("number, problem, target, measures, units, co_units, deadline, leader, note", [
    ("序号", "问题", "整改目标", "整改措施", "责任单位", "配合单位", "整改时限", "督办领导", "完成情况"),
    ("问题序号", "具体内容", "目标任务", "重点措施", "整改实施主体", "责任部门", "完成时限", "包抓领导", "目前进展情况"),
    ("编号", "问题简述", "整改目标", "整改措施", "牵头单位", "配合单位", "整改时限", "督办领导", "完成情况"),
    ("序号", "整改问题", "整改目标", "整改措施", "责任单位", "配合单位", "整改时限", "包抓领导", "完成情况"),
])
def test_every_header_variant_maps_to_the_same_task(world, ledger_xlsx, number, problem, target, measures, units,
                                                      co_units, deadline, leader, note):
    content = ledger_xlsx([
        [number, problem, target, measures, units, co_units, "责任人", deadline, "督导单位", leader, note],
        ["1", "城区扬尘污染突出", "扬尘得到控制", "开展扬尘专项整治", "丽水市生态环境局", "市发改委", "张三",
         "2021年12月底前", "丽水市生态环境保护督察整改工作领导小组办公室", "李四", "已完成80%"],
    ])
    report = run(world, content)
    assert report.ok, report.errors
    task = Task.objects.get(plan=world.plan, number="1")
    assert task.problem.description == "城区扬尘污染突出"
    assert (task.target, task.measures, task.responsible_people, task.supervising_leader, task.progress_note) == (
        "扬尘得到控制", "开展扬尘专项整治", "张三", "李四", "已完成80%")
    assert task.ordered_units() == [world.units["eco"], world.units["ndrc"]]
    assert task.supervising_unit == world.units["office"]
    assert task.deadline == dt.date(2021, 12, 31)


def test_optional_columns_category_domain_acceptance_state_progress(world, ledger_xlsx):
    content = ledger_xlsx([
        ["序号", "问题", "整改目标", "整改措施", "责任单位", "整改时限", "整改类别", "污染领域", "验收单位", "整改状态",
         "进度"],
        ["1", "扬尘", "扬尘整改到位", "专项整治", "丽水市生态环境局", "2022年6月底", "分阶段", "大气污染、水",
         "丽水市发展和改革委员会", "正在整改", "60%"],
        ["2", "污水", "污水不再直排", "管网改造", "丽水市生态环境局", "2021年12月底前", "", "水", "", "已完成", ""],
    ])
    report = run(world, content)
    assert report.ok, report.errors
    one, two = Task.objects.get(number="1"), Task.objects.get(number="2")
    assert one.category == "staged" and [d.name for d in one.domains.all()] == ["大气", "水"]
    assert one.acceptance_unit == world.units["ndrc"] and one.state == "in_progress" and one.progress == 60
    assert two.category == "by_deadline" and two.state == "completed" and two.progress == 100


def test_header_below_title_rows_with_merged_cells_and_messy_names(world, ledger_xlsx):
    content = ledger_xlsx([
        ["丽水市贯彻落实中央生态环境保护督察反馈意见整改任务清单"],
        ["填报单位：丽水市整改办", None, None, "2021年10月"],
        ["序 号", "整改\n问题", "整改 目标", "整改措施", "责任单位（牵头）", "整改时限：", "进度（%）"],
        ["一、大气污染问题"],
        ["1", "扬尘污染", "扬尘整改到位", "专项整治", "丽水市生态环境局", "2021年12月底前", 50],
        ["2", None, "道路扬尘受控", "道路保洁", "丽水市生态环境局", "2022年6月", 0.3],
    ], merges=("A1:G1", "A4:G4", "B5:B6"))
    report = run(world, content)
    assert report.ok, report.errors
    assert report.created == 2
    # A problem cell merged over two rows belongs to both.
    assert Task.objects.get(number="2").problem.description == "扬尘污染"
    assert Task.objects.get(number="2").progress == 30
    assert Task.objects.get(number="1").progress == 50


def test_two_row_header_under_a_merged_cell(world, ledger_xlsx):
    content = ledger_xlsx([
        ["序号", "问题", "整改目标", "整改措施", "责任单位", None, "整改时限"],
        [None, None, None, None, "牵头单位", "配合单位", None],
        ["1", "扬尘", "扬尘整改到位", "专项整治", "丽水市生态环境局", "丽水市发展和改革委员会", "2022年6月"],
    ], merges=("A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1", "G1:G2"))
    assert run(world, content).ok
    assert Task.objects.get(number="1").ordered_units() == [world.units["eco"], world.units["ndrc"]]


def test_a_lead_column_and_a_responsible_column_mean_lead_and_others(world, ledger_xlsx):
    content = ledger_xlsx([
        ["序号", "问题", "整改目标", "整改措施", "责任单位", "牵头单位", "整改时限"],
        ["1", "扬尘", "扬尘整改到位", "专项整治", "丽水市发展和改革委员会", "丽水市生态环境局", "2022年6月"],
    ])
    assert run(world, content).ok
    assert Task.objects.get(number="1").ordered_units() == [world.units["eco"], world.units["ndrc"]]


def test_lead_responsible_and_co_unit_columns_together(world, ledger_xlsx):
    content = ledger_xlsx([
        ["序号", "问题", "整改目标", "整改措施", "责任单位", "牵头单位", "配合单位", "整改时限"],
        ["1", "扬尘", "扬尘整改到位", "专项整治", "丽水市发展和改革委员会", "丽水市生态环境局", "莲都区人民政府",
         "2022年6月"],
    ])
    assert run(world, content).ok
    assert Task.objects.get(number="1").ordered_units() == [world.units[k] for k in ("eco", "ndrc", "ld_gov")]


def test_not_an_xlsx_is_refused(world):
    with pytest.raises(ValidationError) as error:
        run(world, b"%PDF-1.4 this is not a spreadsheet")
    assert "不是有效的 Excel" in error.value.messages[0]


def test_no_header_row_is_refused(world, ledger_xlsx):
    with pytest.raises(ValidationError) as error:
        run(world, ledger_xlsx([["名称", "数量"], ["甲", 1]]))
    assert "没有找到表头行" in error.value.messages[0]


def test_missing_required_columns_are_named(world, ledger_xlsx):
    with pytest.raises(ValidationError) as error:
        run(world, ledger_xlsx([["序号", "问题", "整改措施", "责任人"], ["1", "扬尘", "整治", "张三"]]))
    assert "缺少必需的列：责任单位、整改时限" in error.value.messages[0]
    assert not Task.objects.exists()
