"""疑似纸面销号 API: list/detail (scoped like the tasks), run the rules, dismiss, send to review."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from ducha.core.api import PageNumberPagination
from ducha.ledger.models import Plan

from .. import actions
from ..filtersets import SuspectFilterSet
from ..models import Suspect
from .serializers import DecisionSerializer, DetectSerializer, SuspectSerializer

TAG = ["suspects"]
ONE = {200: SuspectSerializer, 400: OpenApiResponse(description="字段错误 / field errors"),
       403: OpenApiResponse(description="无权办理 / may not"), 404: OpenApiResponse(description="不存在")}


class SuspectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """疑似纸面销号 (paper sign-off suspects): each with its rule, reason and evidence side by side."""

    queryset = Suspect.objects.all()
    serializer_class = SuspectSerializer
    filterset_class = SuspectFilterSet
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return Suspect.objects.restrict(self.request.user).select_related("task", "other_task").order_by("-id")

    @extend_schema(tags=TAG, summary="运行检测 / run the rules", request=DetectSerializer,
                   responses={200: SuspectSerializer(many=True), 400: OpenApiResponse(description="字段错误"),
                              403: OpenApiResponse(description="无权"), 404: OpenApiResponse(description="方案不存在")})
    @action(detail=False, methods=["post"], pagination_class=None, filter_backends=[])
    def detect(self, request):
        form = DetectSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        plan = None
        if form.validated_data.get("plan"):
            plan = get_object_or_404(Plan.objects.restrict(request.user), pk=form.validated_data["plan"])
        found = actions.detect(acting_user=request.user, plan=plan)
        return Response(SuspectSerializer(found, many=True).data)

    @extend_schema(tags=TAG, summary="排除疑点 / dismiss", request=DecisionSerializer, responses=ONE)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        form = DecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        suspect = actions.dismiss_suspect(acting_user=request.user, suspect=self.get_object(),
                                          reason=form.validated_data["reason"])
        return Response(SuspectSerializer(suspect).data)

    @extend_schema(tags=TAG, summary="转复核（可同时移送问责）/ send to review", request=DecisionSerializer,
                   responses=ONE)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        form = DecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        suspect = actions.send_to_review(acting_user=request.user, suspect=self.get_object(), **form.validated_data)
        return Response(SuspectSerializer(suspect).data)
