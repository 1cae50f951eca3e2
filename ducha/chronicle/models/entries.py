"""Manual chronicle entries (大事记) the rectification office writes for a task or a plan.

Append-only: an entry is never edited; a wrong one is withdrawn (withdrawn_at, with a reason, recorded
in the audit log) and a new one written, so the record the office keeps shows what was said when.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet


class ChronicleEntry(models.Model):
    date = models.DateField(_("日期"))
    title = models.CharField(_("事项"), max_length=200)
    text = models.TextField(_("内容"), blank=True)
    task = models.ForeignKey("ledger.Task", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="chronicle_entries", verbose_name=_("整改任务"))
    plan = models.ForeignKey("ledger.Plan", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="chronicle_entries", verbose_name=_("整改方案"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("记录人"))
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdraw_reason = models.TextField(_("撤回理由"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["date", "id"]
        constraints = [models.CheckConstraint(
            condition=models.Q(task__isnull=False, plan__isnull=True) | models.Q(task__isnull=True, plan__isnull=False),
            name="chronicleentry_task_or_plan")]
        indexes = [models.Index(fields=["task", "date"]), models.Index(fields=["plan", "date"])]
        verbose_name = _("大事记")
        verbose_name_plural = _("大事记")

    def __str__(self):
        return f"{self.date} {self.title}"

    @classmethod
    def scope_q(cls, user, action):
        """Read with the task or plan it belongs to; nobody edits an entry (append-only)."""
        from ducha.core import scoping
        from ducha.ledger.models import Plan, Task

        if action != scoping.VIEW:
            return scoping.NONE
        return (models.Q(task__in=scoping.restrict(Task.objects.all(), user, scoping.VIEW))
                | models.Q(plan__in=scoping.restrict(Plan.objects.all(), user, scoping.VIEW)))
