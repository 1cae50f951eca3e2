"""HJ 663 period evaluation from daily values (exact).

Statistics (HJ 663-2013 表 1 年评价项目, followed for any period; the HJ 663
  2026 表 1 list, as restated second-hand, is the same):
  SO2, NO2: period mean and 24h 98th percentile;
  PM10, PM2.5: period mean and 24h 95th percentile;
  CO: 24h 95th percentile; O3: daily max 8h 90th percentile.
Percentile (HJ 663-2013 附录 A, quoted second-hand as "k=1+(n-1)p%,
  m_p=X(s)+(X(s+1)-X(s))×(k-s)"): sort ascending, k = 1 + (n-1)·p/100,
  s = integer part of k, m_p = X(s) + (X(s+1) - X(s))·(k - s).
Validity (GB 3095-2026 表 4 年平均 row, as GB 3095-2012 表 4): a year needs
  >= 324 daily values AND at least 27 in every month (February >= 25); a
  month >= 27 (February >= 25). HJ 663-2013 §6 states the same pair of
  conditions for the O3 daily max 8h 90th percentile (quoted second-hand,
  see `is_valid_count`); we apply it to every statistic. Quarters,
  year-to-date and date ranges have no rule in the standards; we require
  every calendar month the period touches to miss no more days than the monthly rule allows (a full
  31-day month may miss 4, so a 10-day part of it needs 6). Our choice.
Good-days ratio: days with AQI <= 100 / days with a valid AQI (HJ 663 /
  GLOSSARY), AQI per the HJ 633 edition of each day's date.
Composite index (城市环境空气质量排名技术规定, 环办监测〔2018〕19号 三、排名
  方法): I = sum of the single indices Ci/Si, each rounded to two decimals
  first (as published figures require, see `air_rank`), unweighted; SO2, NO2, PM10, PM2.5 with period
  means over the annual secondary limit, CO with its 24h 95th percentile
  over the 24h limit, O3 with its daily max 8h 90th percentile over the 8h
  limit ("SO2、NO2、PM10及PM2.5采用年均浓度二级标准限值、O3和CO采用日均浓度
  二级标准限值", as provincial rankings restate it). Its normative
  references are GB 3095-2012, HJ 633-2012, HJ 663-2013, GB/T 8170 and
  HJ/T 193-2005 (二、规范性引用文件), hence GB 3095-2012 limits by default
  (see `air_evaluate`); `limit_set` selects another set. Not confirmed: a
  weighted index of the HJ 663 2026 revision (PM2.5 x3, NO2 and O3 x2 is
  claimed by third-party code only).
Reported precision (GB/T 8170 half-even): daily values integers µg/m³, CO 1
  decimal mg/m³ (HJ 633-2026 §4.2.2, primary PNG); period statistics at the
  same precision (HJ 663-2013 rounding table, not read first-hand; official
  bulletins publish them so); ratios in % 1 decimal and the composite index
  2 decimals (published practice, no clause found). Attainment is judged on
  the reported (rounded) values (GB/T 8170 §4.3 修约值比较法).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Sequence

import numpy as np

from .air_daily import places_of
from .air_limits import LIMITS
from .air_rank import ratio_index
from .rounding import round_half_even, to_fraction, v_round_half_even_div

STATS = (
    # (column, daily series, kind, p, limit key)
    ("so2_mean", "so2", "mean", None, "so2_year"),
    ("so2_p98", "so2", "pct", 98, "so2_24h"),
    ("no2_mean", "no2", "mean", None, "no2_year"),
    ("no2_p98", "no2", "pct", 98, "no2_24h"),
    ("pm10_mean", "pm10", "mean", None, "pm10_year"),
    ("pm10_p95", "pm10", "pct", 95, "pm10_24h"),
    ("pm25_mean", "pm25", "mean", None, "pm25_year"),
    ("pm25_p95", "pm25", "pct", 95, "pm25_24h"),
    ("co_p95", "co", "pct", 95, "co_24h"),
    ("o3_8h_p90", "o3_8h", "pct", 90, "o3_8h"),
)
COMPOSITE = ("so2_mean", "no2_mean", "pm10_mean", "pm25_mean", "co_p95", "o3_8h_p90")
SERIES = ("so2", "no2", "co", "o3_8h", "pm10", "pm25")


# --- periods -------------------------------------------------------------


PERIOD_FORMS = "2025、2025-03、2025-Q2、2025-YTD 或 2025-01-01..2025-06-30"


def parse_period(text: str, until: date | None = None) -> tuple[date, date, str]:
    """(first day, last day, kind) of a period text.

    "YYYY-YTD" is year to date (kind "ytd", counted by the monthly rule like
    a range): from 1 January to `until` when given; without it the last day
    returned is 31 December and the caller ends the period at the last day
    with data (`air_evaluate.evaluate_hourly_period` does). `until` belongs
    to the YTD form only.
    """
    text = text.strip()
    if m := re.fullmatch(r"(\d{4})-(?i:ytd)", text):
        y = int(m[1])
        if until is None:
            return date(y, 1, 1), date(y, 12, 31), "ytd"
        if until.year != y:
            raise ValueError(f"评价期“{text}”：--until {until} 不在 {y} 年内")
        return date(y, 1, 1), until, "ytd"
    if until is not None:
        raise ValueError(f"评价期“{text}”：--until 只用于年初至今的写法，如 {text[:4]}-YTD")
    if m := re.fullmatch(r"(\d{4})", text):
        y = int(m[1])
        return date(y, 1, 1), date(y, 12, 31), "year"
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]), "month"
    if m := re.fullmatch(r"(\d{4})-[Qq]([1-4])", text):
        y, q = int(m[1]), int(m[2])
        first = date(y, 3 * q - 2, 1)
        return first, date(y, 3 * q, calendar.monthrange(y, 3 * q)[1]), "quarter"
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", text):
        first, last = date.fromisoformat(m[1]), date.fromisoformat(m[2])
        if last < first:
            raise ValueError(f"评价期“{text}”：结束日期早于开始日期")
        return first, last, "range"
    raise ValueError(f"无法识别的评价期“{text}”，应为 {PERIOD_FORMS}")


def month_minimum(year: int, month: int) -> int:
    return 25 if month == 2 else 27


YEAR_MINIMUM = 324


def is_valid_count(days: Sequence[date], first: date, last: date, kind: str) -> bool:
    """Whether the valid daily values `days` suffice for the period.

    A year needs >= 324 values AND every month >= 27 (February >= 25):
    both conditions of GB 3095-2026 表 4 (年平均 row), which HJ 663-2013
    applies to the percentiles too ("日历年内至少有324个…，每月至少有27个…
    (2月至少25个)"). A month needs its monthly minimum; other periods the
    monthly rule over the part of each month they cover (see module doc).
    """
    if kind == "year" and len(days) < YEAR_MINIMUM:
        return False
    if kind == "month":
        return len(days) >= month_minimum(first.year, first.month)
    per_month: dict[tuple, int] = {}
    for d in days:
        per_month[(d.year, d.month)] = per_month.get((d.year, d.month), 0) + 1
    d = first
    while d <= last:
        n_month = calendar.monthrange(d.year, d.month)[1]
        end = min(last, date(d.year, d.month, n_month))
        covered = (end - d).days + 1
        allowed_missing = n_month - month_minimum(d.year, d.month)
        if per_month.get((d.year, d.month), 0) < covered - allowed_missing:
            return False
        d = end + timedelta(days=1)
    return True


# --- scalar reference ----------------------------------------------------


def percentile(values: Sequence, p: int) -> Fraction:
    """HJ 663 percentile, exact: percentile([3,4,8,2,5,4], 90) == 6.5."""
    xs = sorted(to_fraction(v) for v in values)
    if not xs:
        raise ValueError("no values")
    k = 1 + Fraction(len(xs) - 1) * p / 100
    s = int(k)  # floor, k >= 1
    if s >= len(xs):
        return xs[-1]
    return xs[s - 1] + (xs[s] - xs[s - 1]) * (k - s)


def mean(values: Sequence) -> Fraction:
    xs = [to_fraction(v) for v in values]
    return sum(xs, Fraction(0)) / len(xs)


def reported(series: str, value: Fraction) -> Decimal:
    return round_half_even(value, places_of(series))


# --- vector statistics on (E, D) integer arrays -----------------------------


def v_mean(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rounded mean per row (same units) and valid count; -1 where n == 0."""
    valid = arr >= 0
    n = valid.sum(axis=1)
    total = np.where(valid, arr, 0).sum(axis=1, dtype=np.int64)
    return np.where(n > 0, v_round_half_even_div(total, np.maximum(n, 1)), -1), n


def v_percentile(arr: np.ndarray, p: int) -> np.ndarray:
    """Rounded HJ 663 percentile per row; integers only."""
    big = np.iinfo(np.int64).max
    xs = np.sort(np.where(arr >= 0, arr, big).astype(np.int64), axis=1)
    n = (arr >= 0).sum(axis=1).astype(np.int64)
    rows = np.arange(arr.shape[0])
    t = np.maximum(n - 1, 0) * p  # 100 * (k - 1)
    s = t // 100  # 0-based index of X(s)
    r = t % 100
    lo = xs[rows, np.minimum(s, np.maximum(n - 1, 0))]
    hi = xs[rows, np.minimum(s + 1, np.maximum(n - 1, 0))]
    val = v_round_half_even_div(100 * np.where(n > 0, lo, 0) + r * (np.where(n > 0, hi, 0) - np.where(n > 0, lo, 0)), 100)
    return np.where(n > 0, val, -1)


def to_decimal_units(series: str, v: int) -> Decimal | None:
    return None if v < 0 else Decimal(int(v)).scaleb(-places_of(series))


def composite_index(stats: dict, limit_set: str) -> Decimal | None:
    """Sum of the single indices Ci/Si of the reported statistics, each
    rounded to 2 decimals (`air_rank.ratio_index`); None if a figure is
    missing."""
    lim = LIMITS[limit_set]
    total = Decimal(0)
    for col, _series, _kind, _p, key in STATS:
        if col not in COMPOSITE:
            continue
        if stats.get(col) is None:
            return None
        total += ratio_index(stats[col], lim[key])
    return total.quantize(Decimal("0.01"))


def attainment(stats: dict, limit_set: str) -> dict:
    """Per pollutant: all its statistics at or below their limits (the annual
    mean against the annual limit AND the percentile against the 24h / 8h
    limit; CO and O3 by their percentile only). HJ 663-2013 §5 年评价 wording
    not read first-hand; this is how official bulletins judge 达标."""
    lim = LIMITS[limit_set]
    out = {}
    for col, series, _kind, _p, key in STATS:
        v = stats.get(col)
        ok = None if v is None else v <= lim[key]
        prev = out.get(series, True)
        out[series] = None if (ok is None or prev is None) else (prev and ok)
    return out
