"""REST API of the warnings: thin handlers over the filtersets, the one scoping path and the actions."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ducha.core import scoping
from ducha.core.api import REPEATED, PageNumberPagination, VersionTagMixin, if_match_version

from .. import actions
from ..filtersets import ConsequenceFilterSet, ExternalEventFilterSet, TaskWarningFilterSet
from ..models import Consequence, ExternalEvent, TaskWarning
from .serializers import (
    ConfirmedCountSerializer, ConsequenceSerializer, ExternalEventSerializer, MonthSerializer, OverrideSerializer,
    ProposeResultSerializer, TaskWarningSerializer,
)

REFUSED = {403: OpenApiResponse(description="无权操作 / not allowed"),
           400: OpenApiResponse(description="输入有误，按字段说明 / bad input, by field")}


class ScopedReadViewSet(VersionTagMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Rows through the one scoping path: outside the user's reach is a 404."""

    pagination_class = PageNumberPagination
    related = ()

    def get_queryset(self):
        return self.queryset.model.objects.restrict(self.request.user, scoping.VIEW).select_related(*self.related)


def _month(request):
    body = MonthSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    raw = body.validated_data.get("month")
    return actions.parse_month(raw) if raw else actions.this_month()


@extend_schema_view(list=extend_schema(summary="预警列表 / warnings", tags=["warnings"]),
                    retrieve=extend_schema(summary="预警 / one warning", tags=["warnings"]))
class TaskWarningViewSet(ScopedReadViewSet):
    """预警 (warnings): one per open task and month, proposed by the system, decided by the office."""

    queryset = TaskWarning.objects.all()
    serializer_class = TaskWarningSerializer
    filterset_class = TaskWarningFilterSet
    related = ("task",)

    def get_queryset(self):
        return super().get_queryset().order_by("-month", "task_id", "id")

    @extend_schema(summary="生成月度提议 / propose a month's warnings (office)", tags=["warnings"],
                   request=MonthSerializer, responses={200: ProposeResultSerializer, **REFUSED})
    @action(detail=False, methods=["post"], pagination_class=None, filterset_class=None)
    def propose(self, request):
        counts = actions.propose_month(acting_user=request.user, month=_month(request))
        return Response(ProposeResultSerializer(counts).data)

    @extend_schema(summary="确认全部蓝签 / confirm every blue proposal of a month (office)", tags=["warnings"],
                   request=MonthSerializer, responses={200: ConfirmedCountSerializer, **REFUSED})
    @action(detail=False, methods=["post"], url_path="confirm-blue", pagination_class=None, filterset_class=None)
    def confirm_blue(self, request):
        n = actions.confirm_blue(acting_user=request.user, month=_month(request))
        return Response({"confirmed": n})

    @extend_schema(summary="确认预警 / confirm the proposal (If-Match: the version read)", tags=["warnings"],
                   request=None, responses={200: TaskWarningSerializer, **REFUSED})
    @action(detail=True, methods=["post"], pagination_class=None, filterset_class=None)
    def confirm(self, request, pk=None):
        warning = self.get_object()
        done = actions.confirm_warning(acting_user=request.user, warning=warning,
                                       version=if_match_version(request, warning))
        return Response(self.get_serializer(done).data)

    @extend_schema(summary="改定预警 / decide another colour, with a reason", tags=["warnings"],
                   request=OverrideSerializer, responses={200: TaskWarningSerializer, **REFUSED})
    @action(detail=True, methods=["post"], pagination_class=None, filterset_class=None)
    def override(self, request, pk=None):
        body = OverrideSerializer(data=request.data)  # a malformed body is refused before any lookup
        body.is_valid(raise_exception=True)
        warning = self.get_object()
        done = actions.override_warning(acting_user=request.user, warning=warning,
                                        version=if_match_version(request, warning), **body.validated_data)
        return Response(self.get_serializer(done).data)


@extend_schema_view(list=extend_schema(summary="外部事件 / external events", tags=["warnings"]),
                    retrieve=extend_schema(summary="外部事件 / one external event", tags=["warnings"]),
                    create=extend_schema(summary="登记外部事件 / record a bulletin or media exposure (office)",
                                         tags=["warnings"], responses={201: ExternalEventSerializer, **REFUSED, **REPEATED}))
class ExternalEventViewSet(mixins.CreateModelMixin, ScopedReadViewSet):
    """通报批评 and 媒体曝光 about a task; a provincial or higher one turns the month's proposal red."""

    queryset = ExternalEvent.objects.all()
    serializer_class = ExternalEventSerializer
    filterset_class = ExternalEventFilterSet

    def get_queryset(self):
        return super().get_queryset().order_by("-occurred_on", "-id")

    def create(self, request, *args, **kwargs):
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        event = actions.record_external_event(acting_user=request.user, **body.validated_data)
        return Response(self.get_serializer(event).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="预警后果 / consequences (专函督办, 约谈, points)", tags=["warnings"]),
                    retrieve=extend_schema(summary="预警后果 / one consequence", tags=["warnings"]))
class ConsequenceViewSet(ScopedReadViewSet):
    queryset = Consequence.objects.all()
    serializer_class = ConsequenceSerializer
    filterset_class = ConsequenceFilterSet

    def get_queryset(self):
        return super().get_queryset().prefetch_related("warnings").order_by("-month", "-id")


