"""Daily digests (每日待办摘要): one row per person per day, written in the transaction that queues the
mail, so a second run the same day finds the row and sends nothing."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DigestLog(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("接收人"))
    date = models.DateField(_("日期"))
    # How it went out: by e-mail (and in-app) or in-app only (no e-mail address).
    emailed = models.BooleanField(_("已发邮件"), default=False)
    items = models.PositiveIntegerField(_("事项数"), default=0)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "date"], name="digestlog_one_per_user_day")]
        verbose_name = _("每日待办摘要")
        verbose_name_plural = _("每日待办摘要")

    def __str__(self):
        return f"{self.user} {self.date}"
