"""One anonymous POST on the public site, counted by ducha.public.ratelimit. The address is kept only as
a keyed hash (HMAC with the site's secret key), and rows older than a day are deleted."""

from django.db import models


class Hit(models.Model):
    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"])]
