"""The task list as the API returns it, built for speed.

The page's ids are picked from the task table alone (counted and sorted
there), then only those rows are loaded with their related objects, in the
page's order: a broad search otherwise joins and sorts thousands of wide
rows to return fifty. Each row is then written as plain values, with exactly
the fields and formats of TaskSerializer (the detail endpoint keeps that
serializer; a test holds the two representations equal) but without DRF's
per-field, per-row machinery, which cost more than the queries.
"""

from django.db.models import Prefetch
from rest_framework import serializers

from ducha.ledger.models import Task, TaskStage, TaskUnit

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
    them loaded: a fixed number of queries whatever the page size."""
    queryset = Task.objects.filter(pk__in=ids).select_related(*RELATED).prefetch_related(*prefetches(user))
    rows = {task.pk: task for task in queryset.order_by()}
    return [rows[pk] for pk in ids if pk in rows]  # a row deleted meanwhile is skipped


def _optional(value, write):
    return None if value is None else write(value)


def _unit(unit):
    return {"id": unit.pk, "name": unit.name}


def list_item(task):
    """One task as TaskSerializer represents it, from a row of page_rows()."""
    units = [link.unit for link in task.task_units.all()]
    return {
        "id": task.pk,
        "plan": task.plan_id,
        "plan_code": task.plan.code,
        "parent": task.parent_id,
        "children": [child.pk for child in task.visible_children],
        "number": task.number,
        "display_number": str(task.display_number),
        "title": task.title,
        "problem": task.problem_id,
        "target": task.target,
        "measures": task.measures,
        "division": task.division.code,
        "units": [unit.pk for unit in units],
        "lead_unit": _unit(task.lead_unit),
        "co_units": [_unit(unit) for unit in units[1:]],
        "responsible_people": task.responsible_people,
        "supervising_leader": task.supervising_leader,
        "supervising_unit": task.supervising_unit_id,
        "acceptance_unit": task.acceptance_unit_id,
        "category": task.category,
        "category_display": str(task.get_category_display()),
        "deadline": _optional(task.deadline, _date),
        "deadline_text": task.deadline_text,
        "stages": [{"name": stage.name, "due": _date(stage.due)} for stage in task.stages.all()],
        "domains": [domain.code for domain in task.domains.all()],
        "state": task.state,
        "state_display": str(task.get_state_display()),
        "progress": task.progress,
        "progress_note": task.progress_note,
        "completed_on": _optional(task.completed_on, _date),
        "is_overdue": task.is_overdue,
        "created_at": _optional(task.created_at, _datetime),
        "updated_at": _optional(task.updated_at, _datetime),
        "version": task.version,
        "voided_at": _optional(task.voided_at, _datetime),
        "void_reason": task.void_reason,
    }
