"""Validating a reviewer's decision on one proposed item: the values as they will be
written, or a ValidationError naming each field."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ducha.core.actions import date_input
from ducha.ledger.models import Category
from ducha.quality import services as quality
from ducha.quality.models import Comparator, Indicator

from .models import ExtractedItem, ItemKind
from .proposing import division_units


def _date(value, field, errors, label):
    """A proposed date as ISO text, within the official range (ducha.core.actions.date_input)."""
    try:
        day = date_input(value, field, label=label)
    except ValidationError as error:
        errors.update(error.message_dict)
        return None
    return day.isoformat() if day else None


def _unmatched(values):
    """Names of units the plan gives that match no unit of the division (never dropped silently)."""
    names, ids = values.get("unit_names") or [], values.get("units") or []
    missing = [names[i] if i < len(names) else "?" for i, pk in enumerate(ids) if pk is None]
    for sub in values.get("subtasks") or []:
        missing += [n for n, pk in zip(sub.get("unit_names") or [], sub.get("units") or []) if pk is None]
    return missing


def _clean_task(values, document, errors):
    units = [u for u in values.get("units") or [] if u is not None]
    known = set(division_units(document.division).filter(pk__in=units).values_list("pk", flat=True))
    missing = _unmatched(values)
    if not units:
        names = "、".join(values.get("unit_names") or []) or "—"
        errors["units"] = [f"请选择责任单位（第一个为牵头单位）；原文单位：{names}。"]
    elif missing:
        errors["units"] = [f"单位“{'、'.join(dict.fromkeys(missing))}”未匹配到本区划的单位，请修改后选择。"]
    elif set(units) - known:
        errors["units"] = ["责任单位必须是本区划的单位。"]
    elif len(set(units)) != len(units):
        errors["units"] = ["责任单位重复。"]
    category = values.get("category") or Category.BY_DEADLINE
    if category not in Category.values:
        errors["category"] = [f"未知整改类别“{category}”。"]
    deadline = _date(values.get("deadline"), "deadline", errors, _("整改时限"))
    if category == Category.BY_DEADLINE and deadline is None and "deadline" not in errors:
        errors["deadline"] = ["限期整改任务必须有整改时限。"]
    if not (values.get("target") or values.get("measures") or "").strip():
        errors["target"] = ["请填写整改目标或整改措施。"]
    return {**values, "units": units, "category": category, "deadline": deadline,
            "number": (values.get("number") or "").strip()[:32]}


def _clean_target(values, document, errors):
    if values.get("indicator") not in Indicator.values:
        errors["indicator"] = [f"请选择指标（原文为“{values.get('name') or values.get('indicator') or ''}”）。"]
    if values.get("comparator") not in Comparator.values:
        errors["comparator"] = ["请选择比较方式。"]
    try:
        value = str(quality.parse_value(values.get("value")))
    except ValueError as exc:
        errors["value"] = [str(exc)]
        value = values.get("value")
    try:
        year = int(values.get("year"))
    except (TypeError, ValueError):
        errors["year"] = ["请填写目标年份。"]
        year = values.get("year")
    return {**values, "value": value, "year": year}


def _clean_deadline(values, document, errors):
    return {**values, "date": _date(values.get("date"), "date", errors, _("日期"))}


def _clean_unit(values, document, errors):
    unit = values.get("unit")
    if unit is not None and not division_units(document.division).filter(pk=unit).exists():
        errors["unit"] = ["单位必须是本区划的单位。"]
    return values


CLEANERS = {ItemKind.TASK: _clean_task, ItemKind.TARGET: _clean_target, ItemKind.DEADLINE: _clean_deadline,
            ItemKind.UNIT: _clean_unit}


def clean_values(item: ExtractedItem, values: dict) -> dict:
    """The values as they will be used, or a ValidationError naming the fields."""
    errors = {}
    cleaner = CLEANERS.get(item.kind)
    cleaned = cleaner(dict(values), item.document, errors) if cleaner else dict(values)
    if errors:
        raise ValidationError(errors)
    return cleaned
