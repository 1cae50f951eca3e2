"""Filters of the revisit list and API (bounded like every filterset of the project)."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from ducha.core.filters import BoundedFilterSet, IdFilter

from .models import Conclusion, Revisit, RevisitKind, RevisitState


class RevisitFilterSet(BoundedFilterSet):
    task = IdFilter(field_name="task_id", label=_("任务 id / task id"))
    plan = IdFilter(field_name="task__plan_id", label=_("方案 id / plan id"))
    state = df.MultipleChoiceFilter(choices=RevisitState.choices, distinct=False, label=_("状态 / state"))
    kind = df.MultipleChoiceFilter(choices=RevisitKind.choices, distinct=False, label=_("类型 / kind"))
    conclusion = df.MultipleChoiceFilter(choices=Conclusion.choices, distinct=False, label=_("结论 / conclusion"))
    due_before = df.DateFilter(field_name="due_on", lookup_expr="lte", label=_("应开展日期止 / due before"))

    class Meta:
        model = Revisit
        fields = []
