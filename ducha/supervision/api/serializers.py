from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Kind, Supervision, SupervisionReply

DETAIL_NAMES = ["listed_on", "lifted_on", "lift_reason", "meeting_on", "participants", "minutes", "commitments",
                "bulletin_title", "bulletin_number", "bulletin_on", "team_members", "period_start", "period_end",
                "findings"]


class SupervisionSerializer(serializers.ModelSerializer):
    division = serializers.CharField(source="division.code", read_only=True, help_text="督办区划代码 / division code")
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    issued_by = serializers.CharField(source="issued_by.get_username", read_only=True, allow_null=True,
                                      default=None)
    tasks = serializers.SerializerMethodField(help_text="涉及任务 ID / task ids")
    overdue = serializers.SerializerMethodField(help_text="回复逾期 / reply overdue")
    letter_url = serializers.SerializerMethodField(help_text="督办函 docx 下载 / letter download (numbered kinds)")

    class Meta:
        model = Supervision
        fields = ["id", "kind", "state", "division", "unit", "unit_name", "tasks", "required", "reason", "reply_by",
                  "number", "issued_on", "issued_by", "created_at", "closed_on", "close_note", *DETAIL_NAMES,
                  "version", "overdue", "letter_url"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_tasks(self, obj):
        return sorted(t.pk for t in obj.tasks.all())

    def get_overdue(self, obj) -> bool:
        return obj.is_overdue(timezone.localdate())

    def get_letter_url(self, obj) -> str:
        return reverse("supervision:letter", args=[obj.pk]) if obj.number else ""


class SupervisionCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[c for c in Kind.choices if c[0] != Kind.FLAG],
                                   help_text="督办方式（督导标记请用 /api/tasks/{id}/flag/）/ kind")
    unit = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="督办对象单位 ID / addressee unit id")
    tasks = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), max_length=200,
                                  required=False, default=list, help_text="涉及任务 ID / task ids")
    required = serializers.CharField(max_length=10_000, help_text="督办要求 / what is required")
    reason = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    reply_by = serializers.DateField(required=False, allow_null=True, default=None)
    listed_on = serializers.DateField(required=False, allow_null=True)
    meeting_on = serializers.DateField(required=False, allow_null=True)
    participants = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    minutes = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    commitments = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    bulletin_title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    bulletin_number = serializers.CharField(max_length=64, required=False, allow_blank=True)
    bulletin_on = serializers.DateField(required=False, allow_null=True)
    team_members = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    period_start = serializers.DateField(required=False, allow_null=True)
    period_end = serializers.DateField(required=False, allow_null=True)
    findings = serializers.CharField(max_length=10_000, required=False, allow_blank=True)


class SupervisionDraftSerializer(SupervisionCreateSerializer):
    """A draft's corrections (PATCH): any of the fields, the kind excepted."""

    kind = None


class SupervisionNoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="",
                                 help_text="办结说明 / closing note")


class SupervisionLiftSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="摘牌理由 / why it is lifted")


class ReplyAttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="file_id")
    name = serializers.CharField(source="file.original_name")
    size = serializers.IntegerField(source="file.size")
    content_type = serializers.CharField(source="file.content_type")
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return reverse("supervision-attachment", args=[obj.reply.supervision_id, obj.file_id])


class ReplySerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    author = serializers.CharField(source="author.get_username", read_only=True)
    attachments = ReplyAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = SupervisionReply
        fields = ["id", "unit", "unit_name", "text", "author", "created_at", "attachments"]
        read_only_fields = fields


class ReplyCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=10_000, help_text="回复内容 / reply text")
    files = serializers.ListField(child=serializers.FileField(), max_length=20, required=False, default=list,
                                  help_text="附件 / attachments")


class FlagCreateSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, help_text="督导意见 / the supervisor's note")
    reply_by = serializers.DateField(required=False, allow_null=True, default=None)


class SupervisionTransitionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()


def transitions_of(user, record):
    from ..actions import available

    return [{"name": t.name, "label": str(t.label)} for t in available(user, record)]


