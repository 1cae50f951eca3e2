"""Spreadsheet import and export through the API."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from ducha.ledger.models import Task, TaskState

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_rows(response):
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    header = rows[0]
    return [dict(zip(header, r)) for r in rows[1:]]


def ledger(*rows, header=("序号", "问题", "整改目标", "整改措施", "责任单位", "整改时限")):
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "台账.xlsx"
    return out


def test_export_uses_the_list_filters_and_scope(api, world, make_task):
    make_task(units=("ld_gov",), division="ld", number="1", target="莲都区油烟整治")
    make_task(units=("qt_gov",), division="qt", number="2", target="青田县矿山修复", state=TaskState.IN_PROGRESS)
    make_task(units=("eco",), number="3", target="市区扬尘管控", state=TaskState.IN_PROGRESS)
    rows = sheet_rows(api("coord").get("/api/tasks/export/?state=in_progress&ordering=number"))
    assert [r["序号"] for r in rows] == ["2", "3"]
    assert rows[0]["责任单位"] == "青田县人民政府" and rows[0]["整改状态"] == "正在整改"
    assert [r["序号"] for r in sheet_rows(api("coord").get("/api/tasks/export/?q=矿山"))] == ["2"]
    assert [r["序号"] for r in sheet_rows(api("ld_officer").get("/api/tasks/export/"))] == ["1"]


def test_export_with_a_bad_filter_is_a_400_json(api, world):
    response = api("coord").get("/api/tasks/export/?deadline_after=soon&division=000000")
    assert response.status_code == 400 and set(response.json()) == {"deadline_after", "division"}


def test_dry_run_reports_and_writes_nothing(api, world):
    file = ledger(["1", "城区雨污混流", "雨污分流", "城区雨污分流改造", "丽水市生态环境局", "2026年12月31日"],
                  ["2", "餐饮油烟扰民", "油烟达标排放", "餐饮油烟在线监控", "莲都区人民政府", "2027-06-30"])
    response = api("coord").post("/api/tasks/import/", {"file": file, "plan_code": "LS-2021", "dry_run": "true"},
                                 format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json() == {"ok": True, "dry_run": True, "plan_code": "LS-2021", "plan_created": False,
                               "created": 2, "updated": 0, "unchanged": 0, "units_created": [], "errors": []}
    assert not Task.objects.exists()


def test_import_writes_and_a_second_import_is_unchanged(api, world):
    rows = [["1", "城区雨污混流", "雨污分流", "城区雨污分流改造", "丽水市生态环境局", "2026年12月31日"]]
    response = api("coord").post("/api/tasks/import/", {"file": ledger(*rows), "plan_code": "LS-2021"},
                                 format="multipart")
    assert response.status_code == 200 and response.json()["created"] == 1
    task = Task.objects.get(plan=world.plan, number="1")
    assert task.lead_unit == world.units["eco"] and task.deadline == dt.date(2026, 12, 31)
    again = api("coord").post("/api/tasks/import/", {"file": ledger(*rows), "plan_code": "LS-2021"},
                              format="multipart").json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 1)


def test_a_bad_row_is_a_400_naming_row_and_column_and_nothing_is_written(api, world):
    file = ledger(["1", "城区雨污混流", "雨污分流", "城区雨污分流改造", "丽水市生态环境局", "2026-12-31"],
                  ["2", "餐饮油烟扰民", "油烟达标排放", "餐饮油烟在线监控", "不存在的单位", "2027-06-30"])
    response = api("coord").post("/api/tasks/import/", {"file": file, "plan_code": "LS-2021"}, format="multipart")
    assert response.status_code == 400
    data = response.json()
    assert data["ok"] is False and len(data["errors"]) == 1
    assert data["errors"][0]["row"] == 3 and data["errors"][0]["column"] == "责任单位"
    assert "不存在的单位" in data["errors"][0]["reason"]
    assert not Task.objects.exists()


def test_import_input_errors(api, world):
    client = api("coord")
    response = client.post("/api/tasks/import/", {"file": ledger(), "plan_code": ""}, format="multipart")
    assert response.status_code == 400 and set(response.json()) == {"plan_code"}
    csv = io.BytesIO(b"a,b\n")
    csv.name = "台账.csv"
    response = client.post("/api/tasks/import/", {"file": csv, "plan_code": "LS-2021"}, format="multipart")
    assert response.status_code == 400 and list(response.json()) == ["file"]
    # A whole-file problem from the importer (no header row) is a 400 too.
    response = client.post("/api/tasks/import/", {"file": ledger(["随便写的内容"], header=("备注",)),
                                                  "plan_code": "LS-2021"}, format="multipart")
    assert response.status_code == 400 and "non_field_errors" in response.json()


def test_only_roles_that_add_tasks_may_import(api, world):
    file = ledger(["1", "城区雨污混流", "雨污分流", "城区雨污分流改造", "莲都区人民政府", "2026-12-31"])
    for username in ("ld_officer", "supervisor", "ld_leader"):
        response = api(username).post("/api/tasks/import/", {"file": file, "plan_code": "LS-2021"},
                                      format="multipart")
        assert response.status_code == 403, username
    assert not Task.objects.exists()
