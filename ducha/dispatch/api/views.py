"""REST API of dispatch rounds: thin handlers over the one scoping path and the actions."""

import tempfile

import django_filters as df
from django.db.models import F, Q
from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ducha.core.api import REPEATED, PageNumberPagination, VersionTagMixin, if_match_version
from ducha.core.filters import BoundedFilterSet, IdFilter

from .. import actions
from ..board import board
from ..exporting import XLSX, export_name, export_round
from ..forms import RoundFilterSet
from ..models import Obligation, Round, Status
from ..workflow import may_export, may_open
from .serializers import (
    ObligationSerializer, ReasonSerializer, ReminderSerializer, RoundCreateSerializer, RoundSerializer,
)


class ObligationFilterSet(BoundedFilterSet):
    round = IdFilter(field_name="round_id", label="调度 id / round id")
    unit = IdFilter(field_name="unit_id", label="责任单位 id / unit id")
    task = IdFilter(field_name="task_id", label="任务 id / task id")
    status = df.ChoiceFilter(choices=Status.choices, method="filter_status", label="报送情况 / status")

    class Meta:
        model = Obligation
        fields = []

    def filter_status(self, queryset, name, value):
        """Each obligation against its own round's due moment (and closing moment), as of now."""
        now = timezone.now()
        if value == Status.FILED:
            return queryset.filter(filed__lte=F("round__due_at"))
        if value == Status.LATE:
            return queryset.filter(filed__gt=F("round__due_at"))
        owing = queryset.filter(filed__isnull=True)
        passed = Q(round__due_at__lt=now) | Q(round__closed_at__isnull=False, round__due_at__lt=F("round__closed_at"))
        if value == Status.MISSING:
            return owing.filter(passed)
        return owing.exclude(passed)


@extend_schema_view(list=extend_schema(summary="报送义务及状态 / obligations with their status", tags=["dispatch"]))
class ObligationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """One row per round, task and unit that owes a report: officers see their own unit's (and sub-units')."""

    queryset = Obligation.objects.all()
    serializer_class = ObligationSerializer
    filterset_class = ObligationFilterSet
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return (Obligation.objects.restrict(self.request.user).with_filing(report=True)
                .select_related("task", "unit", "round").order_by("-round_id", "id"))


@extend_schema_view(
    list=extend_schema(summary="调度列表 / list rounds", tags=["dispatch"]),
    retrieve=extend_schema(summary="调度详情 / one round with its counts", tags=["dispatch"]),
)
class RoundViewSet(VersionTagMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """调度轮次 (dispatch rounds): the office opens, reminds and closes; units read their own obligations."""

    queryset = Round.objects.all()
    serializer_class = RoundSerializer
    filterset_class = RoundFilterSet
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return Round.objects.restrict(self.request.user).select_related("division").order_by("-opened_at", "-id")

    def _boards(self, rounds):
        owed = Obligation.objects.restrict(self.request.user)
        return {r.pk: board(r, obligations=owed.filter(round=r)) for r in rounds}

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        serializer = RoundSerializer(page, many=True, context={**self.get_serializer_context(),
                                                               "boards": self._boards(page)})
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        round_ = self.get_object()
        return Response(RoundSerializer(round_, context={**self.get_serializer_context(),
                                                         "boards": self._boards([round_])}).data)

    @extend_schema(summary="发起调度 / open a round (coordinators)", tags=["dispatch"], request=RoundCreateSerializer,
                   responses={201: RoundSerializer, 403: OpenApiResponse(description="无权发起 / may not open"), **REPEATED})
    def create(self, request):
        if not may_open(request.user):
            raise exceptions.PermissionDenied("只有整改办可以发起调度。")
        serializer = RoundCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        round_ = actions.open_round(acting_user=request.user, title=data.get("title", ""), kind=data["kind"],
                                    plan=data.get("plan"), tasks=data.get("tasks") or (), due_at=data["due_at"],
                                    period_start=data.get("period_start"), period_end=data.get("period_end"))
        return Response(RoundSerializer(round_, context={"boards": self._boards([round_])}).data,
                        status=status.HTTP_201_CREATED)

    def _act(self, request, act, **extra):
        round_ = self.get_object()
        act(acting_user=request.user, round_=round_, version=if_match_version(request, round_), **extra)
        round_.refresh_from_db()
        return Response(RoundSerializer(round_, context={"boards": self._boards([round_])}).data)

    @extend_schema(summary="结束调度（If-Match：所读版本）/ close the round", tags=["dispatch"], request=None,
                   responses={200: RoundSerializer})
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def close(self, request, pk=None):
        return self._act(request, actions.close_round)

    @extend_schema(summary="重新开启（If-Match：所读版本）/ reopen with a reason", tags=["dispatch"], request=ReasonSerializer,
                   responses={200: RoundSerializer})
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def reopen(self, request, pk=None):
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._act(request, actions.reopen_round, reason=serializer.validated_data["reason"])

    @extend_schema(summary="提醒未报单位 / remind every unit still owing", tags=["dispatch"], request=None,
                   responses={201: ReminderSerializer})
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def remind(self, request, pk=None):
        reminder = actions.remind_missing(acting_user=request.user, round_=self.get_object())
        return Response(ReminderSerializer(reminder).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="导出调度表 / the round as the xlsx 调度表", tags=["dispatch"],
                   responses={(200, XLSX): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def export(self, request, pk=None):
        round_ = self.get_object()
        if not may_export(request.user, round_):
            raise exceptions.PermissionDenied("无权导出该调度表。")
        out = tempfile.TemporaryFile()
        export_round(round_, out)
        out.seek(0)
        return FileResponse(out, as_attachment=True, filename=export_name(round_), content_type=XLSX)
