"""State changes of the ledger. Each takes the acting user, checks permission
through the one scoping path, runs in one transaction and writes the audit log.
Views, API handlers and commands call these; nothing else writes tasks."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ducha.audit import services as audit
from ducha.audit.snapshot import snapshot
from ducha.core import scoping
from ducha.text.search import index_text

from .models import (
    Category, Inspection, Plan, PollutionDomain, Problem, Task, TaskFlag, TaskStage, TaskState, TaskUnit,
)

TASK_FIELDS = (
    "number", "problem", "target", "measures", "division", "responsible_people", "supervising_leader",
    "supervising_unit", "acceptance_unit", "deadline", "deadline_text", "category", "state", "progress",
    "progress_note", "completed_on", "parent",
)


def task_snapshot(task: Task) -> dict:
    data = snapshot(task)
    if task.pk:
        data["units"] = list(task.task_units.order_by("position").values_list("unit_id", flat=True))
        data["stages"] = [
            {"name": s.name, "due": s.due.isoformat()} for s in task.stages.order_by("position")
        ]
    return data


def search_parts(task: Task, units) -> tuple:
    """The texts a task's search document is made of, in order."""
    problem = task.problem.description if task.problem_id else ""
    return (task.number, problem, task.target, task.measures, task.responsible_people, task.supervising_leader,
            task.progress_note, " ".join(u.name for u in units))


def refresh_search_text(task: Task, units=None) -> str:
    units = units if units is not None else task.ordered_units()
    return index_text(*search_parts(task, units))


def _validate(task: Task, units, stages):
    errors = {}
    if not units:
        errors["units"] = ["至少需要一个责任单位（第一个为牵头单位）。"]
    elif len({u.pk for u in units}) != len(units):
        errors["units"] = ["责任单位重复。"]
    if task.category == Category.BY_DEADLINE and task.deadline is None:
        errors["deadline"] = ["限期整改任务必须有整改时限。"]
    if task.category == Category.STAGED and not stages and task.deadline is None:
        errors["stages"] = ["分阶段任务需要阶段时限或最终时限。"]
    if not 0 <= (task.progress or 0) <= 100:
        errors["progress"] = ["进度应在 0 到 100 之间。"]
    if task.state in (TaskState.COMPLETED, TaskState.SIGNED_OFF) and task.progress != 100:
        task.progress = 100
    if task.parent_id and task.parent_id == task.pk:
        errors["parent"] = ["任务不能是自己的上级任务。"]
    if task.completed_on is not None and task.completed_on > timezone.localdate():
        errors["completed_on"] = ["完成日期不能晚于今天。"]
    if errors:
        raise ValidationError(errors)


def _save_related(task, units, domains, stages):
    TaskUnit.objects.filter(task=task).delete()
    TaskUnit.objects.bulk_create([TaskUnit(task=task, unit=u, position=i) for i, u in enumerate(units)])
    if domains is not None:
        task.domains.set(domains)
    if stages is not None:
        TaskStage.objects.filter(task=task).delete()
        TaskStage.objects.bulk_create(
            [TaskStage(task=task, position=i, name=name, due=due) for i, (name, due) in enumerate(stages)]
        )


@transaction.atomic
def create_task(*, acting_user, plan: Plan, units, domains=(), stages=(), request_id="", **fields) -> Task:
    """Create a task. `units` in plan order: the first is the lead unit."""
    task = Task(plan=plan, lead_unit=units[0] if units else None, **fields)
    if task.division_id is None:
        task.division = plan.division
    if not scoping.can_create_task(acting_user, task):
        raise PermissionDenied("无权在该区划新建整改任务。")
    units = list(units)
    _validate(task, units, stages)
    task.search_text = refresh_search_text(task, units)
    task.save()
    _save_related(task, units, domains, stages)
    audit.record(actor=acting_user, action="create", obj=task, after=task_snapshot(task), request_id=request_id)
    return task


@transaction.atomic
def update_task(*, acting_user, task: Task, units=None, domains=None, stages=None, request_id="", **fields) -> Task:
    scoping.require(acting_user, scoping.CHANGE, task)
    task = Task.objects.select_for_update().get(pk=task.pk)
    before = task_snapshot(task)
    unknown = set(fields) - set(TASK_FIELDS) - {f + "_id" for f in TASK_FIELDS}
    if unknown:
        raise ValueError(f"unknown task fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(task, name, value)
    units = list(units) if units is not None else task.ordered_units()
    stage_list = stages if stages is not None else [(s.name, s.due) for s in task.stages.all()]
    _validate(task, units, stage_list)
    task.lead_unit = units[0]
    if task.state in (TaskState.COMPLETED, TaskState.SIGNED_OFF) and task.completed_on is None:
        task.completed_on = dt.date.today()
    task.search_text = refresh_search_text(task, units)
    task.save()
    _save_related(task, units, domains, stages)
    after = task_snapshot(task)
    if after != before:
        audit.record(actor=acting_user, action="update", obj=task, before=before, after=after, request_id=request_id)
    return task


@transaction.atomic
def flag_task(*, acting_user, task: Task, note: str, request_id="") -> TaskFlag:
    scoping.require(acting_user, scoping.FLAG, task)
    if not note.strip():
        raise ValidationError({"note": ["请填写督导意见。"]})
    flag = TaskFlag.objects.create(task=task, raised_by=acting_user, note=note.strip())
    audit.record(actor=acting_user, action="flag", obj=task, after={"flag": flag.pk, "note": flag.note},
                 request_id=request_id)
    return flag


@transaction.atomic
def create_plan(*, acting_user, request_id="", **fields) -> Plan:
    plan = Plan(**fields)
    if not scoping.can_in_division(acting_user, scoping.ADD, plan.division):
        raise PermissionDenied("无权在该区划新建整改方案。")
    plan.full_clean()
    plan.save()
    audit.record(actor=acting_user, action="create", obj=plan, after=snapshot(plan), request_id=request_id)
    return plan


@transaction.atomic
def update_plan(*, acting_user, plan: Plan, request_id="", **fields) -> Plan:
    scoping.require(acting_user, scoping.CHANGE, plan)
    before = snapshot(plan)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save()
    audit.record(actor=acting_user, action="update", obj=plan, before=before, after=snapshot(plan),
                 request_id=request_id)
    return plan


def _create_in_division(model, message, *, acting_user, request_id, fields):
    obj = model(**fields)
    if obj.division_id is None or not scoping.can_in_division(acting_user, scoping.ADD, obj.division):
        raise PermissionDenied(message)
    obj.full_clean()
    obj.save()
    audit.record(actor=acting_user, action="create", obj=obj, after=snapshot(obj), request_id=request_id)
    return obj


def _update_in_division(obj, message, *, acting_user, request_id, fields):
    scoping.require(acting_user, scoping.CHANGE, obj)
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    before = snapshot(obj)
    for name, value in fields.items():
        setattr(obj, name, value)
    # Moving it out of the user's reach is the same as creating it there.
    if not scoping.can_in_division(acting_user, scoping.ADD, obj.division):
        raise PermissionDenied(message)
    obj.full_clean()
    obj.save()
    after = snapshot(obj)
    if after != before:
        audit.record(actor=acting_user, action="update", obj=obj, before=before, after=after, request_id=request_id)
    return obj


@transaction.atomic
def create_inspection(*, acting_user, request_id="", **fields) -> Inspection:
    return _create_in_division(Inspection, "无权登记该地区的督察。", acting_user=acting_user,
                               request_id=request_id, fields=fields)


@transaction.atomic
def update_inspection(*, acting_user, inspection: Inspection, request_id="", **fields) -> Inspection:
    return _update_in_division(inspection, "无权登记该地区的督察。", acting_user=acting_user,
                               request_id=request_id, fields=fields)


@transaction.atomic
def create_problem(*, acting_user, request_id="", **fields) -> Problem:
    return _create_in_division(Problem, "无权登记该地区的问题。", acting_user=acting_user,
                               request_id=request_id, fields=fields)


@transaction.atomic
def update_problem(*, acting_user, problem: Problem, request_id="", **fields) -> Problem:
    return _update_in_division(problem, "无权登记该地区的问题。", acting_user=acting_user,
                               request_id=request_id, fields=fields)


def domains_by_name():
    return {d.name: d for d in PollutionDomain.objects.all()} | {d.code: d for d in PollutionDomain.objects.all()}
