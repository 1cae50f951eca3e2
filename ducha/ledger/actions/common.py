"""Pieces the task actions share: drafts, snapshots, relations read in bulk, search text."""

import functools
from dataclasses import dataclass, field

from django.db import connection

from ducha.audit.snapshot import _value
from ducha.core.actions import typed_fields
from ducha.text.search import index_text

from ..models import Task, TaskStage, TaskUnit

# Left out of audit snapshots: derived or noisy.
# Not the editor's to change: search and sort helpers, and the figures other rules derive (scheduled
# progress, the confirmed warning colour: each has its own record of how it moved).
SNAPSHOT_EXCLUDE = frozenset({"search_text", "sort_key", "updated_at", "schedule_state", "expected_progress",
                              "schedule_as_of", "warning"})
# Well below SQLite's 999 bound parameters, for `pk__in` lists.
CHUNK = 900


@dataclass(eq=False)
class TaskDraft:
    """One task to create (task None) or change (task set).

    fields: model fields by name ("parent" may name another draft of the batch); units in plan order,
    the lead unit first; domains, stages: None keeps what the task has. version: the version the editor
    read (None: not said). state / completed_on: where an import row says the task is; reached through
    the declared transitions, never assigned (state_reason: see below). After create_tasks, `task` is the created task.
    """

    fields: dict = field(default_factory=dict)
    units: list | None = None
    domains: list | None = None
    stages: list | None = None
    task: Task | None = None
    version: int | None = None
    state: str | None = None
    completed_on: object = None
    # Why the state is what it is, when reaching it takes a step that needs a reason: an imported ledger
    # row saying 已销号 is recorded as a sign-off made before the system (record_signed_off), with this reason.
    state_reason: str = ""

    def __post_init__(self):
        # Text as a person meant it, however the draft came (page, API, import): ducha.core.actions.
        self.fields = typed_fields(self.fields)


def chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def resolve(value):
    return value.task if isinstance(value, TaskDraft) else value


def unique(objects):
    seen = {}
    for obj in objects or ():
        seen.setdefault(obj.pk, obj)
    return list(seen.values())


# Values _value returns as they are: their exact types skip the call (ten thousand tasks, forty fields).
_AS_IS = frozenset({str, int, bool, float, type(None)})


@functools.cache
def _snapshot_attnames():
    return tuple(f.attname for f in Task._meta.concrete_fields if f.name not in SNAPSHOT_EXCLUDE)


def task_snapshot(task, unit_ids, domain_ids, stages) -> dict:
    """The audit log's picture of a task, from what is in hand."""
    data = {}
    for attname in _snapshot_attnames():
        value = getattr(task, attname)
        data[attname] = value if type(value) in _AS_IS else _value(value)
    data["domains"] = sorted(domain_ids)
    data["units"] = list(unit_ids)
    data["stages"] = [{"name": name, "due": due.isoformat()} for name, due in stages]
    return data


@dataclass
class TaskRelations:
    units: dict = field(default_factory=dict)  # task id → unit ids, lead first
    domains: dict = field(default_factory=dict)  # task id → sorted domain ids
    stages: dict = field(default_factory=dict)  # task id → [(name, due)] in order

    def snapshot(self, task):
        return task_snapshot(task, self.units.get(task.pk, []), self.domains.get(task.pk, []),
                             self.stages.get(task.pk, []))


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


def relations_of(ids) -> TaskRelations:
    found = TaskRelations()
    for chunk in chunks(ids):
        part = task_relations(pk__in=chunk)
        found.units.update(part.units)
        found.domains.update(part.domains)
        found.stages.update(part.stages)
    return found


def search_parts(task, units, problem_text) -> tuple:
    """The texts a task's search document is made of, in order."""
    return (task.number, problem_text, task.target, task.measures, task.responsible_people,
            task.supervising_leader, task.progress_note, " ".join(u.name for u in units))


class SearchTexts:
    """index_text of a task's parts; a ledger repeats its targets, measures, people and units from row to
    row, so each distinct part is tokenised once per batch."""

    def __init__(self):
        self.parts = {}

    def __call__(self, task, units, problem_text):
        found = []
        for part in search_parts(task, units, problem_text):
            if part not in self.parts:
                self.parts[part] = index_text(part)
            if self.parts[part]:
                found.append(self.parts[part])
        return " ".join(found)


def lock_tasks(ids):
    """The tasks under update lock (PostgreSQL; SQLite's IMMEDIATE transaction already serialises writers)."""
    locked = {}
    for chunk in chunks(ids):
        qs = Task.objects.filter(pk__in=chunk).select_related("problem", "parent", "division", "plan")
        if connection.vendor == "postgresql":
            qs = qs.select_for_update(of=("self",))
        locked.update((t.pk, t) for t in qs)
    return locked
