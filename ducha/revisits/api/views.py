"""回头看 API: list/detail, plan one, record it (multipart with photos), cancel it. Thin: the actions decide."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from ducha.core.parsers import BoundedFormParser, BoundedJSONParser, BoundedMultiPartParser
from rest_framework.response import Response

from ducha.core.api import PageNumberPagination

from .. import actions
from ..filtersets import RevisitFilterSet
from ..models import Revisit
from .serializers import RevisitCancelSerializer, RevisitPlanSerializer, RevisitRecordSerializer, RevisitSerializer

TAG = ["revisits"]
ONE = {200: RevisitSerializer, 400: OpenApiResponse(description="字段错误 / field errors"),
       403: OpenApiResponse(description="无权办理 / may not"), 404: OpenApiResponse(description="不存在")}


class RevisitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """回头看 (revisits of signed-off tasks): seen by whoever sees the task; planned and recorded by the office."""

    queryset = Revisit.objects.all()
    serializer_class = RevisitSerializer
    filterset_class = RevisitFilterSet
    pagination_class = PageNumberPagination
    parser_classes = [BoundedJSONParser, BoundedMultiPartParser, BoundedFormParser]

    def get_queryset(self):
        return (Revisit.objects.restrict(self.request.user).select_related("task")
                .prefetch_related("photos__file").order_by("due_on", "id"))

    @extend_schema(tags=TAG, summary="安排回头看 / plan a revisit", request=RevisitPlanSerializer,
                   responses={**ONE, 201: RevisitSerializer})
    def create(self, request):
        form = RevisitPlanSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        revisit = actions.plan_revisit(acting_user=request.user, **form.validated_data)
        return Response(RevisitSerializer(revisit).data, status=status.HTTP_201_CREATED)

    @extend_schema(tags=TAG, summary="记录回头看（巩固/反弹）/ record the visit", request=RevisitRecordSerializer,
                   responses=ONE)
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        revisit = self.get_object()
        form = RevisitRecordSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        data["photos"] = request.FILES.getlist("photos") if hasattr(request, "FILES") else []
        revisit = actions.record_revisit(acting_user=request.user, revisit=revisit, **data)
        return Response(RevisitSerializer(revisit).data)

    @extend_schema(tags=TAG, summary="取消回头看 / cancel", request=RevisitCancelSerializer, responses=ONE)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        revisit = self.get_object()
        form = RevisitCancelSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        revisit = actions.cancel_revisit(acting_user=request.user, revisit=revisit, **form.validated_data)
        return Response(RevisitSerializer(revisit).data)
