"""A complaint case (信访件 / 交办件) as the inspection team transferred it and as it is handled.

Texts are stored normalised to Simplified script; `original` keeps, per column, the words as delivered
when normalisation changed them. The case number is kept verbatim (`number_raw`) and parsed when its form
is known (ducha.cases.numbers). The state changes only through ducha.cases.workflow.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet
from ducha.core.workflow import StateField, state_change


class CaseState(models.TextChoices):
    HANDLING = "handling", _("正在办理")
    STAGED = "staged", _("阶段性办结")
    DONE = "done", _("已办结")


class Verdict(models.TextChoices):
    TRUE = "true", _("属实")
    MOSTLY = "mostly", _("基本属实")
    PARTLY = "partly", _("部分属实")
    FALSE = "false", _("不属实")


class Routing(models.TextChoices):
    PENDING = "pending", _("待分办")
    PROPOSED = "proposed", _("待确认")
    CONFIRMED = "confirmed", _("已分办")


class Review(models.TextChoices):
    NONE = "", _("未报审")
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("审核通过")
    RETURNED = "returned", _("退回")


class CallBack(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    MOSTLY = "mostly", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class Case(models.Model):
    inspection = models.ForeignKey("ledger.Inspection", on_delete=models.PROTECT, related_name="cases",
                                   verbose_name=_("督察"))
    batch = models.ForeignKey("cases.Batch", on_delete=models.PROTECT, related_name="cases", verbose_name=_("批次"))
    row = models.PositiveIntegerField(_("来源行"), null=True, blank=True)
    serial = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    # The number as delivered (with a trailing * when it had one) and without the key-case star.
    number_raw = models.CharField(_("受理编号（原文）"), max_length=64, blank=True)
    number = models.CharField(_("受理编号"), max_length=64, blank=True, db_index=True)
    is_key = models.BooleanField(_("重点件"), default=False)
    number_channel = models.CharField(_("编号渠道字母"), max_length=2, blank=True)
    number_round = models.PositiveSmallIntegerField(_("编号轮次"), null=True, blank=True)
    number_province = models.CharField(_("编号省份"), max_length=6, blank=True)
    number_date = models.DateField(_("编号日期"), null=True, blank=True)
    number_serial = models.CharField(_("编号流水号"), max_length=8, blank=True)
    summary = models.TextField(_("交办问题基本情况"))
    area_text = models.CharField(_("行政区域"), max_length=200, blank=True)
    type_text = models.CharField(_("污染类型（原文）"), max_length=200, blank=True)
    types = models.ManyToManyField("cases.CaseType", blank=True, related_name="cases", verbose_name=_("类型"))
    channel = models.CharField(_("受理方式"), max_length=32, blank=True)
    # Routing (分办)
    division = models.ForeignKey("jurisdictions.Division", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("所属区划"))
    zone = models.CharField(_("功能区"), max_length=64, blank=True)
    # The division path the case is scoped by (ducha.core.scoping): its division's, or its inspection's
    # while it has none (待分办). Kept by the import and the routing action; one indexed prefix match.
    scope_path = models.CharField(max_length=64, db_index=True, editable=False, default="")
    routing = models.CharField(_("分办状态"), max_length=16, choices=Routing.choices, default=Routing.PENDING)
    lead_unit = models.ForeignKey("jurisdictions.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="lead_cases", verbose_name=_("牵头单位"))
    co_units = models.ManyToManyField("jurisdictions.Unit", blank=True, related_name="co_cases",
                                      verbose_name=_("配合单位"))
    routed_at = models.DateTimeField(_("分办时间"), null=True, blank=True)
    routed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("分办人"))
    # Deadline: working days from the day after transfer (ducha.cases.deadlines).
    transferred_on = models.DateField(_("交办日期"))
    due_on = models.DateField(_("办理时限"), null=True, blank=True, db_index=True)
    # Handling record
    investigation = models.TextField(_("调查核实情况"), blank=True)
    verdict = models.CharField(_("是否属实"), max_length=8, choices=Verdict.choices, blank=True)
    verdict_text = models.CharField(_("是否属实（原文）"), max_length=32, blank=True)
    handling = models.TextField(_("处理和整改情况"), blank=True)
    needs_rectification = models.BooleanField(_("需要整改"), null=True, blank=True)
    rectification_goal = models.TextField(_("办结目标"), blank=True)
    accountability = models.TextField(_("责任人被处理情况"), blank=True)
    ordered_to_rectify = models.PositiveIntegerField(_("责令整改（家）"), default=0)
    penalty_cases = models.PositiveIntegerField(_("立案处罚（家）"), default=0)
    fine_yuan = models.DecimalField(_("罚款（元）"), max_digits=16, decimal_places=2, default=0)
    criminal_cases = models.PositiveIntegerField(_("立案侦查（件）"), default=0)
    administrative_detentions = models.PositiveIntegerField(_("行政拘留（人）"), default=0)
    criminal_detentions = models.PositiveIntegerField(_("刑事拘留（人）"), default=0)
    interviews = models.PositiveIntegerField(_("约谈（人）"), default=0)
    accountable_persons = models.PositiveIntegerField(_("问责（人）"), default=0)
    state = StateField(_("办结状态"), max_length=16, choices=CaseState.choices, default=CaseState.HANDLING)
    reported_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    # Review by the coordinator before disclosure
    review = models.CharField(_("审核"), max_length=16, choices=Review.choices, blank=True, default=Review.NONE)
    review_note = models.TextField(_("审核意见"), blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("审核人"))
    # Call-back to the complainant (回访)
    callback = models.CharField(_("回访结果"), max_length=16, choices=CallBack.choices, blank=True)
    callback_on = models.DateField(_("回访日期"), null=True, blank=True)
    callback_note = models.TextField(_("回访情况"), blank=True)
    # The ledger task a staged case (阶段性办结) became.
    task = models.ForeignKey("ledger.Task", null=True, blank=True, on_delete=models.PROTECT, related_name="cases",
                             verbose_name=_("整改任务"))
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Columns the table had beyond the ones above (备注, 处理类别, 涉及区县及部门…), by header.
    extra = models.JSONField(_("其他列"), default=dict, blank=True)
    # Per column, the text as delivered when script normalisation changed it.
    original = models.JSONField(_("原文"), default=dict, blank=True)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["batch__number", "serial", "id"]
        indexes = [
            models.Index(fields=["inspection", "number"]),
            models.Index(fields=["batch", "serial"]),
            models.Index(fields=["state", "due_on"]),
            models.Index(fields=["lead_unit", "state"]),
            models.Index(fields=["division", "state"]),
            models.Index(fields=["routing"]),
            # The case list's order: the latest batch first, then the table's own order. The columns after
            # it are what the list filters on most (scope, state, verdict, unit): a page walks this index and
            # tests them without reading a case row (migration 0006; ducha.core.lookups).
            models.Index(fields=["-batch", "serial", "id", "scope_path", "state", "verdict", "lead_unit"],
                         name="cases_case_list_walk"),
            # The list filtered by state (办结状态), already in the list's order: no sort of every match.
            models.Index(fields=["state", "-batch", "serial", "id"], name="cases_case_state_order"),
            # Key cases (重点件, a few per cent) in the list's order, with the scope: the key filter walks only
            # them (is_key is left out of the index above so that SQLite, without statistics, picks this one).
            models.Index(fields=["-batch", "serial", "id", "scope_path", "is_key"], condition=models.Q(is_key=True),
                         name="cases_case_key_walk"),
        ]
        verbose_name = _("信访件")
        verbose_name_plural = _("信访件")

    def __str__(self):
        return self.label(self.number, self.batch.number, self.serial, self.row)

    @staticmethod
    def label(number, batch_number, serial, row):
        """How a case is named: its number, else its place in its batch (an import names rows by it)."""
        return number or _("第%(b)s批第%(s)s件") % {"b": batch_number, "s": serial or row}

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("cases:detail", args=[self.pk])

    def refresh_from_db(self, *args, **kwargs):
        with state_change():
            super().refresh_from_db(*args, **kwargs)

    def update_scope_path(self):
        self.scope_path = self.division.path if self.division_id else self.inspection.division.path

    def is_overdue(self, as_of):
        """Not reported back by the deadline."""
        return bool(self.due_on and self.reported_at is None and self.due_on < as_of)

    @classmethod
    def scope_q(cls, user, action):
        """Read along the user's line of divisions (an unrouted case sits at its inspection's division);
        changed by coordinators there; officers read and record handling for the cases their unit leads
        or helps with (and its sub-units')."""
        from ducha.core import scoping
        from ducha.core.roles import Role

        if user.role == Role.OFFICER:
            if not user.unit_id:
                return scoping.NONE
            lead = scoping.unit_reach_q(user, "lead_unit")
            if action == scoping.CHANGE:
                return lead
            if action != scoping.VIEW:
                return scoping.NONE
            helping = Case.co_units.through.objects.filter(scoping.unit_reach_q(user, "unit")).values("case_id")
            return lead | models.Q(pk__in=helping)
        prefix = scoping.division_prefix(user)
        if not prefix:
            return scoping.NONE
        # An indexed range on SQLite (ducha.core.lookups.Under), not a LIKE checked row by row.
        here = models.Q(scope_path__under=prefix)
        if action == scoping.VIEW:
            return here
        return here if user.role == Role.COORDINATOR else scoping.NONE
