"""Period evaluation of stations or cities (HJ 663): one row per entity.

Two paths with one output shape (tests check that they agree):

- `evaluate_days(days, first, last, kind)`: scalar reference for ONE entity
  from its daily values (Fractions / text), e.g. values kept in a database.
- `evaluate_daily_arrays(daily, first, last, kind)`: the bulk path over
  `air_bulk.DailyArrays` (scaled integers, numpy).
- `evaluate_hourly_csv(path, period, by=...)`: hourly CSV -> rows, what
  `ducha air evaluate` runs.

Each row (a dict, keys in `COLUMNS` order):
  entity, city, limits (GB 3095 limit set), days (days with a published
  AQI), days_<series> (valid daily values per series), the HJ 663 statistics
  of `air_period.STATS` (Decimal at reported precision), good_days,
  good_ratio (% 1 decimal), composite_index (2 decimals), attain_<series>
  (True/False/None), attained (all six), valid_<series> (GB 3095 表 4 count
  rule for the period) and valid (all six).

Choices the standards leave open (ours, stated here):
- A statistic whose series fails the count rule is still reported, but its
  attainment and the composite index are None (GB 3095-2026 §6.4: data not
  meeting 表 4 "应视为无效数据").
- A valid day for the good-days ratio is a day with a published AQI (under
  HJ 633-2026 §5.3.1 an NA day is not one); a day above the table top counts
  as valid and not good.
- Attainment for periods shorter than a year uses the same statistics
  against the annual / 24h limits (HJ 663 defines it for the calendar year).
- Composite index denominators: the ranking rules (城市环境空气质量排名技术
  规定, 环办监测〔2018〕19号 §3, normative reference GB 3095-2012) use GB
  3095-2012 secondary limits; kept so figures stay comparable across years
  (`composite_limits` overrides).
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Mapping

import numpy as np

from .air_bulk import DailyArrays, city_daily, read_daily
from .air_limits import LIMITS, limits_for
from .air_period import (
    SERIES,
    STATS,
    YEAR_MINIMUM,
    attainment,
    composite_index,
    is_valid_count,
    mean,
    month_minimum,
    parse_period,
    percentile,
    reported,
    v_mean,
    v_percentile,
)
from .air_daily import places_of
from .aqi import daily_aqi, resolve_standard
from .aqi_tables import HJ633_2026_IN_FORCE
from .aqi_vector import STATUS_NA, STATUS_OK, Scaled, daily_aqi_arrays
from .rounding import round_half_even

# Daily series -> HJ 633 daily-report input name.
AQI_INPUT = {"so2": "SO2", "no2": "NO2", "co": "CO", "o3_8h": "O3_8h", "pm10": "PM10", "pm25": "PM2.5", "o3_1h": "O3_1h"}
STAT_COLUMNS = tuple(s[0] for s in STATS)
COLUMNS = (
    ("entity", "city", "limits", "days")
    + tuple(f"days_{s}" for s in SERIES)
    + STAT_COLUMNS
    + ("good_days", "good_ratio", "composite_index")
    + tuple(f"attain_{s}" for s in SERIES)
    + ("attained",)
    + tuple(f"valid_{s}" for s in SERIES)
    + ("valid",)
)
LIMIT_LABELS = {"2012": "GB3095-2012", "2026": "GB3095-2026-transition", "2026-final": "GB3095-2026"}


def _edition(day: date, standard: str) -> str:
    return resolve_standard(standard, day)


def _finish(entity, city, limit_set, composite_limits, days, counts, valid, stats, good) -> dict:
    ratio = None if days == 0 else round_half_even(Fraction(100 * good, days), 1)
    judged = {col: (v if valid[series] else None) for (col, series, *_r) in STATS for v in [stats[col]]}
    att = attainment(judged, limit_set)
    row = {"entity": entity, "city": city, "limits": LIMIT_LABELS[limit_set], "days": days}
    row.update({f"days_{s}": counts[s] for s in SERIES})
    row.update(stats)
    row.update(good_days=good, good_ratio=ratio, composite_index=composite_index(judged, composite_limits))
    row.update({f"attain_{s}": att[s] for s in SERIES})
    row["attained"] = None if any(att[s] is None for s in SERIES) else all(att[s] for s in SERIES)
    row.update({f"valid_{s}": valid[s] for s in SERIES})
    row["valid"] = all(valid[s] for s in SERIES)
    return row


# --- scalar reference ------------------------------------------------------


def evaluate_days(
    days: Mapping[date, Mapping],
    first: date,
    last: date,
    kind: str,
    *,
    entity: str = "",
    city: str = "",
    standard: str = "auto",
    limit_set: str | None = None,
    composite_limits: str = "2012",
) -> dict:
    """Evaluate ONE entity from its daily values.

    days: {date: {"so2", "no2", "co", "o3_8h", "pm10", "pm25"[, "o3_1h"]:
    value or None}} with reported daily values (µg/m³, CO mg/m³); days
    outside first..last are ignored. kind: "year", "month", "quarter",
    "range" (see `air_period.parse_period`). standard: HJ 633 edition for the
    daily AQI ("auto" = by each day's date). limit_set: "2012", "2026" or
    "2026-final" (default: the set in force on `last`).
    """
    limit_set = limit_set or limits_for(last)
    inside = {d: v for d, v in days.items() if first <= d <= last}
    series_days = {s: [d for d, v in inside.items() if v.get(s) not in (None, "")] for s in SERIES}
    counts = {s: len(series_days[s]) for s in SERIES}
    valid = {s: is_valid_count(series_days[s], first, last, kind) for s in SERIES}
    stats = {}
    for col, series, kind_, p, _key in STATS:
        xs = [inside[d][series] for d in series_days[series]]
        if not xs:
            stats[col] = None
            continue
        stats[col] = reported(series, mean(xs) if kind_ == "mean" else percentile(xs, p))
    n_days = good = 0
    for d, v in inside.items():
        r = daily_aqi({AQI_INPUT[k]: x for k, x in v.items() if k in AQI_INPUT}, standard=_edition(d, standard))
        if not r.is_na:
            n_days += 1
            good += r.status == "ok" and r.aqi <= 100
    return _finish(entity, city, limit_set, composite_limits, n_days, counts, valid, stats, good)


# --- bulk path ---------------------------------------------------------------


def _v_valid(arr: np.ndarray, days: list, first: date, last: date, kind: str) -> np.ndarray:
    present = arr >= 0
    if kind == "month":
        return present.sum(axis=1) >= month_minimum(first.year, first.month)
    ok = np.ones(arr.shape[0], dtype=bool)
    months = np.array([d.year * 12 + d.month for d in days])
    for m in np.unique(months):
        cols = months == m
        y, mo = divmod(int(m) - 1, 12)
        mo += 1
        allowed_missing = calendar.monthrange(y, mo)[1] - month_minimum(y, mo)
        ok &= present[:, cols].sum(axis=1) >= int(cols.sum()) - allowed_missing
    if kind == "year":  # and the annual count (`air_period.is_valid_count`)
        ok &= present.sum(axis=1) >= YEAR_MINIMUM
    return ok


def evaluate_daily_arrays(
    daily: DailyArrays,
    first: date,
    last: date,
    kind: str,
    *,
    standard: str = "auto",
    limit_set: str | None = None,
    composite_limits: str = "2012",
) -> list[dict]:
    """Rows for every entity of `daily` (days must be first..last)."""
    limit_set = limit_set or limits_for(last)
    if standard == "auto":
        is_2026_day = np.array([d >= HJ633_2026_IN_FORCE for d in daily.days])
    else:
        is_2026_day = np.full(len(daily.days), resolve_standard(standard, None) == "2026")
    n_entities = len(daily.names)
    counts = {s: (daily.values[s] >= 0).sum(axis=1) for s in SERIES}
    valid = {s: _v_valid(daily.values[s], daily.days, first, last, kind) for s in SERIES}
    stats = {}
    for col, series, kind_, p, _key in STATS:
        arr = daily.values[series]
        stats[col] = v_mean(arr)[0] if kind_ == "mean" else v_percentile(arr, p)
    cols = {AQI_INPUT[s]: Scaled(daily.values[s].ravel(), places_of(s)) for s in AQI_INPUT if s in daily.values}
    res = daily_aqi_arrays(cols, np.tile(is_2026_day, n_entities))
    status = res.status.reshape(n_entities, -1)
    aqi = res.aqi.reshape(n_entities, -1)
    n_days = (status != STATUS_NA).sum(axis=1)
    good = ((status == STATUS_OK) & (aqi <= 100)).sum(axis=1)
    rows = []
    for e in range(n_entities):
        st = {}
        for col, series, *_r in STATS:
            v = int(stats[col][e])
            st[col] = None if v < 0 else Decimal(v).scaleb(-places_of(series))
        rows.append(
            _finish(
                daily.names[e],
                daily.cities[e],
                limit_set,
                composite_limits,
                int(n_days[e]),
                {s: int(counts[s][e]) for s in SERIES},
                {s: bool(valid[s][e]) for s in SERIES},
                st,
                int(good[e]),
            )
        )
    return rows


def evaluate_hourly_csv(path, period: str, *, by: str = "station", standard: str = "auto", limit_set: str | None = None) -> list[dict]:
    """Evaluate an hourly CSV (columns `air_bulk.HOURLY_COLUMNS`, `time`
    marking the END of the hour) over `period` ("2025", "2025-03",
    "2025-Q2", "2025-YTD", "2025-01-01..2025-06-30"), per station or per city.

    City values are the mean of the city's stations' valid daily values
    (`air_bulk.city_daily`; the ranking rules, 环办监测〔2018〕19号 三(一),
    take "城市纳入国家环境空气质量监测网的所有评价点位"). No minimum share of
    valid stations per city day is applied: no text of such a rule (50% /
    75%) was found, so one valid station makes a city day. Raises `air_bulk.HourlyDataError` naming the row
    and column of bad input.
    """
    return evaluate_hourly_period(path, period, by=by, standard=standard, limit_set=limit_set)[0]


def evaluate_hourly_period(
    path, period: str, *, until: date | None = None, by: str = "station", standard: str = "auto", limit_set: str | None = None
) -> tuple[list[dict], date, date]:
    """`evaluate_hourly_csv` plus the days evaluated: (rows, first, last).

    A year-to-date period without `until` ends at the last day on which any
    entity has a valid daily value of any series (an error when none has).
    """
    if by not in ("station", "city"):
        raise ValueError(f"--by {by}：应为 station（按点位）或 city（按城市）")
    first, last, kind = parse_period(period, until=until)
    chosen = limit_set or limits_for(last)
    daily = read_daily(path, first, last, o3_limit=LIMITS[chosen]["o3_8h"])
    if kind == "ytd" and until is None:
        present = np.zeros(len(daily.days), dtype=bool)
        for arr in daily.values.values():
            present |= (arr >= 0).any(axis=0)
        if not present.any():
            raise ValueError(f"评价期“{period}”：{first.year} 年没有有效日均值")
        n = int(np.flatnonzero(present)[-1]) + 1
        last = daily.days[n - 1]
        daily = DailyArrays(daily.names, daily.cities, daily.days[:n], {s: v[:, :n] for s, v in daily.values.items()})
        o3_limit = LIMITS[limit_set or limits_for(last)]["o3_8h"]
        if o3_limit != LIMITS[chosen]["o3_8h"]:  # the O3 daily max 8h rule reads the limit
            daily = read_daily(path, first, last, o3_limit=o3_limit)
    limit_set = limit_set or limits_for(last)
    if by == "city":
        daily = city_daily(daily)
    return evaluate_daily_arrays(daily, first, last, kind, standard=standard, limit_set=limit_set), first, last
