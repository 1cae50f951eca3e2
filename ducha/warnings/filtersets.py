"""Filters of the warnings API (bounded like every filterset of the project)."""

import django_filters as df
from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema_field
from django.utils.translation import gettext_lazy as _

from ducha.core.filters import BoundedFilterSet, IdFilter
from ducha.ledger.models import WarningColour

from .actions.months import parse_month
from .models import Consequence, ConsequenceKind, EventKind, EventLevel, ExternalEvent, TaskWarning, WarningState

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


@extend_schema_field({"type": "string", "pattern": MONTH_PATTERN, "maxLength": 7})
class MonthFilter(df.CharFilter):
    """A month as YYYY-MM: the rows of that month."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("validators", [RegexValidator(MONTH_PATTERN, _("月份格式应为 YYYY-MM。"))])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return qs.filter(**{self.field_name: parse_month(value)}) if value else qs


class TaskWarningFilterSet(BoundedFilterSet):
    month = MonthFilter(field_name="month", label=_("月份 YYYY-MM / month"))
    task = IdFilter(field_name="task_id", label=_("任务 id / task id"))
    unit = IdFilter(field_name="task__lead_unit_id", label=_("牵头单位 id / lead unit id"))
    state = df.MultipleChoiceFilter(choices=WarningState.choices, distinct=False, label=_("状态 / state"))
    proposed = df.MultipleChoiceFilter(choices=WarningColour.choices, distinct=False, label=_("系统提议 / proposed"))
    colour = df.MultipleChoiceFilter(choices=WarningColour.choices, distinct=False, label=_("确定颜色 / decided colour"))

    class Meta:
        model = TaskWarning
        fields = []


class ExternalEventFilterSet(BoundedFilterSet):
    task = IdFilter(field_name="task_id", label=_("任务 id / task id"))
    kind = df.MultipleChoiceFilter(choices=EventKind.choices, distinct=False, label=_("类型 / kind"))
    level = df.MultipleChoiceFilter(choices=EventLevel.choices, distinct=False, label=_("级别 / level"))

    class Meta:
        model = ExternalEvent
        fields = []


class ConsequenceFilterSet(BoundedFilterSet):
    task = IdFilter(field_name="task_id", label=_("任务 id / task id"))
    unit = IdFilter(field_name="unit_id", label=_("责任单位 id / unit id"))
    kind = df.MultipleChoiceFilter(choices=ConsequenceKind.choices, distinct=False, label=_("后果 / kind"))
    month = MonthFilter(field_name="month", label=_("月份 YYYY-MM / month"))

    class Meta:
        model = Consequence
        fields = []
