"""Progress reports in the API: read with their evidence; created through file_report."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ducha.core import uploads

from ..actions import FILES_MAX
from ..models import ProgressReport, ReportEvidence, ScheduleClaim


class EvidenceSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="file.id", read_only=True, help_text="文件 id / file id")
    name = serializers.CharField(source="file.original_name", read_only=True, help_text="原文件名 / file name")
    kind = serializers.CharField(source="file.kind", read_only=True, help_text="类型 / kind")
    content_type = serializers.CharField(source="file.content_type", read_only=True)
    size = serializers.IntegerField(source="file.size", read_only=True, help_text="字节 / bytes")
    sha256 = serializers.CharField(source="file.sha256", read_only=True)
    taken_at = serializers.DateTimeField(source="file.taken_at", read_only=True, allow_null=True,
                                         help_text="拍摄时间（EXIF）/ EXIF time")
    latitude = serializers.DecimalField(source="file.latitude", max_digits=9, decimal_places=6, read_only=True,
                                        allow_null=True)
    longitude = serializers.DecimalField(source="file.longitude", max_digits=9, decimal_places=6, read_only=True,
                                         allow_null=True)
    download = serializers.SerializerMethodField(help_text="下载地址 / download URL")

    class Meta:
        model = ReportEvidence
        fields = ["id", "name", "caption", "kind", "content_type", "size", "sha256", "taken_at", "latitude",
                  "longitude", "download"]

    @extend_schema_field(serializers.CharField())
    def get_download(self, link):
        return reverse("api-report-evidence", args=[link.report_id, link.file_id])


class ReportSerializer(serializers.ModelSerializer):
    evidence = EvidenceSerializer(many=True, read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    author_name = serializers.CharField(source="author.get_username", read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["id", "task", "unit", "unit_name", "reported_on", "period_start", "period_end", "done", "problems",
                  "next_steps", "percent", "schedule_claim", "stage_done", "corrects", "correction_reason",
                  "author_name", "created_at", "evidence"]
        read_only_fields = fields


class ReportCreateSerializer(serializers.Serializer):
    """What file_report takes; the action checks everything else (who, which unit, dates, corrections)."""

    task = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="任务 id / task id")
    unit = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False, allow_null=True,
                                    help_text="报告单位 id（整改办代报时必填）/ unit id (the office must name it)")
    reported_on = serializers.DateField(help_text="报告日期 / report date")
    period_start = serializers.DateField(required=False, allow_null=True)
    period_end = serializers.DateField(required=False, allow_null=True)
    percent = serializers.IntegerField(min_value=0, max_value=100, help_text="本单位进度 0–100 / percent")
    done = serializers.CharField(max_length=10_000, help_text="本期完成情况 / done this period")
    problems = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    next_steps = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    schedule_claim = serializers.ChoiceField(choices=[("", "—")] + list(ScheduleClaim.choices), required=False,
                                             allow_blank=True, default="")
    stage_done = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False, allow_null=True)
    corrects = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False, allow_null=True,
                                        help_text="更正的报告 id / id of the report corrected")
    correction_reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    files = serializers.ListField(child=serializers.FileField(), required=False, max_length=FILES_MAX,
                                  help_text="佐证材料（multipart）/ evidence files (multipart)")
    captions = serializers.ListField(child=serializers.CharField(max_length=200, allow_blank=True), required=False,
                                     max_length=FILES_MAX, help_text="文件说明，依次对应 / captions, in file order")

    def to_internal_value(self, data):
        refused = uploads.refusal(self.context.get("request"))
        if refused:
            raise serializers.ValidationError({"files": [refused]})
        return super().to_internal_value(data)

    def validate(self, attrs):
        if len(attrs.get("captions") or ()) > len(attrs.get("files") or ()):
            raise serializers.ValidationError({"captions": [_("说明多于文件。")]})
        return attrs
