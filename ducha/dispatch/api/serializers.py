import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ducha.core.filters import BIGINT_MAX
from ducha.ledger.models import Plan

from ..actions.rounds import MAX_TASKS, REASON_MAX, TITLE_MAX
from ..models import Kind, Obligation, Round, RoundReminder, Status, status_of


class BoundedDateTimeField(serializers.DateTimeField):
    """A moment that converts: a year 1 or 9999 with an offset overflows the conversion (a 500). Its range
    is the actions' (ducha.core.actions.moment_input)."""

    def to_internal_value(self, value):
        try:
            return super().to_internal_value(value)
        except (OverflowError, ValueError):
            self.fail("invalid", format="YYYY-MM-DDThh:mm[:ss][+HH:MM]")


class CountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    filed = serializers.IntegerField(help_text="按时报送 / filed on time")
    late = serializers.IntegerField(help_text="迟报 / filed late")
    missing = serializers.IntegerField(help_text="漏报 / missing (due passed)")
    pending = serializers.IntegerField(help_text="待报 / not yet due")
    percent = serializers.IntegerField(help_text="已报比例（%，四舍五入）/ share filed, half up")


class RoundSerializer(serializers.ModelSerializer):
    division = serializers.SlugRelatedField(slug_field="code", read_only=True)
    counts = serializers.SerializerMethodField()
    last_reminder_at = serializers.SerializerMethodField()

    class Meta:
        model = Round
        fields = ["id", "number", "title", "kind", "plan", "division", "period_start", "period_end", "opened_at",
                  "due_at", "state", "closed_at", "version", "counts", "last_reminder_at"]
        read_only_fields = fields

    def _board(self, round_):
        boards = self.context.get("boards") or {}
        return boards.get(round_.pk)

    @extend_schema_field(CountsSerializer(allow_null=True))
    def get_counts(self, round_):
        board = self._board(round_)
        if board is None:
            return None
        return {"total": board.total, "percent": board.percent,
                **{s: board.counts[s] for s in (Status.FILED, Status.LATE, Status.MISSING, Status.PENDING)}}

    def get_last_reminder_at(self, round_) -> dt.datetime | None:
        reminder = RoundReminder.objects.filter(round=round_).only("sent_at").first()
        return reminder.sent_at if reminder else None


class RoundCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_MAX, required=False, allow_blank=True,
                                  help_text="标题（留空为“第N次调度”）/ title")
    kind = serializers.ChoiceField(choices=Kind.choices, default=Kind.AD_HOC, help_text="调度类型 / kind")
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.none(), required=False, allow_null=True,
                                              help_text="整改方案 id（不指定任务时调度其全部在办任务）/ plan id")
    tasks = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=BIGINT_MAX),
                                  required=False, max_length=MAX_TASKS, help_text="任务 id / task ids")
    due_at = BoundedDateTimeField(help_text="报送截止 / due moment")
    period_start = serializers.DateField(required=False, allow_null=True)
    period_end = serializers.DateField(required=False, allow_null=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["plan"].queryset = Plan.objects.restrict(request.user)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX, help_text="原因 / reason")


class ReminderSerializer(serializers.ModelSerializer):
    class Meta:
        model = RoundReminder
        fields = ["id", "sent_at", "units", "people", "obligations"]


class ObligationSerializer(serializers.ModelSerializer):
    task_number = serializers.CharField(source="task.number", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    status = serializers.SerializerMethodField()
    filed_at = serializers.DateTimeField(source="filed", read_only=True, allow_null=True)
    report = serializers.IntegerField(source="filed_report", read_only=True, allow_null=True)

    class Meta:
        model = Obligation
        fields = ["id", "round", "task", "task_number", "unit", "unit_name", "status", "filed_at", "report"]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=Status.choices))
    def get_status(self, obligation):
        round_ = obligation.round
        now = self.context.get("now") or timezone.now()
        return status_of(obligation.filed, round_.due_at, min(now, round_.closed_at) if round_.closed_at else now).value
