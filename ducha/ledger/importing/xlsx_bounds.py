"""Checking an xlsx before any reader allocates for it.

A reader sizes its grid from the cells it finds: one value at XFD1048576 asks
for 16,384 × 1,048,576 cells (python-calamine aborts trying to allocate
512 GiB), and one 200 MB cell becomes a 200 MB string in every copy of the
row. This module looks at the file as a zip and streams the first
worksheet's XML and the shared strings through regular expressions over
decompressed chunks, never building a tree and never holding more than a
chunk (plus one cell's first bytes). It refuses, naming the cell:

- a file that is not a zip (and says what it is when that is cheap to tell:
  CSV text, an HTML page, a PDF, an old .xls/.doc, a program, a Word file…);
- too many zip entries, too much uncompressed data, or an entry whose
  compression ratio only a zip bomb has;
- a cell holding a value beyond the allowed rows or columns (empty styled
  cells and the `<dimension>` declaration are not counted: Excel writes
  formatted empty ranges there, and readers skip them);
- a cell whose text is longer than Excel's own limit (32,767 characters);
- a formula without a saved result (readers see the saved result, never the
  formula; without one the cell would silently read as empty).

Limits come from settings.DUCHA_IMPORT_LIMITS (see LIMITS for the defaults).
"""

import html
import io
import posixpath
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LIMITS = {
    "rows": 200_000,  # highest row holding a value
    "columns": 200,  # highest column holding a value (200 = GR)
    "cell_chars": 32_767,  # Excel's own limit per cell
    "zip_entries": 1_000,
    "uncompressed_mb": 512,  # all entries together, as declared (zipfile never reads past a declared size)
    "ratio": 200,  # uncompressed / compressed, for entries above ratio_min_mb
    "ratio_min_mb": 10,
}
CHUNK = 1 << 20
MAX_ERRORS = 10
NOT_XLSX = "不是有效的 Excel（.xlsx）文件"

# A cell reference attribute (only cells have r="A1"-shaped ones; rows have r="1").
_ANY_CELL = re.compile(rb'\sr="([A-Z]{1,4}[0-9]{1,9})"')
_FORMULA_WITHOUT_VALUE = re.compile(  # a formula, then no saved result (or an empty one), then the cell's end
    rb'<(?:[\w.-]+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:[\w.-]+:)?f>)\s*'
    rb'(?:<(?:[\w.-]+:)?v\s*/>|<(?:[\w.-]+:)?v>\s*</(?:[\w.-]+:)?v>)?\s*</(?:[\w.-]+:)?c>')
_SHARED_VALUE = re.compile(rb'<(?:[\w.-]+:)?c\s([^>]*)>\s*<(?:[\w.-]+:)?v>\s*([0-9]+)\s*</')
_TAG = re.compile(rb"<[^>]*>")
_FIRST_SHEET = re.compile(rb'<(?:[\w.-]+:)?sheet\s[^>]*?\b(?:[\w.-]+:)?id="([^"]+)"')
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\s([^>]*)>")


def limits() -> dict:
    return {**LIMITS, **getattr(settings, "DUCHA_IMPORT_LIMITS", {})}


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _what_it_is(head: bytes) -> str:
    """What a file that is not a zip looks like, for the message."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%PDF"):
        return _("它是 PDF 文件")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _("它是旧版 Office 文件（.xls 或 .doc），请在 Excel 中另存为 .xlsx")
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF"):
        return _("它是可执行程序")
    if stripped.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head")):
        return _("它是网页（HTML）文件，请在 Excel 中打开后另存为 .xlsx")
    if stripped.startswith(b"<?xml"):
        return _("它是 XML 文本，请在 Excel 中打开后另存为 .xlsx")
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        text = head[:error.start].decode("utf-8") if error.start > len(head) - 4 else None
    if text is None:
        try:
            text = head.decode("gb18030")
        except UnicodeDecodeError:
            text = None
    if text is not None and "\x00" not in text:
        return _("它是文本（CSV）文件，请在 Excel 中打开后另存为 .xlsx")
    return ""


def _refuse(reason: str = ""):
    message = _(NOT_XLSX) + (f"：{reason}" if reason else "")
    raise ValidationError(_("无法读取文件：%(message)s。") % {"message": message})


def _open(source) -> zipfile.ZipFile:
    if isinstance(source, (bytes, bytearray, memoryview)):
        head = bytes(source[:512])
        fileobj = io.BytesIO(source)
    else:
        with open(source, "rb") as fh:
            head = fh.read(512)
        fileobj = source
    if not head:
        raise ValidationError(_("文件是空的。"))
    if not head.startswith(b"PK"):
        _refuse(_what_it_is(head))
    try:
        return zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        _refuse(_("文件不完整或已损坏"))


def _kind_of_zip(names: set) -> str:
    if "word/document.xml" in names:
        return _("它是 Word 文档（.docx）")
    if any(n.startswith("ppt/") for n in names):
        return _("它是 PowerPoint 演示文稿（.pptx）")
    if "content.xml" in names and "mimetype" in names:
        return _("它是 OpenDocument 文件（.ods/.odt），请在 Excel 中另存为 .xlsx")
    return _("压缩包里没有 Excel 工作簿（xl/workbook.xml）")


def _read_small(archive, name, cap=4 << 20) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > cap:
        _refuse(_("%(name)s 过大") % {"name": name})
    return archive.read(name)


def _first_sheet(archive, names) -> str:
    """Path of the first worksheet in workbook order (the one the importer reads)."""
    fallback = "xl/worksheets/sheet1.xml"
    try:
        workbook = _read_small(archive, "xl/workbook.xml")
        rels = _read_small(archive, "xl/_rels/workbook.xml.rels")
    except (KeyError, zipfile.BadZipFile, OSError, EOFError):
        return fallback
    first = _FIRST_SHEET.search(workbook)
    if first is None:
        return fallback
    for attrs in _RELATIONSHIP.findall(rels):
        ident = re.search(rb'\bId="([^"]*)"', attrs)
        target = re.search(rb'\bTarget="([^"]*)"', attrs)
        if ident and target and ident.group(1) == first.group(1):
            path = target.group(1).decode("utf-8", "replace")
            path = path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join("xl", path))
            return path if path in names else fallback
    return fallback


def _text_length(data: bytes) -> int:
    """Characters of text in an XML fragment: tags dropped, entities counted as one."""
    return len(html.unescape(_TAG.sub(b"", data).decode("utf-8", "ignore")))


class _Long:
    """What is known of a piece too long to hold: the cells it opened and its text length."""

    def __init__(self, extent):
        self.extent = extent  # checks the cells the piece opens (None: not a worksheet)
        self.ref, self.chars = None, 0

    def take(self, data: bytes):
        if self.extent is not None:
            self.extent(data)
            refs = _ANY_CELL.findall(data)
            if refs:
                self.ref = refs[-1].decode()
        self.chars += _text_length(data)


class _Pieces:
    """Splits a stream at `separator` (e.g. b"</si>") into pieces, in chunks.

    Pieces up to about `keep` bytes are handed over whole; a longer piece is
    not held: it streams through a _Long, which counts its text, so a 200 MB
    cell costs one chunk of memory.
    """

    def __init__(self, separator: bytes, keep: int, extent=None):
        self.separator, self.keep, self.extent = separator, keep, extent
        self.carry = b""
        self.long = None

    def _take_long(self, data: bytes) -> bytes:
        """Feed `data` to the long piece, keeping back a tag that may be cut in two."""
        cut = max(data.rfind(b">") + 1, len(data) - 256)
        while 0 < cut < len(data) and 0x80 <= data[cut] < 0xC0:  # not inside a UTF-8 character
            cut -= 1
        self.long.take(data[:cut])
        return data[cut:]

    def feed(self, chunk: bytes):
        """Yields ("pieces", bytes of complete pieces with their separators) and ("long", _Long)."""
        buffer = self.carry + chunk
        if self.long is not None:
            end = buffer.find(self.separator)
            if end < 0:
                self.carry = self._take_long(buffer)
                return
            self.long.take(buffer[:end])
            yield "long", self.long
            self.long = None
            buffer = buffer[end + len(self.separator):]
        cut = buffer.rfind(self.separator)
        if cut >= 0:
            cut += len(self.separator)
            yield "pieces", buffer[:cut]
            buffer = buffer[cut:]
        if len(buffer) > self.keep + CHUNK:
            self.long = _Long(self.extent)
            buffer = self._take_long(buffer)
        self.carry = buffer

    def finish(self):
        if self.long is not None:
            self.long.take(self.carry)
            yield "long", self.long


def _at_least(bound: str, low: str, high: str, lead: str) -> str:
    """A pattern for the strings over low-high that may sort at or above `bound`
    (as numbers or column letters do): longer ones, or as long with a first
    character at least its first. Candidates only: the caller compares exactly."""
    longer = f"[{lead}-{high}][{low}-{high}]{{{len(bound)},}}"
    as_long = f"[{bound[0]}-{high}][{low}-{high}]{{{len(bound) - 1}}}"
    return f"{longer}|{as_long}"


def _beyond(max_rows: int, max_columns: int):
    """References that may lie beyond the bounds, as a pattern over the r attribute."""
    rows = _at_least(str(max_rows), "0", "9", "1")
    columns = _at_least(column_letters(max_columns), "A", "Z", "A")
    # A space before the attribute is what every writer puts there; the literal
    # prefix keeps the scan fast. Other whitespace gets the slower general form.
    body = rf'r="((?:{columns})[0-9]{{1,9}}|[A-Z]{{1,4}}(?:{rows}))"'
    return re.compile(rb" " + body.encode()), re.compile(rb"\s" + body.encode())


class _Check:
    def __init__(self, archive, limits_):
        self.archive = archive
        self.limits = limits_
        self.errors = []
        self.long_shared = {}  # shared string index → characters
        self.beyond = _beyond(limits_["rows"], limits_["columns"])

    def error(self, message):
        self.errors.append(message)
        if len(self.errors) >= MAX_ERRORS:
            raise ValidationError(self.errors)

    def stream(self, name):
        with self.archive.open(name) as fh:
            while chunk := fh.read(CHUNK):
                yield chunk

    def too_long(self, where, chars):
        self.error(_("%(where)s 文本长 %(n)s 字，超过上限 %(max)s 字") % {
            "where": where, "n": chars, "max": self.limits["cell_chars"]})

    def shared_strings(self, name):
        limit = self.limits["cell_chars"]
        pieces, index = None, 0
        for chunk in self.stream(name):
            if pieces is None:
                string_end = self._closing(chunk, b"si")
                pieces = _Pieces(string_end, limit)
            for found in pieces.feed(chunk):
                if found[0] == "long":
                    self.long_shared[index] = found[1].chars
                    index += 1
                    continue
                parts = found[1].split(string_end)[:-1]
                if max(map(len, parts)) > limit:
                    for offset, part in enumerate(parts):
                        if len(part) > limit and (chars := _text_length(part)) > limit:
                            self.long_shared[index + offset] = chars
                index += len(parts)
        for _kind, long in pieces.finish() if pieces is not None else ():
            self.long_shared[index] = long.chars

    @staticmethod
    def _closing(chunk, element) -> bytes:
        """The closing tag of `element` as this part spells it: some writers prefix
        SpreadsheetML names (<x:c>), and the pieces are cut at the closing tag."""
        root = re.search(rb"<([\w.-]+:)?(?:worksheet|sst)\b", chunk)
        prefix = (root.group(1) or b"") if root else b""
        return b"</" + prefix + element + b">"

    def sheet(self, name):
        limit = self.limits["cell_chars"]
        pieces = None
        for chunk in self.stream(name):
            if pieces is None:
                self.cell_end = self._closing(chunk, b"c")
                pieces = _Pieces(self.cell_end, limit, extent=self.extent)
            for found in pieces.feed(chunk):
                if found[0] == "long":
                    self.long_cell(found[1])
                else:
                    self.cells(found[1])
        for _kind, long in pieces.finish() if pieces is not None else ():
            self.long_cell(long)

    def long_cell(self, long):
        if long.chars > self.limits["cell_chars"]:
            self.too_long(_("单元格 %(ref)s") % {"ref": long.ref} if long.ref else _("某个单元格"), long.chars)

    def extent(self, data: bytes):
        """Refuse the first cell holding a value beyond the allowed rows or columns.

        One regular expression finds only the references that might be out of
        range (more digits or letters than the bounds have, or as many and a
        leading digit or letter at least the bound's), so a sheet within bounds
        costs one C-speed scan and no Python work per cell."""
        spaced, general = self.beyond
        odd = b'\tr="' in data or b'\nr="' in data or b'\rr="' in data
        for match in (general if odd else spaced).finditer(data):
            ref = match.group(1).decode()
            letters = ref.rstrip("0123456789")
            if int(ref[len(letters):]) <= self.limits["rows"] and column_number(letters) <= self.limits["columns"]:
                continue
            start = data.rfind(b"<", 0, match.start())
            end = data.find(b">", match.end())
            tag = data[start:end + 1]
            if end < 0 or tag.endswith(b"/>") or not re.match(rb"<(?:[\w.-]+:)?c\s", tag):
                continue  # an empty (styled) cell: readers skip it
            self.error(_("单元格 %(ref)s 超出允许范围（最多 %(cols)s 列、%(rows)s 行）") % {
                "ref": ref, "cols": self.limits["columns"], "rows": self.limits["rows"]})
            return

    def cells(self, complete):
        self.extent(complete)
        limit = self.limits["cell_chars"]
        parts = complete.split(self.cell_end)
        if max(map(len, parts)) > limit:
            for part in parts:
                if len(part) > limit:
                    starts = list(_ANY_CELL.finditer(part))
                    chars = _text_length(part[part.find(b">", starts[-1].end()) + 1:] if starts else part)
                    if chars > limit:
                        where = _("单元格 %(ref)s") % {"ref": starts[-1].group(1).decode()} if starts else _("某个单元格")
                        self.too_long(where, chars)
        has_formulas = b"<f" in complete or b":f" in complete
        for match in _FORMULA_WITHOUT_VALUE.finditer(complete) if has_formulas else ():
            refs = _ANY_CELL.findall(complete, max(0, match.start() - 400), match.start())
            formula = html.unescape(match.group(1).decode("utf-8", "replace")) if match.group(1) else ""
            self.error(_("单元格 %(ref)s 是公式%(formula)s，文件中没有保存它的计算结果；请在 Excel 中打开并保存后再导入，"
                         "或把公式改为数值") % {"ref": refs[-1].decode() if refs else "?",
                                              "formula": f"（={formula[:40]}）" if formula else ""})
        if self.long_shared:
            for attrs, index in _SHARED_VALUE.findall(complete):
                chars = self.long_shared.get(int(index))
                if chars is not None and re.search(rb'\bt="s"', attrs):
                    ref = re.search(rb'\br="([A-Z]+[0-9]+)"', attrs)
                    self.too_long(_("单元格 %(ref)s") % {"ref": ref.group(1).decode() if ref else "?"}, chars)


def check_xlsx(source) -> None:
    """Raise ValidationError naming the cell (or the reason) when `source`
    (the file's bytes or a path) is not an xlsx a reader may safely open."""
    bounds = limits()
    archive = _open(source)
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        if len(infos) > bounds["zip_entries"]:
            _refuse(_("压缩包有 %(n)s 个文件，超过上限 %(max)s 个") % {"n": len(infos), "max": bounds["zip_entries"]})
        if "xl/workbook.xml" not in names:
            _refuse(_kind_of_zip(names))
        total = sum(info.file_size for info in infos)
        if total > bounds["uncompressed_mb"] << 20:
            _refuse(_("解压后共 %(n)s MB，超过上限 %(max)s MB（疑似压缩炸弹）") % {
                "n": total >> 20, "max": bounds["uncompressed_mb"]})
        check = _Check(archive, bounds)
        try:
            if "xl/sharedStrings.xml" in names:
                check.shared_strings("xl/sharedStrings.xml")
            sheet = _first_sheet(archive, names)
            if sheet not in names:
                _refuse(_("找不到第一个工作表"))
            check.sheet(sheet)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
            _refuse(_("文件不完整或已损坏"))
        if check.errors:
            raise ValidationError(check.errors)
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > bounds["ratio_min_mb"] << 20 and ratio > bounds["ratio"]:
                _refuse(_("%(name)s 解压后 %(n)s MB，压缩比 %(ratio)s:1，疑似压缩炸弹") % {
                    "name": info.filename, "n": info.file_size >> 20, "ratio": int(ratio)})
