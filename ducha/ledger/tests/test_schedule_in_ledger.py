"""Scheduled progress and warning colour in the ledger: list column, filter and sort (page and API),
the task API's fields, the export's columns, and a ledger's own 序时进度 claim through import and export."""

import datetime as dt
import io

import openpyxl
from django.urls import reverse

from ducha.ledger.exporting import COLUMNS, export_ledger
from ducha.ledger.importing import import_ledger
from ducha.ledger.models import Task

LIST = reverse("ledger:task_list")


def _mark(task, **fields):
    Task.objects.filter(pk=task.pk).update(**fields)


def _three(make_task):
    behind, ahead, plain = make_task(number="1"), make_task(number="2"), make_task(number="3")
    _mark(behind, schedule_state="behind", expected_progress=62, warning="yellow")
    _mark(ahead, schedule_state="ahead", expected_progress=30, warning="blue")
    return behind, ahead, plain


def test_list_shows_badges_and_filters_by_schedule_and_warning(client, world, make_task):
    behind, ahead, plain = _three(make_task)
    client.force_login(world.users["coord"])
    html = client.get(LIST).content.decode()
    assert '<span class="badge badge-schedule-behind" title="序时应完成 62%">未达到序时进度</span>' in html
    assert '<span class="badge badge-warning-yellow">黄牌</span>' in html
    page = client.get(LIST, {"schedule_state": "behind"})
    assert [t.pk for t in page.context["tasks"]] == [behind.pk]
    page = client.get(LIST, {"warning": ["blue", "yellow"], "ordering": "warning"})
    assert [t.pk for t in page.context["tasks"]] == [behind.pk, ahead.pk]  # yellow is graver than blue


def test_api_lists_filters_and_sorts_by_schedule_and_warning(client, world, make_task):
    behind, ahead, plain = _three(make_task)
    client.force_login(world.users["coord"])
    rows = client.get("/api/tasks/", {"ordering": "schedule_state"}).json()["results"]
    assert [r["id"] for r in rows] == [behind.pk, ahead.pk, plain.pk]  # behind first, unknown last
    first = rows[0]
    assert (first["schedule_state"], first["schedule_state_display"], first["expected_progress"],
            first["warning"], first["warning_display"]) == ("behind", "未达到序时进度", 62, "yellow", "黄牌")
    rows = client.get("/api/tasks/", {"warning": "blue"}).json()["results"]
    assert [r["id"] for r in rows] == [ahead.pk]
    bad = client.get("/api/tasks/", {"schedule_state": "late"})
    assert bad.status_code == 400 and "schedule_state" in bad.json()


def test_api_does_not_write_derived_fields(client, world, make_task):
    task = make_task()
    client.force_login(world.users["coord"])
    response = client.patch(f"/api/tasks/{task.pk}/", {"schedule_state": "ahead", "warning": "red"},
                            content_type="application/json")
    assert response.status_code == 200
    task.refresh_from_db()
    assert (task.schedule_state, task.warning) == ("", "")


def _import(world, content):
    return import_ledger(acting_user=world.users["coord"], plan_code=world.plan.code, file=io.BytesIO(content),
                         dry_run=False, create_units=False)


def test_a_ledgers_own_claim_is_kept_and_exported_back(world, ledger_xlsx):
    sheet = ledger_xlsx([
        ["序号", "问题", "整改目标", "整改措施", "责任单位", "整改时限", "整改状态", "进度"],
        ["1", "扬尘", "完成整改", "整治", "丽水市生态环境局", dt.date(2026, 12, 31), "未达到序时进度", 30],
        ["2", "污水", "完成整改", "整治", "丽水市生态环境局", dt.date(2026, 12, 31), "正在整改", "超过序时进度"],
        ["3", "噪声", "完成整改", "整治", "丽水市生态环境局", dt.date(2026, 12, 31), "正在整改", 10],
    ])
    report = _import(world, sheet)
    assert report.ok, report.errors
    tasks = {t.number: t for t in Task.objects.all()}
    assert {n: (t.state, t.reported_schedule) for n, t in tasks.items()} == {
        "1": ("in_progress", "behind"), "2": ("in_progress", "ahead"), "3": ("in_progress", "")}
    out = io.BytesIO()
    export_ledger(Task.objects.order_by("sort_key"), out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    headers = [c.value for c in sheet[1]]
    assert headers[-3:] == ["序时进度（系统计算）", "序时应完成", "预警"] and len(headers) == len(COLUMNS)
    state = headers.index("整改状态")
    assert [row[state].value for row in sheet.iter_rows(min_row=2)] == ["未达到序时进度", "超过序时进度", "正在整改"]
    report = _import(world, out.getvalue())
    assert report.ok and (report.updated, report.unchanged) == (0, 3)


def test_export_writes_the_computed_figure_and_the_warning(world, make_task):
    task = make_task()
    _mark(task, schedule_state="behind", expected_progress=62, warning="red")
    out = io.BytesIO()
    export_ledger(Task.objects.all(), out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    assert [c.value for c in sheet[2]][-3:] == ["未达到序时进度", 62, "红灯"]
