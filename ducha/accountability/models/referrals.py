"""A referral for accountability about one task: why, from where, who opened it and when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet
from ducha.core.workflow import StateField
from ducha.ledger.scopes import task_scope_q


class ReferralSource(models.TextChoices):
    REVISIT = "revisit", _("回头看发现反弹")
    SUSPECT = "suspect", _("疑似纸面销号")
    MANUAL = "manual", _("整改办移送")


class ReferralState(models.TextChoices):
    OPEN = "open", _("待处理")


class Referral(models.Model):
    task = models.ForeignKey("ledger.Task", on_delete=models.PROTECT, related_name="referrals",
                             verbose_name=_("任务"))
    reason = models.TextField(_("移送理由"))
    source = models.CharField(_("来源"), max_length=16, choices=ReferralSource.choices)
    # The record that led to it (a revisit's or a suspect's id), as "revisits.revisit:12".
    source_ref = models.CharField(_("来源记录"), max_length=64, blank=True)
    state = StateField(_("状态"), max_length=16, choices=ReferralState.choices, default=ReferralState.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("移送人"))
    opened_at = models.DateTimeField(_("移送时间"), auto_now_add=True, db_index=True)

    voided_with = "task"  # out of lists, counts and changes while the task is voided (scoping.live_q)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("问责移送")
        verbose_name_plural = _("问责移送")
        ordering = ["-opened_at", "-id"]

    def __str__(self):
        return f"{self.task} · {self.get_source_display()}"

    @classmethod
    def scope_q(cls, user, action):
        return task_scope_q(user, action)
