"""`ducha tasks import` / `ducha tasks export`: exit codes, error lists, whose permissions apply."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ducha.audit.models import AuditEntry
from ducha.ledger.models import Plan, Task

HEAD = ["序号", "问题", "整改目标", "整改措施", "责任单位", "整改时限"]


@pytest.fixture
def ledger_file(tmp_path, ledger_xlsx):
    def write(rows, name="台账.xlsx"):
        path = tmp_path / name
        path.write_bytes(ledger_xlsx(rows))
        return str(path)

    return write


def ducha(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("tasks", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_as_the_system_creates_the_plan_and_audits_as_system(world, ledger_file):
    path = ledger_file([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "莲都区人民政府", "2022年6月"]])
    out, _ = ducha("import", path, "--plan", "LD-2021", "--division", "331102")
    assert "导入完成：新增 1" in out and "新建方案 LD-2021" in out
    task = Task.objects.get(plan__code="LD-2021", number="1")
    entry = AuditEntry.objects.get(object_type="ledger.task", object_id=str(task.pk))
    assert entry.actor_name == "system" and entry.actor_id is None


def test_new_plan_without_division_or_scope_is_refused(world, ledger_file):
    path = ledger_file([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "莲都区人民政府", "2022年6月"]])
    with pytest.raises(CommandError, match="请指定新方案的所属区划"):
        ducha("import", path, "--plan", "NOPE")
    assert not Plan.objects.filter(code="NOPE").exists()


def test_bad_input_lists_every_error_and_writes_nothing(world, ledger_file):
    path = ledger_file([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "丽水市生态环境局", "明年"],
                        ["2", "污水", "污水整改到位", "整治", "丽水市不存在局", "2022年6月"],
                        ["3", "污水", "污水整改到位", "整治", "丽水市生态环境局", "2022年6月"]])
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="2 处错误，未写入任何数据"):
        call_command("tasks", "import", path, "--plan", "LS-2021", stdout=out, stderr=err)
    lines = err.getvalue().splitlines()
    assert lines == ["第 2 行\t整改时限\t无法识别的整改时限“明年”",
                     "第 3 行\t责任单位\t未知单位“丽水市不存在局”（可勾选“自动创建未知单位”，或先在系统中登记该单位）"]
    assert not Task.objects.exists()


def test_dry_run_and_create_units(world, ledger_file):
    path = ledger_file([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "丽水市城市管理局", "2022年6月"]])
    out, _ = ducha("import", path, "--plan", "LS-2021", "--dry-run", "--create-units")
    assert "预检通过（未写入）：新增 1" in out and "新建单位 1" in out and not Task.objects.exists()
    out, _ = ducha("import", path, "--plan", "LS-2021", "--create-units", "--user", "coord")
    assert Task.objects.get(number="1").lead_unit.name == "丽水市城市管理局"


def test_not_an_xlsx_or_missing_file(world, tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_text("not a spreadsheet")
    with pytest.raises(CommandError, match="不是有效的 Excel"):
        ducha("import", str(bad), "--plan", "LS-2021")
    with pytest.raises(CommandError, match="文件不存在"):
        ducha("import", str(tmp_path / "missing.xlsx"), "--plan", "LS-2021")


def test_import_applies_the_users_permissions(world, ledger_file):
    path = ledger_file([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "丽水市生态环境局", "2022年6月"]])
    with pytest.raises(CommandError, match="无权向方案“LS-2021”导入整改任务"):
        ducha("import", path, "--plan", "LS-2021", "--user", "wz_coord")
    with pytest.raises(CommandError, match="不存在或已停用"):
        ducha("import", path, "--plan", "LS-2021", "--user", "nobody")
    assert not Task.objects.exists()


def _exported_numbers(path):
    return [row[1] for row in openpyxl.load_workbook(path).active.iter_rows(min_row=2, values_only=True)]


def test_export_applies_the_users_permissions(world, make_task, tmp_path):
    make_task(number="LD", units=("ld_gov",), division="ld")
    make_task(number="QT", units=("qt_gov",), division="qt")
    make_task(number="CITY", units=("eco",))
    out_path = tmp_path / "out.xlsx"
    out, _ = ducha("export", str(out_path), "--user", "ld_officer")
    assert _exported_numbers(out_path) == ["LD"] and "已导出 1 条" in out
    ducha("export", str(out_path), "--user", "qt_officer", "--plan", "LS-2021")
    assert _exported_numbers(out_path) == ["QT"]
    ducha("export", str(out_path))
    assert _exported_numbers(out_path) == ["LD", "QT", "CITY"]
    with pytest.raises(CommandError, match="不存在或无权查看"):
        ducha("export", str(out_path), "--user", "wz_coord", "--plan", "LS-2021")
