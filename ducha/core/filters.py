"""Filters that refuse what the database or a worker cannot take.

Every filterset of the project (pages, API, exports) derives from
BoundedFilterSet, so a new filter is bounded without anyone remembering to:

- integers stay within a 64-bit signed integer, the range both SQLite and
  PostgreSQL (bigint) store; beyond it SQLite raises OverflowError (a 500);
- multi-value filters take at most DUCHA_MAX_FILTER_IDS values (or ordering
  keys): each value becomes a bound parameter and, for ids, a lookup, so an
  unbounded list holds a worker for seconds per request;
- free text takes at most MAX_TEXT characters (the search splits it into
  bigrams, one condition each);
- every refusal names its field, in Chinese, on the form: the API answers
  400 {"field": ["上级任务：…"]}, a page shows the error over an empty list.
"""

import copy

import django_filters as df
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field

# 64-bit signed integers: SQLite INTEGER and PostgreSQL bigint alike.
BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1
MAX_TEXT = 200
# 100 is far more than any person picks in a filter panel (the longest
# choice list, task states, has 7 entries) and keeps an `IN (...)` list and
# its lookups cheap; DATA_UPLOAD_MAX_NUMBER_FIELDS is no bound here, it
# allows 10,000 fields for the stage formsets.
DEFAULT_MAX_FILTER_IDS = 100


def max_filter_values():
    return getattr(settings, "DUCHA_MAX_FILTER_IDS", DEFAULT_MAX_FILTER_IDS)


@extend_schema_field({"type": "integer", "format": "int64", "minimum": 1, "maximum": BIGINT_MAX})
class IdFilter(df.NumberFilter):
    """A row id: a positive integer the database can store (never 1.5 or 1e400)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "format": "int64", "minimum": BIGINT_MIN, "maximum": BIGINT_MAX})
class IntegerFilter(df.NumberFilter):
    """A whole number within the database's integer range."""

    field_class = forms.IntegerField


def set_choices(filterset, name, choices):
    """Give a filter of this filterset instance choices read now (a configurable list), for its form and
    for the filter itself (the API schema reads a filter's choices)."""
    filterset.filters[name].extra["choices"] = choices
    filterset.run_time_choices[name] = choices
    if hasattr(filterset, "_form"):
        filterset.form.fields[name].choices = choices


def check_count(values, limit=None):
    """Refuse a list of more than `limit` values (default DUCHA_MAX_FILTER_IDS) before anything looks at them."""
    limit = max_filter_values() if limit is None else limit
    if len(values) > limit:
        raise ValidationError(_("最多可选 %(limit)s 项，收到 %(count)s 项。") % {"limit": limit, "count": len(values)},
                              code="max_values")


def _label(field, name):
    label = str(field.label or name) if field is not None else name
    return label.split(" / ")[0]  # API labels read "中文 / English"; the message stays Chinese


def _multi_valued(field):
    return isinstance(field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)) or isinstance(
        getattr(field, "widget", None), df.widgets.BaseCSVWidget)


def _bounded_clean(clean, limit):
    """The field's clean(), refusing an over-long list before looking at any value
    (a model choice field would otherwise look every id up first)."""

    def bounded(value):
        if isinstance(value, (list, tuple)):
            check_count(value, limit)
        return clean(value)

    return bounded


# What a yes/no filter accepts (any case): the API's true/false, a select's unknown, a checkbox's on.
BOOLEAN_WORDS = frozenset({"true", "false", "1", "0", "yes", "no", "on", "off", "unknown"})


class BoundedForm(forms.Form):
    """The form of a BoundedFilterSet: bounds every field of this instance
    (fields are copied per form, so the class-level filters stay untouched)."""

    def clean(self):
        cleaned = super().clean()
        # A yes/no filter's widget reads anything it does not know as "not set" (?overdue=maybe would list
        # everything): refuse it by name instead, as every other bad parameter is.
        for name, field in self.fields.items():
            if not isinstance(field, forms.NullBooleanField) or not hasattr(self.data, "getlist"):
                continue
            for raw in self.data.getlist(self.add_prefix(name)):
                if raw not in (None, "") and str(raw).lower() not in BOOLEAN_WORDS:
                    self.add_error(name, ValidationError(_("应为 true 或 false。"), code="invalid"))
                    break
        return cleaned

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = max_filter_values()
        for field in self.fields.values():
            if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
                if field.min_value is None:
                    field.min_value = BIGINT_MIN
                    field.validators.append(MinValueValidator(BIGINT_MIN))
                if field.max_value is None:
                    field.max_value = BIGINT_MAX
                    field.validators.append(MaxValueValidator(BIGINT_MAX))
            elif isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = MAX_TEXT
                field.validators.append(MaxLengthValidator(MAX_TEXT))
            if _multi_valued(field):
                field.clean = _bounded_clean(field.clean, limit)

    def add_error(self, field, error):
        # "上级任务：请输入整数。": the message names its field wherever it is shown.
        if field is not None and field in self.fields:
            label = _label(self.fields[field], field)
            if not isinstance(error, ValidationError):
                error = ValidationError(error)
            # The text goes in as a parameter, not as the message: it may quote the user's value, and
            # a "%" in it would break whoever formats the message again (django-filter's API errors do).
            error = ValidationError([
                ValidationError("%(named)s", params={"named": f"{label}：{message}"}) for message in _messages(error)
            ])
        super().add_error(field, error)


def _messages(error):
    """The error's messages, with Django's Chinese text for a NUL character ("不允许是用空字符串", which says
    "empty string") replaced by what it means."""
    if not hasattr(error, "error_list"):
        return error.messages
    return [message for item in error.error_list for message in (
        [_("不能包含 NUL 控制字符（%00）。")] if item.code == "null_characters_not_allowed" else item.messages)]


def _copy_filter(filter_):
    """A filter for one filterset instance: a shallow copy with its own `extra` and its method bound to
    the copy. django-filter deep-copies every filter per instance (form fields, querysets and choice
    lists included), which cost more than a list page's SQL."""
    copied = copy.copy(filter_)
    copied.extra = dict(filter_.extra)
    copied.__dict__.pop("_field", None)
    if filter_.method is not None:
        copied.method = filter_.method  # a FilterMethod resolving on the copy's parent, not the original's
    return copied


class _Filters(dict):
    """A filterset class's filters, copied per instance by _copy_filter when FilterSet.__init__ deep-copies them."""

    def __deepcopy__(self, memo):
        return {name: _copy_filter(filter_) for name, filter_ in self.items()}


class _BoundedMetaclass(type(df.FilterSet)):
    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        new_class.base_filters = _Filters(new_class.base_filters)
        return new_class


def _per_request(filter_):
    """Does the filter's form field depend on the request (a queryset computed per user)?"""
    return callable(getattr(filter_, "queryset", None))


class BoundedFilterSet(df.FilterSet, metaclass=_BoundedMetaclass):
    """Base of every filterset: its form bounds and names every refusal.

    The form class is built once per filterset class. What differs per request is applied to each form:
    the querysets computed for the user (a callable `queryset=`) and choice lists read at run time
    (set_choices). A class-level field therefore never carries one user's choices to another. A filter
    added to or replaced on one instance does not reach its form: declare filters on the class.
    """

    def __init__(self, *args, **kwargs):
        self.run_time_choices = {}
        super().__init__(*args, **kwargs)

    def get_form_class(self):
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            fields = {}
            for name, filter_ in copy.deepcopy(cls.base_filters).items():
                filter_.model = cls._meta.model
                field = fields[name] = filter_.field
                if _per_request(filter_):
                    field.queryset = field.queryset.none()  # set per form, for its user
            base = cls._meta.form if issubclass(cls._meta.form, BoundedForm) else type(
                cls._meta.form.__name__, (BoundedForm, cls._meta.form), {})
            form_class = type(f"{cls.__name__}Form", (base,), fields)
            cls._form_class = form_class
        return form_class

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for name, filter_ in self.filters.items():
                if _per_request(filter_):
                    form.fields[name].queryset = filter_.get_queryset(self.request)
            for name, choices in self.run_time_choices.items():
                form.fields[name].choices = choices
        return self._form

    def is_valid(self):
        valid = super().is_valid()
        if not valid and self.request is not None:
            # Read by BadFilterStatusMiddleware: a page listing nothing because
            # its filters were refused answers 400, as the API does.
            self.request.filter_errors = self.errors
        return valid


def refuse_query(request, form, back=None):
    """A page (or a download) whose query parameters were refused: 400, each error naming its field, and a
    link to `back` (default: the same page without them)."""
    return render(request, "core/bad_query.html", {"errors": form.errors, "back": back}, status=400)


class QueryForm(BoundedForm):
    """A page's own query parameters (not a filterset), bounded and named the same way."""
