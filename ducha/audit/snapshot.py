"""JSON snapshots of objects for the audit log's before/after."""

import datetime as dt
import decimal

from django.db import models


def _value(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj, *, exclude=("search_text", "password", "updated_at")) -> dict:
    """Concrete fields (foreign keys as ids) and many-to-many fields (sorted ids)."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        data[field.attname] = _value(getattr(obj, field.attname))
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return data
