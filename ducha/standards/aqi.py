"""Air quality index per HJ 633-2012 and HJ 633-2026 (exact scalar path).

- IAQI by formula (1) on continuous segments, computed as a Fraction and
  rounded UP (HJ 633-2026 §4.2.6; HJ 633-2012 uses the same 进位取整 rule).
- HJ 633-2026 first rounds the concentration per GB/T 8170 (§4.2.2/§4.2.3).
- Special rules (table footnotes):
  2012 表 1 注(2)(3): SO2 1h > 800 -> report the SO2 24h IAQI instead;
                     O3 8h > 800 -> report the O3 1h IAQI instead.
  2026 表 3 注 b/c:   SO2 1h > 800 -> IAQI 200; O3 8h > 800 -> IAQI 300.
- Primary pollutants (2012 §4.4.2, 2026 §4.3.1): only when AQI > 50, all
  pollutants sharing the largest IAQI.
- Missing data, HJ 633-2026 §5.3.1: AQI from the remaining pollutants; when
  that AQI is not above 100 the AQI (and level, category, primary) is NA.
  HJ 633-2012 has no such rule (§5.1.4 only marks the missing item NA), so
  under 2012 the AQI of the remaining pollutants is published.
  §5.3.2 (pollutant not in the monitoring plan) is not modelled.
- A concentration above the top of its table cannot be indexed: it is
  reported as above scale (`AboveScale`), never capped at 500.

Bulk data: see `aqi_vector.py`, which must agree with this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Mapping

from .aqi_tables import (
    BREAKPOINTS,
    DAILY_INDICATORS,
    HOURLY_INDICATORS,
    IAQI_POINTS,
    INPUT_PLACES_2026,
    LEVELS,
    STANDARDS,
    standard_for,
)
from .rounding import ceil_int, round_half_even, to_fraction


class AboveScale(ValueError):
    """Concentration above the highest breakpoint of its table."""

    def __init__(self, indicator: str, value):
        super().__init__(f"{indicator} = {value} is above the top of the HJ 633 table")
        self.indicator = indicator
        self.value = value


class NeedsSubstitute(ValueError):
    """HJ 633-2012 special rule: report another indicator's IAQI instead."""

    def __init__(self, indicator: str, substitute: str):
        super().__init__(f"{indicator} above 800: HJ 633-2012 reports the {substitute} IAQI instead")
        self.indicator = indicator
        self.substitute = substitute


def resolve_standard(standard: str | None, day: date | None) -> str:
    if standard in (None, "auto"):
        if day is None:
            raise ValueError("give the data's date or an explicit standard (2012 or 2026)")
        return standard_for(day)
    if standard not in STANDARDS:
        raise ValueError(f"unknown HJ 633 edition {standard!r}; use 2012, 2026 or auto")
    return standard


def prepare_value(indicator: str, value, standard: str) -> Fraction:
    """The concentration the index is computed from (exact)."""
    f = to_fraction(value)
    if f < 0:
        raise ValueError(f"{indicator}: negative concentration {value}")
    if standard == "2026":
        places = INPUT_PLACES_2026.get(indicator, 0)
        f = Fraction(round_half_even(f, places))
    return f


def iaqi(indicator: str, value, standard: str) -> int:
    """IAQI of one indicator, e.g. iaqi("co_24h", "2.2", "2012") == 55."""
    bps = BREAKPOINTS[standard][indicator]
    c = prepare_value(indicator, value, standard)
    if c > bps[-1]:
        if indicator == "so2_1h":
            if standard == "2026":
                return 200  # 表 3 注 b
            raise NeedsSubstitute(indicator, "so2_24h")  # 2012 表 1 注(2)
        if indicator == "o3_8h":
            if standard == "2026":
                return 300  # 表 3 注 c
            raise NeedsSubstitute(indicator, "o3_1h")  # 2012 表 1 注(3)
        raise AboveScale(indicator, value)
    for i in range(1, len(bps)):
        if c <= bps[i]:
            lo_bp, hi_bp = bps[i - 1], bps[i]
            lo_i, hi_i = IAQI_POINTS[i - 1], IAQI_POINTS[i]
            return ceil_int(Fraction(hi_i - lo_i, hi_bp - lo_bp) * (c - lo_bp) + lo_i)
    raise AssertionError("unreachable")


def level_of(aqi_value: int) -> tuple:
    """(level, level name, category, colour, rgb) for an AQI value."""
    for upper, *info in LEVELS:
        if upper is None or aqi_value <= upper:
            return tuple(info)
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class AqiReport:
    standard: str
    iaqi: Mapping[str, int | None]  # None = missing
    above_scale: frozenset = field(default_factory=frozenset)
    aqi: int | None = None  # None when NA or above scale
    status: str = "ok"  # "ok" | "na" | "above_scale"
    primary: tuple = ()

    @property
    def level(self) -> int | None:
        return None if self.status == "na" else (6 if self.status == "above_scale" else level_of(self.aqi)[0])

    @property
    def category(self) -> str | None:
        return None if self.status == "na" else LEVELS[self.level - 1][3]

    @property
    def colour(self) -> str | None:
        return None if self.status == "na" else LEVELS[self.level - 1][4]

    @property
    def is_na(self) -> bool:
        return self.status == "na"


def _report(standard: str, indicators: Mapping[str, str], values: Mapping, extra: Mapping) -> AqiReport:
    """indicators: output name -> indicator key; values by output name.

    `extra` holds substitute-only inputs (2012: SO2 24h for the hourly
    report, O3 1h for the daily report) keyed by indicator key.
    """
    subs: dict[str, int | None] = {}
    above: set[str] = set()
    missing = False
    for name, key in indicators.items():
        v = values.get(name)
        if v is None or v == "":
            subs[name] = None
            missing = True
            continue
        try:
            subs[name] = iaqi(key, v, standard)
        except AboveScale:
            subs[name] = None
            above.add(name)
        except NeedsSubstitute as e:
            other = extra.get(e.substitute)
            if other is None or other == "":
                raise ValueError(f"{name}: {e}; give the {e.substitute} value") from None
            try:
                subs[name] = iaqi(e.substitute, other, standard)
            except AboveScale:
                subs[name] = None
                above.add(name)
    if above:
        primary = tuple(n for n in indicators if n in above)
        return AqiReport(standard, subs, frozenset(above), None, "above_scale", primary)
    present = [v for v in subs.values() if v is not None]
    if not present:
        return AqiReport(standard, subs, frozenset(), None, "na", ())
    top = max(present)
    if missing and standard == "2026" and top <= 100:
        return AqiReport(standard, subs, frozenset(), None, "na", ())  # 2026 §5.3.1
    primary = tuple(n for n, v in subs.items() if v == top) if top > 50 else ()
    return AqiReport(standard, subs, frozenset(), top, "ok", primary)


def daily_aqi(values: Mapping, *, day: date | None = None, standard: str | None = None) -> AqiReport:
    """Daily report (日报). values keyed SO2, NO2, CO, O3_8h, PM10, PM2.5
    (24h means, O3 daily max 8h); None or "" = missing.

    HJ 633-2012 §5.1.2 also lists the O3 daily max 1h as a daily indicator;
    give it as "O3_1h" and it takes part (and serves the O3 8h > 800 rule).
    """
    std = resolve_standard(standard, day)
    indicators = dict(DAILY_INDICATORS)
    if std == "2012" and values.get("O3_1h") not in (None, ""):
        indicators["O3_1h"] = "o3_1h"
    return _report(std, indicators, values, {"o3_1h": values.get("O3_1h")})


def hourly_aqi(values: Mapping, *, day: date | None = None, standard: str | None = None) -> AqiReport:
    """Hourly real-time report (实时报). values keyed SO2, NO2, CO, O3, PM10,
    PM2.5 (1h means). PM values index against the 24h columns (HJ 633-2026
    §4.2.4; under HJ 633-2012 §5.1.3 pass the PM 24h moving averages).
    2012 only: "O3_8h" (8h moving average) takes part when given, and
    "SO2_24h" is needed when SO2 1h > 800.
    """
    std = resolve_standard(standard, day)
    indicators = dict(HOURLY_INDICATORS)
    if std == "2012" and values.get("O3_8h") not in (None, ""):
        indicators["O3_8h"] = "o3_8h"
    extra = {"so2_24h": values.get("SO2_24h"), "o3_1h": values.get("O3")}
    return _report(std, indicators, values, extra)
