"""Querysets shared by the ledger pages."""

from html import escape

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.shortcuts import redirect
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext as _

from ducha.core.actions import StaleEdit
from ducha.db.fixed import FixedQuery
from ducha.jurisdictions.models import Division, Unit
from ducha.ledger.forms import VoidForm
from ducha.ledger.models import Inspection, Plan, PollutionDomain, Task, TaskState, TaskUnit
from ducha.ledger.models.tasks import CLOSED_STATES, display_number, task_title


class TableRow:
    """One row of a task table (the ledger list, a plan's tasks, a task's sub-tasks), read as plain values:
    a model instance per task and per related row cost more than the page's SQL."""

    # Columns a row shows as read; the others make its 序号, title, plan code and lead unit's name.
    COPIED = ("deadline", "deadline_text", "state", "category", "progress", "schedule_state", "expected_progress",
              "warning", "updated_at", "child_total", "child_done")
    # What is read of the task's row (the sub-task counts are the user's: counted apart).
    COLUMNS = ("pk", "number", "plan_id", "plan__code", "parent__number", "parent__plan_id", "problem__description",
               "target", "measures", "lead_unit__name", *COPIED[:-2])
    __slots__ = ("pk", "display_number", "title", "plan_code", "lead_unit_name", *COPIED)

    def __init__(self, row):
        self.pk, self.plan_code, self.lead_unit_name = row["pk"], row["plan__code"], row["lead_unit__name"]
        self.display_number = display_number(row["number"], row["plan_id"], row["parent__number"],
                                             row["parent__plan_id"])
        self.title = task_title(row["problem__description"] or "", row["target"], row["measures"])
        for name in self.COPIED:
            setattr(self, name, row[name])


# The rows by their ids, compiled once (ducha.db.fixed): building this query through the ORM on every
# request cost more than running it.
_ROWS = FixedQuery(lambda ids: Task.objects.filter(pk__id_list=ids).order_by().values(*TableRow.COLUMNS))


def for_table(queryset, user):
    """The rows of `queryset` (in its order) for a task table."""
    return table_rows(list(queryset.values_list("pk", flat=True)), user)


def table_rows(ids, user):
    """The tasks with these ids, in this order, ready for a task table, each with the number of its
    sub-tasks the user may see (all / closed)."""
    rows = {row["pk"]: row for row in _ROWS(ids)}
    counts = (Task.objects.restrict(user).filter(parent_id__id_list=list(rows)).order_by().values("parent_id")
              .annotate(total=Count("id"), done=Count("id", filter=Q(state__in=CLOSED_STATES))))
    for row in rows.values():
        row["child_total"] = row["child_done"] = 0
    for count in counts:
        row = rows[count["parent_id"]]
        row["child_total"], row["child_done"] = count["total"], count["done"]
    return [TableRow(rows[pk]) for pk in ids if pk in rows]  # a row deleted meanwhile is skipped


def state_counts(queryset):
    """{state: n} for every state, zeros included, in one query."""
    counts = dict(queryset.order_by().values_list("state").annotate(n=Count("id")))
    return [(state, label, counts.get(state, 0)) for state, label in TaskState.choices]


def responsible_units(visible):
    """The units responsible for at least one of the `visible` tasks, to offer and to check in the unit
    filter.

    When `visible` has no filter at all (the user sees every task), the join back to the tasks is skipped:
    every TaskUnit belongs to a task, so the answer is the same, read as one index probe per unit from the
    (unit, task) index instead of 100,000 task lookups; checking one chosen unit is then one probe too.
    Otherwise the units' ids are found once, as a list: a subquery would run again to check the chosen unit.
    """
    # Every live task (administrators: scoping only leaves voided tasks out) counts as no filter: a unit
    # whose every task is voided may then be offered, and filtering by it lists nothing, which is harmless;
    # the join back to 100,000 tasks for the DISTINCT took some 200 ms.
    sees_all_live = visible.query.where == Task.objects.filter(voided_at__isnull=True).query.where
    if not visible.query.has_filters() or sees_all_live:
        return Unit.objects.filter(Exists(TaskUnit.objects.filter(unit=OuterRef("pk"))))
    links = TaskUnit.objects.filter(task__in=visible).order_by()
    return Unit.objects.filter(pk__in=list(links.values_list("unit_id", flat=True).distinct()))


# The field that each model's __str__ returns (a test holds them equal), so
# that a model choice list can read (value, label) pairs instead of objects.
LABEL_FIELDS = {Unit: "name", Division: "name", Inspection: "name", Plan: "title", PollutionDomain: "name"}


def _model_choices(iterator):
    """A ModelChoiceIterator's (value, label) pairs, as plain values when the
    model's label is one of its columns: the unit list of a province-wide
    admin has 1,000 entries, and building a model instance for each cost
    more than the page's SQL. Other models keep the iterator."""
    field, queryset = iterator.field, iterator.queryset
    label = LABEL_FIELDS.get(queryset.model)
    if label is None or type(field).label_from_instance is not forms.ModelChoiceField.label_from_instance:
        return iterator
    head = [("", field.empty_label)] if field.empty_label is not None else []
    if getattr(field, "null_label", None) is not None:  # django-filter's "no value" entry
        head.append((field.null_value, field.null_label))
    return head + list(queryset.values_list(field.to_field_name or "pk", label))


def _escape(text):
    """conditional_escape without its lazy-string wrapper (called per option)."""
    return text if isinstance(text, SafeData) else escape(str(text))


class QuickSelect(forms.Select):
    """Django's Select markup, rendered without a template per option.

    The unit filter lists up to every unit (1,000 for a province-wide admin);
    the per-option template costs tens of milliseconds per page, and so did
    format_html and a model instance per option; the filter panel's yes/no
    selects use it too. The output is forms.Select's markup without the blank
    lines between options; on a refused filter the select's error attributes
    (aria-invalid, aria-describedby) come before its class instead of after.
    """

    def render(self, name, value, attrs=None, renderer=None):
        # Widget.get_context, not Select's: that one builds a dict per option.
        context = forms.Widget.get_context(self, name, value, attrs)["widget"]
        pending = set(context["value"])  # like Select, only the first matching option is selected

        def option(value, label):
            value = "" if value is None else str(value)
            selected = ""
            if value in pending:
                pending.clear()
                selected = " selected"
            shown = value if value.isdigit() else _escape(value)  # ids (most values) need no escaping
            return f'\n  <option value="{shown}"{selected}>{_escape(label)}</option>'

        choices = self.choices
        if isinstance(choices, ModelChoiceIterator):
            choices = _model_choices(choices)
        parts = [format_html('<select name="{}"{}>', name, flatatt(context["attrs"]))]
        for value, label in choices:
            if isinstance(label, (list, tuple)):
                parts.append(f'\n  <optgroup label="{_escape(value)}">')
                parts.extend(option(v, sub_label) for v, sub_label in label)
                parts.append("\n  </optgroup>")
            else:
                parts.append(option(value, label))
        parts.append("\n</select>")
        return mark_safe("".join(parts))


def void_or_restore(request, obj, *, void, restore, done, detail):
    """The page side of 作废 / 恢复 for any voidable record: the reason from the form, the action, one
    message, back to the record's page. `void` and `restore` are the actions; `done` the two messages."""
    form = VoidForm(request.POST)
    back = redirect(detail, pk=obj.pk)
    if not form.is_valid():
        messages.error(request, _("请写明理由。"))
        return back
    name = obj._meta.model_name
    try:
        if restore is not None:
            restore(acting_user=request.user, reason=form.cleaned_data["reason"], **{name: obj})
        else:
            void(acting_user=request.user, reason=form.cleaned_data["reason"], version=form.cleaned_data.get("version"),
                 **{name: obj})
    except (ValidationError, PermissionDenied, StaleEdit) as error:
        messages.error(request, "；".join(getattr(error, "messages", None) or [str(error)]))
    else:
        messages.success(request, done[1] if restore is not None else done[0])
    return back
