"""The public table as a file: xlsx (xlsxwriter, styled like a published table: title, bordered and wrapped
cells, frozen header, landscape A4 fitted to the page width, header repeated on every printed page) and
docx (python-docx, landscape A4, the header row repeated). Cells are always written as text."""

import io
import re
from xml.sax.saxutils import escape

import xlsxwriter
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from ducha.core.xml_text import xml_text

FONT = "宋体"


def render_xlsx(table, summary, out):
    """Write `table` (columns.PublicTable) and the summary sentences to `out` (path or binary file)."""
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet(f"第{table.batch.number}批")
    base = {"font_name": FONT, "font_size": 10, "text_wrap": True, "valign": "vcenter", "border": 1}
    title = book.add_format({"font_name": "方正小标宋简体", "font_size": 16, "bold": True, "align": "center",
                             "valign": "vcenter", "text_wrap": True})
    head = book.add_format({**base, "bold": True, "align": "center", "bg_color": "#F2F2F2"})
    cell = book.add_format(base)
    short = book.add_format({**base, "align": "center"})
    note = book.add_format({"font_name": FONT, "font_size": 10, "text_wrap": True, "valign": "top"})
    last = len(table.columns) - 1
    sheet.merge_range(0, 0, 0, last, table.title, title)
    sheet.set_row(0, 40)
    sheet.merge_range(1, 0, 1, last, summary.text if summary else "", note)
    sheet.set_row(1, 60)
    for col, column in enumerate(table.columns):
        sheet.set_column(col, col, column.width)
        sheet.write_string(2, col, column.header, head)
    for r, values in enumerate(table.rows, start=3):
        for col, value in enumerate(values):
            fmt = short if table.columns[col].width <= 12 else cell
            sheet.write_string(r, col, value, fmt)
    sheet.freeze_panes(3, 0)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(2)
    sheet.center_horizontally()
    sheet.set_footer("&C第 &P 页，共 &N 页")
    if table.rows:
        sheet.autofilter(2, 0, 2 + len(table.rows), last)
    book.close()


def _font(run, size, bold=False):
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _repeat_header(row):
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def render_docx(table, summary, out):
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(heading.add_run(xml_text(table.title)), 16, bold=True)
    if summary:
        _font(document.add_paragraph().add_run(xml_text(summary.text)), 10.5)
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    total_width = sum(c.width for c in table.columns)
    usable = Cm(26.7)
    widths = [int(usable * c.width / total_width) for c in table.columns]
    header = grid.rows[0]
    _repeat_header(header)
    for cell, column, width in zip(header.cells, table.columns, widths):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(paragraph.add_run(column.header), 10, bold=True)
    for row in _rows_xml(table.rows, widths):
        grid._tbl.append(row)
    document.save(out)


_RUN = ('<w:r><w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}"/><w:sz w:val="18"/></w:rPr>'
        .format(f=FONT))


def _cell_xml(value, twips):
    lines = xml_text(value).split("\n")
    text = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return (f'<w:tc><w:tcPr><w:tcW w:w="{twips}" w:type="dxa"/></w:tcPr>'
            f"<w:p>{_RUN}{text}</w:r></w:p></w:tc>")


def _rows_xml(rows, widths):
    """All body rows in one parse (python-docx's add_row and cell access cost milliseconds per cell)."""
    if not rows:
        return []
    twips = [int(w / 635) for w in widths]
    body = "".join("<w:tr>" + "".join(_cell_xml(v, t) for v, t in zip(values, twips)) + "</w:tr>"
                   for values in rows)
    return list(parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>"))


def render(table, summary, kind):
    """The file's bytes; kind is "xlsx" or "docx"."""
    buffer = io.BytesIO()
    (render_xlsx if kind == "xlsx" else render_docx)(table, summary, buffer)
    return buffer.getvalue()
