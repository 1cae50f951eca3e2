"""Reading the first worksheet of an xlsx into a grid of cell values.

python-calamine reads the cells (several times faster than openpyxl on large
ledgers) and also reports merged ranges, so openpyxl is not needed here: a
merged cell's value is copied into every cell of its range, the way a reader
of the printed ledger sees it. Row i of the grid is spreadsheet row i + 1.

A file is bounded before it is read: its size against the upload cap
(ducha.core.uploads), then, in a memory- and time-limited child process
(ducha.core.sandbox), its zip structure, extent and cell lengths
(xlsx_bounds.check_xlsx) and only then python-calamine. A file that would
exhaust memory or crash the reader costs the child, never the web worker.
"""

import datetime as dt
import io
import os
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from ducha.core import sandbox, uploads

from .xlsx_bounds import check_xlsx, limits


def bounded_source(file):
    """The file as bytes or a path, refused when larger than the upload cap (before it is read)."""
    if isinstance(file, (bytes, bytearray)):
        uploads.check_size(len(file))
        return bytes(file)
    if isinstance(file, str) or hasattr(file, "__fspath__"):
        path = os.fspath(file)
        uploads.check_size(os.path.getsize(path))
        return path
    size = getattr(file, "size", None)
    if size is None and hasattr(file, "seek"):
        size = file.seek(0, io.SEEK_END)
    if size is not None:
        uploads.check_size(size)
    if hasattr(file, "seek"):
        file.seek(0)
    cap = uploads.max_upload_bytes()
    data = file.read(cap + 1)
    uploads.check_size(len(data))
    return data


def read_grid(file):
    """file: a path, the file's bytes or a binary file object. Returns a list of rows (lists)."""
    return sandbox.run(_read_checked, bounded_source(file))


def _read_checked(source):
    """In the sandbox: the pre-check, then the read."""
    check_xlsx(source)
    return _read(source)


def _read(source):
    try:
        if isinstance(source, str):
            workbook = CalamineWorkbook.from_path(source)
        else:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(source))
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except (CalamineError, ValueError, OSError, IndexError) as error:
        raise ValidationError(_("无法读取文件：它不是有效的 Excel（.xlsx）文件。（%(detail)s）") % {
            "detail": str(error)[:80]}) from None
    max_rows = limits()["rows"]
    if len(rows) > max_rows:
        raise ValidationError(_("文件行数过多（%(n)s 行），一次最多导入 %(max)s 行。") % {
            "n": len(rows), "max": max_rows})
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

