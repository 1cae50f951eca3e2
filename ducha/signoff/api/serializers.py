"""Read-only shapes of the acceptance records (the steps themselves go through the task's transitions)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Application, Notice, OnsiteCheck, ReviewRound, Signature


class ReviewRoundSerializer(serializers.ModelSerializer):
    submitted_by = serializers.StringRelatedField()
    reviewed_by = serializers.StringRelatedField()

    class Meta:
        model = ReviewRound
        fields = ["number", "report", "submitted_by", "submitted_at", "outcome", "reasons", "reviewed_by",
                  "reviewed_at"]


class OnsiteSerializer(serializers.ModelSerializer):
    findings = serializers.SerializerMethodField()
    photos = serializers.SerializerMethodField()

    class Meta:
        model = OnsiteCheck
        fields = ["needed", "not_needed_reason", "checked_on", "people", "place", "conclusion", "findings", "photos"]

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_findings(self, obj):
        return {f.standard: f.text for f in obj.findings.all()}

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_photos(self, obj):
        return [{"name": p.file.original_name, "sha256": p.file.sha256} for p in obj.photos.select_related("file")]


class SignatureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Signature
        fields = ["opinion", "signer_name", "signer_title", "signed_at"]


class NoticeSerializer(serializers.ModelSerializer):
    objections = serializers.SerializerMethodField()

    class Meta:
        model = Notice
        fields = ["starts_on", "ends_on", "length", "day_kind", "calendar", "outcome", "closed_at", "objections"]

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField()))
    def get_objections(self, obj):
        return {"total": obj.objections.count(), "unanswered": obj.objections.filter(answer__isnull=True).count()}


class ApplicationSerializer(serializers.ModelSerializer):
    unit = serializers.StringRelatedField()
    self_checks = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()
    rounds = ReviewRoundSerializer(many=True, read_only=True)
    onsite = serializers.SerializerMethodField()
    signature = serializers.SerializerMethodField()
    notice = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = ["id", "task", "stage", "unit", "state", "report", "long_term", "submitted_at", "signed_off_at",
                  "self_checks", "evidence", "rounds", "onsite", "signature", "notice"]

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_self_checks(self, obj):
        return {c.standard: c.text for c in obj.self_checks.all()}

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_evidence(self, obj):
        return [{"name": e.file.original_name, "standard": e.standard, "sha256": e.file.sha256, "source": e.source}
                for e in obj.evidence.select_related("file")]

    def _one(self, obj, name, serializer):
        found = getattr(obj, name, None)
        return serializer(found).data if found is not None else None

    @extend_schema_field(OnsiteSerializer(allow_null=True))
    def get_onsite(self, obj):
        return self._one(obj, "onsite", OnsiteSerializer)

    @extend_schema_field(SignatureSerializer(allow_null=True))
    def get_signature(self, obj):
        return self._one(obj, "signature", SignatureSerializer)

    @extend_schema_field(NoticeSerializer(allow_null=True))
    def get_notice(self, obj):
        return self._one(obj, "notice", NoticeSerializer)


class PeriodicCheckSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="第几期")
    start = serializers.DateField(help_text="本期起始日")
    due = serializers.DateField(help_text="本期最后一天（报送期限）")
    state = serializers.ChoiceField(choices=["met", "missing", "open"], help_text="met 已报送 / missing 未报送 / open 本期未满")
    reported_on = serializers.DateField(allow_null=True, help_text="本期第一份进展报告的报送日")


class PeriodicChecksSerializer(serializers.Serializer):
    """长期坚持任务销号后的定期检查 / periodic checks of a task signed off as long-term."""

    under_check = serializers.BooleanField()
    signed_off_on = serializers.DateField(allow_null=True)
    months = serializers.IntegerField(allow_null=True, help_text="检查间隔（月）")
    next_due = serializers.DateField(allow_null=True)
    checks = PeriodicCheckSerializer(many=True)
