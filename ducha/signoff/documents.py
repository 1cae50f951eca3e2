"""验收意见表 and 销号申请表 as Word documents: editable templates (data/*_template.docx, or the replacement an
administrator uploaded) with {{placeholders}}, filled with python-docx the way the 督办函 is
(ducha.supervision.letters).

Placeholders: {{task_number}} {{plan}} {{problem}} {{target}} {{measures}} {{lead_unit}} {{units}} {{deadline}}
{{completed_on}} {{report}} {{applicant}} {{submitted_on}} {{reviews}} {{onsite}} {{opinion}}
{{acceptance_unit}} {{signer}} {{signed_on}} {{date}}; a paragraph holding only {{evidence}} becomes the
evidence table (序号, 文件名, 对应标准, SHA-256), one holding only {{self_checks}} the self-check table.
"""

import io
from pathlib import Path

import docx
from django.utils import timezone

from ducha.core import docx_templates
from ducha.core.xml_text import xml_text
from ducha.supervision.letters import _cn_date, _paragraphs, _replace_in_paragraph

from .models import DocumentKind

# The {{names}} a template may hold (values_for gives each); the template page lists them.
PLACEHOLDERS = ("task_number", "plan", "problem", "target", "measures", "lead_unit", "units", "deadline",
                "completed_on", "report", "applicant", "submitted_on", "reviews", "onsite", "opinion",
                "acceptance_unit", "signer", "signed_on", "date")

DATA = Path(__file__).parent / "data"
DEFAULT_TEMPLATES = {DocumentKind.OPINION: DATA / "opinion_template.docx",
                     DocumentKind.APPLICATION: DATA / "application_template.docx"}


def custom_template_name(kind):
    return f"signoff/{kind}_template.docx"


def template_bytes(kind) -> bytes:
    return docx_templates.current(custom_template_name(kind), DEFAULT_TEMPLATES[kind])


def values_for(application):
    task = application.task
    signature = getattr(application, "signature", None)
    onsite = getattr(application, "onsite", None)
    if onsite is None:
        onsite_text = ""
    elif onsite.needed:
        onsite_text = f"{_cn_date(onsite.checked_on)} {onsite.place}（{onsite.people}）{onsite.conclusion}"
    else:
        onsite_text = f"免于现场核查：{onsite.not_needed_reason}"
    reviews = "；".join(f"第{r.number}轮 {r.get_outcome_display() or '待审核'} {r.reasons}".strip()
                       for r in application.rounds.all())
    return {
        "task_number": str(task.display_number), "plan": task.plan.title,
        "problem": task.problem.description if task.problem_id else "", "target": task.target,
        "measures": task.measures, "lead_unit": task.lead_unit.name,
        "units": "、".join(u.name for u in task.ordered_units()),
        "deadline": _cn_date(task.deadline) if task.deadline else task.deadline_text,
        "completed_on": _cn_date(task.completed_on), "report": application.report,
        "applicant": application.unit.name,
        "submitted_on": _cn_date(timezone.localtime(application.submitted_at).date()) if application.submitted_at else "",
        "reviews": reviews, "onsite": onsite_text,
        "opinion": signature.opinion if signature else "",
        "acceptance_unit": signature.unit.name if signature and signature.unit_id else "",
        "signer": (f"{signature.signer_name}（{signature.signer_title}）" if signature and signature.signer_title
                   else signature.signer_name if signature else ""),
        "signed_on": _cn_date(timezone.localtime(signature.signed_at).date()) if signature else "",
        "date": _cn_date(timezone.localdate()),
    }


def evidence_rows(application):
    """(file name, standard, sha256, StoredFile) of every file of the application and its on-site photos."""
    rows = [(e.file.original_name, e.get_standard_display() or "完成情况报告", e.file.sha256, e.file)
            for e in application.evidence.select_related("file")]
    onsite = getattr(application, "onsite", None)
    if onsite is not None:
        rows += [(p.file.original_name, "现场核查照片", p.file.sha256, p.file)
                 for p in onsite.photos.select_related("file")]
    return rows


def _table(document, paragraph, header, rows):
    table = document.add_table(rows=1, cols=len(header))
    try:
        table.style = "Table Grid"
    except (KeyError, ValueError):
        pass
    for cell, label in zip(table.rows[0].cells, header):
        cell.text = label
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = xml_text(value)
    paragraph._p.addnext(table._tbl)
    paragraph._p.getparent().remove(paragraph._p)


def render(application, kind) -> bytes:
    document = docx.Document(io.BytesIO(template_bytes(kind)))
    evidence = [(i, name, standard, sha) for i, (name, standard, sha, _f) in
                enumerate(evidence_rows(application), start=1)]
    checks = [(c.get_standard_display(), c.text) for c in application.self_checks.all()]
    for paragraph in list(document.paragraphs):
        text = paragraph.text.strip()
        if text == "{{evidence}}":
            _table(document, paragraph, ("序号", "文件名", "对应标准", "SHA-256"), evidence)
        elif text == "{{self_checks}}":
            _table(document, paragraph, ("销号标准", "自查情况"), checks)
    values = values_for(application)
    for paragraph in _paragraphs(document):
        _replace_in_paragraph(paragraph, values)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
