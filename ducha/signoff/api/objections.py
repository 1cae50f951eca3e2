"""异议 API: the office's list and detail of objections (contact only for the office), entering one
received by letter/phone/email (multipart, with files), answering one; and the anonymous filing on a
published notice (rate-limited like the page). Thin: the actions decide."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ducha.core.api import REPEATED, PageNumberPagination
from ducha.ledger import workflow as ledger
from ducha.public import ratelimit

from .. import publication
from ..actions import objections
from ..models import Answer, Channel, Notice, Objection

TAG = ["signoff"]
ERRORS = {400: OpenApiResponse(description="字段错误 / field errors"),
          403: OpenApiResponse(description="无权办理 / may not"), 404: OpenApiResponse(description="不存在")}


class ObjectionSerializer(serializers.ModelSerializer):
    task = serializers.IntegerField(source="notice.task_id", read_only=True)
    task_number = serializers.CharField(source="notice.task.number", read_only=True)
    contact = serializers.SerializerMethodField(help_text="异议人姓名和联系方式（仅整改办可见）/ objector (office only)")
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Objection
        fields = ["id", "receipt_number", "notice", "task", "task_number", "channel", "text", "received_at",
                  "answer", "answer_reason", "answered_at", "contact", "attachments"]
        read_only_fields = fields

    def to_representation(self, obj):
        # Read as written (with attachments) by the office only; others read it as the public does.
        if not publication.reads_objector(self.context["request"].user, obj.notice.task):
            obj = publication.mask_objection(obj)
        return super().to_representation(obj)

    def get_contact(self, obj) -> dict | None:
        user = self.context["request"].user
        contact = getattr(obj, "contact", None)
        if contact is None or not ledger.is_office(user, obj.notice.task):
            return None
        return {"name": contact.name, "contact": contact.contact}

    def get_attachments(self, obj) -> list[dict]:
        if not publication.reads_objector(self.context["request"].user, obj.notice.task):
            return []
        return [{"id": a.file_id, "name": a.file.original_name, "sha256": a.file.sha256, "size": a.file.size}
                for a in obj.attachments.all()]


class FileObjectionSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=objections.TEXT_MAX, help_text="异议内容 / text")
    name = serializers.CharField(max_length=objections.NAME_MAX, required=False, allow_blank=True, default="")
    contact = serializers.CharField(max_length=objections.CONTACT_MAX, required=False, allow_blank=True, default="")
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list,
                                  max_length=objections.FILES_MAX)


class EnterObjectionSerializer(FileObjectionSerializer):
    channel = serializers.ChoiceField(choices=[c for c in Channel.choices if c[0] != Channel.PUBLIC])
    received_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class AnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=Answer.choices)
    reason = serializers.CharField(max_length=objections.REASON_MAX)


def _data(serializer_class, request):
    data = request.data
    if isinstance(data, dict):  # a JSON object or a form (QueryDict); anything else the serializer refuses
        data = {key: data.get(key) for key in data if key != "files"}
        data["files"] = request.FILES.getlist("files")
    form = serializer_class(data=data)
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)


class ObjectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """异议 (objections to sign-off notices) in the user's reach; `?notice=` and `?answered=true|false`."""

    queryset = Objection.objects.all()
    serializer_class = ObjectionSerializer
    pagination_class = PageNumberPagination

    def get_queryset(self):
        rows = (Objection.objects.restrict(self.request.user).select_related("notice__task", "contact")
                .prefetch_related("attachments__file").order_by("-received_at", "-id"))
        if self.action != "list":
            return rows
        notice = self.request.query_params.get("notice")
        if notice:
            if not notice.isdigit() or len(notice) > 18:
                raise exceptions.ValidationError({"notice": ["应为公示 ID。"]})
            rows = rows.filter(notice_id=int(notice))
        answered = self.request.query_params.get("answered")
        if answered not in (None, "", "true", "false"):
            raise exceptions.ValidationError({"answered": ["应为 true 或 false。"]})
        if answered:
            rows = rows.filter(answer__isnull=answered == "false")
        return rows

    @extend_schema(tags=TAG, summary="答复异议 / answer an objection", request=AnswerSerializer,
                   responses={200: ObjectionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        objection = self.get_object()
        data = _data(AnswerSerializer, request)
        objection = objections.answer_objection(acting_user=request.user, objection=objection, **data)
        return Response(ObjectionSerializer(self.get_queryset().get(pk=objection.pk),
                                            context={"request": request}).data)


class NoticeObjectionView(APIView):
    """POST: the office enters an objection received by letter, phone or email (multipart for files)."""

    @extend_schema(tags=TAG, summary="录入异议 / enter an objection", request=EnterObjectionSerializer,
                   responses={201: ObjectionSerializer, **ERRORS, **REPEATED})
    def post(self, request, id):
        notice = get_object_or_404(Notice.objects.restrict(request.user).select_related("task", "application"),
                                   pk=id)
        data = _data(EnterObjectionSerializer, request)
        objection = objections.enter_objection(acting_user=request.user, notice=notice, **data)
        row = Objection.objects.select_related("notice__task", "contact").get(pk=objection.pk)
        return Response(ObjectionSerializer(row, context={"request": request}).data, status=status.HTTP_201_CREATED)


class PublicObjectionView(APIView):
    """POST without sign-in: an objection to a published notice during its period; answers the receipt
    number only. Rate-limited per address like the page (429): accepted objections, and all attempts."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(tags=TAG, summary="提出异议（公开）/ file an objection (anonymous)",
                   request=FileObjectionSerializer,
                   responses={201: OpenApiResponse(description="{receipt_number}"), 400: ERRORS[400],
                              404: ERRORS[404], 429: OpenApiResponse(description="提交过于频繁 / too many")})
    def post(self, request, id):
        notice = get_object_or_404(publication.published().select_related("task", "application"), pk=id)
        if not ratelimit.admit(request, "objection"):
            raise exceptions.Throttled(detail="提交过于频繁，请稍后再试。")
        data = _data(FileObjectionSerializer, request)
        objection = objections.file_objection(notice=notice, **data)
        ratelimit.accepted(request)
        return Response({"receipt_number": objection.receipt_number}, status=status.HTTP_201_CREATED)
