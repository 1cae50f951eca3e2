import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from ducha.audit.models import AuditEntry
from ducha.cases import actions
from ducha.cases.models import Case, CaseSetup

from .tables import STANDARD, TRADITIONAL, xlsx

pytestmark = pytest.mark.django_db


def test_import_and_export_commands(world, inspection, tmp_path, capsys):
    source = tmp_path / "第3批.xlsx"
    source.write_bytes(xlsx(STANDARD))
    call_command("cases", "import", str(source), "--inspection", "ZJ-S3", "--batch", "3", "--transferred",
                 "2024-06-11", "--dry-run", "--user", "coord")
    assert "预检通过" in capsys.readouterr().out and not Case.objects.exists()
    call_command("cases", "import", str(source), "--inspection", "ZJ-S3", "--batch", "3", "--user", "coord")
    assert Case.objects.count() == 3
    case = Case.objects.get(number="D3ZJ202406110042")
    actions.route_case(acting_user=world.users["coord"], case=case, lead_unit=world.units["ld_gov"])
    actions.set_complainant(acting_user=world.users["coord"], case=case, name="王某", contact="13900002222")
    out = tmp_path / "台账.xlsx"
    call_command("cases", "export", str(out), "--inspection", "ZJ-S3", "--user", "coord")
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("批次", "序号", "受理编号") and "信访人" not in rows[0] and len(rows) == 4
    assert "王某" not in str(rows)
    call_command("cases", "export", str(out), "--inspection", "ZJ-S3", "--with-complainant", "--user", "coord")
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][-2:] == ("信访人", "联系方式") and ("王某", "13900002222") in [r[-2:] for r in rows]
    assert AuditEntry.objects.filter(action="cases.complainant_view").count() == 1


def test_import_creates_the_inspection_with_division_and_refuses_bad_rows(world, tmp_path):
    bad = tmp_path / "bad.xlsx"
    rows = [[*TRADITIONAL["rows"][0][:6], "待定", *TRADITIONAL["rows"][0][7:]]]
    bad.write_bytes(xlsx({**TRADITIONAL, "rows": rows}))
    with pytest.raises(CommandError, match="1 处错误"):
        call_command("cases", "import", str(bad), "--inspection", "LS-NEW", "--batch", "1", "--division", "331100",
                     "--transferred", "2024-06-12")
    assert not Case.objects.exists() and not CaseSetup.objects.filter(code="LS-NEW").exists()
    source = tmp_path / "good.xlsx"
    source.write_bytes(xlsx(TRADITIONAL))
    call_command("cases", "import", str(source), "--inspection", "LS-NEW", "--batch", "1", "--division", "331100",
                 "--transferred", "2024-06-12")
    assert CaseSetup.objects.get(code="LS-NEW").inspection.division == world.div["ls"] and Case.objects.count() == 2
    with pytest.raises(CommandError, match="不存在"):
        call_command("cases", "export", str(tmp_path / "x.xlsx"), "--inspection", "NOPE")
