"""A complaint-case table as delivered — xlsx, csv or a docx table — as a grid of cell texts.

xlsx goes through the ledger importer's bounded reader (ducha.ledger.importing.sheet: size cap, zip and
extent checks in a sandboxed child, merged cells copied into their range). csv and docx are bounded here
the same way: the upload cap first, then rows and cell lengths (DUCHA_IMPORT_LIMITS). In a docx the table
with the recognisable header is read (merged cells come back from python-docx as the same cell in each
position, so their text fills the range as in a spreadsheet); tables continuing over page breaks — the
same header repeated, or no header at all — are appended.
"""

import csv
import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ducha.core import uploads
from ducha.ledger.importing.sheet import bounded_source, read_grid, text
from ducha.ledger.importing.xlsx_bounds import limits
from ducha.plans.reading.formats import decode_text

XLSX, CSV, DOCX = "xlsx", "csv", "docx"


def kind_of(data: bytes) -> str:
    """What the file is, from its bytes (never from its name)."""
    if data[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            raise ValidationError(_("无法读取文件：压缩结构已损坏。")) from None
        if "word/document.xml" in names:
            return DOCX
        return XLSX
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"%pdf", b"<html", b"<!doctype", b"\xd0\xcf\x11\xe0")) or b"\x00" in data[:4096]:
        raise ValidationError(_("无法读取文件：只能导入 Excel（.xlsx）、CSV 或 Word（.docx）表格。"))
    return CSV


def _as_bytes(file) -> bytes:
    source = bounded_source(file)
    if isinstance(source, str):
        with open(source, "rb") as handle:
            return handle.read(uploads.max_upload_bytes() + 1)
    return source


def _check_bounds(grid):
    bounds = limits()
    if len(grid) > bounds["rows"]:
        raise ValidationError(_("文件行数过多（%(n)s 行），一次最多导入 %(max)s 行。") % {
            "n": len(grid), "max": bounds["rows"]})
    for r, row in enumerate(grid, start=1):
        if len(row) > bounds["columns"]:
            raise ValidationError(_("第 %(row)s 行的列数过多（%(n)s 列）。") % {"row": r, "n": len(row)})
        for value in row:
            if len(value) > bounds["cell_chars"]:
                raise ValidationError(_("第 %(row)s 行有单元格超过 %(max)s 个字符。") % {
                    "row": r, "max": bounds["cell_chars"]})
    return grid


def _csv_grid(data: bytes):
    content = decode_text(data)
    try:
        dialect = csv.Sniffer().sniff(content[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    bounds = limits()
    grid = []
    for row in csv.reader(io.StringIO(content), dialect):
        grid.append([cell.strip() for cell in row])
        if len(grid) > bounds["rows"]:
            break
    return _check_bounds(grid)


def _docx_grid(data: bytes, is_header):
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds on a damaged file
        raise ValidationError(_("无法读取 Word 文件：%(detail)s") % {"detail": str(error)[:80]}) from None
    bounds = limits()
    grid, started = [], False
    for table in document.tables:
        rows = []
        for row in table.rows:
            rows.append([cell.text.strip() for cell in row.cells])
            if len(grid) + len(rows) > bounds["rows"]:
                raise ValidationError(_("文件行数过多，一次最多导入 %(max)s 行。") % {"max": bounds["rows"]})
        has_header = any(is_header(r) for r in rows[:5])
        if has_header and started:
            # A continuation repeating the header: keep only its body.
            first = next(i for i, r in enumerate(rows[:5]) if is_header(r))
            rows = rows[first + 1:]
        if has_header or started:
            grid += rows
            started = True
    if not started:
        raise ValidationError(_("Word 文件中没有找到带表头的表格。"))
    return _check_bounds(grid)


def read_table(file, is_header):
    """(grid of stripped texts, kind). `is_header(row)` says whether a row looks like the header (docx)."""
    data = _as_bytes(file)
    kind = kind_of(data)
    if kind == XLSX:
        grid = [[text(v) for v in row] for row in read_grid(data)]
    elif kind == DOCX:
        grid = _docx_grid(data, is_header)
    else:
        grid = _csv_grid(data)
    return grid, kind
