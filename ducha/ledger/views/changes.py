"""Audit entries as people read them: field labels, unit names, choice labels."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from ducha.audit import events
from ducha.jurisdictions.models import Division, Unit
from ducha.ledger.models import Category, PollutionDomain, Problem, Task, TaskState
from ducha.ledger.workflow import RETURNS, TASK_WORKFLOW

ACTIONS = {"create": _("新建"), "update": _("修改"), "flag": _("督导标记"), "delete": _("删除"),
           "import": _("导入"), "void": _("作废"), "restore": _("恢复")}
# Event codes are "<object>.<verb>" (task.update, task.claim…); a transition's verb is its name.
TRANSITIONS = {t.name: t.label for t in TASK_WORKFLOW.transitions}
NOTE_KEYS = ("note", "reason")
EXTRA_LABELS = {"units": _("责任单位"), "stages": _("阶段时限"), "domains": _("污染领域"), "note": _("督导意见")}
CHOICES = {"state": dict(TaskState.choices), "category": dict(Category.choices)}
# Keys whose values are ids of these models.
REFERENCES = {
    "lead_unit_id": Unit, "supervising_unit_id": Unit, "acceptance_unit_id": Unit, "units": Unit,
    "division_id": Division, "domains": PollutionDomain, "problem_id": Problem, "parent_id": Task,
}
HIDDEN = {"id", "plan_id", "created_at", "flag", "version", "reason", "note", "source"}


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    entry: object
    action: str
    changes: list = field(default_factory=list)
    note: str = ""


def _label(key):
    if key in EXTRA_LABELS:
        return EXTRA_LABELS[key]
    name = key[:-3] if key.endswith("_id") else key
    try:
        return Task._meta.get_field(name).verbose_name
    except Exception:
        return key


def _names(entries):
    """One query per referenced model for all ids in all entries."""
    wanted = {}
    for e in entries:
        for data in (e.before or {}, e.after or {}):
            for key, model in REFERENCES.items():
                value = data.get(key)
                ids = value if isinstance(value, list) else [value]
                wanted.setdefault(model, set()).update(i for i in ids if isinstance(i, int))
    names = {}
    for model, ids in wanted.items():
        if not ids:
            continue
        qs = model.objects.filter(pk__in=ids)
        if model is Task:
            names[model] = dict(qs.values_list("pk", "number"))
        elif model is Problem:
            names[model] = {p.pk: str(p) for p in qs}
        else:
            names[model] = dict(qs.values_list("pk", "name"))
    return names


def _show(key, value, names):
    if value in (None, "", []):
        return "—"
    if key in CHOICES:
        return str(CHOICES[key].get(value, value))
    if key == "stages":
        return "；".join(f"{s.get('name')} {s.get('due')}" for s in value)
    model = REFERENCES.get(key)
    if model is not None:
        table = names.get(model, {})
        ids = value if isinstance(value, list) else [value]
        return "、".join(str(table.get(i, f"#{i}")) for i in ids)
    if key == "progress":
        return f"{value}%"
    return str(value)


def describe_history(entries):
    entries = list(entries)
    names = _names(entries)
    described = []
    for e in entries:
        verb = e.action.rsplit(".", 1)[-1]
        item = Entry(entry=e, action=events.label(e.action) if events.get(e.action) else str(
            ACTIONS.get(verb) or TRANSITIONS.get(verb) or e.action))
        item.note = next((str((e.after or {})[k]) for k in NOTE_KEYS if (e.after or {}).get(k)), "")
        source = (e.after or {}).get("source")
        if not item.note and isinstance(source, dict) and source.get("report"):
            # A figure derived from a unit's progress report, not typed by the person named.
            item.note = _("依据进展报告（编号 %(id)s）") % {"id": source["report"]}
        if verb not in ("create", "flag"):
            for key, before, after in e.changed_fields():
                if key in HIDDEN:
                    continue
                item.changes.append(Change(str(_label(key)), _show(key, before, names), _show(key, after, names)))
        described.append(item)
    return described


@dataclass
class Return:
    """Why a task in rectification is there again: the step that sent it back, with its figure."""

    item: Entry
    before: object
    after: object
    from_report: object = None


def last_return(task, described):
    """The entry that sent a task now in 正在整改 back from its claim (None when it never came back)."""
    if task.state != TaskState.IN_PROGRESS:
        return None
    codes = {f"task.{name}" for name in RETURNS}
    item = next((i for i in reversed(described) if i.entry.action in codes), None)
    if item is None:
        return None
    before, after = item.entry.before or {}, item.entry.after or {}
    source = after.get("source") if isinstance(after.get("source"), dict) else {}
    return Return(item, before.get("progress"), after.get("progress"), source.get("report"))
