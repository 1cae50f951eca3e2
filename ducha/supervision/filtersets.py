"""Filters of the supervision list (page and API): kind, state, addressee unit, task, overdue."""

import django_filters as df
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ducha.core.filters import BoundedFilterSet, IdFilter
from ducha.jurisdictions.models import Unit

from .models import AWAITING, Kind, State, Supervision, SupervisionReply


class SupervisionFilterSet(BoundedFilterSet):
    kind = df.MultipleChoiceFilter(label=_("督办方式"), choices=Kind.choices, distinct=False)
    state = df.MultipleChoiceFilter(label=_("状态"), choices=State.choices, distinct=False)
    unit = df.ModelChoiceFilter(label=_("督办对象"), queryset=Unit.objects.all())
    task = IdFilter(label=_("涉及任务"), method="filter_task")
    overdue = df.BooleanFilter(label=_("回复逾期"), method="filter_overdue")

    class Meta:
        model = Supervision
        fields = []

    def filter_task(self, queryset, name, value):
        return queryset.filter(pk__in=Supervision.tasks.through.objects.filter(task_id=value)
                               .values("supervision_id"))

    def filter_overdue(self, queryset, name, value):
        replied = SupervisionReply.objects.filter(supervision=OuterRef("pk"))
        late = Q(state__in=AWAITING, reply_by__lt=timezone.localdate()) & ~Q(Exists(replied))
        return queryset.filter(late) if value else queryset.exclude(late)

    @property
    def qs(self):
        return super().qs.order_by("-created_at", "-id")
