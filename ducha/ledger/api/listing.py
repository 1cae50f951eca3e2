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
from django.utils.translation import get_language
from rest_framework import serializers

from ducha.ledger.models import Category, ScheduleState, Task, TaskStage, TaskState, TaskUnit, WarningColour
from ducha.ledger.views.common import WIDE_UNSHOWN

RELATED = ("plan", "parent", "problem", "division", "lead_unit")

# DRF's own formatting of dates and datetimes (ISO 8601, in the current time zone).
_date = serializers.DateField().to_representation
_datetime = serializers.DateTimeField().to_representation


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


def page_rows(ids, user):
    """The tasks with these ids, in this order, with what the list shows of
    them loaded: a fixed number of queries whatever the page size.

    The rows themselves are model instances (their title and number are
    model properties); their units, domains, stages and visible sub-tasks are
    read as plain values into `list_*` attributes, in one query each:
    prefetch_related built a model instance and a related manager per linked
    row, which cost more than the page's SQL.
    """
    queryset = Task.objects.filter(pk__in=ids).select_related(*RELATED).defer(*WIDE_UNSHOWN)
    rows = {task.pk: task for task in queryset.order_by()}
    units, domains, stages, children = ({pk: [] for pk in rows} for _ in range(4))
    links = TaskUnit.objects.filter(task_id__in=list(rows)).order_by("task_id", "position")
    for task_id, unit_id, name in links.values_list("task_id", "unit_id", "unit__name"):
        units[task_id].append({"id": unit_id, "name": name})
    through = Task.domains.through.objects.filter(task_id__in=list(rows))
    for task_id, code in through.order_by("pollutiondomain__position").values_list("task_id", "pollutiondomain__code"):
        domains[task_id].append(code)
    # By position alone: the model's default order would join the task and plan tables to sort.
    for task_id, name, due in TaskStage.objects.filter(task_id__in=list(rows)).order_by("position").values_list(
            "task_id", "name", "due"):
        stages[task_id].append({"name": name, "due": _date(due)})
    visible = Task.objects.restrict(user).filter(parent_id__in=list(rows)).order_by("id")
    for parent_id, pk in visible.values_list("parent_id", "pk"):
        children[parent_id].append(pk)
    for pk, task in rows.items():
        task.list_units, task.list_domains = units[pk], domains[pk]
        task.list_stages, task.list_children = stages[pk], children[pk]
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


def _unit(unit):
    return {"id": unit.pk, "name": unit.name}


def list_item(task):
    """One task as TaskSerializer represents it, from a row of page_rows()."""
    units = task.list_units
    labels = _choice_labels(get_language())
    schedules, colours = _schedule_labels(get_language())
    return {
        "id": task.pk,
        "plan": task.plan_id,
        "plan_code": task.plan.code,
        "parent": task.parent_id,
        "children": task.list_children,
        "number": task.number,
        "display_number": str(task.display_number),
        "title": task.title,
        "problem": task.problem_id,
        "target": task.target,
        "measures": task.measures,
        "division": task.division.code,
        "units": [unit["id"] for unit in units],
        "lead_unit": _unit(task.lead_unit),
        "co_units": units[1:],
        "responsible_people": task.responsible_people,
        "supervising_leader": task.supervising_leader,
        "supervising_unit": task.supervising_unit_id,
        "acceptance_unit": task.acceptance_unit_id,
        "category": task.category,
        "category_display": labels.get(task.category, task.category),
        "deadline": _optional(task.deadline, _date),
        "deadline_text": task.deadline_text,
        "stages": task.list_stages,
        "domains": task.list_domains,
        "state": task.state,
        "state_display": labels.get(task.state, task.state),
        "progress": task.progress,
        "progress_note": task.progress_note,
        "completed_on": _optional(task.completed_on, _date),
        "is_overdue": task.is_overdue,
        "started_on": _optional(task.started_on, _date),
        "schedule_state": task.schedule_state,
        "schedule_state_display": schedules.get(task.schedule_state, task.schedule_state),
        "expected_progress": task.expected_progress,
        "schedule_as_of": _optional(task.schedule_as_of, _date),
        "reported_schedule": task.reported_schedule,
        "reported_schedule_display": schedules.get(task.reported_schedule, task.reported_schedule),
        "warning": task.warning,
        "warning_display": colours.get(task.warning, task.warning),
        "created_at": _optional(task.created_at, _datetime),
        "updated_at": _optional(task.updated_at, _datetime),
        "version": task.version,
        "voided_at": _optional(task.voided_at, _datetime),
        "void_reason": task.void_reason,
    }
