"""A revisit of a signed-off task: when it is due, who went, what they found, the photos, and its
conclusion. Planned revisits are made by the daily job (one year after sign-off by default) or by the
office on demand; recording the visit closes them. The state changes only through ducha.revisits.workflow.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet
from ducha.core.workflow import StateField, state_change
from ducha.ledger.scopes import task_scope_q

DEFAULT_INTERVAL_MONTHS = 12


class RevisitKind(models.TextChoices):
    SCHEDULED = "scheduled", _("定期回头看")
    ON_DEMAND = "on_demand", _("专项回头看")
    COMPLAINT = "complaint", _("信访件引发")


class RevisitState(models.TextChoices):
    PLANNED = "planned", _("待开展")
    DONE = "done", _("已完成")
    CANCELLED = "cancelled", _("已取消")


class Conclusion(models.TextChoices):
    CONSOLIDATED = "consolidated", _("巩固")
    REBOUND = "rebound", _("反弹")


class RevisitSchedule(models.Model):
    """A plan's revisit interval (months after sign-off, then after each consolidated revisit)."""

    plan = models.OneToOneField("ledger.Plan", on_delete=models.CASCADE, related_name="revisit_schedule",
                                verbose_name=_("整改方案"))
    interval_months = models.PositiveSmallIntegerField(
        _("回头看间隔（月）"), default=DEFAULT_INTERVAL_MONTHS, validators=[MinValueValidator(1), MaxValueValidator(60)])

    class Meta:
        verbose_name = _("回头看周期")
        verbose_name_plural = _("回头看周期")

    def __str__(self):
        return f"{self.plan} · {self.interval_months}"


class Revisit(models.Model):
    task = models.ForeignKey("ledger.Task", on_delete=models.PROTECT, related_name="revisits", verbose_name=_("任务"))
    kind = models.CharField(_("类型"), max_length=16, choices=RevisitKind.choices, default=RevisitKind.SCHEDULED)
    state = StateField(_("状态"), max_length=16, choices=RevisitState.choices, default=RevisitState.PLANNED)
    due_on = models.DateField(_("应开展日期"), db_index=True)
    reason = models.TextField(_("缘由"), blank=True)
    visited_on = models.DateField(_("回头看日期"), null=True, blank=True)
    people = models.TextField(_("参加人员"), blank=True)
    findings = models.TextField(_("发现情况"), blank=True)
    conclusion = models.CharField(_("结论"), max_length=16, choices=Conclusion.choices, blank=True, default="",
                                  db_index=True)
    referral = models.ForeignKey("accountability.Referral", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("问责移送"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("创建人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("记录人"))
    recorded_at = models.DateTimeField(_("记录时间"), null=True, blank=True)

    voided_with = "task"  # out of lists, counts and changes while the task is voided (scoping.live_q)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("回头看")
        verbose_name_plural = _("回头看")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self):
        return f"{self.task.number} · {self.get_kind_display()} · {self.due_on}"

    @classmethod
    def scope_q(cls, user, action):
        return task_scope_q(user, action)

    def refresh_from_db(self, *args, **kwargs):
        # Reloading is not a state change by this process: let the stored state in.
        with state_change():
            super().refresh_from_db(*args, **kwargs)


class RevisitPhoto(models.Model):
    revisit = models.ForeignKey(Revisit, on_delete=models.CASCADE, related_name="photos")
    file = models.ForeignKey("evidence.StoredFile", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("回头看照片")
        verbose_name_plural = _("回头看照片")
        ordering = ["id"]
