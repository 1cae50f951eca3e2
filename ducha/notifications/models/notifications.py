"""In-app notifications (站内通知): one row per recipient, read or not."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications", verbose_name=_("接收人"))
    # What kind of event, e.g. "round.reminder", "warning.confirmed" (apps declare their own).
    kind = models.CharField(_("类别"), max_length=48)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    # Where the notification leads (a path inside ducha).
    url = models.CharField(_("链接"), max_length=300, blank=True)
    # The object it is about, as "app_label.model:pk" (for grouping and for not notifying twice).
    subject = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "created_at"])]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")

    def __str__(self):
        return self.title

    @classmethod
    def scope_q(cls, user, action):
        # Everyone reads and marks their own notifications; nobody else's.
        return models.Q(recipient_id=user.pk)
