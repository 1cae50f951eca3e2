"""Progress reports (进展报告): each responsible unit reports on its own part of a task.

Append-only: a report is never edited or deleted; a wrong one is corrected by a new report that
names it (`corrects`). One unit's report never touches another's.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet


class ScheduleClaim(models.TextChoices):
    """The unit's own claim about its schedule (optional)."""

    BEHIND = "behind", _("未达到序时进度")
    ON_SCHEDULE = "on_schedule", _("达到序时进度")
    AHEAD = "ahead", _("超过序时进度")


class ProgressReport(models.Model):
    task = models.ForeignKey("ledger.Task", on_delete=models.PROTECT, related_name="reports",
                             verbose_name=_("整改任务"))
    unit = models.ForeignKey("jurisdictions.Unit", on_delete=models.PROTECT, related_name="progress_reports",
                             verbose_name=_("报告单位"))
    reported_on = models.DateField(_("报告日期"))
    period_start = models.DateField(_("报告期起"), null=True, blank=True)
    period_end = models.DateField(_("报告期止"), null=True, blank=True)
    done = models.TextField(_("本期完成情况"))
    problems = models.TextField(_("存在问题"), blank=True)
    next_steps = models.TextField(_("下一步计划"), blank=True)
    percent = models.PositiveSmallIntegerField(_("完成进度（%）"))
    schedule_claim = models.CharField(_("序时进度自评"), max_length=16, choices=ScheduleClaim.choices,
                                      blank=True, default="")
    # A stage this report says is done (stage dates judge scheduled progress).
    stage_done = models.ForeignKey("ledger.TaskStage", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("完成阶段"))
    # The earlier report of the same unit and task that this one corrects.
    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="corrections", verbose_name=_("更正的报告"))
    correction_reason = models.TextField(_("更正原因"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("填报人"))
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True, db_index=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["task", "unit", "-created_at"]),
            models.Index(fields=["unit", "-created_at"]),
        ]
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")

    def __str__(self):
        return f"{self.unit} {self.reported_on} {self.percent}%"

    @classmethod
    def scope_q(cls, user, action):
        """Read with the task: whoever may view a task reads all its units' reports (a voided task's too,
        as its page still opens). Nobody changes or deletes a report (append-only); filing one is decided
        by the progress actions."""
        from ducha.core import scoping
        from ducha.ledger.models import Task

        if action != scoping.VIEW:
            return scoping.NONE
        return models.Q(task__in=scoping.restrict(Task.objects.all(), user, scoping.VIEW, include_voided=True))


class ReportEvidence(models.Model):
    """A file attached to a report as evidence (佐证材料)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.PROTECT, related_name="evidence")
    file = models.ForeignKey("evidence.StoredFile", on_delete=models.PROTECT, related_name="report_links")
    caption = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["report", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "file"], name="reportevidence_unique")]
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
