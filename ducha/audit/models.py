"""The append-only, hash-chained audit log.

Each entry's hash covers its own content and the previous entry's hash, so
changing or deleting any entry breaks the chain from there on. Database
triggers (ducha.audit.guard) refuse UPDATE, DELETE and TRUNCATE on the table,
and signed checkpoints outside the database (ducha.audit.checkpoints) anchor
the chain, so re-writing it is detected too.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    id = models.BigAutoField(primary_key=True)
    created_at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING,
        db_constraint=False, related_name="+", verbose_name=_("操作人"),
    )
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=32)
    object_type = models.CharField(_("对象类型"), max_length=64, db_index=True)
    object_id = models.CharField(_("对象编号"), max_length=64, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=255, blank=True)
    before = models.JSONField(_("变更前"), null=True, blank=True)
    after = models.JSONField(_("变更后"), null=True, blank=True)
    # Made by the server for each request (ducha.audit.context).
    request_id = models.CharField(_("请求编号"), max_length=64, blank=True)
    # The client's own X-Request-Id, kept only when short and plain.
    client_request_id = models.CharField(_("客户端请求编号"), max_length=64, blank=True, default="")
    remote_addr = models.CharField(_("来源地址"), max_length=45, blank=True, default="")
    # The division path of the object ("330000/331100/"): who may read the entry.
    scope_path = models.CharField(_("所属行政区划"), max_length=255, blank=True, default="", db_index=True)
    # Which payload scheme made the hash (ducha.audit.chain); NULL on entries older than schemes.
    scheme = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id", "id"])]
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")

    def __str__(self):
        return f"#{self.id} {self.action} {self.object_type}:{self.object_id}"

    def changed_fields(self):
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

    @property
    def event_label(self):
        """The event's Chinese name (the code for an event no longer registered)."""
        from . import events

        return events.label(self.action)
