from rest_framework import serializers

from ..models import Suspect


class SuspectSerializer(serializers.ModelSerializer):
    task_number = serializers.CharField(source="task.number", read_only=True)
    other_task_number = serializers.CharField(source="other_task.number", read_only=True, default=None)

    class Meta:
        model = Suspect
        fields = ["id", "rule", "task", "task_number", "other_task", "other_task_number", "reason", "evidence",
                  "score", "state", "found_at", "decided_at", "decision", "referral"]
        read_only_fields = fields


class DecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
    refer = serializers.BooleanField(required=False, default=False)


class DetectSerializer(serializers.Serializer):
    plan = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
