"""Taking the declared transitions of ducha.ledger.workflow: the only way a task's state changes."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ducha.audit import services as audit
from ducha.core import scoping
from ducha.core.actions import BatchErrors, StaleEdit, check_version, date_input, require_in_reach
from ducha.db.bulk import update_rows

from ..models import Task, TaskState
from ..workflow import HANDLERS, OPTIONAL_INPUTS, RETURNS, TASK_WORKFLOW, TaskFacts, check_handled, guards_of
from .common import lock_tasks, relations_of
from .progress import figure_after_return
from .schedule import refresh_schedule

REASON_MAX = 2000


@dataclass
class TransitionItem:
    task: Task
    name: str
    inputs: dict = field(default_factory=dict)
    version: int | None = None


def facts_for(task, related=None) -> TaskFacts:
    if related is not None:
        return TaskFacts(unit_ids=related.units.get(task.pk, []))
    return TaskFacts(unit_ids=list(task.task_units.order_by("position").values_list("unit_id", flat=True)))


def available(user, task, facts=None, *, prepared=False):
    """The transitions this user may take on this task now (buttons, the API's list).

    prepared: also offer a step whose guard fails on what is stored but whose handler writes what the
    guard checks from the same request (HANDLERS[name].prepares: an application written and submitted at
    once, through the API or the command)."""
    if task.voided_at is not None or not scoping.can(user, scoping.VIEW, task):
        return []
    return [t for t in TASK_WORKFLOW.available(user, task, facts or facts_for(task))
            if passes_guards(t, task) or prepared and _prepares(t, task)]


def _prepares(transition, task) -> bool:
    prepares = getattr(HANDLERS.get(transition.name), "prepares", None)
    return bool(prepares and prepares(task))


def passes_guards(transition, task) -> bool:
    try:
        check_guards(transition, task)
    except ValidationError:
        return False
    return True


def check_guards(transition, task):
    """What an upper app requires before the transition (a submitted application, a notice period over)."""
    for guard in guards_of(transition.name):
        guard(task)


def check_source_and_who(user, task, transition, facts=None):
    """The transition's declared rule: the task is in one of its source states, and the user is one who
    takes it. ValidationError naming the state, or PermissionDenied."""
    if task.state not in transition.sources:
        raise ValidationError({"state": [_("“%(transition)s”不适用于“%(state)s”的任务。") % {
            "transition": transition.label, "state": TaskState(task.state).label}]})
    if not transition.who(user, task, facts or facts_for(task)):
        raise PermissionDenied(_("当前用户无权对该任务执行“%(transition)s”。") % {"transition": transition.label})


def check_may_take(user, task, name):
    """Whether this user may take transition `name` on the task now, asked without taking it (a page that
    says why a step is unavailable rather than offering a form the action will refuse): the checks of
    transition_tasks but the inputs and the version. Raises what it would."""
    transition = TASK_WORKFLOW.get(name)
    if transition is None:
        raise ValidationError({"transition": [_("没有名为“%(name)s”的流转。") % {"name": name}]})
    if task.voided_at is not None:
        raise ValidationError({"task": [_("任务已作废。")]})
    if not scoping.can(user, scoping.VIEW, task):
        raise scoping.refusal(user, scoping.CHANGE, task)
    check_source_and_who(user, task, transition)
    check_guards(transition, task)


def path_items(user, task, target, completed_on=None, started_on=None, reason=""):
    """Items taking the task to `target` with no inputs of the user's own (but `reason`, when given), or a
    refusal naming the state."""
    facts = facts_for(task)
    steps = TASK_WORKFLOW.path(user, task, target, facts, given=("reason",) if reason else ())
    if steps is None:
        # A way that needs the user's reason (退回完成申报, 重新打开) is theirs to take on the task's page, where
        # the reason is written; a sheet's cell states where a task is, never why it went back.
        with_reason = None if reason else TASK_WORKFLOW.path(user, task, target, facts, given=("reason",))
        hint = (_("须在任务页面办理“%(steps)s”并写明理由") % {"steps": "”“".join(str(t.label) for t in with_reason)}
                if with_reason else _("没有可由您执行的流转"))
        raise ValidationError({"state": [_("整改状态不能由“%(old)s”直接改为“%(new)s”（%(hint)s）。") % {
            "old": TaskState(task.state).label, "new": TaskState(target).label, "hint": hint}]})
    inputs = {"claim": {"completed_on": completed_on} if completed_on else {},
              "start": {"started_on": started_on} if started_on else {}}
    return [TransitionItem(task, t.name, inputs.get(t.name, {"reason": reason} if "reason" in t.requires else {}))
            for t in steps]


DATE_INPUTS = {"completed_on": _lazy("完成日期"), "started_on": _lazy("开始日期")}


def _inputs(item, transition):
    """The item's inputs, checked: required ones present, unknown ones refused, values sane."""
    allowed = set(transition.requires) | set(OPTIONAL_INPUTS.get(transition.name, ()))
    unknown = set(k for k, v in item.inputs.items() if v not in (None, "")) - allowed
    if unknown:
        raise ValidationError({name: [_("“%(transition)s”不需要此项。") % {"transition": transition.label}]
                               for name in sorted(unknown)})
    values = {k: v for k, v in item.inputs.items() if k in allowed}
    for name in transition.requires:
        if not str(values.get(name) or "").strip():
            raise ValidationError({name: [_("“%(transition)s”须写明理由。") % {"transition": transition.label}]})
    for name in ("reason", "note"):
        if name in values and values[name] is not None:
            values[name] = str(values[name]).strip()
            if len(values[name]) > REASON_MAX:
                raise ValidationError({name: [_("内容过长（最多 %(n)s 字）。") % {"n": REASON_MAX}]})
    for name, label in DATE_INPUTS.items():
        day = date_input(values.get(name), name, label=label)
        if day is None:
            continue
        if day > timezone.localdate():
            raise ValidationError({name: [_("%(label)s不能晚于今天。") % {"label": label}]})
        values[name] = day
    return values


def _apply(task, transition, values) -> dict:
    """Move the task; returns what the audit entry adds (where a returned task's figure comes from)."""
    returned = transition.name in RETURNS
    TASK_WORKFLOW.apply(transition, task)
    if transition.name == "start" and (task.started_on is None or values.get("started_on")):
        # The unit may say when work really began (a ledger brought in late); by default, today.
        task.started_on = values.get("started_on") or timezone.localdate()
    if transition.name == "claim":
        task.progress = 100
        task.completed_on = values.get("completed_on") or timezone.localdate()
    elif returned:
        # Back to rectification: the claim's 100 % is refuted, the figure falls back to what was reported.
        task.completed_on = None
        task.progress, source = figure_after_return(task)
        return {"source": source} if source else {}
    return {}


@transaction.atomic
def transition_tasks(*, acting_user, items) -> list[Task]:
    """Take each item's transition, in order (an import may take several steps on one task)."""
    items = list(items)
    ids = list(dict.fromkeys(item.task.pk for item in items))
    locked = lock_tasks(ids)
    related = relations_of(ids)
    visible = set(Task.objects.restrict(acting_user, scoping.VIEW).filter(pk__in=ids).values_list("pk", flat=True))
    errors, befores, entries = [], {}, []
    for index, item in enumerate(items):
        task = locked.get(item.task.pk)
        transition = TASK_WORKFLOW.get(item.name)
        try:
            if task is None or task.pk not in visible:
                raise scoping.refusal(acting_user, scoping.CHANGE, item.task)
            if transition is None:
                raise ValidationError({"transition": [_("没有名为“%(name)s”的流转。") % {"name": item.name}]})
            check_version(task, item.version)
            check_source_and_who(acting_user, task, transition, facts_for(task, related))
            values = _inputs(item, transition)
            check_handled(transition)
            check_guards(transition, task)
        except (ValidationError, PermissionDenied, StaleEdit) as error:
            errors.append((index, error))
            continue
        befores.setdefault(task.pk, related.snapshot(task))
        before = related.snapshot(task)
        extra = _apply(task, transition, values)
        task.version += 1
        after = related.snapshot(task) | extra
        after.update({k: str(v) for k, v in values.items() if k in ("reason", "note") and v})
        entries.append({"action": f"task.{transition.name}", "obj": task, "before": before, "after": after})
        item.task = task
    if errors:
        raise BatchErrors(errors)
    now = timezone.now()
    changed = [locked[pk] for pk in ids if pk in befores]
    for task in changed:
        task.updated_at = now
    columns = ["state", "progress", "completed_on", "started_on", "version", "updated_at"]
    update_rows(Task, columns, [(t.pk, *(getattr(t, c) for c in columns)) for t in changed])
    audit.record_many(acting_user, entries)
    require_in_reach(acting_user, Task, [t.pk for t in changed], action=scoping.VIEW)
    # A claim, a sign-off or a reopening moves the task's scheduled progress at once, not tomorrow night.
    refresh_schedule(task_ids=[t.pk for t in changed])
    return changed


def transition_task(*, acting_user, task, name, version=None, **inputs) -> Task:
    """A batch of one."""
    try:
        return transition_tasks(acting_user=acting_user, items=[TransitionItem(task, name, inputs, version)])[0]
    except BatchErrors as errors:
        raise errors.first() from None
