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
from ducha.jurisdictions.models import Unit
from ducha.ledger import actions as ledger
from ducha.ledger.importing.units import UnitIndex
from ducha.text.deadlines import DeadlineError, format_deadline, parse_deadline
from ducha.ledger.models import Category, Plan, Problem, Task
from ducha.quality import services as quality
from ducha.quality.models import Comparator, Indicator

from .models import Decision, DocumentState, ExtractedItem, ItemKind, PlanDocument
from .proposals import propose

log = logging.getLogger(__name__)

FORMATS = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".txt": "txt"}


# ---------------------------------------------------------------- reading

def read_document(data: bytes, filename: str) -> tuple[str, dict]:
    """(cleaned text, parse) of a plan file, through the plan reader. Raises
    ValueError (the reader's UnreadableDocument) for a file it cannot read.
    The docx/pdf/html libraries run in a memory- and time-limited child
    (ducha.core.sandbox): a hostile file costs the child, not the web worker."""
    from ducha.core import sandbox
    from ducha.plans.reading.formats import UnreadableDocument

    try:
        return sandbox.run(_read_document, data, filename)
    except sandbox.SandboxFailed as failed:
        raise UnreadableDocument(failed.messages[0]) from None


def _read_document(data: bytes, filename: str) -> tuple[str, dict]:
    from ducha.plans.reading.formats import extract
    from ducha.plans.reading.parse import analyse

    fmt, raw = extract(data, filename)
    return analyse(raw, fmt=fmt)


def division_units(division):
    return Unit.objects.filter(division__path__startswith=division.path, is_active=True).select_related("division")


class ReviewUnits:
    """Unit names in a plan matched by the ledger importer's matcher (one way to
    read a unit name in ducha): the id of the one unit meant, or None when the
    name is unknown or could mean several units, so a person chooses."""

    def __init__(self, division):
        self._index = UnitIndex(division)
        self._path = division.path

    def match(self, name):
        found = self._index.find(name or "")
        # The importer also knows the units of the divisions above; a plan's
        # tasks take units of its own division and below (see division_units).
        if len(found) == 1 and found[0].division.path.startswith(self._path):
            return found[0].pk
        return None


def unit_index(division) -> ReviewUnits:
    return ReviewUnits(division)


def _file_format(filename: str) -> str:
    fmt = FORMATS.get(Path(filename).suffix.lower())
    if fmt is None:
        raise ValidationError({"file": [f"不支持的文件类型“{Path(filename).suffix or filename}”，"
                                        "请上传 .docx、.pdf、.html 或 .txt 文件。"]})
    return fmt


@transaction.atomic
def upload_document(*, acting_user, division, filename: str, data: bytes, request_id="") -> PlanDocument:
    """Store and read a plan file and propose its items. The same file uploaded
    again in the same division returns the document already there."""
    if not scoping.can_in_division(acting_user, scoping.ADD, division):
        raise PermissionDenied("无权为该区划上传整改方案。")
    fmt = _file_format(filename)
    if not data:
        raise ValidationError({"file": ["文件是空的。"]})
    if len(data) > uploads.max_upload_bytes():
        raise ValidationError({"file": [uploads.too_large_message(len(data))]})
    sha = hashlib.sha256(data).hexdigest()
    existing = PlanDocument.objects.filter(division=division, sha256=sha).first()
    if existing is not None:
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
                            text=text, parse=parse, uploaded_by=acting_user)
    document.file.save(f"{sha[:16]}{Path(filename).suffix.lower()}", ContentFile(data), save=False)
    document.save()
    index = unit_index(division)
    items = []
    for position, proposal in enumerate(propose(text, parse)):
        payload = dict(proposal.payload)
        if proposal.kind == ItemKind.TASK:
            payload["units"] = [index.match(name) for name in payload["unit_names"]]
        elif proposal.kind == ItemKind.UNIT:
            payload["unit"] = index.match(payload["name"])
        items.append(ExtractedItem(document=document, kind=proposal.kind, position=position, payload=payload,
                                   source_text=proposal.source_text, start=proposal.start, end=proposal.end))
    ExtractedItem.objects.bulk_create(items)
    audit.record(actor=acting_user, action="upload", obj=document, request_id=request_id, after={
        "filename": document.filename, "sha256": sha, "format": fmt, "division": division.code,
        "items": len(items),
    })
    return document


# ---------------------------------------------------------------- decisions

def _date(value, field, errors):
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        errors[field] = [f"日期“{value}”无效，应为 YYYY-MM-DD。"]


def _clean_task(values, document, errors):
    units = [u for u in values.get("units") or [] if u is not None]
    known = set(division_units(document.division).filter(pk__in=units).values_list("pk", flat=True))
    if not units:
        names = "、".join(values.get("unit_names") or []) or "—"
        errors["units"] = [f"请选择责任单位（第一个为牵头单位）；原文单位：{names}。"]
    elif set(units) - known:
        errors["units"] = ["责任单位必须是本区划的单位。"]
    elif len(set(units)) != len(units):
        errors["units"] = ["责任单位重复。"]
    category = values.get("category") or Category.BY_DEADLINE
    if category not in Category.values:
        errors["category"] = [f"未知整改类别“{category}”。"]
    deadline = _date(values.get("deadline"), "deadline", errors)
    if category == Category.BY_DEADLINE and deadline is None and "deadline" not in errors:
        errors["deadline"] = ["限期整改任务必须有整改时限。"]
    if not (values.get("target") or values.get("measures") or "").strip():
        errors["target"] = ["请填写整改目标或整改措施。"]
    return {**values, "units": units, "category": category, "deadline": deadline,
            "number": (values.get("number") or "").strip()[:32]}


def _clean_target(values, document, errors):
    if values.get("indicator") not in Indicator.values:
        errors["indicator"] = [f"请选择指标（原文为“{values.get('name') or values.get('indicator') or ''}”）。"]
    if values.get("comparator") not in Comparator.values:
        errors["comparator"] = ["请选择比较方式。"]
    try:
        value = str(quality.parse_value(values.get("value")))
    except ValueError as exc:
        errors["value"] = [str(exc)]
        value = values.get("value")
    try:
        year = int(values.get("year"))
    except (TypeError, ValueError):
        errors["year"] = ["请填写目标年份。"]
        year = values.get("year")
    return {**values, "value": value, "year": year}


def _clean_deadline(values, document, errors):
    return {**values, "date": _date(values.get("date"), "date", errors)}


def _clean_unit(values, document, errors):
    unit = values.get("unit")
    if unit is not None and not division_units(document.division).filter(pk=unit).exists():
        errors["unit"] = ["单位必须是本区划的单位。"]
    return values


CLEANERS = {ItemKind.TASK: _clean_task, ItemKind.TARGET: _clean_target, ItemKind.DEADLINE: _clean_deadline,
            ItemKind.UNIT: _clean_unit}


def clean_values(item: ExtractedItem, values: dict) -> dict:
    """The values as they will be used, or a ValidationError naming the fields."""
    errors = {}
    cleaner = CLEANERS.get(item.kind)
    cleaned = cleaner(dict(values), item.document, errors) if cleaner else dict(values)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _decide(acting_user, item, decision, values, request_id):
    if item.created_id is not None:
        raise ValidationError(f"“{item}”已写入台账，不能再修改审核结果。")
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
    item.save(update_fields=["decision", "decided", "decided_by", "decided_at"])
    audit.record(actor=acting_user, action="decide", obj=item, before=before,
                 after={"decision": item.decision, "decided": item.decided}, request_id=request_id)


def _start_review(document):
    if document.state == DocumentState.PENDING:
        document.state = DocumentState.REVIEWING
        document.save(update_fields=["state"])


@transaction.atomic
def decide_item(*, acting_user, item: ExtractedItem, decision: str, values=None, request_id="") -> ExtractedItem:
    """Accept an item as proposed, accept it with edited values, or reject it."""
    scoping.require(acting_user, scoping.CHANGE, item.document)
    item = ExtractedItem.objects.select_for_update().select_related("document__division").get(pk=item.pk)
    _decide(acting_user, item, decision, values, request_id)
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


# ---------------------------------------------------------------- confirmation

def _numbers(plan, task_items):
    """Task numbers for the items to create: as decided, else the next free
    integers; a number already in the plan is an error, not a silent rename."""
    taken = set(Task.objects.filter(plan=plan).values_list("number", flat=True)) if plan is not None else set()
    out, counter, errors = {}, 0, []
    for item in task_items:
        number = item.values.get("number") or ""
        if not number:
            counter += 1
            while str(counter) in taken:
                counter += 1
            number = str(counter)
        elif number in taken:
            errors.append(f"任务“{item}”的序号“{number}”在方案中已存在，请修改序号。")
        taken.add(number)
        out[item.pk] = number
    if errors:
        raise ValidationError(errors)
    return out


def pending_creation(document: PlanDocument):
    """(task items, target items) that confirmation would write: accepted and not yet written."""
    items = document.items.filter(decision__in=(Decision.ACCEPTED, Decision.EDITED), created_id__isnull=True)
    return list(items.filter(kind=ItemKind.TASK)), list(items.filter(kind=ItemKind.TARGET))


def new_plan_fields(document: PlanDocument) -> dict:
    parse = document.parse or {}
    issued = parse.get("date")
    return {
        "code": f"{document.division.code}-{document.sha256[:10]}",
        "title": (parse.get("title") or document.filename)[:255],
        "issuer": (parse.get("issuer") or "")[:128],
        "issued_on": dt.date.fromisoformat(issued) if issued else None,
        "division": document.division,
        "text": document.text,
    }


def _item_error(item, error):
    return ValidationError([f"{item}：{message}" for message in error.messages])


def _deadline_text(values):
    """The plan's own wording of the deadline, unless the reviewer changed the date: then the date's."""
    text = (values.get("deadline_text") or "")[:64]
    if not values.get("deadline") or not text:
        return text
    chosen = dt.date.fromisoformat(values["deadline"])
    try:
        read = parse_deadline(text).date
    except DeadlineError:
        return text
    return text if read in (None, chosen) else format_deadline(chosen)


@transaction.atomic
def confirm(*, acting_user, document: PlanDocument, plan: Plan | None = None, request_id="") -> dict:
    """Write the accepted items into the ledger: the plan (chosen, or created
    from the document's facts), its tasks and its indicator targets. Items
    already written are skipped, so confirming twice writes nothing twice."""
    scoping.require(acting_user, scoping.CHANGE, document)
    document = PlanDocument.objects.select_for_update().select_related("division").get(pk=document.pk)
    if document.plan_id is not None:
        if plan is not None and plan.pk != document.plan_id:
            raise ValidationError({"plan": ["该文件已关联整改方案，不能更换。"]})
        plan = document.plan
    elif plan is not None:
        if not scoping.can(acting_user, scoping.CHANGE, plan) or not plan.division.path.startswith(
                document.division.path):
            raise PermissionDenied("无权向该整改方案写入任务。")
    tasks, targets = pending_creation(document)
    if not tasks and not targets and plan is None:
        raise ValidationError("还没有采纳任何整改任务或指标目标，无需写入台账。")
    numbers = _numbers(plan, tasks)
    if plan is None:
        plan = ledger.create_plan(acting_user=acting_user, **new_plan_fields(document))
    units = {u.pk: u for u in division_units(document.division)}
    created_tasks, created_targets = [], []
    for item in tasks:
        v = clean_values(item, item.values)
        try:
            # A task names its problem (五明确): the plan's own words for it, else the item's heading.
            problem = ledger.create_problem(
                acting_user=acting_user, kind=Problem.Kind.SPECIFIC, inspection=plan.inspection,
                division=document.division, code=numbers[item.pk][:32],
                description=(v.get("problem") or v.get("heading") or v.get("target") or "")[:10_000])
            task = ledger.create_task(
                acting_user=acting_user, plan=plan, units=[units[pk] for pk in v["units"]],
                stages=[(name[:128], dt.date.fromisoformat(due)) for name, due in v.get("stages") or []],
                problem=problem, number=numbers[item.pk], target=v.get("target") or "",
                measures=v.get("measures") or "", category=v["category"],
                deadline=dt.date.fromisoformat(v["deadline"]) if v["deadline"] else None,
                deadline_text=_deadline_text(v),
            )
        except ValidationError as error:
            raise _item_error(item, error) from error
        item.created_id = task.pk
        created_tasks.append(task)
    for item in targets:
        v = clean_values(item, item.values)
        try:
            target = quality.create_target(
                acting_user=acting_user, division=document.division, plan=plan, indicator=v["indicator"],
                comparator=v["comparator"], value=v["value"], year=v["year"], name=v.get("name") or "",
                region=v.get("region") or "", unit=v.get("unit") or "", source_text=item.source_text,
                request_id=request_id,
            )
        except ValidationError as error:
            raise _item_error(item, error) from error
        item.created_id = target.pk
        created_targets.append(target)
    ExtractedItem.objects.bulk_update(tasks + targets, ["created_id"])
    document.plan, document.state, document.confirmed_at = plan, DocumentState.DONE, timezone.now()
    document.save(update_fields=["plan", "state", "confirmed_at"])
    audit.record(actor=acting_user, action="confirm", obj=document, request_id=request_id, after={
        "plan": plan.pk, "tasks": [t.pk for t in created_tasks], "targets": [t.pk for t in created_targets],
    })
    return {"plan": plan, "tasks": created_tasks, "targets": created_targets}
