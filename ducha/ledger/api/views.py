"""REST API of the ledger: thin handlers over the shared filterset, the one
scoping path and the actions."""

import io

import django_filters as df
from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ducha.audit.services import history
from ducha.core.api import ScopedViewSet
from ducha.core.filters import BoundedFilterSet, IdFilter, IntegerFilter
from ducha.core import scoping
from ducha.jurisdictions.models import Division
from ducha.ledger import actions, steps
from ducha.ledger.filtersets import TaskFilterSet
from ducha.ledger.models import Inspection, Plan, Problem, Task
from ducha.ledger.views.changes import describe_history

from . import listing
from .serializers import (
    HistoryEntrySerializer, ImportReportSerializer, ImportRequestSerializer, InspectionSerializer,
    PlanSerializer, ProblemSerializer, TaskSerializer, TransitionInputSerializer, TransitionSerializer,
    VoidSerializer,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The shared filterset filters by unit id through a method; say so in the schema.
extend_schema_field(OpenApiTypes.INT)(TaskFilterSet.base_filters["unit"])


class DivisionWithinFilter(df.CharFilter):
    """A division code: rows in that division and below."""

    def filter(self, qs, value):
        if not value:
            return qs
        division = Division.objects.filter(code=value).first()
        return qs.filter(**{f"{self.field_name}__path__startswith": division.path}) if division else qs.none()


class InspectionFilterSet(BoundedFilterSet):
    level = df.MultipleChoiceFilter(choices=Inspection.Level.choices, label="层级 / level")
    round_number = IntegerFilter(label="轮次 / round")
    division = DivisionWithinFilter(field_name="division", label="区划代码（含下级）/ division code and below")
    q = df.CharFilter(field_name="name", lookup_expr="contains", label="名称包含 / name contains")

    class Meta:
        model = Inspection
        fields = []


class ProblemFilterSet(BoundedFilterSet):
    inspection = IdFilter(field_name="inspection_id", label="督察 id / inspection id")
    kind = df.MultipleChoiceFilter(choices=Problem.Kind.choices, label="问题类型 / kind")
    division = DivisionWithinFilter(field_name="division", label="区划代码（含下级）/ division code and below")
    q = df.CharFilter(field_name="description", lookup_expr="contains", label="问题描述包含 / description contains")

    class Meta:
        model = Problem
        fields = []


class PlanFilterSet(BoundedFilterSet):
    inspection = IdFilter(field_name="inspection_id", label="督察 id / inspection id")
    parent = IdFilter(field_name="parent_id", label="上级方案 id / parent plan id")
    division = DivisionWithinFilter(field_name="division", label="区划代码（含下级）/ division code and below")
    code = df.CharFilter(label="方案代码 / plan code")
    q = df.CharFilter(field_name="title", lookup_expr="contains", label="方案名称包含 / title contains")

    class Meta:
        model = Plan
        fields = []


def _crud_schema(tag, noun):
    return extend_schema_view(
        list=extend_schema(summary=f"{noun}列表 / list {tag}", tags=[tag]),
        retrieve=extend_schema(summary=f"{noun}详情 / one of {tag}", tags=[tag]),
        create=extend_schema(summary=f"新建{noun} / create", tags=[tag]),
        update=extend_schema(summary=f"修改{noun} / replace", tags=[tag]),
        partial_update=extend_schema(summary=f"部分修改{noun} / update some fields", tags=[tag]),
    )


@_crud_schema("inspections", "督察")
class InspectionViewSet(ScopedViewSet):
    """督察轮次 (inspections): readable along the user's line of divisions, changed by coordinators."""

    queryset = Inspection.objects.all()
    serializer_class = InspectionSerializer
    filterset_class = InspectionFilterSet
    related = ("division",)


@_crud_schema("problems", "问题")
class ProblemViewSet(ScopedViewSet):
    """督察反馈问题 (problems)."""

    queryset = Problem.objects.all()
    serializer_class = ProblemSerializer
    filterset_class = ProblemFilterSet
    related = ("division",)


class VoidMixin:
    """POST …/{id}/void/ and …/{id}/restore/ with a reason (作废 / 恢复): the record stays, out of lists."""

    void_action = restore_action = None

    def base_queryset(self):
        return self.queryset.model.objects.restrict(self.request.user, scoping.VIEW,
                                                    include_voided=self.action in ("retrieve", "restore"))

    def _void(self, request, act, **extra):
        obj = self.get_object()
        body = VoidSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        done = act(acting_user=request.user, reason=body.validated_data["reason"],
                   **{self.queryset.model._meta.model_name: obj}, **extra)
        self._object = done
        return Response(self.get_serializer(done).data)

    @extend_schema(summary="作废 / void with a reason", request=VoidSerializer)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def void(self, request, pk=None):
        from ducha.core.api import if_match_version

        return self._void(request, type(self).void_action, version=if_match_version(request, self.get_object()))

    @extend_schema(summary="恢复 / restore a voided record", request=VoidSerializer)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def restore(self, request, pk=None):
        return self._void(request, type(self).restore_action)


@_crud_schema("plans", "整改方案")
class PlanViewSet(VoidMixin, ScopedViewSet):
    """整改方案 (rectification plans). Voided plans (and their tasks) are out of every list."""

    queryset = Plan.objects.all()
    serializer_class = PlanSerializer
    filterset_class = PlanFilterSet
    related = ("division",)
    void_action = staticmethod(actions.void_plan)
    restore_action = staticmethod(actions.restore_plan)


@_crud_schema("tasks", "整改任务")
class TaskViewSet(VoidMixin, ScopedViewSet):
    """整改任务 (tasks): the ledger, filtered exactly as the ledger page filters it.

    `q` is full-text search (two-character words such as 扬尘 match);
    `ordering` takes deadline, number, state, updated_at, progress, id (prefix `-` to reverse).
    """

    queryset = Task.objects.all()
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    related = ("plan", "parent", "parent__plan", "problem", "division", "lead_unit")
    void_action = staticmethod(actions.void_task)
    restore_action = staticmethod(actions.restore_task)

    @extend_schema(summary="可执行的流转 / the transitions the current user may take now", tags=["tasks"],
                   responses=TransitionSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="transitions", pagination_class=None, filterset_class=None)
    def transitions(self, request, pk=None):
        task = self.get_object()
        return Response(TransitionSerializer(steps.available(request.user, task), many=True).data)

    @extend_schema(summary="执行流转 / take a transition (If-Match: the version read)", tags=["tasks"],
                   request=TransitionInputSerializer, responses={200: TaskSerializer})
    @action(detail=True, methods=["post"], url_path=r"transitions/(?P<name>[a-z_]{1,32})",
            pagination_class=None, filterset_class=None)
    def take_transition(self, request, pk=None, name=None):
        from ducha.core.api import if_match_version

        task = self.get_object()
        done = steps.take(acting_user=request.user, task=task, name=name, data=request.data, files=request.FILES,
                          version=if_match_version(request, task))
        self._object = done
        return Response(self.get_serializer(done).data)

    def list(self, request, *args, **kwargs):
        # Performance: count and page the ids on the task table alone, then
        # load and write only the page's rows (see listing.py).
        ids = self.filter_queryset(self.base_queryset()).values_list("pk", flat=True)
        page = self.paginate_queryset(ids)
        today, write_datetime = timezone.localdate(), listing.datetime_writer()
        rows = [listing.list_item(row, today, write_datetime)
                for row in listing.page_rows(ids if page is None else page, request.user)]
        return Response(rows) if page is None else self.get_paginated_response(rows)

    def get_queryset(self):
        return super().get_queryset().prefetch_related(*listing.prefetches(self.request.user))

    @extend_schema(summary="变更历史 / the task's audit history", tags=["tasks"],
                   responses=HistoryEntrySerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def history(self, request, pk=None):
        task = self.get_object()
        entries = describe_history(history(task).select_related("actor"))
        return Response(HistoryEntrySerializer(entries, many=True).data)

    @extend_schema(summary="导出台账 / export the filtered ledger as xlsx", tags=["tasks"], filters=True,
                   responses={(200, XLSX): OpenApiTypes.BINARY})
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request):
        """与列表相同的筛选条件导出 xlsx；导出文件可再导入。
        The same filters as the list; the file has the columns the importer reads."""
        from ducha.ledger.exporting import export_ledger

        out = io.BytesIO()
        export_ledger(self.filter_queryset(self.base_queryset()), out)
        out.seek(0)
        name = "整改台账-%s.xlsx" % timezone.localdate().strftime("%Y%m%d")
        return FileResponse(out, as_attachment=True, filename=name, content_type=XLSX)

    @extend_schema(summary="导入台账 / import a ledger spreadsheet", tags=["tasks"],
                   request={"multipart/form-data": ImportRequestSerializer},
                   responses={200: ImportReportSerializer,
                              400: OpenApiResponse(ImportReportSerializer,
                                                   description="有错误，未写入 / errors, nothing written"),
                              403: OpenApiResponse(description="无权导入 / may not import")})
    @action(detail=False, methods=["post"], url_path="import", pagination_class=None, filterset_class=None)
    def import_ledger(self, request):
        """全部行无误才写入（或 dry_run 仅预览）；错误逐条给出行、列和原因。
        All rows or none; every error names its row, column and reason."""
        from ducha.ledger.importing import import_ledger

        if not scoping.role_allows(request.user, scoping.ADD):
            raise exceptions.PermissionDenied("当前角色无权导入台账。")
        form = ImportRequestSerializer(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        data = form.validated_data
        report = import_ledger(acting_user=request.user, plan_code=data["plan_code"].strip(), file=data["file"],
                               dry_run=data["dry_run"], create_units=data["create_units"])
        return Response(ImportReportSerializer(report).data,
                        status=status.HTTP_200_OK if report.ok else status.HTTP_400_BAD_REQUEST)
