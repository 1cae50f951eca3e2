"""The append-only, hash-chained audit log.

Each entry's hash covers its own content and the previous entry's hash, so
changing or deleting any entry breaks the chain from there on. Database
triggers (ducha.audit.guard) refuse UPDATE, DELETE and TRUNCATE on the table,
and signed checkpoints outside the database (ducha.audit.checkpoints) anchor
the chain, so re-writing it is detected too.
"""

import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VerbatimJSONField(models.JSONField):
    """JSON kept exactly as written: PostgreSQL's `json`, not `jsonb` (elsewhere the JSONField's text).

    Scheme 3 hashes the database's text of the stored value (ducha.audit.chain). jsonb re-renders what it
    is given (key order, spacing, numbers), so the writer had to ask the server for each value's rendering
    before it could hash, a round trip of a batch's JSON; `json` keeps the text sent, so the writer hashes
    its own text. `json` has no comparison operators: compare key values in Python, not in lookups (the
    one that did, StaleEdit.changes, does so). Read as text on every connection (ducha.audit.apps), as
    Django reads jsonb, so from_db_value parses it and the walk gets the stored text."""

    def db_type(self, connection):
        if connection.vendor == "postgresql":
            return "json"
        return super().db_type(connection)

    def get_db_prep_value(self, value, connection, prepared=False):
        if connection.vendor != "postgresql":
            return super().get_db_prep_value(value, connection, prepared)
        # The text itself (psycopg sends a str untyped, so the column's type reads it): a jsonb parameter
        # would be re-rendered on its way into the json column.
        return json.dumps(value if prepared else self.get_prep_value(value), cls=self.encoder)


def read_json_as_text(sender, connection, **kwargs):
    """connection_created receiver: PostgreSQL's json read as its text, as Django has jsonb read."""
    if connection.vendor == "postgresql":
        from psycopg.types.string import TextLoader

        connection.connection.adapters.register_loader("json", TextLoader)


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
    before = VerbatimJSONField(_("变更前"), null=True, blank=True)
    after = VerbatimJSONField(_("变更后"), null=True, blank=True)
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
