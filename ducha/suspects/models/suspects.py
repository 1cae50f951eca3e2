"""A suspect: one rule's finding about a task (and the other task it resembles, when there is one)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet
from ducha.core.workflow import StateField, state_change
from ducha.ledger.scopes import task_scope_q


class SuspectState(models.TextChoices):
    OPEN = "open", _("待核实")
    DISMISSED = "dismissed", _("已排除")
    REVIEW = "review", _("已转复核")


def suspect_scope_q(user, action):
    """Seen by whoever sees the task and the other task, when there is one; decided by the office over
    the task's division."""
    from ducha.core import scoping
    from ducha.ledger.models import Task

    if action == scoping.VIEW:
        visible = scoping.restrict(Task.objects.all(), user, scoping.VIEW).values("pk")
        return Q(task__in=visible) & (Q(other_task__isnull=True) | Q(other_task__in=visible))
    return task_scope_q(user, action)


class Suspect(models.Model):
    rule = models.CharField(_("规则"), max_length=32, db_index=True)
    # What the finding is about, stable between runs (the rule, the tasks, the file hash…): a run that finds
    # it again updates it and never reopens a dismissed one.
    key = models.CharField(max_length=200, unique=True)
    task = models.ForeignKey("ledger.Task", on_delete=models.PROTECT, related_name="suspects",
                             verbose_name=_("任务"))
    other_task = models.ForeignKey("ledger.Task", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("相关任务"))
    reason = models.TextField(_("疑点"))
    # The evidence side by side: [{"label": ..., "task": id, "text": ..., "sha256": ..., "date": ...}, ...]
    evidence = models.JSONField(_("证据"), default=list)
    score = models.DecimalField(_("相似度"), max_digits=4, decimal_places=3, null=True, blank=True)
    state = StateField(_("状态"), max_length=16, choices=SuspectState.choices, default=SuspectState.OPEN)
    found_at = models.DateTimeField(_("发现时间"), auto_now_add=True)
    seen_at = models.DateTimeField(_("最近检出时间"), auto_now=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("处理人"))
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decision = models.TextField(_("处理意见"), blank=True)
    referral = models.ForeignKey("accountability.Referral", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("问责移送"))

    voided_with = "task"  # out of lists, counts and changes while the task is voided (scoping.live_q)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("疑似纸面销号")
        verbose_name_plural = _("疑似纸面销号")
        ordering = ["state", "-found_at", "id"]

    def __str__(self):
        return f"{self.task.number} · {self.rule}"

    @classmethod
    def scope_q(cls, user, action):
        return suspect_scope_q(user, action)

    def refresh_from_db(self, *args, **kwargs):
        with state_change():
            super().refresh_from_db(*args, **kwargs)
