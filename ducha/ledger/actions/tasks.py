"""Creating and changing tasks: one path for pages, API, imports and commands.

`create_tasks` and `update_tasks` take a batch of drafts; `create_task` and
`update_task` are batches of one. Each checks every draft first (permission
for the task as it is and as it will be, who may change which field, the
rules of rules.py, the version the editor read), raises BatchErrors naming
every refused draft and writes nothing; otherwise it writes in one
transaction with a fixed number of queries per batch, re-reads what it
wrote through the scoping path, and records one audit entry per task that
changed. A state named by a draft (an import row) is reached through the
declared transitions (transitions.py), never assigned.
"""

import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.core import scoping
from ducha.core.actions import BatchErrors, StaleEdit, check_version, require_in_reach
from ducha.db.bulk import create_objects, insert_rows, update_rows
from ducha.jurisdictions.models import Unit
from ducha.text.numbers import natural_key

from ..models import Task, TaskStage, TaskState, TaskUnit
from . import rules
from .schedule import judge_new_tasks, refresh_schedule
from .common import (
    CHUNK, SearchTexts, TaskDraft, chunks, lock_tasks, relations_of, resolve, task_snapshot, unique,
)

__all__ = ["TaskDraft", "create_task", "create_tasks", "update_task", "update_tasks"]


class _Office:
    """May the actor act as the office over a division? Asked once per division per batch."""

    def __init__(self, user):
        self.user, self.answers = user, {}

    def __call__(self, division):
        if division.pk not in self.answers:
            self.answers[division.pk] = scoping.can_in_division(self.user, scoping.ADD, division)
        return self.answers[division.pk]


def _problem_text(task):
    if task.problem is not None:
        return task.problem.description
    parent = task.parent
    if parent is not None and parent.problem is not None:
        return parent.problem.description  # a county sub-task shares its city task's problem
    return ""


@functools.lru_cache(maxsize=4096)
def _natural_key(number):
    return natural_key(number)


def _replace_stages(with_stages):
    """The stages of (task, draft) pairs become the drafts': a stage kept (same name and date) keeps its row,
    so the progress reports that name it and the date they said it was done stay; the others go (a stage
    a report names cannot: refused) and new ones are inserted. Returns the (task, position, name, due)
    rows to insert."""
    kept, dropped, insert = [], [], []
    existing = {}
    for chunk in chunks(t.pk for t, _ in with_stages):
        for pk, task_id, name, due in TaskStage.objects.filter(task_id__in=chunk).order_by("position").values_list(
                "pk", "task_id", "name", "due"):
            existing.setdefault((task_id, name, due), []).append(pk)
    for task, draft in with_stages:
        for position, (name, due) in enumerate(draft.stages):
            same = existing.get((task.pk, name, due))
            if same:
                kept.append((same.pop(0), position))
            else:
                insert.append((task.pk, position, name, due))
    dropped = [pk for pks in existing.values() for pk in pks]
    for chunk in chunks(dropped):
        try:
            with transaction.atomic():
                TaskStage.objects.filter(pk__in=chunk).delete()
        except ProtectedError:
            raise ValidationError({"stages": [_("已有进展报告标记完成的阶段不能删除或修改名称、时限。")]}) from None
    update_rows(TaskStage, ("position",), kept)
    return insert


def _write_related(pairs, replace):
    """Units (always), domains and stages (where given) of (task, draft) pairs; `replace` clears old ones."""
    through = Task.domains.through
    with_domains = [(t, d) for t, d in pairs if d.domains is not None]
    with_stages = [(t, d) for t, d in pairs if d.stages is not None]
    if replace:
        for chunk in chunks(t.pk for t, _ in pairs):
            TaskUnit.objects.filter(task_id__in=chunk).delete()
        for chunk in chunks(t.pk for t, _ in with_domains):
            through.objects.filter(task_id__in=chunk).delete()
        stages = _replace_stages(with_stages)
    else:
        stages = [(t.pk, i, name, due) for t, d in with_stages for i, (name, due) in enumerate(d.stages)]
    insert_rows(TaskUnit, ("task", "unit", "position"),
                [(t.pk, u.pk, i) for t, d in pairs for i, u in enumerate(d.units)])
    insert_rows(through, ("task", "pollutiondomain"),
                [(t.pk, dom.pk) for t, d in with_domains for dom in unique(d.domains)])
    insert_rows(TaskStage, ("task", "position", "name", "due"), stages)


def _depth_in_batch(task):
    depth, parent = 0, task.parent
    while parent is not None and parent.pk is None and depth < 100:
        depth, parent = depth + 1, parent.parent
    return depth


def _numbers_taken(plan, drafts, errors):
    """The plan's numbers are unique: against the plan and within the batch."""
    wanted = [d.task.number for d in drafts]
    in_plan = Task.objects.filter(plan=plan).order_by()
    if len(wanted) > CHUNK:  # an import: the plan's numbers in one read, not IN lists of 900 (12 ms each)
        taken = set(in_plan.values_list("number", flat=True))
    else:
        taken = set(in_plan.filter(number__in=wanted).values_list("number", flat=True))
    seen = set()
    for index, draft in enumerate(drafts):
        number = draft.task.number
        if number in taken or number in seen:
            errors.append((index, ValidationError({"number": [
                _("本方案中已有序号为“%(number)s”的任务。") % {"number": number}]})))
        seen.add(number)


def _refuse_state(draft, creating=False):
    if "state" in draft.fields or (creating and "completed_on" in draft.fields):
        return ValidationError({"state": [_("整改状态只能通过流转（开始整改、申报完成、验收销号…）变更。")]})
    return None


@transaction.atomic
def create_tasks(*, acting_user, plan, drafts, dry_run=False) -> list[Task]:
    drafts = list(drafts)
    errors, office, search_text, today = [], _Office(acting_user), SearchTexts(), timezone.localdate()
    if plan.voided_at is not None:
        raise PermissionDenied(_("方案“%(code)s”已作废，不能新增任务。") % {"code": plan.code})
    for draft in drafts:
        fields = {k: v for k, v in draft.fields.items() if k not in ("parent", "state", "completed_on")}
        draft.task = Task(plan=plan, lead_unit=draft.units[0] if draft.units else None, **fields)
    for index, draft in enumerate(drafts):
        task = draft.task
        refused = _refuse_state(draft, creating=True)
        if refused is not None:
            errors.append((index, refused))
            continue
        if "parent" in draft.fields:
            task.parent = resolve(draft.fields["parent"])
        if task.division_id is None:
            # The lead unit's division when it lies in the plan's, else the plan's (as ledgers are read).
            lead = draft.units[0] if draft.units else None
            inside = lead is not None and lead.division.path.startswith(plan.division.path)
            task.division = lead.division if inside else plan.division
        if not office(task.division):
            errors.append((index, PermissionDenied(_("无权在%(division)s新建整改任务。") % {
                "division": task.division.name})))
            continue
        draft.units = list(draft.units or ())
        problem_text = _problem_text(task)
        try:
            rules.check_task(task, draft.units, draft.stages or (), problem_text=problem_text, today=today)
        except ValidationError as error:
            errors.append((index, error))
            continue
        task.search_text = search_text(task, draft.units, problem_text)
        task.sort_key = _natural_key(task.number)
    refused_at, numbered = {j for j, _ in errors}, []
    _numbers_taken(plan, drafts, numbered)
    errors += [pair for pair in numbered if pair[0] not in refused_at]
    if errors:
        raise BatchErrors(sorted(errors, key=lambda pair: pair[0]))
    if dry_run:
        return [d.task for d in drafts]
    # Scheduled progress goes in with the rows (no UPDATE of every new row after); the tasks that
    # _reach_states moves are refreshed by their transitions.
    judge_new_tasks([d.task for d in drafts], [d.stages or () for d in drafts])
    waves = {}
    for draft in drafts:  # parents before children: a sub-task needs its parent's id
        waves.setdefault(_depth_in_batch(draft.task), []).append(draft.task)
    for depth in sorted(waves):
        create_objects(waves[depth])
    _write_related([(d.task, d) for d in drafts], replace=False)
    audit.record_many(acting_user, [
        {"action": "task.create", "obj": d.task, "after": task_snapshot(
            d.task, [u.pk for u in d.units], [dom.pk for dom in unique(d.domains)], d.stages or ())}
        for d in drafts], returning=False)
    require_in_reach(acting_user, Task, [d.task.pk for d in drafts])
    _reach_states(acting_user, drafts)
    return [d.task for d in drafts]


def create_task(*, acting_user, plan, units, domains=(), stages=(), state=None, completed_on=None,
                state_reason="", **fields) -> Task:
    """A batch of one. `units` in plan order: the first is the lead unit."""
    draft = TaskDraft(fields=fields, units=list(units), domains=list(domains) or None,
                      stages=list(stages) or None, state=state, completed_on=completed_on, state_reason=state_reason)
    try:
        return create_tasks(acting_user=acting_user, plan=plan, drafts=[draft])[0]
    except BatchErrors as errors:
        raise errors.first() from None


def _reach_states(acting_user, drafts):
    """Drafts that name a state (an import row's 整改状态) get there through the declared transitions.
    Refusals are BatchErrors by the draft's index in `drafts` (a state with no path, or a step refused)."""
    from .transitions import path_items, transition_tasks

    items, owners, errors = [], [], []
    for index, draft in enumerate(drafts):
        if draft.state and draft.state != draft.task.state:
            try:
                steps = path_items(acting_user, draft.task, draft.state, draft.completed_on,
                                   reason=draft.state_reason)
            except (ValidationError, PermissionDenied) as error:
                errors.append((index, error))
                continue
            items += steps
            owners += [index] * len(steps)
    if errors:
        raise BatchErrors(errors)
    if items:
        try:
            moved = {t.pk: t for t in transition_tasks(acting_user=acting_user, items=items)}
        except BatchErrors as refused:  # by item: one refusal per draft, by the draft's index
            first = {}
            for item_index, error in refused.errors:
                first.setdefault(owners[item_index], error)
            raise BatchErrors(sorted(first.items(), key=lambda pair: pair[0])) from None
        for draft in drafts:
            draft.task = moved.get(draft.task.pk, draft.task)


def _changed(task, draft, old_units, old_domains, old_stages):
    """Names of what the draft would really change."""
    changed = set()
    for name, value in draft.fields.items():
        value = resolve(value)
        field = Task._meta.get_field(name)
        current = getattr(task, field.attname)
        if field.is_relation:
            value = getattr(value, "pk", value)
        if value != current:
            changed.add(name)
    if draft.units is not None and [u.pk for u in draft.units] != old_units:
        changed.add("units")
    if draft.domains is not None and sorted(d.pk for d in unique(draft.domains)) != old_domains:
        changed.add("domains")
    if draft.stages is not None and list(draft.stages) != list(old_stages):
        changed.add("stages")
    return changed


def _parent_cycle(task, parent):
    node, depth = parent, 0
    while node is not None and depth < 100:
        if node.pk == task.pk:
            return True
        node = Task.objects.filter(pk=node.parent_id).only("id", "parent_id").first() if node.parent_id else None
        depth += 1
    return False


def _check_update(acting_user, draft, task, related, units_by_id, office, changeable):
    """Every check of one update; returns the names that change. Raises on refusal."""
    if task.pk not in changeable:
        raise scoping.refusal(acting_user, scoping.CHANGE, task)
    check_version(task, draft.version)
    refused = _refuse_state(draft)
    if refused is not None:
        raise refused
    old_units = related.units.get(task.pk, [])
    changed = _changed(task, draft, old_units, related.domains.get(task.pk, []), related.stages.get(task.pk, []))
    if not changed:
        return changed
    if task.state == TaskState.SIGNED_OFF:
        raise ValidationError({"state": [_("已销号的任务须先由整改办重新打开，才能修改。")]})
    allowed = rules.OFFICE_FIELDS if office(task.division) else rules.UNIT_FIELDS
    forbidden = changed - allowed
    if forbidden:
        raise PermissionDenied(_("责任单位不能直接修改任务（进度请通过“填报进展”报告）：%(fields)s。") % {
            "fields": "、".join(rules.label(n) for n in sorted(forbidden))})
    for name, value in draft.fields.items():
        setattr(task, name, resolve(value))
    if "number" in changed and Task.objects.filter(plan_id=task.plan_id, number=task.number).exclude(
            pk=task.pk).exists():
        raise ValidationError({"number": [_("本方案中已有序号为“%(number)s”的任务。") % {"number": task.number}]})
    if "division" in changed and not office(task.division):
        raise PermissionDenied(_("不能把任务移出您的管辖范围（%(division)s）。") % {"division": task.division.name})
    if "parent" in changed and task.parent is not None and _parent_cycle(task, task.parent):
        raise ValidationError({"parent": [_("上级任务不能是它自己或它的下级任务。")]})
    if draft.units is None:
        draft.units = [units_by_id[pk] for pk in old_units]
    stages = draft.stages if draft.stages is not None else related.stages.get(task.pk, [])
    rules.check_task(task, draft.units, stages, problem_text=_problem_text(task),
                     clarities=bool(changed & rules.CLARITY_FIELDS), state=draft.state, changed=changed)
    return changed


@transaction.atomic
def update_tasks(*, acting_user, drafts, dry_run=False) -> list[Task]:
    """Change the drafts' tasks (draft.task). Tasks whose drafts change nothing are not written."""
    drafts = list(drafts)
    ids = [d.task.pk for d in drafts]
    changeable = set()
    for chunk in chunks(ids):
        changeable.update(Task.objects.restrict(acting_user, scoping.CHANGE).filter(pk__in=chunk).order_by()
                          .values_list("pk", flat=True))
    locked = lock_tasks(ids)
    related = relations_of(ids)
    unit_ids = {u for pks in related.units.values() for u in pks}
    units_by_id = {}
    for chunk in chunks(unit_ids):
        units_by_id.update(Unit.objects.select_related("division").in_bulk(chunk))
    errors, office, search_text, written = [], _Office(acting_user), SearchTexts(), []
    for index, draft in enumerate(drafts):
        task = locked.get(draft.task.pk)
        if task is None:
            errors.append((index, scoping.refusal(acting_user, scoping.CHANGE, draft.task)))
            continue
        before = related.snapshot(task)
        draft.task = task
        try:
            changed = _check_update(acting_user, draft, task, related, units_by_id, office, changeable)
        except (ValidationError, PermissionDenied, StaleEdit) as error:
            errors.append((index, error))
            continue
        if changed:
            if ("progress" in changed and task.progress and task.state == TaskState.NOT_STARTED
                    and draft.state is None):
                draft.state = TaskState.IN_PROGRESS  # reporting progress starts the task ("start")
            task.lead_unit = draft.units[0]
            task.search_text = search_text(task, draft.units, _problem_text(task))
            task.sort_key = _natural_key(task.number)
            written.append((draft, before))
    if errors:
        raise BatchErrors(errors)
    if dry_run:
        return [d.task for d in drafts]
    if written:
        _write_updates(acting_user, written, related)
    _reach_states(acting_user, drafts)
    return [d.task for d in drafts]


def _write_updates(acting_user, written, related):
    now = timezone.now()
    for draft, _before in written:
        draft.task.updated_at = now
        draft.task.version += 1
    columns = [f.attname for f in Task._meta.concrete_fields if not f.primary_key]
    update_rows(Task, columns, [(d.task.pk, *(getattr(d.task, c) for c in columns)) for d, _b in written])
    _write_related([(d.task, d) for d, _b in written], replace=True)
    entries = []
    for draft, before in written:
        domains = ([d.pk for d in unique(draft.domains)] if draft.domains is not None
                   else related.domains.get(draft.task.pk, []))
        stages = draft.stages if draft.stages is not None else related.stages.get(draft.task.pk, [])
        entries.append({"action": "task.update", "obj": draft.task, "before": before,
                        "after": task_snapshot(draft.task, [u.pk for u in draft.units], domains, stages)})
    audit.record_many(acting_user, entries)
    require_in_reach(acting_user, Task, [d.task.pk for d, _b in written])
    # Deadline, stages or progress may have moved: the stored scheduled progress follows at once.
    refresh_schedule(task_ids=[d.task.pk for d, _b in written])


def update_task(*, acting_user, task, units=None, domains=None, stages=None, version=None, **fields) -> Task:
    """A batch of one; returns the task as it is now."""
    draft = TaskDraft(fields=fields, units=list(units) if units is not None else None,
                      domains=list(domains) if domains is not None else None,
                      stages=list(stages) if stages is not None else None, task=task, version=version)
    try:
        return update_tasks(acting_user=acting_user, drafts=[draft])[0]
    except BatchErrors as errors:
        raise errors.first() from None
