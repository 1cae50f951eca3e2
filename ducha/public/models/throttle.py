"""One anonymous POST on the public site, counted by ducha.public.ratelimit. The address is kept only as
a keyed hash (HMAC with the site's secret key), and rows older than a day are deleted."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Hit(models.Model):
    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)
    # Whether the POST wrote something (an objection taken). Refused posts are hits too, with False: they
    # count only against the much higher cap on attempts.
    accepted = models.BooleanField(default=False)
    # Admitted, its request not over yet: counted as accepted until then (ducha.public.ratelimit.settle).
    pending = models.BooleanField(default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("公开页面提交频率记录")
        indexes = [models.Index(fields=["scope", "key", "at"])]


class Gate(models.Model):
    """One row per scope and address: locked while a POST of the address is checked and counted, so two
    posts arriving together are counted one after the other."""

    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=64)
    seen = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = _("公开页面提交计数锁")
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="public_gate_scope_key")]
