"""Querysets shared by the ledger pages."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from ducha.ledger.models import Task, TaskState
from ducha.ledger.models.tasks import CLOSED_STATES


def _child_count(visible, **filters):
    children = (
        visible.filter(parent=OuterRef("pk"), **filters).order_by().values("parent")
        .annotate(n=Count("id")).values("n")
    )
    return Coalesce(Subquery(children, output_field=IntegerField()), 0)


def for_table(queryset, user):
    """Rows for a task table: related names in the same query, and the number
    of sub-tasks (all / closed) the user may see, without a query per row."""
    visible = Task.objects.restrict(user)
    return queryset.select_related("lead_unit", "problem", "parent", "plan").annotate(
        child_total=_child_count(visible),
        child_done=_child_count(visible, state__in=CLOSED_STATES),
    )


def state_counts(queryset):
    """{state: n} for every state, zeros included, in one query."""
    counts = dict(queryset.order_by().values_list("state").annotate(n=Count("id")))
    return [(state, label, counts.get(state, 0)) for state, label in TaskState.choices]
