"""The xlsx pre-check on its own: each bound, and the ways a worksheet may
spell a cell that a hostile file could use to slip past a narrow pattern."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from ducha.ledger.importing.xlsx_bounds import check_xlsx

from . import badfiles

BEYOND = "单元格 XFD1 超出允许范围（最多 200 列、200000 行）"


def refusal(content) -> str:
    with pytest.raises(ValidationError) as refused:
        check_xlsx(content)
    return "；".join(refused.value.messages)


@pytest.mark.parametrize("cell", [
    '<c r="XFD1"><v>1</v></c>',
    '<c s="0" t="n" r="XFD1"><v>1</v></c>',  # the reference need not come first
    '<c\tr="XFD1"><v>1</v></c>',  # nor after a space
    '<c r="XFD1" t="inlineStr"><is><t>x</t></is></c>',
])
def test_a_value_beyond_the_columns_is_refused_however_the_cell_is_written(cell):
    assert refusal(badfiles.ledger_with(f'<row r="1">{cell}</row>')) == BEYOND


def test_a_namespace_prefixed_worksheet_is_checked_too():
    content = badfiles.ledger_with()  # then its worksheet rewritten with x: prefixes
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = (b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/'
                        b'2006/main"><x:sheetData><x:row r="1"><x:c r="XFD1"><x:v>1</x:v></x:c></x:row>'
                        b'</x:sheetData></x:worksheet>')
            z.writestr(info, data)
    assert refusal(out.getvalue()) == BEYOND


def test_empty_styled_cells_far_out_are_not_values():
    check_xlsx(badfiles.ledger_with('<row r="1048576"><c r="XFD1048576" s="1"/></row>', dimension="A1:XFD1048576"))


def test_the_limits_come_from_settings(settings):
    settings.DUCHA_IMPORT_LIMITS = {"rows": 1, "columns": 3}
    assert refusal(badfiles.good()) == "单元格 D1 超出允许范围（最多 3 列、1 行）"
    settings.DUCHA_IMPORT_LIMITS = {"rows": 1}
    assert refusal(badfiles.good()) == "单元格 A2 超出允许范围（最多 200 列、1 行）"


def test_too_many_entries_or_too_much_uncompressed_data(settings):
    settings.DUCHA_IMPORT_LIMITS = {"zip_entries": 5}
    assert "压缩包有 6 个文件，超过上限 5 个" in refusal(badfiles.good())
    settings.DUCHA_IMPORT_LIMITS = {"uncompressed_mb": 1}
    out = io.BytesIO(badfiles.good())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/image1.png", bytes(2 * 1024 * 1024))
    assert "解压后共 2 MB，超过上限 1 MB（疑似压缩炸弹）" in refusal(out.getvalue())


def test_at_most_ten_problems_are_listed():
    cells = "".join(f'<c r="B{r}" t="inlineStr"><is><t>{"x" * 32_768}</t></is></c>' for r in range(3, 20))
    messages = refusal(badfiles.ledger_with(f'<row r="3">{cells}</row>')).split("；")
    assert len(messages) == 10 and messages[0] == "单元格 B3 文本长 32768 字，超过上限 32767 字"
