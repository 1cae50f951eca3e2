from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ducha.ledger.models import Task, WarningColour

from ..actions.deciding import REASON_MAX
from ..actions.external import NOTE_MAX, SOURCE_MAX
from ..models import Consequence, EventKind, EventLevel, ExternalEvent, TaskWarning


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$", "description": "月份 YYYY-MM / month"})
class MonthField(serializers.Field):
    """A month as "2026-06" (stored as its first day)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return value.strftime("%Y-%m")


class TaskWarningSerializer(serializers.ModelSerializer):
    month = MonthField()
    task_number = serializers.CharField(source="task.number", read_only=True)
    lead_unit = serializers.IntegerField(source="task.lead_unit_id", read_only=True)
    proposed_display = serializers.CharField(source="get_proposed_display", read_only=True)
    colour_display = serializers.CharField(source="get_colour_display", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = TaskWarning
        fields = ["id", "task", "task_number", "lead_unit", "month", "proposed", "proposed_display", "reasons",
                  "state", "state_display", "colour", "colour_display", "override_reason", "decided_by",
                  "decided_at", "created_at", "version"]
        read_only_fields = fields


class MonthSerializer(serializers.Serializer):
    month = serializers.RegexField(r"^\d{4}-(0[1-9]|1[0-2])$", max_length=7, required=False,
                                   help_text="YYYY-MM，默认本月 / default this month")


class ProposeResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    decided = serializers.IntegerField()


class ConfirmedCountSerializer(serializers.Serializer):
    confirmed = serializers.IntegerField()


class OverrideSerializer(serializers.Serializer):
    colour = serializers.ChoiceField(choices=WarningColour.choices, help_text="改定为 / the colour decided")
    reason = serializers.CharField(max_length=REASON_MAX, help_text="理由 / why")


class ExternalEventSerializer(serializers.ModelSerializer):
    task = serializers.PrimaryKeyRelatedField(queryset=Task.objects.all(), help_text="整改任务 id / task id")
    kind = serializers.ChoiceField(choices=EventKind.choices)
    level = serializers.ChoiceField(choices=EventLevel.choices)
    source = serializers.CharField(max_length=SOURCE_MAX)
    note = serializers.CharField(max_length=NOTE_MAX, required=False, allow_blank=True)

    class Meta:
        model = ExternalEvent
        fields = ["id", "task", "kind", "level", "occurred_on", "source", "note", "recorded_by", "created_at"]
        read_only_fields = ["recorded_by", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # A task the user cannot see is "does not exist", never "forbidden".
            self.fields["task"].queryset = Task.objects.restrict(request.user)


class ConsequenceSerializer(serializers.ModelSerializer):
    month = MonthField()
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    warnings = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Consequence
        fields = ["id", "task", "unit", "kind", "kind_display", "points", "month", "warnings", "created_at"]
        read_only_fields = fields
