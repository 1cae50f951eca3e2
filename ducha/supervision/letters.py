"""The 督办函 as a Word document: an editable template (data/letter_template.docx, or the replacement an
administrator uploaded) with {{placeholders}}, filled with python-docx.

Placeholders: {{number}} {{kind}} {{unit}} {{required}} {{reason}} {{reply_by}} {{office}} {{date}};
a paragraph holding only {{tasks}} becomes a table of the tasks (序号, 编号, 整改任务, 整改时限).
"""

import io
import re
from pathlib import Path

import docx

from ducha.core import docx_templates
from ducha.core.xml_text import xml_text
from ducha.jurisdictions.models import Unit, UnitKind

DEFAULT_TEMPLATE = Path(__file__).parent / "data" / "letter_template.docx"
CUSTOM_TEMPLATE = "supervision/letter_template.docx"
PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def template_bytes() -> bytes:
    return docx_templates.current(CUSTOM_TEMPLATE, DEFAULT_TEMPLATE)


def _cn_date(value):
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def office_name(division):
    office = Unit.objects.filter(division=division, kind=UnitKind.OFFICE, is_active=True).order_by("id").first()
    return office.name if office else f"{division.name}生态环境保护督察整改工作领导小组办公室"


def values_for(record):
    from django.utils import timezone

    return {
        "number": record.number, "kind": record.get_kind_display(), "unit": record.unit.name,
        "required": record.required, "reason": record.reason, "reply_by": _cn_date(record.reply_by),
        "office": office_name(record.division), "date": _cn_date(record.issued_on or timezone.localdate()),
    }


def _replace_in_paragraph(paragraph, values):
    text = paragraph.text
    if "{{" not in text:
        return
    new = PLACEHOLDER.sub(lambda m: xml_text(values.get(m.group(1), m.group(0))), text)
    if new == text:
        return
    # Placeholders may be split across runs by Word: the paragraph's text goes to its first run.
    runs = paragraph.runs
    runs[0].text = new
    for run in runs[1:]:
        run.text = ""


def _only_empty_placeholders(text, values):
    """A paragraph of placeholders only (and spaces), every one of them empty for this record."""
    names = PLACEHOLDER.findall(text)
    return bool(names) and not PLACEHOLDER.sub("", text).strip(" \u3000\t") and all(
        name in values and not str(values[name]).strip() for name in names)


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
    for section in document.sections:
        yield from section.header.paragraphs
        yield from section.footer.paragraphs


def _tasks_table(document, paragraph, tasks):
    table = document.add_table(rows=1, cols=4)
    try:
        table.style = "Table Grid"
    except (KeyError, ValueError):
        pass
    for cell, label in zip(table.rows[0].cells, ("序号", "编号", "整改任务", "整改时限")):
        cell.text = label
    for index, task in enumerate(tasks, start=1):
        cells = table.add_row().cells
        values = (index, task.display_number, task.title,
                  _cn_date(task.deadline) if task.deadline else task.deadline_text or "")
        for cell, value in zip(cells, values):
            cell.text = xml_text(value)
    paragraph._p.addnext(table._tbl)
    paragraph._p.getparent().remove(paragraph._p)


def render_letter(record) -> bytes:
    document = docx.Document(io.BytesIO(template_bytes()))
    values = values_for(record)
    tasks = list(record.tasks.order_by("sort_key", "id"))
    for paragraph in list(document.paragraphs):
        if paragraph.text.strip() == "{{tasks}}":
            _tasks_table(document, paragraph, tasks)
    blank = [p for p in document.paragraphs if _only_empty_placeholders(p.text, values)]
    for paragraph in _paragraphs(document):
        _replace_in_paragraph(paragraph, values)
    for paragraph in blank:  # a line for a value the record has not (no 督办缘由): no empty indented line
        paragraph._p.getparent().remove(paragraph._p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
