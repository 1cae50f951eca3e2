"""督办 API: records list/detail/create, issue, close, lift, replies (multipart with files), attachment
download through scoping, and the flag endpoint on tasks. Thin: the actions decide."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from ducha.core import scoping
from ducha.core.api import REPEATED, PageNumberPagination, VersionTagMixin, if_match_version
from ducha.jurisdictions.models import Unit
from ducha.ledger.models import Task

from .. import actions
from ..filtersets import SupervisionFilterSet
from ..models import Supervision
from ..views.records import attachment_response
from .serializers import (
    FlagCreateSerializer, ReplyCreateSerializer, ReplySerializer, SupervisionCreateSerializer,
    SupervisionDraftSerializer, SupervisionLiftSerializer, SupervisionNoteSerializer, SupervisionSerializer,
    SupervisionTransitionSerializer, transitions_of,
)

TAG = ["supervision"]
RECORD = {200: SupervisionSerializer, 400: OpenApiResponse(description="字段错误 / field errors"),
          403: OpenApiResponse(description="无权办理 / may not"), 404: OpenApiResponse(description="不存在")}


class SupervisionViewSet(VersionTagMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """督办 (supervision records): orders, letters, listings, interviews, bulletins, on-site teams, flags.
    Officers see the records addressed to their unit (and its sub-units); offices along their division."""

    queryset = Supervision.objects.all()
    serializer_class = SupervisionSerializer
    filterset_class = SupervisionFilterSet
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return (Supervision.objects.restrict(self.request.user).select_related("division", "unit", "issued_by")
                .prefetch_related("tasks").with_reply_flag())

    @extend_schema(tags=TAG, summary="新建督办（草稿）/ create a record (draft)", request=SupervisionCreateSerializer,
                   responses={201: SupervisionSerializer, 400: OpenApiResponse(description="字段错误"),
                              403: OpenApiResponse(description="无权新建"), **REPEATED})
    def create(self, request):
        if not scoping.role_allows(request.user, scoping.ADD):
            raise exceptions.PermissionDenied("当前角色无权新建督办。")
        form = SupervisionCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        kind = data.pop("kind")
        unit = Unit.objects.filter(pk=data.pop("unit")).first()
        if unit is None:
            raise exceptions.ValidationError({"unit": ["督办对象不存在。"]})
        details = {k: data.pop(k) for k in list(data) if k in actions.DETAIL_FIELDS.get(kind, ())}
        extra = [k for k in data if k not in ("tasks", "required", "reason", "reply_by")]
        if extra:
            raise exceptions.ValidationError({extra[0]: ["该督办方式没有此项。"]})
        record = actions.create_supervision(acting_user=request.user, kind=kind, unit=unit, **data, **details)
        return Response(SupervisionSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(tags=TAG, summary="修改草稿（If-Match：所读版本）/ correct a draft", request=SupervisionDraftSerializer,
                   responses={**RECORD, 412: OpenApiResponse(description="已被他人修改 / stale")})
    def partial_update(self, request, pk=None):
        record = self.get_object()
        form = SupervisionDraftSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        if "unit" in data:
            data["unit"] = Unit.objects.filter(pk=data["unit"]).first()
            if data["unit"] is None:
                raise exceptions.ValidationError({"unit": ["督办对象不存在。"]})
        record = actions.update_draft(acting_user=request.user, record=record,
                                      version=if_match_version(request, record), **data)
        return Response(SupervisionSerializer(record).data)

    def _take(self, request, fn, serializer_class=None, **extra):
        record = self.get_object()
        inputs = {}
        if serializer_class is not None:
            form = serializer_class(data=request.data)
            form.is_valid(raise_exception=True)
            inputs = form.validated_data
        record = fn(acting_user=request.user, record=record, version=if_match_version(request, record),
                    **inputs, **extra)
        return Response(SupervisionSerializer(record).data)

    @extend_schema(tags=TAG, summary="下发（编号并通知）/ issue", request=None, responses=RECORD)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def issue(self, request, pk=None):
        return self._take(request, actions.issue)

    @extend_schema(tags=TAG, summary="办结 / close", request=SupervisionNoteSerializer, responses=RECORD)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def close(self, request, pk=None):
        return self._take(request, actions.close, SupervisionNoteSerializer)

    @extend_schema(tags=TAG, summary="摘牌 / lift a listing", request=SupervisionLiftSerializer, responses=RECORD)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def lift(self, request, pk=None):
        return self._take(request, actions.lift, SupervisionLiftSerializer)

    @extend_schema(tags=TAG, summary="可执行的操作 / transitions the user may take",
                   responses=SupervisionTransitionSerializer(many=True))
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def transitions(self, request, pk=None):
        found = transitions_of(request.user, self.get_object())
        return Response(SupervisionTransitionSerializer(found, many=True).data)

    @extend_schema(tags=TAG, summary="回复列表 / replies", methods=["GET"], responses=ReplySerializer(many=True))
    @extend_schema(tags=TAG, summary="回复（督办对象单位）/ reply, with attachments", methods=["POST"],
                   request={"multipart/form-data": ReplyCreateSerializer},
                   responses={201: ReplySerializer, 400: OpenApiResponse(description="字段错误"),
                              403: OpenApiResponse(description="仅督办对象单位可回复"), **REPEATED})
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None)
    def replies(self, request, pk=None):
        record = self.get_object()
        if request.method == "GET":
            rows = record.replies.select_related("author", "unit").prefetch_related("attachments__file")
            return Response(ReplySerializer(rows, many=True).data)
        form = ReplyCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        answer = actions.reply(acting_user=request.user, record=record, text=form.validated_data["text"],
                               files=form.validated_data["files"], version=if_match_version(request, record))
        return Response(ReplySerializer(answer).data, status=status.HTTP_201_CREATED)


class AttachmentView(APIView):
    @extend_schema(tags=TAG, summary="下载回复附件 / download a reply attachment",
                   responses={(200, "application/octet-stream"): OpenApiTypes.BINARY,
                              404: OpenApiResponse(description="不存在或无权查看")})
    def get(self, request, pk, file_id):
        return attachment_response(request.user, pk, file_id)


class TaskFlagView(APIView):
    @extend_schema(tags=["tasks"], summary="督导标记 / flag a task (supervisors)", request=FlagCreateSerializer,
                   responses={201: SupervisionSerializer, 400: OpenApiResponse(description="字段错误"),
                              403: OpenApiResponse(description="无权督导标记 / may not flag"),
                              404: OpenApiResponse(description="不存在"), **REPEATED})
    def post(self, request, id):
        task = get_object_or_404(Task.objects.restrict(request.user), pk=id)
        scoping.require(request.user, scoping.FLAG, task)
        form = FlagCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        record = actions.flag_task(acting_user=request.user, task=task, **form.validated_data)
        return Response(SupervisionSerializer(record).data, status=status.HTTP_201_CREATED)
