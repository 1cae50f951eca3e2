"""Exporting the ledger in the importer's columns: an export imports back as the same ledger."""

import datetime as dt
import io

import openpyxl

from ducha.core import scoping
from ducha.ledger.exporting import export_ledger
from ducha.ledger.importing import import_ledger
from ducha.ledger.models import Task, TaskState

LEDGER = [
    ["丽水市整改任务清单"],
    ["序号", "问题", "整改目标", "整改措施", "责任单位", "配合单位", "责任人", "整改时限", "污染领域", "督导单位",
     "包抓领导", "验收单位", "整改状态", "进度", "完成情况"],
    ["1", "城区扬尘", "扬尘受控", "专项整治", "市生态环境局", "市发改委、各县（市、区）党委和政府", "张三",
     "2021年12月底前", "大气", "丽水市生态环境保护督察整改工作领导小组办公室", "李副市长", "丽水市发展和改革委员会",
     "正在整改", 40, "已完成扬尘点位排查"],
    ["2", "污水直排", "无直排", "管网改造", "丽水市发展和改革委员会", "", "王五", dt.date(2022, 6, 30), "水、土壤", "",
     "", "", "已完成", "", "已完成"],
    ["3", "矿山复绿", "复绿", "历史遗留矿山治理", "莲都区政府", "", "", "立行立改，长期坚持", "生态", "", "", "",
     "", "", ""],
    ["4", "垃圾处置", "规范处置", "分阶段建设", "青田县人民政府", "丽水市生态环境局", "",
     "2021年底前取得阶段性成效，2023年12月底前全面完成", "固废", "", "", "", "尚未启动", 0, ""],
    ["5", "噪声扰民", "达标", "立即整治", "丽水市生态环境局", "", "", "立行立改", "噪声", "", "", "", "", "", ""],
]


def _import(world, content, plan_code, dry_run=False):
    return import_ledger(acting_user=world.users["coord"], plan_code=plan_code, file=io.BytesIO(content),
                         dry_run=dry_run, create_units=False)


def _export(queryset):
    out = io.BytesIO()
    export_ledger(queryset, out)
    return out.getvalue()


def ledger_of(plan_code):
    """What a reader of the ledger sees, without ids."""
    rows = []
    for t in Task.objects.filter(plan__code=plan_code).order_by("number"):
        rows.append((
            t.number, t.parent.number if t.parent_id else None, t.division.code,
            t.problem.description if t.problem_id else "", t.target, t.measures,
            [u.name for u in t.ordered_units()], t.responsible_people, t.deadline, t.deadline_text, t.category,
            sorted(d.name for d in t.domains.all()), t.supervising_unit_id, t.supervising_leader, t.acceptance_unit_id,
            t.state, t.progress, t.progress_note, [(s.name, s.due) for s in t.stages.all()],
        ))
    return rows


def test_an_export_imports_back_as_the_same_ledger(world, ledger_xlsx):
    assert _import(world, ledger_xlsx(LEDGER, merges=("A1:O1",)), "LS-2021").ok
    original = ledger_of("LS-2021")
    assert [r[0] for r in original] == ["1", "1-1", "1-2", "2", "3", "4", "5"]
    exported = _export(Task.objects.filter(plan__code="LS-2021").order_by("id"))

    # Into the same plan: nothing changes.
    again = _import(world, exported, "LS-2021")
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 7)

    # Into a new plan: the same ledger, sub-tasks, co-units, categories, deadlines and domains included.
    copy = _import(world, exported, "LS-COPY")
    assert copy.ok, copy.errors
    assert ledger_of("LS-COPY") == original


def test_export_columns_and_values(world, make_task):
    make_task(number="7", units=("eco", "ndrc"), deadline=dt.date(2022, 6, 30), state=TaskState.IN_PROGRESS,
              progress=30)
    sheet = openpyxl.load_workbook(io.BytesIO(_export(Task.objects.all()))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:9] == ("方案代码", "序号", "所属区划", "问题", "整改目标", "整改措施", "责任单位", "责任人", "整改时限")
    row = dict(zip(header, rows[1]))
    assert row["序号"] == "7" and row["责任单位"] == "丽水市生态环境局、丽水市发展和改革委员会"
    assert row["整改时限"] == dt.datetime(2022, 6, 30) and row["整改类别"] == "限期整改"
    assert row["整改状态"] == "正在整改" and row["进度"] == 30 and row["方案代码"] == "LS-2021"


def test_export_runs_a_fixed_number_of_queries(world, make_task, django_assert_max_num_queries):
    for _ in range(25):
        make_task(units=("eco", "ndrc"))
    with django_assert_max_num_queries(6):
        data = _export(Task.objects.all())
    assert len(list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows())) == 26


def test_export_contains_only_what_the_queryset_holds(world, make_task):
    make_task(number="LD", units=("ld_gov",), division="ld")
    make_task(number="QT", units=("qt_gov",), division="qt")
    visible = Task.objects.restrict(world.users["ld_officer"], scoping.VIEW)
    numbers = [r[1] for r in openpyxl.load_workbook(io.BytesIO(_export(visible))).active.iter_rows(
        min_row=2, values_only=True)]
    assert numbers == ["LD"]


def test_the_export_page_downloads_the_users_filtered_ledger(client, world, make_task):
    from django.urls import reverse

    make_task(number="LD", units=("ld_gov",), division="ld", measures="修复破损污水管网")
    make_task(number="LD2", units=("ld_gov",), division="ld", measures="开展矿山修复")
    make_task(number="QT", units=("qt_gov",), division="qt", measures="修复破损污水管网")
    client.force_login(world.users["ld_officer"])
    response = client.get(reverse("ledger:task_export") + "?q=管网")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["LD"]


def test_a_marker_deadline_with_a_date_set_keeps_both_through_export(world, make_task):
    from ducha.ledger import services
    from ducha.ledger.models import Category

    task = make_task(number="7", category=Category.IMMEDIATE, deadline=dt.date(2021, 10, 31), deadline_text="立行立改")
    exported = _export(Task.objects.filter(pk=task.pk))
    cell = openpyxl.load_workbook(io.BytesIO(exported)).active.cell(row=2, column=9).value
    assert cell == "立行立改（2021年10月31日前）"
    services.create_plan(acting_user=world.users["coord"], code="COPY", title="副本", division=world.div["ls"])
    assert _import(world, exported, "COPY").ok
    copy = Task.objects.get(plan__code="COPY", number="7")
    assert (copy.deadline, copy.category) == (dt.date(2021, 10, 31), Category.IMMEDIATE)
