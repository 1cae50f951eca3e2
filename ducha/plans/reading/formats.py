"""From the bytes of a .txt, .docx, .pdf or .html file to plain text, one paragraph per line.

- .txt: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 (GBK, GB2312) or
  Big5, whichever decodes and reads as Chinese best.
- .docx: paragraphs and tables in document order. A table with a header row
  becomes one line per row, "列名：值；列名：值", so "责任单位：…" and
  "整改时限：…" read like running text.
- .pdf: the text layer (pypdf); lines broken by the page width are joined.
- .html: the article body (the element holding most of the Chinese text, after
  dropping scripts, navigation, headers and footers), its data tables read as
  Word's are; the page's title and publication metadata (ArticleTitle,
  PubDate, ContentSource) come first.
"""

import io
import re
from pathlib import Path

from ducha.plans.reading.normalize import chinese_score, join_wrapped_lines

FORMATS = ("txt", "docx", "pdf", "html")


class UnreadableDocument(ValueError):
    """The file cannot be read as a plan; the message says why, in Chinese."""


def format_of(filename: str) -> str:
    ext = Path(filename).suffix.lower().lstrip(".")
    if ext in ("htm", "html", "shtml", "xhtml"):
        return "html"
    if ext in ("txt", "text", ""):
        return "txt"
    if ext in FORMATS:
        return ext
    raise UnreadableDocument(f"不支持的文件格式“.{ext}”（可读取 .txt、.docx、.pdf、.html）")


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best, best_score = None, -1.0
    for codec in ("gb18030", "big5hkscs", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = chinese_score(text)
        if score > best_score:
            best, best_score = text, score
    if best is None:
        # Damaged bytes: read with the codec that loses least and still reads as Chinese.
        readings = [data.decode(codec, errors="replace") for codec in ("utf-8", "gb18030", "big5hkscs")]
        best = max(readings, key=lambda t: chinese_score(t) - t.count("\ufffd") / (len(t) or 1))
        if chinese_score(best) == 0:
            raise UnreadableDocument("无法识别文本编码（支持 UTF-8、GB18030、Big5）")
    return best


def _cell_texts(row) -> list[str]:
    texts, previous = [], None
    for cell in row.cells:
        # python-docx repeats a merged cell once per grid column.
        if previous is not None and cell._tc is previous:
            continue
        previous = cell._tc
        texts.append(re.sub(r"\s*\n\s*", "", cell.text.strip()))
    return texts


def _table_lines(table) -> list[str]:
    return _rows_lines([_cell_texts(row) for row in table.rows])


def _rows_lines(rows) -> list[str]:
    """A table's rows (lists of cell texts) as lines, Word's and a web page's alike."""
    lines = []
    # A caption merged across the table ("附件：整改任务清单") sits above the header row.
    while len(rows) > 1 and len(rows[0]) == 1 < len(rows[1]):
        lines.append(rows.pop(0)[0])
    if not rows:
        return lines
    header = rows[0]
    labelled = len(rows) > 1 and all(h and len(h) <= 12 for h in header)
    if not labelled:
        return lines + ["\t".join(r) for r in rows]
    lines.append("\t".join(header))
    for row in rows[1:]:
        pairs = [f"{h}：{v}" for h, v in zip(header, row) if v]
        if pairs:
            lines.append("；".join(pairs) + "。")
    return lines


def docx_text(data: bytes) -> str:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a damaged file
        raise UnreadableDocument(f"无法读取 Word 文件：{exc}") from exc
    lines = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, document)))
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:
        raise UnreadableDocument(f"无法读取 PDF 文件：{exc}") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise UnreadableDocument("PDF 文件没有文字层（可能是扫描件），需要先做文字识别")
    lines, _joins = join_wrapped_lines(text.split("\n"))
    return "\n".join(lines)


# The metadata Chinese government sites put in <meta> (the national site standard's names first).
_META = {"articletitle": "title", "og:title": "title", "pubdate": "date", "publishdate": "date",
         "firstpublishedtime": "date", "article:published_time": "date", "contentsource": "source",
         "source": "source"}
_BODY_HINT = re.compile(r"content|article|zoom|trs_editor|trs_|main|detail|text|zw|con|body|news", re.I)
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article")


def html_text(data: bytes) -> str:
    from bs4 import BeautifulSoup

    raw = data
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:4000])
    encoding = m.group(1).decode("ascii").lower() if m else None
    try:
        markup = raw.decode(encoding) if encoding else decode_text(raw)
    except (LookupError, UnicodeDecodeError):
        markup = decode_text(raw)
    soup = BeautifulSoup(markup, "lxml")
    meta = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("name") or tag.get("property") or "").lower()
        if key in _META and tag.get("content"):
            meta.setdefault(_META[key], tag["content"].strip())
    title = meta.get("title") or (soup.h1.get_text(strip=True) if soup.h1 else None) or (
        soup.title.get_text(strip=True) if soup.title else None)
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe"]):
        tag.decompose()
    candidates = [el for el in soup.find_all(["div", "article", "section", "td"])
                  if _BODY_HINT.search(" ".join(el.get("class", [])) + " " + (el.get("id") or ""))]
    body = max(candidates, key=_chinese_length, default=None)
    if body is None or _chinese_length(body) < 0.3 * _chinese_length(soup.body or soup):
        body = soup.body or soup
    _html_tables(body)
    for br in body.find_all("br"):
        br.replace_with("\n")
    for el in body.find_all(_BLOCKS):
        el.insert_before("\n")
        el.insert_after("\n")
    text = body.get_text()
    head = []
    if title and title not in text[:200]:
        head.append(title)
    if meta.get("date"):
        head.append(f"发布时间：{meta['date']}")
    if meta.get("source"):
        head.append(f"来源：{meta['source']}")
    return "\n".join(head + [text])


def _html_tables(body):
    """Each data table (no table inside, two cells or more in a row) read as Word tables are, so a task list
    on a web page gives "责任单位：…" sentences, not its cells run together. Layout tables stay as they are."""
    for table in body.find_all("table"):
        if table.find("table"):
            continue
        rows = [[re.sub(r"\s*\n\s*", "", cell.get_text().strip()) for cell in tr.find_all(["td", "th"])]
                for tr in table.find_all("tr")]
        rows = [row for row in rows if any(row)]
        if not rows or max(len(row) for row in rows) < 2:
            continue
        table.replace_with("\n" + "\n".join(_rows_lines(rows)) + "\n")


def _chinese_length(el) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", el.get_text()))


def extract(data: bytes, filename: str) -> tuple[str, str]:
    """(format, text) of a file's bytes."""
    fmt = format_of(filename)
    if not data:
        raise UnreadableDocument("文件为空")
    if fmt == "docx":
        return fmt, docx_text(data)
    if fmt == "pdf":
        return fmt, pdf_text(data)
    if fmt == "html":
        return fmt, html_text(data)
    return fmt, decode_text(data)
