"""State changes of plan review: upload a plan document, decide on what was
extracted, confirm into the ledger. Each takes the acting user, checks
permission through ducha.core.scoping, runs in one transaction and
writes the audit log. Nothing reaches the ledger before a person confirms."""

import datetime as dt
import hashlib
import logging
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ducha.audit import services as audit
from ducha.core import scoping, uploads
from ducha.core.actions import check_version, dates_of
from ducha.ledger.importing.headers import locate
from ducha.ledger.importing.sheet import read_grid

from .cleaning import clean_values
from .models import Decision, DocumentState, ExtractedItem, ItemKind, PlanDocument
# The pages and the command call these through this module.
from .confirming import confirm, new_plan_fields, pending_creation  # noqa: F401
from .proposing import division_units, proposed_items, read_document, unit_index  # noqa: F401

log = logging.getLogger(__name__)

FORMATS = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".txt": "txt"}


def document_facts(parse: dict) -> dict:
    """The document number, title, issuer and date as the reader found them (editable before confirming)."""
    issued = parse.get("date")
    return {"doc_number": (parse.get("number") or "")[:64], "doc_title": (parse.get("title") or "")[:255],
            "doc_issuer": (parse.get("issuer") or "")[:128],
            "doc_date": dt.date.fromisoformat(issued) if issued else None}


def _task_list_grid(data: bytes):
    try:
        grid = read_grid(data)
        locate(grid)
    except ValidationError as error:
        raise ValidationError({"task_list": [f"任务清单：{m}" for m in error.messages]}) from error
    return grid


def _file_format(filename: str) -> str:
    fmt = FORMATS.get(Path(filename).suffix.lower())
    if fmt is None:
        raise ValidationError({"file": [f"不支持的文件类型“{Path(filename).suffix or filename}”，"
                                        "请上传 .docx、.pdf、.html 或 .txt 文件。"]})
    return fmt


@transaction.atomic
def upload_document(*, acting_user, division, filename: str, data: bytes, task_list: bytes | None = None,
                    request_id="") -> PlanDocument:
    """Store and read a plan file and propose its items. The same file uploaded
    again in the same division returns the document already there. `task_list`:
    the plan's task list as a separate .xlsx, read by the ledger importer's
    sheet and column reading; its rows are then the proposed tasks."""
    if not scoping.can_in_division(acting_user, scoping.ADD, division):
        raise PermissionDenied("无权为该区划上传整改方案。")
    fmt = _file_format(filename)
    if not data:
        raise ValidationError({"file": ["文件是空的。"]})
    if len(data) > uploads.max_upload_bytes():
        raise ValidationError({"file": [uploads.too_large_message(len(data))]})
    grid = _task_list_grid(task_list) if task_list else None
    sha = hashlib.sha256(data).hexdigest()
    existing = PlanDocument.objects.filter(division=division, sha256=sha).first()
    if existing is not None and grid is None:
        return existing
    try:
        text, parse = read_document(data, filename)
    except ValueError as exc:  # the reader says why, in Chinese
        raise ValidationError({"file": [f"无法读取文件“{filename}”：{exc}"]}) from exc
    except Exception as exc:  # a corrupt upload can fail anywhere inside docx/pdf/html libraries
        log.info("cannot read %s: %r", filename, exc)
        raise ValidationError({"file": [f"无法读取文件“{filename}”：文件已损坏或不是有效的 {fmt} 文件。"]}) from exc
    if not text.strip():
        raise ValidationError({"file": [f"文件“{filename}”中没有可读取的文字（扫描件请先进行文字识别）。"]})
    document = PlanDocument(division=division, sha256=sha, filename=Path(filename).name[:255], format=fmt,
                            text=text, parse=parse, uploaded_by=acting_user, **document_facts(parse))
    document.file.save(f"{sha[:16]}{Path(filename).suffix.lower()}", ContentFile(data), save=False)
    document.save()
    items = [ExtractedItem(document=document, kind=p.kind, position=position, payload=p.payload,
                           source_text=p.source_text, start=p.start, end=p.end)
             for position, p in enumerate(proposed_items(division, text, parse, grid))]
    ExtractedItem.objects.bulk_create(items)
    audit.record(actor=acting_user, action="upload", obj=document, request_id=request_id, after={
        "filename": document.filename, "sha256": sha, "format": fmt, "division": division.code,
        "items": len(items),
    })
    return document


# ---------------------------------------------------------------- decisions

def _decide(acting_user, item, decision, values, request_id, version=None):
    if item.created_id is not None:
        raise ValidationError(f"“{item}”已写入台账，不能再修改审核结果。")
    check_version(item, version)
    before = {"decision": item.decision, "decided": item.decided}
    if decision == Decision.REJECTED:
        item.decided = None
    elif decision == Decision.ACCEPTED:
        item.decided = clean_values(item, item.payload)
    elif decision == Decision.EDITED:
        item.decided = clean_values(item, {**item.payload, **(values or {})})
    else:
        raise ValueError(f"unknown decision {decision!r}")
    item.decision, item.decided_by, item.decided_at = decision, acting_user, timezone.now()
    item.version += 1
    item.save(update_fields=["decision", "decided", "decided_by", "decided_at", "version"])
    audit.record(actor=acting_user, action="decide", obj=item, before=before,
                 after={"decision": item.decision, "decided": item.decided, "version": item.version},
                 request_id=request_id)


def _start_review(document):
    if document.state == DocumentState.PENDING:
        document.state = DocumentState.REVIEWING
        document.save(update_fields=["state"])


@transaction.atomic
def decide_item(*, acting_user, item: ExtractedItem, decision: str, values=None, request_id="",
                version=None) -> ExtractedItem:
    """Accept an item as proposed, accept it with edited values, or reject it. `version`: the item's version
    the reviewer's page showed; another reviewer's decision since then raises StaleEdit."""
    scoping.require(acting_user, scoping.CHANGE, item.document)
    item = ExtractedItem.objects.select_for_update().select_related("document__division").get(pk=item.pk)
    _decide(acting_user, item, decision, values, request_id, version)
    _start_review(item.document)
    return item


@transaction.atomic
def accept_remaining_targets(*, acting_user, document: PlanDocument, request_id="") -> tuple[int, int]:
    """Accept every undecided target that is complete; (accepted, left undecided)."""
    scoping.require(acting_user, scoping.CHANGE, document)
    accepted = skipped = 0
    pending = document.items.select_for_update().filter(kind=ItemKind.TARGET, decision=Decision.PENDING)
    for item in pending.select_related("document__division"):
        try:
            with transaction.atomic():
                _decide(acting_user, item, Decision.ACCEPTED, None, request_id)
            accepted += 1
        except ValidationError:
            skipped += 1
    if accepted:
        _start_review(document)
    return accepted, skipped


FACT_LIMITS = {"doc_number": 64, "doc_title": 255, "doc_issuer": 128}


@transaction.atomic
def edit_document_facts(*, acting_user, document: PlanDocument, values: dict, request_id="") -> PlanDocument:
    """Correct the document number (文号), title, issuer or date read from the text, before confirming:
    the plan confirmation creates takes them (its code is the 文号)."""
    scoping.require(acting_user, scoping.CHANGE, document)
    document = PlanDocument.objects.select_for_update().get(pk=document.pk)
    if document.plan_id is not None:
        raise ValidationError("该文件已写入台账，文件信息请在整改方案页修改。")
    errors, clean = {}, {}
    for field, limit in FACT_LIMITS.items():
        value = " ".join(str(values.get(field) or "").split())
        if len(value) > limit:
            errors[field] = [f"不能超过 {limit} 个字。"]
        clean[field] = value
    clean["doc_date"] = dates_of(PlanDocument, {"doc_date": values.get("doc_date")}, errors)["doc_date"]
    if errors:
        raise ValidationError(errors)
    before = {f: str(getattr(document, f) or "") for f in clean}
    for field, value in clean.items():
        setattr(document, field, value)
    document.save(update_fields=list(clean))
    after = {f: str(getattr(document, f) or "") for f in clean}
    if after != before:
        audit.record(actor=acting_user, action="update", obj=document, before=before, after=after,
                     request_id=request_id)
    return document
