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


class VersionField(forms.Field):
    """The version the editor read (a hidden field). It refuses nothing itself: a version missing or not a
    number (a hand-made post, a page cut short) reaches the action as it came ("" when missing), whose
    version check (ducha.core.actions.check_version) refuses it as "该…的版本信息无效", naming the object,
    like a version nobody could have read. Django's own "该字段是必填项。" named no field the user can see."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = str(value if value is not None else "").strip()[:40]
        return int(text) if text.isascii() and text.isdigit() and int(text) <= BIGINT_MAX else text
