"""Case API shapes. The complainant never appears here (only the case page, for the handling unit and the
coordinator, audited)."""

from django.utils import timezone
from rest_framework import serializers

from ..models import Batch, CallBack, Case, RepeatLink, Verdict

BIG = 2**63 - 1


class BatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = Batch
        fields = ["id", "inspection", "number", "transferred_on", "channel", "stated_count", "source_name",
                  "imported_at"]
        read_only_fields = fields


class CaseSerializer(serializers.ModelSerializer):
    batch_number = serializers.IntegerField(source="batch.number", read_only=True)
    division = serializers.CharField(source="division.code", read_only=True, allow_null=True, default=None)
    division_name = serializers.CharField(source="division.name", read_only=True, allow_null=True, default=None)
    lead_unit_name = serializers.CharField(source="lead_unit.name", read_only=True, allow_null=True, default=None)
    types = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    co_units = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    fine_yuan = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True, coerce_to_string=True)
    task_state = serializers.CharField(source="task.state", read_only=True, allow_null=True, default=None)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["id", "inspection", "batch", "batch_number", "serial", "number_raw", "number", "is_key",
                  "number_channel", "number_round", "number_province", "number_date", "number_serial", "summary",
                  "area_text", "type_text", "types", "channel", "division", "division_name", "zone", "routing",
                  "lead_unit", "lead_unit_name", "co_units", "transferred_on", "due_on", "investigation", "verdict",
                  "verdict_text", "handling", "needs_rectification", "rectification_goal", "accountability",
                  "ordered_to_rectify", "penalty_cases", "fine_yuan", "criminal_cases", "administrative_detentions",
                  "criminal_detentions", "interviews", "accountable_persons", "state", "reported_at", "closed_on",
                  "review", "review_note", "reviewed_at", "callback", "callback_on", "task", "task_state",
                  "latitude", "longitude", "extra", "original", "version", "overdue"]
        read_only_fields = fields

    def get_overdue(self, obj) -> bool:
        return obj.is_overdue(timezone.localdate())


class HandlingSerializer(serializers.Serializer):
    investigation = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    verdict = serializers.ChoiceField(choices=[("", "—"), *Verdict.choices], required=False, allow_blank=True)
    handling = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    needs_rectification = serializers.BooleanField(required=False, allow_null=True)
    rectification_goal = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    accountability = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    ordered_to_rectify = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)
    penalty_cases = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)
    fine_yuan = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0, required=False,
                                         help_text="罚款（元），精确到分 / fine in yuan, exact")
    criminal_cases = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)
    administrative_detentions = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)
    criminal_detentions = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)
    interviews = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)
    accountable_persons = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)


class RouteSerializer(serializers.Serializer):
    lead_unit = serializers.IntegerField(min_value=1, max_value=BIG)
    division = serializers.RegexField(r"^\d{6}$", required=False, allow_null=True, default=None)
    co_units = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=BIG), max_length=20,
                                     required=False, default=list)


class ReviewSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class CallBackSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=CallBack.choices)
    on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class TransitionSerializer(serializers.Serializer):
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    measures = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RepeatLinkSerializer(serializers.ModelSerializer):
    """A repeat proposal (重复件): `case` may repeat `earlier`. The earlier case's text is given only to users
    who may read that case (null otherwise)."""

    case_number = serializers.CharField(source="case.number", read_only=True)
    case_batch_number = serializers.IntegerField(source="case.batch.number", read_only=True)
    earlier_number = serializers.CharField(source="earlier.number", read_only=True)
    earlier_batch_number = serializers.IntegerField(source="earlier.batch.number", read_only=True)
    earlier_inspection = serializers.IntegerField(source="earlier.inspection_id", read_only=True)
    earlier_summary = serializers.SerializerMethodField()
    score = serializers.DecimalField(max_digits=4, decimal_places=3, read_only=True, coerce_to_string=True)
    decided_by_name = serializers.SerializerMethodField()

    class Meta:
        model = RepeatLink
        fields = ["id", "case", "case_number", "case_batch_number", "earlier", "earlier_number",
                  "earlier_batch_number", "earlier_inspection", "earlier_summary", "reason", "score", "rebound",
                  "status", "merge_number", "note", "found_at", "decided_by", "decided_by_name", "decided_at"]
        read_only_fields = fields

    def get_earlier_summary(self, obj) -> str | None:
        return obj.earlier.summary if getattr(obj, "earlier_visible", False) else None

    def get_decided_by_name(self, obj) -> str | None:
        user = obj.decided_by
        return (user.get_full_name() or user.username) if user else None


class RepeatConfirmSerializer(serializers.Serializer):
    merge_number = serializers.CharField(max_length=64, required=False, allow_blank=True, default="",
                                         help_text="合并编号 / merge number")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RepeatDismissSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, help_text="排除理由（必填）/ why it is not a repeat")
