"""The chronicle as the Word document offices keep: title "…整改工作大事记", then month headings and one
line per event ("3月5日　事项。内容")."""

import io
from itertools import groupby

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ducha.core.xml_text import xml_text


def title_of(subject):
    name = getattr(subject, "title", "") or str(subject)
    number = getattr(subject, "display_number", "")
    return f"{number} {name}整改工作大事记".strip() if number else f"{name}整改工作大事记"


def by_month(events):
    """[((year, month), [events…]), …] in date order."""
    return [(key, list(group)) for key, group in groupby(events, key=lambda e: (e.date.year, e.date.month))]


def line_of(event):
    text = f"{event.date.month}月{event.date.day}日　{event.title}"
    if event.detail:
        text += f"。{event.detail}"
    return text


def export_docx(subject, events) -> bytes:
    document = docx.Document()
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(xml_text(title_of(subject)))
    run.bold = True
    run.font.size = Pt(18)
    for (year, month), group in by_month(events):
        month_heading = document.add_paragraph()
        month_run = month_heading.add_run(f"{year}年{month}月")
        month_run.bold = True
        for event in group:
            document.add_paragraph(xml_text(line_of(event)))
    if not events:
        document.add_paragraph("（暂无记录）")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
