"""Writing a read ledger: the plan, new units, then problems and tasks in batches.

Runs inside import_ledger's transaction, through the same actions as every
page and API call (a batch of many is a batch of one, many times): a refusal
is reported on its row and the caller rolls everything back. A dry run is
this same write, rolled back.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ducha.core import scoping
from ducha.core.actions import BatchErrors, StaleEdit
from ducha.jurisdictions import services as unit_services
from ducha.ledger import actions
from ducha.ledger.actions import rules
from ducha.ledger.models import Problem, TaskState

from .rows import CREATED, UNCHANGED, PendingUnit, RowError, depth


def _resolve(value):
    return value.unit if isinstance(value, PendingUnit) else value


def _parent_saved(draft):
    parent = draft.fields.get("parent")
    parent = parent.task if isinstance(parent, actions.TaskDraft) else parent
    return parent is None or parent.pk is not None


def _row_errors(spec, error, header):
    if isinstance(error, (PermissionDenied, StaleEdit)):
        return [RowError(spec.row, "", str(error))]
    found = []
    for name, messages in getattr(error, "message_dict", {"": error.messages}).items():
        for message in messages:
            # A rule about a column the sheet lacks (整改目标…) still names that column.
            column = header.column_name(name) if name in header.fields else (rules.label(name) if name else "")
            found.append(RowError(spec.row, column, message))
    return found


def commit(acting_user, plan_code, plan, plan_division, title, specs, existing, reader, report):
    if plan is None:
        plan = actions.create_plan(acting_user=acting_user, code=plan_code, title=title or plan_code,
                                   division=plan_division)
        report.plan, report.plan_created = plan, True
    for pending in reader.pending.values():
        if not scoping.can_in_division(acting_user, scoping.ADD, pending.division):
            report.errors.append(RowError(None, "", _("无权在%(division)s新建单位“%(name)s”") % {
                "division": pending.division.name, "name": pending.name}))
            return
        pending.unit = unit_services.create_unit(acting_user=acting_user, name=pending.name, kind=pending.kind,
                                                 division=pending.division)
    by_number = {s.number: s for s in specs}
    ordered = [s for s in sorted(specs, key=lambda s: depth(s, by_number)) if s.action != UNCHANGED]
    position = {id(s): i for i, s in enumerate(ordered)}
    failed = []  # (position, RowError)

    def refuse(spec, error):
        failed.extend((position[id(spec)], e) for e in _row_errors(spec, error, reader.header))

    problems = _problems(acting_user, plan, plan_division, existing, ordered, refuse)
    tasks = dict(existing)  # number → Task, or TaskDraft for a task of this file
    creates, updates = [], []
    for spec in ordered:
        draft = _draft(spec, tasks, problems)
        if draft is None:
            continue  # its problem or its parent was refused: already reported
        (creates if spec.action == CREATED else updates).append((spec, draft))
        tasks[spec.number] = draft if spec.action == CREATED else existing[spec.number]
    try:
        actions.create_tasks(acting_user=acting_user, plan=plan, drafts=[d for _, d in creates])
    except BatchErrors as errors:
        for index, error in errors.errors:
            refuse(creates[index][0], error)
        # An update naming a refused new task as its parent cannot be checked without it.
        updates = [(s, d) for s, d in updates if _parent_saved(d)]
    try:
        actions.update_tasks(acting_user=acting_user, drafts=[d for _, d in updates])
    except BatchErrors as errors:
        for index, error in errors.errors:
            refuse(updates[index][0], error)
    report.errors += [e for _, e in sorted(failed, key=lambda pair: pair[0])]


def _problems(acting_user, plan, plan_division, existing, ordered, refuse):
    """Description → Problem: the plan's own, and one new problem per new description (in row order)."""
    problems = {t.problem.description: t.problem for t in existing.values() if t.problem_id}
    new = {}
    for spec in ordered:
        if spec.problem and spec.problem not in problems and spec.problem not in new:
            new[spec.problem] = spec
    drafts = [dict(description=description, code=(spec.parent_number or spec.number)[:32],
                   kind=Problem.Kind.SPECIFIC, inspection=plan.inspection, division=plan_division)
              for description, spec in new.items()]
    try:
        created = actions.create_problems(acting_user=acting_user, drafts=drafts)
    except BatchErrors as errors:
        specs = list(new.values())
        for index, error in errors.errors:
            refuse(specs[index], error)
        return problems  # rows whose problem is missing get no draft (see _draft)
    problems.update(zip(new, created))
    return problems


def _draft(spec, tasks, problems):
    fields = {name: _resolve(value) for name, value in spec.fields.items()}
    if spec.problem is not None:
        if spec.problem and spec.problem not in problems:
            return None
        fields["problem"] = problems.get(spec.problem) if spec.problem else None
    if spec.parent_number is not None:
        if spec.parent_number not in tasks:
            return None
        fields["parent"] = tasks[spec.parent_number]
    units = [_resolve(u) for u in spec.units]
    # The row's state is where the task is: reached through the declared transitions, not assigned.
    state, completed_on = fields.pop("state", None), fields.pop("completed_on", None)
    # A row saying 已销号 records a sign-off made before the system (the ledger is its source).
    reason = _("台账导入：原台账记为已销号") if state == TaskState.SIGNED_OFF else ""
    if spec.action == CREATED:
        # None rather than empty: nothing to write for a new task.
        return actions.TaskDraft(units=units, fields={**fields, "number": spec.number},
                                 domains=spec.domains or None, stages=spec.stages or None,
                                 state=state, completed_on=completed_on, state_reason=reason)
    return actions.TaskDraft(units=units, fields=fields, domains=spec.domains, stages=spec.stages,
                             task=tasks[spec.number], state=state, completed_on=completed_on, state_reason=reason,
                             version=spec.version)
