"""Filters of the case list (page, API, export): batch, division, type, verdict, state, key case, routing,
review, overdue, my unit's cases, repeats, and Chinese full-text search; and of the repeat proposals
(page /cases/repeats/ and API /api/case-repeats/)."""

import django_filters as df
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ducha.core.filters import MAX_TEXT, BoundedFilterSet, IdFilter, IntegerFilter, set_choices
from ducha.core.lookups import Probe

from .models import Batch, Case, CaseState, CaseType, RepeatLink, RepeatReason, RepeatStatus, Review, Routing, Verdict
from .search import search_cases

ROUTING_CHOICES = [("open", _("未分办（待分办、待确认）")), *Routing.choices]
REPEAT_CHOICES = [(RepeatStatus.PROPOSED, _("有待确认的重复件")), (RepeatStatus.CONFIRMED, _("确认为重复件"))]


class CaseFilterSet(BoundedFilterSet):
    q = df.CharFilter(label=_("搜索"), method="filter_q", max_length=MAX_TEXT)
    inspection = IdFilter(label=_("督察"))
    batch = IntegerFilter(label=_("批次"), method="filter_batch")
    division = df.CharFilter(label=_("区划代码"), method="filter_division", max_length=6)
    type = df.MultipleChoiceFilter(label=_("类型"), choices=[], method="filter_type")
    verdict = df.MultipleChoiceFilter(label=_("是否属实"), choices=Verdict.choices, distinct=False)
    state = df.MultipleChoiceFilter(label=_("办结状态"), choices=CaseState.choices, distinct=False)
    key = df.BooleanFilter(label=_("重点件"), field_name="is_key")
    routing = df.ChoiceFilter(label=_("分办状态"), choices=ROUTING_CHOICES, method="filter_routing")
    review = df.ChoiceFilter(label=_("审核"), choices=[c for c in Review.choices if c[0]])
    overdue = df.BooleanFilter(label=_("办理逾期"), method="filter_overdue")
    lead_unit = IdFilter(label=_("牵头单位"))
    mine = df.BooleanFilter(label=_("本单位承办"), method="filter_mine")
    repeat = df.ChoiceFilter(label=_("重复件"), choices=REPEAT_CHOICES, method="filter_repeat")

    class Meta:
        model = Case
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The configurable type list, read when the filter is built (not at import time).
        set_choices(self, "type", list(CaseType.objects.values_list("code", "name")))

    def filter_q(self, queryset, name, value):
        return search_cases(queryset, value) if value.strip() else queryset

    @extend_schema_field(OpenApiTypes.STR)
    def filter_type(self, queryset, name, value):
        if not value:
            return queryset
        tagged = Case.types.through.objects.filter(casetype__code__in=value).values("case_id")
        # Probed row by row while the list walks its order (a type covers a large share of the cases).
        return queryset.alias(type_probe=Probe("pk")).filter(type_probe__in=tagged)

    def filter_batch(self, queryset, name, value):
        # The batch ids first: the list's order index then starts at the batch (a join walked every case).
        return queryset.filter(batch_id__in=Batch.objects.filter(number=value).values("pk"))

    def filter_division(self, queryset, name, value):
        from ducha.jurisdictions.models import Division

        if not value.isdigit():
            return queryset.none()
        path = Division.objects.filter(code=value).values_list("path", flat=True).first()
        return queryset.filter(scope_path__under=path) if path else queryset.none()

    def filter_routing(self, queryset, name, value):
        if value == "open":
            return queryset.exclude(routing=Routing.CONFIRMED)
        return queryset.filter(routing=value)

    def filter_overdue(self, queryset, name, value):
        late = Q(reported_at__isnull=True, due_on__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)

    def filter_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if not value or user is None or not getattr(user, "unit_id", None):
            return queryset
        return queryset.filter(lead_unit_id=user.unit_id)

    @extend_schema_field({"type": "string", "enum": [v for v, _label in REPEAT_CHOICES]})
    def filter_repeat(self, queryset, name, value):
        # The case's own links (it repeats an earlier case): readable wherever the case is.
        return queryset.filter(pk__in=RepeatLink.objects.filter(status=value).values("case_id"))

    @property
    def qs(self):
        # Index cases_case_list_order: the latest batch first, each in its table's order.
        return super().qs.order_by("-batch_id", "serial", "id")


class RepeatLinkFilterSet(BoundedFilterSet):
    inspection = IdFilter(label=_("督察"), field_name="case__inspection")
    batch = IntegerFilter(label=_("批次"), field_name="case__batch__number")
    reason = df.ChoiceFilter(label=_("依据"), choices=RepeatReason.choices)
    status = df.ChoiceFilter(label=_("状态"), choices=RepeatStatus.choices)
    rebound = df.BooleanFilter(label=_("疑似反弹"))

    class Meta:
        model = RepeatLink
        fields = []

    @property
    def qs(self):
        # The latest batch first, each in its table's order, the strongest proposal first.
        return super().qs.order_by("-case__transferred_on", "-case__batch_id", "case__serial", "case_id", "-score",
                                   "id")
