"""Inspections, problems, plans and tasks as the API reads and writes them.

Saving goes through ducha.ledger.actions with the acting user, so the API
checks permissions, validates and writes the audit log exactly as the pages
do: no rule lives here. A task's state is read-only: it changes through
`POST /api/tasks/{id}/transitions/{name}/`.
Divisions are named by their GB/T 2260 code, pollution domains by their code.
"""

from django.db.models import Model, Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ducha.core import uploads
from ducha.core.api import ServiceSerializerMixin
from ducha.jurisdictions.api.serializers import UnitBriefSerializer
from ducha.jurisdictions.models import Division, Unit
from ducha.ledger import actions
from ducha.ledger.models import Inspection, Plan, PollutionDomain, Problem, Task


def division_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", queryset=Division.objects.all(), **kwargs)


class ScopedChoicesMixin:
    """Related objects a user may refer to are the ones they may see, and the
    one already set (a PUT repeats it even when it is out of the user's sight)."""

    scoped_fields = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None:
            return
        for name, model in self.scoped_fields.items():
            field = self.fields.get(name)
            if field is None or field.read_only:
                continue
            visible = Q(pk__in=model.objects.restrict(user).values("pk"))
            current = getattr(self.instance, f"{name}_id", None) if isinstance(self.instance, Model) else None
            field.queryset = model.objects.filter(visible | Q(pk=current) if current else visible)


class InspectionSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    division = division_field(help_text="被督察地区代码 / inspected division code")
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Inspection
        fields = ["id", "name", "level", "level_display", "round_number", "team", "division", "on_site_start",
                  "on_site_end", "feedback_date", "version"]
        read_only_fields = ["version"]

    def create(self, validated_data):
        return actions.create_inspection(**self.acting, **validated_data)

    def update(self, instance, validated_data):
        return actions.update_inspection(**self.acting, inspection=instance, version=self.expected_version,
                                         **validated_data)


class ProblemSerializer(ScopedChoicesMixin, ServiceSerializerMixin, serializers.ModelSerializer):
    scoped_fields = {"inspection": Inspection}
    division = division_field(help_text="所在地区代码 / division code")
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Problem
        fields = ["id", "inspection", "kind", "kind_display", "code", "description", "division", "version"]
        read_only_fields = ["version"]

    def create(self, validated_data):
        return actions.create_problem(**self.acting, **validated_data)

    def update(self, instance, validated_data):
        return actions.update_problem(**self.acting, problem=instance, version=self.expected_version,
                                      **validated_data)


class PlanSerializer(ScopedChoicesMixin, ServiceSerializerMixin, serializers.ModelSerializer):
    scoped_fields = {"inspection": Inspection, "parent": Plan}
    division = division_field(help_text="所属区划代码 / division code")

    class Meta:
        model = Plan
        fields = ["id", "code", "title", "issuer", "issued_on", "doc_number", "division", "inspection", "parent",
                  "text", "created_at", "version", "voided_at", "void_reason"]
        read_only_fields = ["version", "voided_at", "void_reason"]

    def create(self, validated_data):
        return actions.create_plan(**self.acting, **validated_data)

    def update(self, instance, validated_data):
        return actions.update_plan(**self.acting, plan=instance, version=self.expected_version, **validated_data)


class StageSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=128, help_text="阶段 / stage")
    due = serializers.DateField(help_text="阶段时限 / stage deadline")


def ordered_units(task):
    """Responsible units in plan order, from the prefetch when there is one."""
    if "task_units" in getattr(task, "_prefetched_objects_cache", {}):
        return [tu.unit for tu in task.task_units.all()]
    return task.ordered_units()


class UnitListField(serializers.ListField):
    """Responsible units as ids in plan order; the first is the lead unit."""

    child = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())

    def get_attribute(self, task):
        return ordered_units(task)

    def to_representation(self, units):
        return [unit.pk for unit in units]


class TaskSerializer(ScopedChoicesMixin, ServiceSerializerMixin, serializers.ModelSerializer):
    scoped_fields = {"plan": Plan, "parent": Task, "problem": Problem}
    plan_code = serializers.CharField(source="plan.code", read_only=True)
    division = division_field(required=False, help_text="所属区划代码，留空为方案所属区划 / division code")
    units = UnitListField(min_length=1, help_text="责任单位 id，按方案顺序，第一个为牵头单位 / "
                                                  "responsible unit ids in plan order, the first is the lead unit")
    lead_unit = UnitBriefSerializer(read_only=True)
    co_units = serializers.SerializerMethodField(help_text="配合单位 / co-units")
    domains = serializers.SlugRelatedField(many=True, slug_field="code", queryset=PollutionDomain.objects.all(),
                                           required=False, help_text="污染领域代码 / pollution domain codes")
    stages = StageSerializer(many=True, required=False, help_text="阶段时限 / stage deadlines")
    children = serializers.SerializerMethodField(help_text="可见的下级任务 id / visible sub-task ids")
    display_number = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    schedule_state_display = serializers.CharField(source="get_schedule_state_display", read_only=True)
    reported_schedule_display = serializers.CharField(source="get_reported_schedule_display", read_only=True)
    warning_display = serializers.CharField(source="get_warning_display", read_only=True)

    class Meta:
        model = Task
        fields = [
            "id", "plan", "plan_code", "parent", "children", "number", "display_number", "title", "problem",
            "target", "measures", "division", "units", "lead_unit", "co_units", "responsible_people",
            "supervising_leader", "supervising_unit", "acceptance_unit", "category", "category_display",
            "deadline", "deadline_text", "stages", "domains", "state", "state_display", "progress",
            "progress_note", "completed_on", "is_overdue", "started_on", "schedule_state", "schedule_state_display",
            "expected_progress", "schedule_as_of", "reported_schedule", "reported_schedule_display", "warning",
            "warning_display", "created_at", "updated_at", "version", "voided_at", "void_reason",
        ]
        # Scheduled progress is derived (ducha.ledger.actions.schedule), the warning decided by the office
        # (ducha.warnings), the start date set by progress reports: none is written through this endpoint.
        read_only_fields = ["state", "completed_on", "version", "voided_at", "void_reason", "started_on",
                            "schedule_state", "expected_progress", "schedule_as_of", "reported_schedule", "warning"]
        validators = []  # the number's uniqueness is the actions' rule, refused there with a message naming it

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.instance, Task):
            # A task stays in its plan; the plan is chosen when it is created.
            self.fields["plan"].read_only = True

    @extend_schema_field(UnitBriefSerializer(many=True))
    def get_co_units(self, task):
        return UnitBriefSerializer(ordered_units(task)[1:], many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_children(self, task):
        if hasattr(task, "visible_children"):
            return [child.pk for child in task.visible_children]
        user = self.context["request"].user
        return list(Task.objects.restrict(user).filter(parent=task).order_by("id").values_list("pk", flat=True))

    def to_internal_value(self, data):
        # Lists are bounded before any id in them is looked up (each is a query).
        from ducha.core.filters import max_filter_values

        limit = max_filter_values()
        for name in ("units", "domains", "stages"):
            value = data.get(name) if hasattr(data, "get") else None
            if isinstance(value, (list, tuple)) and len(value) > limit:
                raise serializers.ValidationError({name: [_("最多 %(limit)s 项，收到 %(n)s 项。") % {
                    "limit": limit, "n": len(value)}]})
        # A state is taken, not written: say so instead of silently ignoring the field.
        if hasattr(data, "keys"):
            for name in ("state", "completed_on"):
                current = getattr(self.instance, name, None) if isinstance(self.instance, Task) else None
                if name in data and str(data[name] or "") != str(current or ""):
                    raise serializers.ValidationError({name: [_(
                        "整改状态和完成日期只能通过流转变更：POST /api/tasks/{id}/transitions/{name}/。")]})
        return super().to_internal_value(data)

    def _service_kwargs(self, validated_data):
        kwargs = dict(validated_data)
        if "stages" in kwargs:
            kwargs["stages"] = [(s["name"].strip(), s["due"]) for s in kwargs["stages"]]
        return kwargs

    def create(self, validated_data):
        kwargs = self._service_kwargs(validated_data)
        return actions.create_task(**self.acting, **kwargs)

    def update(self, instance, validated_data):
        kwargs = self._service_kwargs(validated_data)
        kwargs.pop("plan", None)
        return actions.update_task(**self.acting, task=instance, version=self.expected_version, **kwargs)


class TransitionSerializer(serializers.Serializer):
    """One transition the user may take now."""

    name = serializers.CharField(help_text="流转名 / transition name")
    label = serializers.CharField(help_text="名称 / label")
    target = serializers.CharField(help_text="流转后的状态 / state after")
    requires = serializers.ListField(child=serializers.CharField(), help_text="必填项 / required inputs")
    help = serializers.CharField()


class TransitionInputSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000,
                                   help_text="理由（退回、重新打开时必填）/ reason")
    completed_on = serializers.DateField(required=False, help_text="完成日期（申报完成）/ completion date")
    started_on = serializers.DateField(required=False, help_text="开始日期（开始整改，默认今天）/ the day work began")
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, help_text="说明 / note")


class VoidSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="理由 / reason")


class ChangeSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="字段 / field label")
    before = serializers.CharField()
    after = serializers.CharField()


class HistoryEntrySerializer(serializers.Serializer):
    """One audit log entry of a task, as the detail page shows it, with the raw snapshots."""

    id = serializers.IntegerField(source="entry.id")
    created_at = serializers.DateTimeField(source="entry.created_at")
    actor = serializers.CharField(source="entry.actor_name")
    action = serializers.CharField(source="entry.action")
    action_display = serializers.CharField(source="action")
    note = serializers.CharField()
    changes = ChangeSerializer(many=True)
    before = serializers.JSONField(source="entry.before")
    after = serializers.JSONField(source="entry.after")
    request_id = serializers.CharField(source="entry.request_id")


class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="台账文件（.xlsx）/ the ledger spreadsheet")
    plan_code = serializers.CharField(max_length=64, help_text="方案代码（已有方案或新方案）/ plan code, existing or new")
    dry_run = serializers.BooleanField(default=False, help_text="仅预览，不写入 / check only, write nothing")
    create_units = serializers.BooleanField(default=False, help_text="自动创建未知单位 / create unknown units")

    def to_internal_value(self, data):
        refused = uploads.refusal(self.context.get("request"))
        if refused:  # cut off while streaming in (ducha.core.uploads): say so rather than "no file"
            raise serializers.ValidationError({"file": [refused]})
        return super().to_internal_value(data)

    def validate_file(self, upload):
        if not upload.name.lower().endswith(".xlsx"):
            raise serializers.ValidationError(_("请上传 .xlsx 格式的 Excel 文件。"))
        if upload.size > uploads.max_upload_bytes():
            raise serializers.ValidationError(uploads.too_large_message(upload.size))
        return upload


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True, help_text="行号（表格中的行）/ spreadsheet row")
    column = serializers.CharField(help_text="列名 / column header")
    reason = serializers.CharField(help_text="原因 / what is wrong")


class ImportReportSerializer(serializers.Serializer):
    """What an import did (or, on a dry run or with errors, would do). Nothing is written unless ok."""

    ok = serializers.BooleanField()
    dry_run = serializers.BooleanField()
    plan_code = serializers.CharField(source="plan.code", allow_null=True, default=None)
    plan_created = serializers.BooleanField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    units_created = serializers.ListField(child=serializers.CharField())
    errors = ImportErrorSerializer(many=True)
