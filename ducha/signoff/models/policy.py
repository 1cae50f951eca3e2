"""What a plan sets for acceptance: the policy (co-units first, on-site check, notice length) and the
chain of acceptance levels (县级验收 → 市级复核 → 行业主管部门审查 → 省级备案), with each task's place in it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    CALENDAR = "calendar", _("自然日")
    WORKING = "working", _("工作日")


class AcceptancePolicy(models.Model):
    """A plan's acceptance settings; a plan without one uses the defaults below."""

    plan = models.OneToOneField("ledger.Plan", on_delete=models.CASCADE, related_name="acceptance_policy",
                                verbose_name=_("整改方案"))
    co_units_confirm_first = models.BooleanField(_("配合单位先确认"), default=False,
                                                 help_text=_("提交申请前，配合单位须先确认各自承担的部分。"))
    onsite_required = models.BooleanField(_("必须现场核查"), default=True)
    notice_length = models.PositiveSmallIntegerField(_("公示期长度"), default=5)
    notice_day_kind = models.CharField(_("公示期计算方式"), max_length=8, choices=DayKind.choices,
                                       default=DayKind.WORKING)
    # The 长期坚持 obligation after sign-off: a report every N months (0: none).
    long_term_check_months = models.PositiveSmallIntegerField(_("长期坚持任务定期检查间隔（月）"), default=3)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("验收销号设置")
        verbose_name_plural = _("验收销号设置")


class AcceptanceLevel(models.Model):
    """One level of a plan's acceptance chain, in order (position 0 first)."""

    plan = models.ForeignKey("ledger.Plan", on_delete=models.CASCADE, related_name="acceptance_levels",
                             verbose_name=_("整改方案"))
    position = models.PositiveSmallIntegerField(_("顺序"))
    name = models.CharField(_("验收层级"), max_length=64)
    reviewer_unit = models.ForeignKey("jurisdictions.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("审查单位"))
    # Days after the task's sign-off application by which this level is expected to be done.
    expected_days = models.PositiveSmallIntegerField(_("预计用时（天）"), null=True, blank=True)
    # The last level of a chain is often a filing (省级备案) rather than a review.
    is_filing = models.BooleanField(_("备案层级"), default=False)

    class Meta:
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="acceptancelevel_unique_position")]
        verbose_name = _("验收层级")
        verbose_name_plural = _("验收层级")

    def __str__(self):
        return self.name


class TaskLevel(models.Model):
    """Where one task stands at one level of its plan's chain: expected and actual dates."""

    task = models.ForeignKey("ledger.Task", on_delete=models.CASCADE, related_name="acceptance_levels")
    level = models.ForeignKey(AcceptanceLevel, on_delete=models.CASCADE, related_name="task_levels",
                              verbose_name=_("验收层级"))
    expected_on = models.DateField(_("预计完成日期"), null=True, blank=True)
    done_on = models.DateField(_("实际完成日期"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("办理人"))
    note = models.TextField(_("意见"), blank=True)

    class Meta:
        ordering = ["task", "level__position"]
        constraints = [models.UniqueConstraint(fields=["task", "level"], name="tasklevel_unique")]
        verbose_name = _("任务验收层级")
        verbose_name_plural = _("任务验收层级")
