"""Confirmation: the accepted items of a reviewed plan document written into the
ledger (the plan, its tasks with their county sub-tasks, its indicator targets)
in one transaction. Items already written are skipped."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ducha.audit import services as audit
from ducha.core import scoping
from ducha.ledger import actions as ledger
from ducha.ledger.models import Plan, Problem, Task
from ducha.quality import services as quality
from ducha.text.deadlines import DeadlineError, format_deadline, parse_deadline

from .cleaning import clean_values
from .models import Decision, DocumentState, ExtractedItem, ItemKind, PlanDocument
from .proposing import division_units


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
    """The plan confirmation creates: coded by its document number (文号) when it has one."""
    return {
        "code": document.doc_number or f"{document.division.code}-{document.sha256[:10]}",
        "doc_number": document.doc_number,
        "title": (document.doc_title or document.title)[:255],
        "issuer": document.doc_issuer[:128],
        "issued_on": document.doc_date,
        "division": document.division,
        "text": document.text,
    }


def _new_plan(acting_user, document):
    fields = new_plan_fields(document)
    taken = Plan.objects.filter(code=fields["code"]).first()
    if taken is not None:
        raise ValidationError({"plan": [f"文号“{fields['code']}”已是方案《{taken.title}》的代码：请选择写入该方案，"
                                        "或在文件信息中修改文号。"]})
    return ledger.create_plan(acting_user=acting_user, **fields)


def _subtasks(acting_user, plan, task, problem, values, units, item):
    """One task per county for a collective (各县（市、区）), numbered "<n>-<i>" as the importer numbers them."""
    counties = item.document.division.counties() if values.get("subtasks") else []
    divisions = {d.code: d for d in counties}
    out = []
    for i, sub in enumerate(values.get("subtasks") or [], start=1):
        try:
            out.append(ledger.create_task(
                acting_user=acting_user, plan=plan, units=[units[pk] for pk in sub["units"]], parent=task,
                division=divisions[sub["division"]], problem=problem, number=f"{task.number}-{i}"[:32],
                target=task.target, measures=task.measures, category=task.category, deadline=task.deadline,
                deadline_text=task.deadline_text,
                stages=[(name[:128], dt.date.fromisoformat(due)) for name, due in values.get("stages") or []]))
        except (KeyError, ValidationError) as error:
            if not isinstance(error, ValidationError):
                error = ValidationError(f"第 {i} 个县级子任务的单位或区划不在本区划内。")
            raise _item_error(item, error) from None
    return out


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
        plan = _new_plan(acting_user, document)
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
                responsible_people=(v.get("people") or "")[:255],
                deadline=dt.date.fromisoformat(v["deadline"]) if v["deadline"] else None,
                deadline_text=_deadline_text(v),
            )
        except ValidationError as error:
            raise _item_error(item, error) from error
        item.created_id = task.pk
        created_tasks.append(task)
        created_tasks += _subtasks(acting_user, plan, task, problem, v, units, item)
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
