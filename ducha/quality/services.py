"""State changes of quality targets (指标目标). Each takes the acting user,
checks permission through ducha.core.scoping, validates, runs in one
transaction and writes the audit log. Pages, the plan review and commands call
these; nothing else writes IndicatorTarget rows."""

import decimal
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ducha.audit import services as audit
from ducha.audit.snapshot import snapshot
from ducha.core import scoping
from ducha.core.actions import FIRST_YEAR, LAST_YEAR
from ducha.jurisdictions.models import Division

from .models import Comparator, Indicator, IndicatorTarget

# Indicators stated in percent (0–100) and those that count things.
PERCENT_INDICATORS = frozenset({
    Indicator.GOOD_DAYS_RATIO, Indicator.SURFACE_WATER_GOOD_RATIO, Indicator.DRINKING_WATER_ATTAINMENT_RATIO,
    Indicator.FARMLAND_SAFE_USE_RATIO, Indicator.CONTAMINATED_SITE_SAFE_USE_RATIO,
    Indicator.HAZARDOUS_WASTE_DISPOSAL_RATIO, Indicator.SEWAGE_TREATMENT_RATIO,
    Indicator.GARBAGE_SORTING_COVERAGE, Indicator.FOREST_COVERAGE, Indicator.GRASSLAND_VEGETATION_COVERAGE,
})
COUNT_INDICATORS = frozenset({Indicator.HEAVY_POLLUTION_DAYS, Indicator.INFERIOR_V_SECTIONS})
NON_NEGATIVE_INDICATORS = PERCENT_INDICATORS | COUNT_INDICATORS | {
    Indicator.PM25_MEAN, Indicator.PM10_MEAN, Indicator.WETLAND_AREA,
}
EDITABLE_FIELDS = ("indicator", "comparator", "value", "year", "plan", "name", "region", "unit", "source_text")
MIN_YEAR, MAX_YEAR = FIRST_YEAR, LAST_YEAR  # the years of official dates (ducha.core.actions)
_MAX_INTEGER_DIGITS = 10  # max_digits 14 - decimal_places 4


def parse_value(value) -> Decimal:
    """The target value as an exact Decimal from a Decimal, an int or a string
    such as "24" or "97.5%"; a float is taken by its shortest repr so 0.1
    stays 0.1. Raises ValueError with a Chinese message."""
    if isinstance(value, bool) or value is None:
        raise ValueError("请填写目标值。")
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str):
        value = value.strip().rstrip("%％").strip()
        if not value:
            raise ValueError("请填写目标值。")
    try:
        number = Decimal(value)
    except (decimal.InvalidOperation, TypeError, ValueError):
        raise ValueError(f"目标值“{value}”不是数字。") from None
    if not number.is_finite():
        raise ValueError("目标值必须是有限的数。")
    return number


def _validate(target: IndicatorTarget) -> None:
    errors: dict[str, list[str]] = {}
    if target.indicator not in Indicator.values:
        errors["indicator"] = [f"未知指标“{target.indicator}”。"]
    if target.comparator not in Comparator.values:
        errors["comparator"] = [f"未知比较方式“{target.comparator}”，应为 <、<=、>=、> 或 ==。"]
    try:
        value = parse_value(target.value)
    except ValueError as exc:
        errors["value"] = [str(exc)]
    else:
        target.value = value
        if value.as_tuple().exponent < -4:
            errors["value"] = ["目标值最多保留四位小数。"]
        elif abs(value) >= Decimal(10) ** _MAX_INTEGER_DIGITS:
            errors["value"] = ["目标值过大。"]
        elif target.indicator in NON_NEGATIVE_INDICATORS and value < 0:
            errors["value"] = ["该指标的目标值不能为负数。"]
        elif target.indicator in PERCENT_INDICATORS and value > 100:
            errors["value"] = ["比例类指标以百分数填写，应在 0 到 100 之间。"]
        elif target.indicator in COUNT_INDICATORS and value != value.to_integral_value():
            errors["value"] = ["计数类指标的目标值应为整数。"]
        else:
            # Stored with four places: make the audit snapshot match the row.
            target.value = value.quantize(Decimal("0.0001"))
    if isinstance(target.year, bool) or not isinstance(target.year, int) or not MIN_YEAR <= target.year <= MAX_YEAR:
        errors["year"] = [f"目标年份应为 {MIN_YEAR} 到 {MAX_YEAR} 之间的整数。"]
    if target.plan_id and target.division_id:
        plan_division = target.plan.division
        if not target.division.path.startswith(plan_division.path):
            errors["plan"] = [f"整改方案属于{plan_division.name}，不能为{target.division.name}设定目标。"]
    for field, limit in (("name", 128), ("region", 64), ("unit", 32)):
        if len(getattr(target, field) or "") > limit:
            errors[field] = [f"不能超过 {limit} 个字。"]
    if not errors:
        clash = IndicatorTarget.objects.filter(
            division_id=target.division_id, year=target.year, indicator=target.indicator,
            region=target.region, comparator=target.comparator,
        ).exclude(pk=target.pk)
        if clash.exists():
            errors["indicator"] = ["该区划该年份已有相同范围、相同比较方式的同一指标目标。"]
    if errors:
        raise ValidationError(errors)


def _check_plan_visible(acting_user, plan) -> None:
    if plan is not None and not scoping.can(acting_user, scoping.VIEW, plan):
        raise PermissionDenied("无权引用该整改方案。")


@transaction.atomic
def create_target(*, acting_user, division: Division, indicator, comparator, value, year, plan=None, name="",
                  region="", unit="", source_text="", request_id="") -> IndicatorTarget:
    """Record a target a plan sets, e.g. PM2.5 < 24 µg/m³ in 2026. Only a
    coordinator of the division (or above it) and admins may."""
    if not scoping.can_in_division(acting_user, scoping.ADD, division):
        raise PermissionDenied("无权为该区划设定指标目标。")
    _check_plan_visible(acting_user, plan)
    target = IndicatorTarget(
        division=division, plan=plan, indicator=indicator, comparator=comparator, value=value, year=year,
        name=(name or "").strip(), region=(region or "").strip(), unit=(unit or "").strip(),
        source_text=source_text or "",
    )
    _validate(target)
    target.save()
    audit.record(actor=acting_user, action="create", obj=target, after=snapshot(target), request_id=request_id)
    return target


@transaction.atomic
def update_target(*, acting_user, target: IndicatorTarget, request_id="", **fields) -> IndicatorTarget:
    scoping.require(acting_user, scoping.CHANGE, target)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"unknown target fields: {sorted(unknown)}")
    target = IndicatorTarget.objects.select_for_update().get(pk=target.pk)
    before = snapshot(target)
    if "plan" in fields:
        _check_plan_visible(acting_user, fields["plan"])
    for field, value in fields.items():
        if field in ("name", "region", "unit"):
            value = (value or "").strip()
        setattr(target, field, value)
    _validate(target)
    target.save()
    after = snapshot(target)
    if after != before:
        audit.record(actor=acting_user, action="update", obj=target, before=before, after=after,
                     request_id=request_id)
    return target


@transaction.atomic
def delete_target(*, acting_user, target: IndicatorTarget, request_id="") -> None:
    scoping.require(acting_user, scoping.DELETE, target)
    before = snapshot(target)
    audit.record(actor=acting_user, action="delete", obj=target, before=before, request_id=request_id)
    target.delete()
