from rest_framework import serializers

from ..models import Conclusion, Revisit, RevisitKind


class RevisitSerializer(serializers.ModelSerializer):
    task_number = serializers.CharField(source="task.number", read_only=True)
    photos = serializers.SerializerMethodField()

    class Meta:
        model = Revisit
        fields = ["id", "task", "task_number", "kind", "state", "due_on", "reason", "visited_on", "people",
                  "findings", "conclusion", "referral", "recorded_at", "created_at", "photos"]
        read_only_fields = fields

    def get_photos(self, obj) -> list[dict]:
        return [{"name": p.file.original_name, "sha256": p.file.sha256} for p in obj.photos.all()]


class RevisitPlanSerializer(serializers.Serializer):
    task = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    due_on = serializers.DateField(required=False)
    kind = serializers.ChoiceField(choices=[k for k in RevisitKind.values if k != RevisitKind.SCHEDULED],
                                   default=RevisitKind.ON_DEMAND)
    reason = serializers.CharField(max_length=2000)


class RevisitRecordSerializer(serializers.Serializer):
    visited_on = serializers.DateField()
    people = serializers.CharField(max_length=1000)
    findings = serializers.CharField(max_length=10_000)
    conclusion = serializers.ChoiceField(choices=Conclusion.choices)
    photos = serializers.ListField(child=serializers.FileField(), required=False, max_length=20)


class RevisitCancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
