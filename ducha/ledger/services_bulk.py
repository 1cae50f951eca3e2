"""Bulk forms of the ledger services, for imports of thousands of rows.

Each applies the same checks as its single-object service in services.py
(the same `_validate`, the same scoping calls, the same full_clean), fills
search_text the same way and writes one audit entry per created or changed
object with the same before/after snapshot, but with a fixed number of
queries per batch instead of per object. They run inside the caller's
transaction (atomic: nested in the import's own) and write nothing when any
draft is refused: every refusal is collected and raised together as
DraftErrors, so the caller can name every bad row at once.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ducha.audit import services as audit
from ducha.audit.snapshot import _value, snapshot
from ducha.db.bulk import create_objects, insert_rows, update_rows
from ducha.core import scoping
from ducha.jurisdictions.models import Unit
from ducha.text.search import index_text

from . import services
from .models import Problem, Task, TaskStage, TaskUnit
from .models.tasks import CLOSED_STATES

# What ducha.audit.snapshot.snapshot leaves out by default.
SNAPSHOT_EXCLUDE = ("search_text", "password", "updated_at")
# Well below SQLite's 999 bound parameters, for `pk__in` lists.
CHUNK = 900


class DraftErrors(Exception):
    """Refusals of a batch: (index of the draft, ValidationError or PermissionDenied). Nothing was written."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} draft(s) refused")
        self.errors = errors


@dataclass(eq=False)
class TaskDraft:
    """One task to create (task None) or update. fields["parent"] may name another draft of the batch;
    after create_tasks, `task` is the created task."""

    units: list | None
    fields: dict
    domains: list | None = None
    stages: list | None = None
    task: Task | None = None


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def _resolve(value):
    return value.task if isinstance(value, TaskDraft) else value


def _unique_domains(domains):
    seen = {}
    for domain in domains or ():
        seen.setdefault(domain.pk, domain)
    return list(seen.values())


def _task_snapshot(task, unit_ids, domain_ids, stages) -> dict:
    """services.task_snapshot from what is in hand, without reading the task's relations back."""
    data = {f.attname: _value(getattr(task, f.attname))
            for f in Task._meta.concrete_fields if f.name not in SNAPSHOT_EXCLUDE}
    data["domains"] = sorted(domain_ids)
    data["units"] = list(unit_ids)
    data["stages"] = [{"name": name, "due": due.isoformat()} for name, due in stages]
    return data


def _write_related(pairs, replace):
    """Units (always), domains and stages (where given) of (task, draft) pairs; `replace` clears old ones first."""
    through = Task.domains.through
    with_domains = [(t, d) for t, d in pairs if d.domains is not None]
    with_stages = [(t, d) for t, d in pairs if d.stages is not None]
    if replace:
        for chunk in _chunks(t.pk for t, _ in pairs):
            TaskUnit.objects.filter(task_id__in=chunk).delete()
        for chunk in _chunks(t.pk for t, _ in with_domains):
            through.objects.filter(task_id__in=chunk).delete()
        for chunk in _chunks(t.pk for t, _ in with_stages):
            TaskStage.objects.filter(task_id__in=chunk).delete()
    insert_rows(TaskUnit, ("task", "unit", "position"),
                 [(t.pk, u.pk, i) for t, d in pairs for i, u in enumerate(d.units)])
    insert_rows(through, ("task", "pollutiondomain"),
                 [(t.pk, dom.pk) for t, d in with_domains for dom in _unique_domains(d.domains)])
    insert_rows(TaskStage, ("task", "position", "name", "due"),
                 [(t.pk, i, name, due) for t, d in with_stages for i, (name, due) in enumerate(d.stages)])


class _SearchTexts:
    """services.refresh_search_text for many tasks: index_text of several parts is their index_texts
    joined by spaces, and a ledger repeats its targets, measures, people and units from row to row."""

    def __init__(self):
        self.parts = {}

    def __call__(self, task, units):
        found = []
        for part in services.search_parts(task, units):
            if part not in self.parts:
                self.parts[part] = index_text(part)
            if self.parts[part]:
                found.append(self.parts[part])
        return " ".join(found)


def _ancestors_in_batch(task):
    depth, parent = 0, task.parent
    while parent is not None and parent.pk is None and depth < 100:
        depth, parent = depth + 1, parent.parent
    return depth


@transaction.atomic
def create_tasks(*, acting_user, plan, drafts, request_id="") -> list[Task]:
    """services.create_task for many drafts. A draft's units are in plan order: the first is the lead unit."""
    drafts = list(drafts)
    for draft in drafts:
        fields = {k: v for k, v in draft.fields.items() if k != "parent"}
        draft.task = Task(plan=plan, lead_unit=draft.units[0] if draft.units else None, **fields)
    allowed, errors, search_text = {}, [], _SearchTexts()
    for index, draft in enumerate(drafts):
        task = draft.task
        if "parent" in draft.fields:
            task.parent = _resolve(draft.fields["parent"])
        if task.division_id is None:
            task.division = plan.division
        if task.division_id not in allowed:
            allowed[task.division_id] = scoping.can_create_task(acting_user, task)
        if not allowed[task.division_id]:
            errors.append((index, PermissionDenied("无权在该区划新建整改任务。")))
            continue
        draft.units = list(draft.units or ())
        try:
            services._validate(task, draft.units, draft.stages or ())
        except ValidationError as error:
            errors.append((index, error))
            continue
        task.search_text = search_text(task, draft.units)
    if errors:
        raise DraftErrors(errors)
    # Parents before children: a sub-task needs its parent's id.
    waves = {}
    for draft in drafts:
        waves.setdefault(_ancestors_in_batch(draft.task), []).append(draft.task)
    for depth in sorted(waves):
        create_objects(waves[depth])
    _write_related([(d.task, d) for d in drafts], replace=False)
    audit.record_many(acting_user, [
        {"action": "create", "obj": d.task, "after": _task_snapshot(
            d.task, [u.pk for u in d.units], [dom.pk for dom in _unique_domains(d.domains)], d.stages or ())}
        for d in drafts], request_id=request_id)
    return [d.task for d in drafts]


@dataclass
class TaskRelations:
    units: dict = field(default_factory=dict)  # task id → unit ids, lead first
    domains: dict = field(default_factory=dict)  # task id → sorted domain ids
    stages: dict = field(default_factory=dict)  # task id → [(name, due)] in order


def task_relations(**task_lookup) -> TaskRelations:
    """Units, domains and stages of the tasks matching `task_lookup` (plan=…, pk__in=…) in three flat
    queries: prefetch_related builds a queryset per task, which at 10,000 tasks takes seconds."""
    found = TaskRelations()
    lookup = {f"task__{key}": value for key, value in task_lookup.items()}
    for task_id, unit_id in (TaskUnit.objects.filter(**lookup).order_by("task_id", "position")
                             .values_list("task_id", "unit_id")):
        found.units.setdefault(task_id, []).append(unit_id)
    for task_id, domain_id in Task.domains.through.objects.filter(**lookup).values_list("task_id",
                                                                                       "pollutiondomain_id"):
        found.domains.setdefault(task_id, []).append(domain_id)
    for ids in found.domains.values():
        ids.sort()
    for task_id, name, due in (TaskStage.objects.filter(**lookup).order_by("task_id", "position")
                               .values_list("task_id", "name", "due")):
        found.stages.setdefault(task_id, []).append((name, due))
    return found


def _locked(acting_user, ids):
    """The ids the user may change; the tasks under update lock; their relations; their units by id."""
    changeable, locked, related = set(), {}, TaskRelations()
    for chunk in _chunks(ids):
        changeable.update(Task.objects.restrict(acting_user, scoping.CHANGE).filter(pk__in=chunk)
                          .values_list("pk", flat=True))
        locked.update((t.pk, t) for t in Task.objects.select_for_update(of=("self",)).filter(pk__in=chunk)
                      .select_related("problem", "parent"))
        part = task_relations(pk__in=chunk)
        related.units.update(part.units)
        related.domains.update(part.domains)
        related.stages.update(part.stages)
    unit_ids = {u for ids in related.units.values() for u in ids}
    units = {}
    for chunk in _chunks(unit_ids):
        units.update(Unit.objects.in_bulk(chunk))
    return changeable, locked, related, units


@transaction.atomic
def update_tasks(*, acting_user, drafts, request_id="") -> list[Task]:
    """services.update_task for many drafts (draft.task is the task to change; units/domains/stages None
    keep what the task has)."""
    drafts = list(drafts)
    changeable, locked, related, units = _locked(acting_user, [d.task.pk for d in drafts])
    allowed_fields = set(services.TASK_FIELDS) | {f + "_id" for f in services.TASK_FIELDS}
    errors, befores, search_text = [], [], _SearchTexts()
    for index, draft in enumerate(drafts):
        if draft.task.pk not in changeable:
            errors.append((index, scoping.refusal(acting_user, scoping.CHANGE, draft.task)))
            befores.append(None)
            continue
        task = draft.task = locked[draft.task.pk]
        old_units = [units[pk] for pk in related.units.get(task.pk, [])]
        old_stages = related.stages.get(task.pk, [])
        old_domains = related.domains.get(task.pk, [])
        befores.append((_task_snapshot(task, [u.pk for u in old_units], old_domains, old_stages),
                        old_domains, old_stages))
        unknown = set(draft.fields) - allowed_fields
        if unknown:
            raise ValueError(f"unknown task fields: {sorted(unknown)}")
        for name, value in draft.fields.items():
            setattr(task, name, _resolve(value))
        draft.units = list(draft.units) if draft.units is not None else old_units
        try:
            services._validate(task, draft.units, draft.stages if draft.stages is not None else old_stages)
        except ValidationError as error:
            errors.append((index, error))
            continue
        task.lead_unit = draft.units[0]
        if task.state in CLOSED_STATES and task.completed_on is None:
            task.completed_on = dt.date.today()
        task.search_text = search_text(task, draft.units)
    if errors:
        raise DraftErrors(errors)
    now = timezone.now()
    for draft in drafts:
        draft.task.updated_at = now  # what save() would set (auto_now)
    columns = [f.attname for f in Task._meta.concrete_fields if not f.primary_key]  # all, as save() writes
    update_rows(Task, columns, [(d.task.pk, *(getattr(d.task, c) for c in columns)) for d in drafts])
    _write_related([(d.task, d) for d in drafts], replace=True)
    entries = []
    for draft, (before, old_domains, old_stages) in zip(drafts, befores):
        domains = [d.pk for d in _unique_domains(draft.domains)] if draft.domains is not None else old_domains
        stages = draft.stages if draft.stages is not None else old_stages
        after = _task_snapshot(draft.task, [u.pk for u in draft.units], domains, stages)
        if after != before:
            entries.append({"action": "update", "obj": draft.task, "before": before, "after": after})
    audit.record_many(acting_user, entries, request_id=request_id)
    return [d.task for d in drafts]


def _full_clean_all(objects):
    """full_clean for each object, asking the database about each distinct foreign key value once
    (ForeignKey.validate queries it, and its answer depends on the value alone)."""
    if not objects:
        return []
    relations = [f for f in objects[0]._meta.concrete_fields if f.is_relation]
    answers, errors = {}, []
    for index, obj in enumerate(objects):
        found = {}
        for field in relations:
            value = getattr(obj, field.attname)
            if field.blank and value in field.empty_values:
                continue
            if (field.name, value) not in answers:
                try:
                    field.clean(value, obj)
                    answers[field.name, value] = None
                except ValidationError as error:
                    answers[field.name, value] = error.error_list
            if answers[field.name, value]:
                found[field.name] = answers[field.name, value]
        try:
            obj.full_clean(exclude=[f.name for f in relations])
        except ValidationError as error:
            found = error.update_error_dict(found)
        if found:
            errors.append((index, ValidationError(found)))
    return errors


@transaction.atomic
def create_problems(*, acting_user, drafts, request_id="") -> list[Problem]:
    """services.create_problem for many field dicts."""
    problems = [Problem(**fields) for fields in drafts]
    allowed, refused = {}, []
    for index, problem in enumerate(problems):
        if problem.division_id is not None and problem.division_id not in allowed:
            allowed[problem.division_id] = scoping.can_in_division(acting_user, scoping.ADD, problem.division)
        if problem.division_id is None or not allowed[problem.division_id]:
            refused.append((index, PermissionDenied("无权登记该地区的问题。")))
    refused_at = {index for index, _ in refused}
    errors = refused + [(i, e) for i, e in _full_clean_all(problems) if i not in refused_at]
    if errors:
        raise DraftErrors(sorted(errors, key=lambda pair: pair[0]))
    create_objects(problems)
    audit.record_many(acting_user, [{"action": "create", "obj": p, "after": snapshot(p)} for p in problems],
                      request_id=request_id)
    return problems
