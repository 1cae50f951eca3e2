"""Monthly warnings (预警): the system proposes a colour per open task, the office confirms or overrides it.
Only decided warnings count (Task.warning, consequences, to-dos). Events from outside (a provincial
bulletin, media exposure) are recorded by the office and weigh in the next proposal."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet
from ducha.core.workflow import StateField, state_change
from ducha.ledger.models import WarningColour
from ducha.ledger.scopes import task_scope_q


class WarningState(models.TextChoices):
    PROPOSED = "proposed", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    OVERRIDDEN = "overridden", _("已改定")


DECIDED = (WarningState.CONFIRMED, WarningState.OVERRIDDEN)


class TaskWarning(models.Model):
    task = models.ForeignKey("ledger.Task", on_delete=models.CASCADE, related_name="warnings",
                             verbose_name=_("整改任务"))
    month = models.DateField(_("月份"), help_text=_("该月第一天"))
    proposed = models.CharField(_("系统提议"), max_length=8, choices=WarningColour.choices)
    reasons = models.TextField(_("提议理由"), blank=True)
    # Changes only through WARNING_WORKFLOW (ducha.warnings.workflow).
    state = StateField(_("状态"), max_length=16, choices=WarningState.choices, default=WarningState.PROPOSED)
    colour = models.CharField(_("确定颜色"), max_length=8, choices=WarningColour.choices, blank=True, default="")
    override_reason = models.TextField(_("改定理由"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("确认人"))
    decided_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("提议时间"), auto_now_add=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    voided_with = "task"  # out of lists, counts and changes while the task is voided (scoping.live_q)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "task_id"]
        constraints = [models.UniqueConstraint(fields=["task", "month"], name="taskwarning_one_per_month")]
        indexes = [models.Index(fields=["month", "state", "proposed"]), models.Index(fields=["task", "month"])]
        verbose_name = _("预警")
        verbose_name_plural = _("预警")

    def __str__(self):
        return f"{self.month:%Y-%m} {self.task_id} {self.get_colour_display() or self.get_proposed_display()}"

    def refresh_from_db(self, *args, **kwargs):
        with state_change():
            super().refresh_from_db(*args, **kwargs)

    @property
    def is_decided(self):
        return self.state in DECIDED

    @classmethod
    def scope_q(cls, user, action):
        return task_scope_q(user, action)


class EventKind(models.TextChoices):
    BULLETIN = "bulletin", _("通报批评")
    MEDIA = "media", _("媒体曝光")


class EventLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")


# Guangyuan: only a provincial or higher bulletin or medium turns a task red.
RED_LEVELS = (EventLevel.NATIONAL, EventLevel.PROVINCIAL)


class ExternalEvent(models.Model):
    task = models.ForeignKey("ledger.Task", on_delete=models.CASCADE, related_name="external_events",
                             verbose_name=_("整改任务"))
    kind = models.CharField(_("类型"), max_length=16, choices=EventKind.choices)
    level = models.CharField(_("级别"), max_length=16, choices=EventLevel.choices)
    occurred_on = models.DateField(_("发生日期"))
    source = models.CharField(_("来源"), max_length=200, help_text=_("通报文号或媒体名称、栏目"))
    note = models.TextField(_("说明"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("登记人"))
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    voided_with = "task"  # out of lists, counts and changes while the task is voided (scoping.live_q)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["occurred_on", "task"])]
        verbose_name = _("外部事件")
        verbose_name_plural = _("外部事件")

    def __str__(self):
        return f"{self.get_level_display()}{self.get_kind_display()} {self.source}"

    @property
    def turns_red(self):
        return self.level in RED_LEVELS

    @classmethod
    def scope_q(cls, user, action):
        return task_scope_q(user, action)


class ConsequenceKind(models.TextChoices):
    LETTER = "letter", _("专函督办")
    INTERVIEW = "interview", _("约谈")
    DEDUCTION = "deduction", _("扣分")


class Consequence(models.Model):
    """What decided warnings bring (for the scoring and the supervision app to act on)."""

    task = models.ForeignKey("ledger.Task", on_delete=models.CASCADE, related_name="warning_consequences",
                             verbose_name=_("整改任务"))
    unit = models.ForeignKey("jurisdictions.Unit", on_delete=models.PROTECT, related_name="warning_consequences",
                             verbose_name=_("责任单位"))
    kind = models.CharField(_("后果"), max_length=16, choices=ConsequenceKind.choices)
    points = models.DecimalField(_("扣分"), max_digits=4, decimal_places=1)
    month = models.DateField(_("月份"))
    warnings = models.ManyToManyField(TaskWarning, related_name="consequences", verbose_name=_("引起的预警"))
    # The supervision record the rules drafted for it (a 专函督办 or a 约谈, in draft for the office to issue).
    supervision = models.ForeignKey("supervision.Supervision", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("督办"))
    created_at = models.DateTimeField(auto_now_add=True)

    voided_with = "task"  # out of lists, counts and changes while the task is voided (scoping.live_q)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "-id"]
        verbose_name = _("预警后果")
        verbose_name_plural = _("预警后果")

    def __str__(self):
        return f"{self.get_kind_display()} −{self.points}"

    @classmethod
    def scope_q(cls, user, action):
        return task_scope_q(user, action)
