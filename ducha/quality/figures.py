"""Year-to-date figures of a division and how each target stands: the data
comes from the database, every figure from ducha.standards and
ducha.quality.compute."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from ducha.standards.air_evaluate import evaluate_days
from ducha.standards.air_period import mean, reported
from ducha.standards.aqi_tables import LEVELS
from ducha.standards.water import classify, drinking_water_attainment, mean_values, percent
from ducha.standards.water_limits import CLASS_LABELS, CLASSES, III, INFERIOR_V, ITEM_NAMES, UPPER_LIMITS

from . import compute
from .display import AIR_UNIT, quantity
from .models import AirDailyValue, Indicator, WaterSectionResult

AIR_SERIES = ("so2", "no2", "co", "o3_8h", "pm10", "pm25")
MEAN_INDICATORS = {Indicator.PM25_MEAN: ("pm25", "PM2.5"), Indicator.PM10_MEAN: ("pm10", "PM10")}


@dataclass
class TargetStatus:
    target: object
    current: str          # the year-to-date figure as shown, "" when there is no data
    unit: str
    state: str            # "on_course" | "behind" | "unattainable" | "met" | "missed" | "no_data"
    advice: str


STATE_LABELS = {
    "on_course": "符合进度", "behind": "尚未达标", "unattainable": "已无法完成",
    "met": "已完成", "missed": "未完成", "no_data": "暂无数据",
}


class DivisionYear:
    """A division's monitoring data for one year, up to the last day imported."""

    def __init__(self, division, year: int):
        self.division, self.year = division, year
        self.air = list(AirDailyValue.objects.filter(division=division, day__year=year).order_by("day"))
        self.water = list(WaterSectionResult.objects.filter(division=division, month__year=year))
        self.as_of = self.air[-1].day if self.air else None
        self.year_end = dt.date(year, 12, 31)

    # --- air -------------------------------------------------------------

    def days(self) -> dict:
        return {r.day: {s: getattr(r, s) for s in AIR_SERIES} for r in self.air}

    def air_evaluation(self) -> dict | None:
        if not self.air:
            return None
        return evaluate_days(self.days(), dt.date(self.year, 1, 1), self.as_of, "range")

    @property
    def remaining_days(self) -> int:
        return (self.year_end - self.as_of).days if self.as_of else 0

    def calendar(self) -> list[dict]:
        """Months × days 1..31 with each day's AQI and HJ 633 level colour
        (None where a day has no data or does not exist)."""
        grid = [{"month": m, "cells": [None] * 31} for m in range(1, 13)]
        for r in self.air:
            level = LEVELS[r.level - 1] if r.level else None
            grid[r.day.month - 1]["cells"][r.day.day - 1] = {
                "day": r.day, "aqi": r.aqi if r.aqi is not None else (">500" if r.level == 6 else "NA"),
                "category": level[3] if level else "无效",
                "colour": "rgb(%d,%d,%d)" % (level[5] if level else (210, 210, 210)),
                "dark": bool(level and level[1] >= 4),
                "level": level[1] if level else 0,  # the CSS class aqi-level-N carries the colour
            }
        return grid

    def monthly(self) -> dict:
        months, pm25, good = [], [], []
        for m in range(1, 13):
            rows = [r for r in self.air if r.day.month == m]
            if not rows:
                continue
            months.append(f"{m}月")
            values = [r.pm25 for r in rows if r.pm25 is not None]
            pm25.append(int(reported("pm25", mean(values))) if values else None)
            valid = [r for r in rows if r.level]
            ratio = Fraction(sum(1 for r in valid if r.aqi is not None and r.aqi <= 100), len(valid)) if valid else None
            good.append(float(percent(ratio)) if ratio is not None else None)  # chart only
        return {"labels": months, "pm25": pm25, "good": good}

    # --- water -----------------------------------------------------------

    def drinking_sources(self) -> set[str]:
        """Sections marked as drinking-water sources in any month of the year."""
        return {r.section for r in self.water if r.drinking_source}

    def section_classes(self, only: set | None = None) -> dict[str, str]:
        """Year-to-date class of each section (of those in `only` when given):
        single-factor class of its mean values over the months so far (22号
        §一(二) annual evaluation on means)."""
        by_section: dict[str, list] = {}
        types = {}
        for r in self.water:
            if only is not None and r.section not in only:
                continue
            by_section.setdefault(r.section, []).append({k: Decimal(v) for k, v in r.values.items()})
            types[r.section] = r.waterbody
        return {name: classify(mean_values(rows), types[name]).water_class for name, rows in by_section.items()}

    def class_distribution(self) -> dict:
        classes = list(self.section_classes().values())
        return {"labels": [CLASS_LABELS[c] for c in CLASSES], "data": [classes.count(c) for c in CLASSES]}


def _mean_status(target, data: DivisionYear, series: str, label: str) -> TargetStatus:
    values = [getattr(r, series) for r in data.air if getattr(r, series) is not None]
    unit = AIR_UNIT
    if not values:
        return TargetStatus(target, "", unit, "no_data", "")
    outlook = compute.remaining_mean(sum(values), len(values), data.remaining_days, target.comparator, target.value)
    current = str(outlook.current)
    if outlook.remaining_days == 0:
        return TargetStatus(target, current, unit, "met" if outlook.attainable else "missed", "")
    if not outlook.attainable:
        advice = _("即使剩余 %(days)s 天 %(name)s 浓度全部为零，全年均值也无法达到目标") % {
            "days": outlook.remaining_days, "name": label}
        return TargetStatus(target, current, unit, "unattainable", advice)
    verb = _("不高于") if outlook.upper else _("不低于")
    advice = _("剩余 %(days)s 天 %(name)s 日均浓度须%(verb)s %(bound)s") % {
        "days": outlook.remaining_days, "name": label, "verb": verb, "bound": quantity(outlook.display_bound, unit)}
    state = "on_course" if compute.meets(outlook.current, target.comparator, target.value) else "behind"
    return TargetStatus(target, current, unit, state, advice)


def _good_days_status(target, data: DivisionYear) -> TargetStatus:
    ev = data.air_evaluation()
    if not ev or not ev["days"]:
        return TargetStatus(target, "", "%", "no_data", "")
    outlook = compute.remaining_ratio_days(ev["good_days"], ev["days"], data.remaining_days,
                                           target.comparator, target.value)
    current = f"{outlook.current}"
    if data.remaining_days == 0:
        ok = compute.meets(outlook.current, target.comparator, target.value)
        return TargetStatus(target, current, "%", "met" if ok else "missed", "")
    if not outlook.attainable:
        advice = _("剩余 %(days)s 天全部优良也无法达到目标") % {"days": data.remaining_days}
        return TargetStatus(target, current, "%", "unattainable", advice)
    advice = _("剩余 %(days)s 天中至少须有 %(n)s 天空气质量优良") % {"days": data.remaining_days, "n": outlook.needed}
    state = "on_course" if compute.meets(outlook.current, target.comparator, target.value) else "behind"
    return TargetStatus(target, current, "%", state, advice)


def _heavy_days_status(target, data: DivisionYear) -> TargetStatus:
    if not data.air:
        return TargetStatus(target, "", "天", "no_data", "")
    count = sum(1 for r in data.air if (r.level or 0) >= 5)  # AQI > 200: 重度污染 and worse
    if target.comparator not in compute.UPPER:
        ok = compute.meets(count, target.comparator, target.value)
        return TargetStatus(target, str(count), "天", "on_course" if ok else "behind", "")
    outlook = compute.remaining_count(count, data.remaining_days, target.comparator, target.value)
    if not outlook.attainable:
        return TargetStatus(target, str(count), "天", "missed", "")
    advice = _("剩余 %(days)s 天内重污染天数不得超过 %(n)s 天") % {"days": data.remaining_days, "n": outlook.needed}
    return TargetStatus(target, str(count), "天", "on_course" if data.remaining_days else "met", advice)


WATER_GOALS = {  # indicator -> goal class rank, its wording, what is counted
    Indicator.SURFACE_WATER_GOOD_RATIO: (III, "达到Ⅲ类及以上", "断面"),
    Indicator.INFERIOR_V_SECTIONS: (len(CLASSES) - 1, "好于劣Ⅴ类", "断面"),
    # water.drinking_water_attainment: a source attains at class Ⅲ or better
    Indicator.DRINKING_WATER_ATTAINMENT_RATIO: (III, "达到Ⅲ类及以上", "水源地"),
}


def _water_outlook(target, data: DivisionYear, goal: int, only: set | None) -> compute.SectionsOutlook:
    """Per-section outlook on annual means (as `section_classes`), and how
    many sections the target needs at the goal class or better."""
    series: dict[str, dict[str, list]] = {}
    types = {}
    for r in data.water:
        if only is not None and r.section not in only:
            continue
        items = series.setdefault(r.section, {})
        for k, v in r.values.items():
            items.setdefault(k, []).append(v)
        types[r.section] = r.waterbody
    remaining = 12 - max(r.month.month for r in data.water)
    sections = [compute.section_outlook(name, types[name], items, goal, remaining) for name, items in series.items()]
    total = len(sections)
    if target.indicator != Indicator.INFERIOR_V_SECTIONS:
        def meets_with(k):
            return compute.meets(percent(Fraction(k, total)), target.comparator, target.value)
    else:
        def meets_with(k):
            return compute.meets(total - k, target.comparator, target.value)
    return compute.sections_outlook(sections, remaining, meets_with)


def _item_need_text(need: compute.ItemNeed) -> str:
    # one decimal more than the item's finest class limit, and at least three
    places = max([3] + [1 - d.as_tuple().exponent for d in UPPER_LIMITS.get(need.item, ())])
    unit = "" if need.item == "ph" else "毫克/升"
    verb = _("不高于") if need.upper else _("不低于")
    return f"{ITEM_NAMES[need.item]}{verb} {quantity(need.display(places), unit)}"


def _water_status(target, data: DivisionYear) -> TargetStatus:
    goal, wording, noun = WATER_GOALS[target.indicator]
    only = data.drinking_sources() if target.indicator == Indicator.DRINKING_WATER_ATTAINMENT_RATIO else None
    classes = list(data.section_classes(only).values())
    if not classes:
        advice = _("尚无标记为饮用水水源地的断面（导入断面数据时填写 drinking_source 列）") if only is not None else ""
        return TargetStatus(target, "", "", "no_data", advice if data.water else "")
    if target.indicator == Indicator.INFERIOR_V_SECTIONS:
        current, unit = str(classes.count(INFERIOR_V)), "个"
    else:
        current, unit = percent(drinking_water_attainment(classes)[2]), "%"  # share at Ⅲ or better
    ok = compute.meets(current, target.comparator, target.value)
    basis = _("按 %(n)s 个%(noun)s今年以来各指标均值评价") % {"n": len(classes), "noun": noun}
    if target.comparator not in (compute.LOWER if unit == "%" else compute.UPPER):
        return TargetStatus(target, current, unit, "on_course" if ok else "behind", basis)
    outlook = _water_outlook(target, data, goal, only)
    if outlook.remaining_months == 0:
        return TargetStatus(target, current, unit, "met" if ok else "missed", basis)
    if outlook.needed is None:
        advice = _("%(noun)s共 %(n)s 个，任何结果都无法达到目标") % {"n": outlook.total, "noun": noun}
        return TargetStatus(target, current, unit, "unattainable", advice)
    if not outlook.attainable:
        advice = _("即使剩余 %(months)s 个月各项指标浓度全部为零，也至多 %(r)s 个%(noun)s全年均值能%(goal)s，"
                   "少于所需的 %(k)s 个") % {"months": outlook.remaining_months, "r": outlook.reachable,
                                         "goal": wording, "k": outlook.needed, "noun": noun}
        return TargetStatus(target, current, unit, "unattainable", advice)
    advice = _("剩余 %(months)s 个月须至少有 %(k)s 个%(noun)s全年均值%(goal)s（目前 %(now)s 个，共 %(n)s 个）") % {
        "months": outlook.remaining_months, "k": outlook.needed, "goal": wording, "now": outlook.at_goal,
        "n": outlook.total, "noun": noun}
    if outlook.needed > outlook.at_goal:
        parts = []
        for s in outlook.to_recover[:3]:
            needs = "、".join(_item_need_text(n) for n in s.needs)
            parts.append(_("%(section)s剩余月份均值须%(needs)s") % {"section": s.section, "needs": needs})
        advice += "；" + "；".join(parts)
    return TargetStatus(target, current, unit, "on_course" if ok else "behind", advice + "。" + basis)


def target_status(target, data: DivisionYear) -> TargetStatus:
    if target.indicator in MEAN_INDICATORS:
        return _mean_status(target, data, *MEAN_INDICATORS[target.indicator])
    if target.indicator == Indicator.GOOD_DAYS_RATIO:
        return _good_days_status(target, data)
    if target.indicator == Indicator.HEAVY_POLLUTION_DAYS:
        return _heavy_days_status(target, data)
    if target.indicator in WATER_GOALS:
        return _water_status(target, data)
    return TargetStatus(target, "", target.unit, "no_data", _("该指标暂无监测数据来源"))
