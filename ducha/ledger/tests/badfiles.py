"""The bad-file corpus, generated (never committed): xlsx files built part by
part with zipfile so that each holds exactly the hostile thing, around a
ledger that would otherwise import (a header row and one good task row).

Each builder returns the file's bytes; `huge_cell` streams its 200 MB cell
into the zip, so building it never holds the cell in memory.
"""

import io
import os
import zipfile
from xml.sax.saxutils import escape

HEAD = ["序号", "问题", "整改措施", "责任单位", "整改时限"]
GOOD_ROW = ["1", "扬尘", "专项整治", "丽水市生态环境局", "2022年6月"]
TARGET = ("整改目标", "扬尘整改到位")  # column F of the hand-built sheets

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
    ' Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"'
    ' Target="sharedStrings.xml"/></Relationships>')
_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<dimension ref="{dimension}"/><sheetData>')
_SHEET_TAIL = "</sheetData></worksheet>"
LETTERS = "ABCDE"


def _ledger_rows() -> tuple[str, list[str]]:
    """Rows 1-2 (header, one good task) as sheet XML using shared strings 0-9."""
    strings = HEAD + GOOD_ROW
    rows = ""
    for r in range(2):
        cells = "".join(f'<c r="{LETTERS[c]}{r + 1}" t="s"><v>{r * 5 + c}</v></c>' for c in range(5))
        # 整改目标 (a clarity every task needs) in column F, written inline.
        cells += f'<c r="F{r + 1}" t="inlineStr"><is><t>{TARGET[r]}</t></is></c>'
        rows += f'<row r="{r + 1}">{cells}</row>'
    return rows, strings


def _skeleton(z: zipfile.ZipFile):
    z.writestr("[Content_Types].xml", _CONTENT_TYPES)
    z.writestr("_rels/.rels", _RELS)
    z.writestr("xl/workbook.xml", _WORKBOOK)
    z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)


def _shared(strings) -> str:
    items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    return ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
            f'main" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>')


def ledger_with(extra_rows: str = "", extra_strings=(), dimension="A1:E2") -> bytes:
    """The small ledger plus `extra_rows` (sheet XML after row 2; shared strings from index 10)."""
    rows, strings = _ledger_rows()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        _skeleton(z)
        z.writestr("xl/worksheets/sheet1.xml", _SHEET_HEAD.format(dimension=dimension) + rows + extra_rows
                   + _SHEET_TAIL)
        z.writestr("xl/sharedStrings.xml", _shared(strings + list(extra_strings)))
    return out.getvalue()


def good() -> bytes:
    return ledger_with()


def absurd_dimension() -> bytes:
    """One value at the last cell Excel has (the 1,780-byte file that made calamine ask for 512 GiB)."""
    return ledger_with('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', dimension="A1:XFD1048576")


def huge_cell(megabytes=200) -> bytes:
    """A 200 MB shared string in C5, streamed into the zip (about 200 KB compressed)."""
    rows, strings = _ledger_rows()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        _skeleton(z)
        z.writestr("xl/worksheets/sheet1.xml", _SHEET_HEAD.format(dimension="A1:E5") + rows
                   + '<row r="5"><c r="C5" t="s"><v>10</v></c></row>' + _SHEET_TAIL)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(_shared(strings).replace("</sst>", "<si><t>").encode())
            block = b"x" * (1 << 20)
            for _ in range(megabytes):
                fh.write(block)
            fh.write(b"</t></si></sst>")
    return out.getvalue()


def padded_cell() -> bytes:
    """A cell of 40,000 spaces, written inline."""
    return ledger_with('<row r="3"><c r="B3" t="inlineStr"><is><t xml:space="preserve">' + " " * 40_000
                       + "</t></is></c></row>")


def padding_to_row_1000000() -> bytes:
    """Spaces in A1000000 under the ledger: a reader would build a million rows."""
    return ledger_with('<row r="1000000"><c r="A1000000" t="s"><v>10</v></c></row>', ["   "], "A1:E1000000")


def empty_rows_to_row_1000000() -> bytes:
    """Formatted but empty rows down to row 1,000,000, as Excel writes them: nothing to read, accepted."""
    rows = "".join(f'<row r="{r}" ht="20" customHeight="1"/>' for r in range(3, 1_000_001))
    return ledger_with(rows, dimension="A1:E1000000")


def zip_bomb(megabytes=300) -> bytes:
    """The ledger plus a picture that inflates 300 MB of zeros from about 300 KB."""
    out = io.BytesIO(ledger_with())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        with z.open("xl/media/image1.png", "w", force_zip64=True) as fh:
            block = bytes(1 << 20)
            for _ in range(megabytes):
                fh.write(block)
    return out.getvalue()


def formulas(cached=True) -> bytes:
    """Row 3 holds formulas: with their saved results (what Excel shows), or without any."""
    if cached:
        cells = ('<c r="A3"><f>1+1</f><v>2</v></c>'
                 '<c r="B3" t="str"><f>HYPERLINK("http://example.invalid/","扬尘整治")</f><v>扬尘整治</v></c>'
                 '<c r="C3" t="str"><f>B3&amp;"行动"</f><v>扬尘整治行动</v></c>'
                 '<c r="D3" t="s"><v>8</v></c><c r="E3" t="s"><v>9</v></c>'
                 '<c r="F3" t="inlineStr"><is><t>扬尘整改到位</t></is></c>')
    else:
        cells = ('<c r="A3"><f>1+2</f></c><c r="B3"><f>HYPERLINK("http://example.invalid/","扬尘")</f><v></v></c>'
                 '<c r="C3" t="s"><v>7</v></c><c r="D3" t="s"><v>8</v></c><c r="E3" t="s"><v>9</v></c>')
    return ledger_with(f'<row r="3">{cells}</row>', dimension="A1:F3")


def docx() -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph("丽水市整改方案")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def csv_text() -> bytes:
    return ("\n".join(",".join(row) for row in (HEAD, GOOD_ROW)) + "\n").encode("utf-8")


def html_page() -> bytes:
    cells = "".join(f"<td>{c}</td>" for c in GOOD_ROW)
    return f"<html><head><meta charset='utf-8'></head><body><table><tr>{cells}</tr></table></body></html>".encode()


def random_binary() -> bytes:
    return b"\x00\x8f" + os.urandom(4094)


def program() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00" + bytes(56) + os.urandom(1000)


def truncated() -> bytes:
    whole = good()
    return whole[: len(whole) // 2]


def empty() -> bytes:
    return b""
