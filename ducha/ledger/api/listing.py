"""The task list as the API returns it, built for speed.

The page's ids are picked from the task table alone (counted and sorted
there), then only those rows are loaded with their related objects, in the
page's order: a broad search otherwise joins and sorts thousands of wide
rows to return fifty. Each row is then written as plain values, with exactly
the fields and formats of TaskSerializer (the detail endpoint keeps that
serializer; a test holds the two representations equal) but without DRF's
per-field, per-row machinery, which cost more than the queries.
"""

import functools

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language

from ducha.db.fixed import FixedQuery
from ducha.ledger.models import Category, ScheduleState, Task, TaskStage, TaskState, TaskUnit, WarningColour
from ducha.ledger.models.tasks import display_number, is_overdue, task_title

def _date(value):
    """A date as DRF's DateField writes it (ISO 8601, its default format)."""
    return value.isoformat()


def datetime_writer():
    """A datetime as DRF's DateTimeField writes it (ISO 8601 in the current time zone, UTC as "Z"), with the
    time zone read once per page instead of once per value."""
    zone = timezone.get_current_timezone()

    def write(value):
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return write


def prefetches(user):
    """What a task's representation reads of its related rows, for `user`:
    one query each, whatever the number of tasks."""
    visible_children = Task.objects.restrict(user).only("id", "parent_id").order_by("id")
    return (
        Prefetch("task_units", queryset=TaskUnit.objects.select_related("unit").order_by("position")),
        "domains",
        # By position alone: the model's default order would join the task and plan tables to sort.
        Prefetch("stages", queryset=TaskStage.objects.order_by("position")),
        Prefetch("children", queryset=visible_children, to_attr="visible_children"),
    )


# The columns of a task the API list writes, read as plain values with the names it shows of the
# related rows: building a model instance per task and per related row cost more than the SQL.
COLUMNS = (
    "pk", "plan_id", "plan__code", "parent_id", "parent__number", "parent__plan_id", "number",
    "problem_id", "problem__description", "target", "measures", "division__code", "lead_unit_id",
    "lead_unit__name", "responsible_people", "supervising_leader", "supervising_unit_id", "acceptance_unit_id",
    "category", "deadline", "deadline_text", "state", "progress", "progress_note", "completed_on", "started_on",
    "schedule_state", "expected_progress", "schedule_as_of", "reported_schedule", "warning", "created_at",
    "updated_at", "version", "voided_at", "void_reason",
)


# The page's fixed-shape reads, compiled once (ducha.db.fixed): building them through the ORM on every
# request cost more than running them.
_ROWS = FixedQuery(lambda ids: Task.objects.filter(pk__id_list=ids).order_by().values(*COLUMNS))
_UNITS = FixedQuery(lambda ids: TaskUnit.objects.filter(task_id__id_list=ids).order_by("task_id", "position")
                    .values_list("task_id", "unit_id", "unit__name"))
_DOMAINS = FixedQuery(lambda ids: Task.domains.through.objects.filter(task_id__id_list=ids)
                      .order_by("pollutiondomain__position").values_list("task_id", "pollutiondomain__code"))
# By position alone: the model's default order would join the task and plan tables to sort.
_STAGES = FixedQuery(lambda ids: TaskStage.objects.filter(task_id__id_list=ids).order_by("position")
                     .values_list("task_id", "name", "due"))


def page_rows(ids, user):
    """The tasks with these ids, in this order, as dicts of COLUMNS with their units, domains, stages and
    visible sub-tasks under `units`, `domains`, `stages` and `children`: a fixed number of queries
    whatever the page size, and no model instance."""
    ids = list(ids)
    rows = {row["pk"]: row for row in _ROWS(ids)}
    for row in rows.values():
        row["units"], row["domains"], row["stages"], row["children"] = [], [], [], []
    found = list(rows)
    for task_id, unit_id, name in _UNITS(found):
        rows[task_id]["units"].append({"id": unit_id, "name": name})
    for task_id, code in _DOMAINS(found):
        rows[task_id]["domains"].append(code)
    for task_id, name, due in _STAGES(found):
        rows[task_id]["stages"].append({"name": name, "due": _date(due)})
    # The user's own rule: not a fixed shape.
    visible = Task.objects.restrict(user).filter(parent_id__id_list=found).order_by("id")
    for parent_id, pk in visible.values_list("parent_id", "pk"):
        rows[parent_id]["children"].append(pk)
    return [rows[pk] for pk in ids if pk in rows]  # a row deleted meanwhile is skipped


@functools.lru_cache(maxsize=8)
def _choice_labels(language):
    """{value: label} of the task's choice fields in one language: get_FOO_display()
    hashes every (lazy) choice on each call."""
    return {value: str(label) for value, label in (*Category.choices, *TaskState.choices)}


@functools.lru_cache(maxsize=8)
def _schedule_labels(language):
    """Scheduled-progress and warning labels (their values overlap the states', their labels need not)."""
    return ({value: str(label) for value, label in ScheduleState.choices} | {"": ""},
            {value: str(label) for value, label in WarningColour.choices} | {"": ""})


def _optional(value, write):
    return None if value is None else write(value)


def list_item(row, today, write_datetime):
    """One task as TaskSerializer represents it, from a row of page_rows(); `write_datetime` from
    datetime_writer()."""
    units = row["units"]
    labels = _choice_labels(get_language())
    schedules, colours = _schedule_labels(get_language())
    state = row["state"]
    return {
        "id": row["pk"],
        "plan": row["plan_id"],
        "plan_code": row["plan__code"],
        "parent": row["parent_id"],
        "children": row["children"],
        "number": row["number"],
        "display_number": str(display_number(row["number"], row["plan_id"], row["parent__number"],
                                             row["parent__plan_id"])),
        "title": task_title(row["problem__description"] or "", row["target"], row["measures"]),
        "problem": row["problem_id"],
        "target": row["target"],
        "measures": row["measures"],
        "division": row["division__code"],
        "units": [unit["id"] for unit in units],
        "lead_unit": {"id": row["lead_unit_id"], "name": row["lead_unit__name"]},
        "co_units": units[1:],
        "responsible_people": row["responsible_people"],
        "supervising_leader": row["supervising_leader"],
        "supervising_unit": row["supervising_unit_id"],
        "acceptance_unit": row["acceptance_unit_id"],
        "category": row["category"],
        "category_display": labels.get(row["category"], row["category"]),
        "deadline": _optional(row["deadline"], _date),
        "deadline_text": row["deadline_text"],
        "stages": row["stages"],
        "domains": row["domains"],
        "state": state,
        "state_display": labels.get(state, state),
        "progress": row["progress"],
        "progress_note": row["progress_note"],
        "completed_on": _optional(row["completed_on"], _date),
        "is_overdue": is_overdue(row["deadline"], state, today),
        "started_on": _optional(row["started_on"], _date),
        "schedule_state": row["schedule_state"],
        "schedule_state_display": schedules.get(row["schedule_state"], row["schedule_state"]),
        "expected_progress": row["expected_progress"],
        "schedule_as_of": _optional(row["schedule_as_of"], _date),
        "reported_schedule": row["reported_schedule"],
        "reported_schedule_display": schedules.get(row["reported_schedule"], row["reported_schedule"]),
        "warning": row["warning"],
        "warning_display": colours.get(row["warning"], row["warning"]),
        "created_at": _optional(row["created_at"], write_datetime),
        "updated_at": _optional(row["updated_at"], write_datetime),
        "version": row["version"],
        "voided_at": _optional(row["voided_at"], write_datetime),
        "void_reason": row["void_reason"],
    }
