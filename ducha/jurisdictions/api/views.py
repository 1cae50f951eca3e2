"""Read-only API of divisions and units, and who the caller is."""

import django_filters as df
from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, viewsets

from ducha.core.api import PageNumberPagination
from ducha.core.filters import BoundedFilterSet
from ducha.core import scoping
from ducha.jurisdictions.models import Division, Unit, UnitKind

from .serializers import DivisionSerializer, MeSerializer, UnitSerializer


class DivisionFilterSet(BoundedFilterSet):
    level = df.TypedChoiceFilter(choices=Division.Level.choices, coerce=int, label="层级 / level")
    parent = df.CharFilter(field_name="parent__code", label="上级区划代码 / parent code")
    code = df.CharFilter(field_name="code", lookup_expr="startswith", label="代码前缀 / code prefix")
    q = df.CharFilter(field_name="name", lookup_expr="contains", label="名称包含 / name contains")

    class Meta:
        model = Division
        fields = []


class UnitFilterSet(BoundedFilterSet):
    division = df.CharFilter(field_name="division__code", label="所属区划代码 / division code")
    within = df.CharFilter(method="filter_within", label="区划及其下级 / division code and below")
    kind = df.MultipleChoiceFilter(choices=UnitKind.choices, label="类型 / kind")
    is_active = df.BooleanFilter(label="启用 / active")
    q = df.CharFilter(method="filter_q", label="名称、简称或别名包含 / name, short name or alias contains")

    class Meta:
        model = Unit
        fields = []

    def filter_within(self, queryset, name, value):
        division = Division.objects.filter(code=value).first()
        return queryset.filter(division__path__startswith=division.path) if division else queryset.none()

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__contains=value) | Q(short_name__contains=value) | Q(aliases__contains=value))


@extend_schema_view(
    list=extend_schema(summary="行政区划列表 / list divisions", tags=["jurisdictions"]),
    retrieve=extend_schema(summary="行政区划 / one division by GB/T 2260 code", tags=["jurisdictions"]),
)
class DivisionViewSet(viewsets.ReadOnlyModelViewSet):
    """GB/T 2260 行政区划 (divisions), identified by their six-digit code."""

    queryset = Division.objects.all()
    serializer_class = DivisionSerializer
    filterset_class = DivisionFilterSet
    pagination_class = PageNumberPagination
    lookup_field = "code"
    lookup_value_regex = r"\d{6}"

    def get_queryset(self):
        return Division.objects.restrict(self.request.user, scoping.VIEW).select_related("parent")


@extend_schema_view(
    list=extend_schema(summary="单位列表 / list units", tags=["jurisdictions"]),
    retrieve=extend_schema(summary="单位 / one unit", tags=["jurisdictions"]),
)
class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """责任单位等单位 (units): departments, governments, enterprises."""

    queryset = Unit.objects.all()
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return Unit.objects.restrict(self.request.user, scoping.VIEW).select_related("division")


@extend_schema(summary="当前用户 / the current user with role and scope", tags=["jurisdictions"])
class MeView(generics.RetrieveAPIView):
    """当前登录用户、角色与管辖范围 (the caller, their role and scope)."""

    serializer_class = MeSerializer

    def get_object(self):
        return self.request.user
