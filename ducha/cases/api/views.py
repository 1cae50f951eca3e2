"""信访件 API: cases (list with the page's filters and search, detail), handling, routing, report,
review, call-back, state transitions, repeat proposals; batches. Same scoping as the pages. Thin: the
actions decide."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ducha.core.api import REPEATED, PageNumberPagination, VersionTagMixin, if_match_version

from .. import actions
from ..actions.repeats import confirm_repeat, dismiss_repeat
from ..filtersets import CaseFilterSet, RepeatLinkFilterSet
from ..models import Batch, Case, RepeatLink, mark_visible
from .serializers import (
    BatchSerializer, CallBackSerializer, CaseSerializer, HandlingSerializer, RepeatConfirmSerializer,
    RepeatDismissSerializer, RepeatLinkSerializer, ReviewSerializer, RouteSerializer, TransitionSerializer,
)

TAG = ["cases"]
CASE = {200: CaseSerializer, 400: OpenApiResponse(description="字段错误 / field errors"),
        403: OpenApiResponse(description="无权办理 / may not"), 404: OpenApiResponse(description="不存在"),
        412: OpenApiResponse(description="已被他人修改 / stale")}


class CaseViewSet(VersionTagMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """信访件 (complaint cases). Officers see the cases their unit leads or helps with; offices along their
    division line."""

    queryset = Case.objects.all()
    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return (Case.objects.restrict(self.request.user)
                .select_related("batch", "division", "lead_unit", "task").prefetch_related("types", "co_units"))

    def _take(self, request, fn, serializer_class=None, **extra):
        case = self.get_object()
        inputs = {}
        if serializer_class is not None:
            form = serializer_class(data=request.data)
            form.is_valid(raise_exception=True)
            inputs = dict(form.validated_data)
        case = fn(acting_user=request.user, case=case, version=if_match_version(request, case), **inputs, **extra)
        return Response(CaseSerializer(self.get_queryset().get(pk=case.pk)).data)

    @extend_schema(tags=TAG, summary="记录办理情况（If-Match：所读版本）/ record handling", request=HandlingSerializer,
                   responses=CASE | REPEATED)
    @action(detail=True, methods=["patch"], filterset_class=None, pagination_class=None)
    def handling(self, request, pk=None):
        return self._take(request, actions.record_handling, HandlingSerializer)

    @extend_schema(tags=TAG, summary="报送办理结果 / report for review", request=None, responses=CASE)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def report(self, request, pk=None):
        return self._take(request, actions.report_handling)

    @extend_schema(tags=TAG, summary="分办 / route", request=RouteSerializer, responses=CASE)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def route(self, request, pk=None):
        return self._take(request, actions.route_case, RouteSerializer)

    @extend_schema(tags=TAG, summary="审核 / review", request=ReviewSerializer, responses=CASE)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def review(self, request, pk=None):
        return self._take(request, actions.review_case, ReviewSerializer)

    @extend_schema(tags=TAG, summary="回访 / call-back", request=CallBackSerializer, responses=CASE)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def callback(self, request, pk=None):
        return self._take(request, actions.record_callback, CallBackSerializer)

    @extend_schema(tags=TAG, summary="办结状态变更（stage 阶段性办结 / close 办结 / reopen 重新办理）",
                   request=TransitionSerializer, responses=CASE)
    @action(detail=True, methods=["post"], url_path=r"transitions/(?P<name>stage|close|reopen)",
            filterset_class=None, pagination_class=None)
    def transition(self, request, pk=None, name=None):
        return self._take(request, actions.take, TransitionSerializer, name=name)


    @extend_schema(tags=TAG, summary="该件的重复件建议 / repeat proposals of the case",
                   responses={200: RepeatLinkSerializer(many=True), 404: OpenApiResponse(description="不存在")})
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def repeats(self, request, pk=None):
        case = self.get_object()
        links = RepeatLink.objects.filter(case=case).select_related(*REPEAT_RELATED).order_by("status", "-score")
        return Response(RepeatLinkSerializer(mark_visible(links, request.user), many=True).data)


REPEAT_RELATED = ("case__batch", "earlier__batch", "decided_by")
REPEAT = {200: RepeatLinkSerializer, 400: OpenApiResponse(description="字段错误（已处理：status）/ field errors"),
          403: OpenApiResponse(description="只有整改办可以确认或排除 / coordinators only"),
          404: OpenApiResponse(description="不存在")}


class RepeatLinkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """重复件建议 (repeat proposals): a case that may repeat an earlier one, readable wherever the case is;
    confirmed or dismissed by the office (整改办) over the case."""

    queryset = RepeatLink.objects.all()
    serializer_class = RepeatLinkSerializer
    filterset_class = RepeatLinkFilterSet
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return RepeatLink.objects.restrict(self.request.user).select_related(*REPEAT_RELATED)

    def _out(self, links, **kwargs):
        many = kwargs.get("many", False)
        mark_visible(links if many else [links], self.request.user)
        return RepeatLinkSerializer(links, **kwargs).data

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self._out(page, many=True))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._out(self.get_object()))

    def _decide(self, request, fn, serializer_class):
        link = self.get_object()
        form = serializer_class(data=request.data)
        form.is_valid(raise_exception=True)
        fn(link, acting_user=request.user, **form.validated_data)
        return Response(self._out(self.get_queryset().get(pk=link.pk)))

    @extend_schema(tags=TAG, summary="确认重复件 / confirm a repeat", request=RepeatConfirmSerializer, responses=REPEAT)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def confirm(self, request, pk=None):
        return self._decide(request, confirm_repeat, RepeatConfirmSerializer)

    @extend_schema(tags=TAG, summary="排除重复件（须说明理由）/ dismiss a repeat", request=RepeatDismissSerializer,
                   responses=REPEAT)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def dismiss(self, request, pk=None):
        return self._decide(request, dismiss_repeat, RepeatDismissSerializer)


class BatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """批次 (batches transferred by the inspection team)."""

    queryset = Batch.objects.all()
    serializer_class = BatchSerializer
    pagination_class = PageNumberPagination
    filterset_class = None

    def get_queryset(self):
        return Batch.objects.restrict(self.request.user).order_by("inspection", "number")



