"""Reading the first worksheet of an xlsx into a grid of cell values.

python-calamine reads the cells (several times faster than openpyxl on large
ledgers) and also reports merged ranges, so openpyxl is not needed here: a
merged cell's value is copied into every cell of its range, the way a reader
of the printed ledger sees it. Row i of the grid is spreadsheet row i + 1.
"""

import datetime as dt
import io
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

MAX_ROWS = 200_000


def read_grid(file):
    """file: a path, the file's bytes or a binary file object. Returns a list of rows (lists)."""
    if isinstance(file, (bytes, bytearray)):
        file = io.BytesIO(file)
    try:
        if isinstance(file, str) or hasattr(file, "__fspath__"):
            workbook = CalamineWorkbook.from_path(str(file))
        else:
            if hasattr(file, "seek"):
                file.seek(0)
            workbook = CalamineWorkbook.from_filelike(file)
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except (CalamineError, ValueError, OSError, IndexError) as error:
        raise ValidationError(_("无法读取文件：它不是有效的 Excel（.xlsx）文件。（%(detail)s）") % {
            "detail": str(error)[:80]}) from None
    if len(rows) > MAX_ROWS:
        raise ValidationError(_("文件行数过多（%(n)s 行），一次最多导入 %(max)s 行。") % {
            "n": len(rows), "max": MAX_ROWS})
    # to_python(skip_empty_area=False) starts at A1, so indices are absolute.
    for (r0, c0), (r1, c1) in merged:
        if r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                row[c] = value
    return rows


def text(value) -> str:
    """A cell as text: integral numbers without ".0", dates as ISO, stripped."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).strip()


def fold(value) -> str:
    """Text for comparing names: full-width to half-width, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text(value)).split())

