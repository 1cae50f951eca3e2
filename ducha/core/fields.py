"""Form fields that refuse what the database cannot take, before any query.

Django's ModelMultipleChoiceField looks the submitted values up with `pk__in`; a value beyond a 64-bit
integer makes SQLite raise OverflowError (a 500) and an endless list holds a worker. IdsField checks the
count and every value as an id within the range both databases store first; the refusal names the field
like any other form error.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from .filters import BIGINT_MAX, check_count


class IdsField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        check_count(value)
        if not self.to_field_name and isinstance(self.queryset.model._meta.pk, models.IntegerField):
            for pk in value:
                text = str(pk).strip()
                if not text.isdigit() or not 0 < int(text) <= BIGINT_MAX:
                    raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                          params={"pk": text[:40]})
        return super()._check_values(value)
