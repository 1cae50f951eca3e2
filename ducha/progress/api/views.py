"""REST API of progress reports: list and read (scoped), file (with evidence), download evidence."""

import django_filters as df
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from ducha.core import uploads
from ducha.core.api import REPEATED, PageNumberPagination
from ducha.core.filters import BoundedFilterSet, IdFilter
from ducha.evidence.serving import serve_stored
from ducha.evidence.storing import max_bytes
from ducha.ledger.models import Task

from ..actions import FILES_MAX, file_report
from ..models import ProgressReport
from ..views.evidence import visible_evidence
from .serializers import ReportCreateSerializer, ReportSerializer


class ReportFilterSet(BoundedFilterSet):
    task = IdFilter(field_name="task_id", label="任务 id / task id")
    unit = IdFilter(field_name="unit_id", label="单位 id / unit id")
    reported_after = df.DateFilter(field_name="reported_on", lookup_expr="gte", label="报告日期起 / reported on or after")
    reported_before = df.DateFilter(field_name="reported_on", lookup_expr="lte",
                                    label="报告日期止 / reported on or before")

    class Meta:
        model = ProgressReport
        fields = []


class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    viewsets.GenericViewSet):
    """进展报告：按可见任务限定范围；只能新增（含更正），不能修改或删除。
    Progress reports, scoped by the tasks the user may view; append-only (file or correct, never edit)."""

    queryset = ProgressReport.objects.all()
    serializer_class = ReportSerializer
    filterset_class = ReportFilterSet
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return (ProgressReport.objects.restrict(self.request.user).select_related("unit", "author")
                .prefetch_related("evidence__file"))

    def initial(self, request, *args, **kwargs):
        if request.method == "POST":  # before the body is read: evidence files take the evidence cap
            uploads.raise_cap(request, max_bytes(), max_bytes() * FILES_MAX + uploads.REQUEST_SLACK)
        super().initial(request, *args, **kwargs)

    @extend_schema(request={"multipart/form-data": ReportCreateSerializer, "application/json": ReportCreateSerializer},
                   responses={201: ReportSerializer, 400: OpenApiResponse(description="字段错误 / field errors"),
                              403: OpenApiResponse(description="无权填报 / may not file"),
                              404: OpenApiResponse(description="任务不存在或不可见 / no such task"), **REPEATED})
    def create(self, request, *args, **kwargs):
        """填报进展（可附佐证材料，multipart 的 files 字段可多个）。
        File a report; evidence as repeated multipart `files` fields."""
        data = request.data
        if hasattr(data, "getlist"):
            data = {key: (data.getlist(key) if key in ("files", "captions") else data.get(key)) for key in data}
            data.update({key: request.FILES.getlist(key) for key in request.FILES if key == "files"})
        form = ReportCreateSerializer(data=data, context={"request": request})
        form.is_valid(raise_exception=True)
        task = get_object_or_404(Task.objects.restrict(request.user), pk=form.validated_data["task"])
        report = file_report(acting_user=request.user, task=task,
                             **{k: v for k, v in form.validated_data.items() if k != "task"})
        report = self.get_queryset().get(pk=report.pk)
        return Response(ReportSerializer(report, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)


class ReportEvidenceView(APIView):
    """佐证材料下载：须能查看该报告的任务，否则 404。
    Download one evidence file of a report the user may read (404 otherwise)."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY,
                              404: OpenApiResponse(description="不存在或不可见 / not found")})
    def get(self, request, report_id, file_id):
        link = visible_evidence(request.user, report_id, file_id)
        return serve_stored(link.file)
