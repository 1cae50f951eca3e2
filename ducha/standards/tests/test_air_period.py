"""HJ 663 period evaluation: percentiles, validity, good-days ratio, attainment,
composite index; scalar reference against the bulk path."""

import random
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from ducha.standards.air_bulk import DailyArrays
from ducha.standards.air_evaluate import evaluate_daily_arrays, evaluate_days
from ducha.standards.air_limits import limits_for
from ducha.standards.air_period import composite_index, is_valid_count, parse_period, percentile, v_percentile


def test_percentile_hj663_example():
    # Sorted 2,3,4,4,5,8; k = 1 + 5*0.9 = 5.5 -> X5 + 0.5*(X6 - X5) = 5 + 1.5 = 6.5
    assert percentile([3, 4, 8, 2, 5, 4], 90) == Fraction(13, 2)
    assert percentile([7], 95) == 7
    assert percentile(list(range(1, 101)), 98) == Fraction(9802, 100)


@pytest.mark.parametrize("seed", range(5))
def test_vector_percentile_agrees_with_scalar(seed):
    rng = np.random.default_rng(seed)
    arr = rng.integers(0, 400, (50, 40))
    arr[rng.random(arr.shape) < 0.2] = -1
    arr[0] = -1  # an entity with no value at all
    arr[1, 1:] = -1  # and one with a single value
    for p in (90, 95, 98):
        got = v_percentile(arr, p)
        for i, row in enumerate(arr):
            vals = [int(v) for v in row if v >= 0]
            want = -1 if not vals else round(percentile(vals, p))  # round(Fraction) is half-even
            assert got[i] == want, (i, p)


def test_periods():
    assert parse_period("2025") == (date(2025, 1, 1), date(2025, 12, 31), "year")
    assert parse_period("2024-02") == (date(2024, 2, 1), date(2024, 2, 29), "month")
    assert parse_period("2025-Q2") == (date(2025, 4, 1), date(2025, 6, 30), "quarter")
    assert parse_period("2025-01-01..2025-06-30")[2] == "range"
    with pytest.raises(ValueError, match="无法识别的评价期“2025-13-40”"):
        parse_period("2025-13-40")


def _days(first, n):
    return [first + timedelta(days=i) for i in range(n)]


def _year_days(year, per_month):
    """The first per_month[m-1] days of each month of `year`."""
    return [date(year, m, d) for m, n in enumerate(per_month, start=1) for d in range(1, n + 1)]


def test_validity_counts():
    year = (date(2025, 1, 1), date(2025, 12, 31), "year")
    # 27 in each month = 324: both conditions of GB 3095 表 4 met
    assert is_valid_count(_year_days(2025, [27] * 12), *year)
    # 25 in February still leaves 322 < 324: the annual count fails
    assert not is_valid_count(_year_days(2025, [27, 25] + [27] * 10), *year)
    # 324 days in a row from 1 January leave December empty: the monthly rule fails
    assert not is_valid_count(_days(date(2025, 1, 1), 324), *year)
    # 341 days, but March has 26: invalid (每月至少有27个)
    assert not is_valid_count(_year_days(2025, [30, 28, 26] + [29] * 9), *year)
    assert is_valid_count(_year_days(2025, [30, 25, 27] + [29] * 9), *year)
    feb = (date(2025, 2, 1), date(2025, 2, 28), "month")
    assert not is_valid_count(_days(date(2025, 2, 1), 24), *feb)
    assert is_valid_count(_days(date(2025, 2, 1), 25), *feb)
    mar = (date(2025, 3, 1), date(2025, 3, 31), "month")
    assert not is_valid_count(_days(date(2025, 3, 1), 26), *mar)
    assert is_valid_count(_days(date(2025, 3, 1), 27), *mar)


def _series_days(first, n, **values):
    return {d: dict(values) for d in _days(first, n)}


BASE = dict(so2=8, no2=30, co=Fraction(8, 10), o3_8h=120, pm10=60, pm25=30)


def test_year_needs_324_days_and_27_in_every_month_on_both_paths():
    # GB 3095-2026 表 4 年平均: 每年至少有324个日平均浓度值；每月至少有27个（二月至少有25个）
    first, last, kind = parse_period("2025")
    plans = {"ok": [30, 25, 27] + [29] * 9, "march26": [30, 28, 26] + [29] * 9, "short": [27, 25] + [27] * 10}
    dates = _days(first, 365)
    values = {s: np.full((len(plans), 365), -1, dtype=np.int64) for s in ("so2", "no2", "co", "o3_8h", "pm10", "pm25")}
    scalar = {}
    for e, per_month in enumerate(plans.values()):
        present = set(_year_days(2025, per_month))
        for j, d in enumerate(dates):
            if d in present:
                for s, arr in values.items():
                    arr[e, j] = 8 if s == "co" else 30
        scalar[e] = evaluate_days({d: BASE for d in present}, first, last, kind)
    rows = evaluate_daily_arrays(DailyArrays(list(plans), list(plans), dates, values), first, last, kind)
    assert [r["valid"] for r in rows] == [True, False, False]
    assert [r["attained"] for r in rows] == [True, None, None]
    assert [r["days_pm25"] for r in rows] == [sum(p) for p in plans.values()]
    for e, row in enumerate(rows):
        assert all(row[f"valid_{s}"] == scalar[e][f"valid_{s}"] for s in values)
        assert row["valid"] == scalar[e]["valid"] and row["attained"] == scalar[e]["attained"]


def test_february_24_and_25_days_in_a_month_evaluation():
    first, last, kind = parse_period("2025-02")
    for n, ok in ((24, False), (25, True)):
        row = evaluate_days(_series_days(first, n, **BASE), first, last, kind)
        assert row["days_pm25"] == n and row["valid_pm25"] is ok and row["valid"] is ok
        # an invalid period is not judged: attainment and composite are left open
        assert (row["attained"] is None) is (not ok)
        assert (row["composite_index"] is None) is (not ok)


def test_good_days_ratio_and_attainment():
    first, last, kind = parse_period("2025-03")
    days = _series_days(first, 31, **BASE)
    for d in _days(first, 3):
        days[d] = {**BASE, "pm25": 80}  # IAQI 107 under HJ 633-2012 -> not good
    row = evaluate_days(days, first, last, kind)
    assert row["days"] == 31 and row["good_days"] == 28
    assert row["good_ratio"] == Decimal("90.3")  # 28/31 = 90.32..%
    # PM2.5 mean = (28*30 + 3*80)/31 = 34.8 -> 35 <= 35 (2012 limit), p95 = 80 > 75
    assert row["pm25_mean"] == Decimal("35") and row["pm25_p95"] == Decimal("80")
    assert row["attain_pm25"] is False and row["attain_so2"] is True and row["attained"] is False
    # Composite (GB 3095-2012 denominators): 8/60 + 30/40 + 60/70 + 35/35 + 0.8/4 + 120/160
    want = Fraction(8, 60) + Fraction(30, 40) + Fraction(60, 70) + 1 + Fraction(8, 40) + Fraction(120, 160)
    assert row["composite_index"] == Decimal(round(want * 100)) / 100


def test_limit_sets_by_date_and_final_limits():
    assert limits_for(date(2025, 12, 31)) == "2012"
    assert limits_for(date(2026, 12, 31)) == "2026"
    assert limits_for(date(2031, 12, 31)) == "2026-final"
    first, last, kind = parse_period("2026-06")
    row = evaluate_days(_series_days(first, 30, **{**BASE, "pm25": 32}), first, last, kind)
    # PM2.5 32: meets the GB 3095-2012 annual limit (35) but not the 2026 transition one (30)
    assert row["limits"] == "GB3095-2026-transition" and row["attain_pm25"] is False
    row = evaluate_days(_series_days(first, 30, **{**BASE, "pm25": 32}), first, last, kind, limit_set="2012")
    assert row["attain_pm25"] is True


def test_2026_na_days_are_not_valid_days():
    first, last, kind = parse_period("2026-04")
    days = _series_days(first, 30, **BASE)
    days[first] = {**BASE, "pm25": None}  # AQI of the rest <= 100 -> NA (HJ 633-2026 §5.3.1)
    row = evaluate_days(days, first, last, kind)
    assert row["days"] == 29 and row["days_pm25"] == 29


def test_composite_index_rounds_half_even():
    stats = dict(so2_mean=0, no2_mean=0, pm10_mean=0, pm25_mean=Decimal("0.175") * 35, co_p95=0, o3_8h_p90=0)
    # 6.125/35 = 0.175 exactly -> 0.18 (half-even keeps 8)
    assert composite_index(stats, "2012") == Decimal("0.18")


@pytest.mark.parametrize("period,seed", [("2025", 0), ("2025-02", 1), ("2026-Q1", 2), ("2026-02-20..2026-03-10", 3)])
def test_bulk_evaluation_agrees_with_scalar(period, seed):
    rng = random.Random(seed)
    first, last, kind = parse_period(period)
    dates = _days(first, (last - first).days + 1)
    names = [f"S{i}" for i in range(6)]
    tops = dict(so2=120, no2=150, co=60, o3_8h=320, o3_1h=420, pm10=260, pm25=200)
    values = {s: np.full((len(names), len(dates)), -1, dtype=np.int64) for s in tops}
    for e in range(len(names)):
        gap = rng.choice([0.0, 0.02, 0.12, 0.3])
        for s, top in tops.items():
            for j in range(len(dates)):
                if rng.random() >= gap:
                    values[s][e, j] = rng.randint(0, top)
    daily = DailyArrays(names, ["C"] * len(names), dates, values)
    rows = evaluate_daily_arrays(daily, first, last, kind)
    for e, row in enumerate(rows):
        days = {}
        for j, d in enumerate(dates):
            days[d] = {
                s: (None if values[s][e, j] < 0 else Fraction(int(values[s][e, j]), 10 if s == "co" else 1)) for s in tops
            }
        ref = evaluate_days(days, first, last, kind, entity=names[e], city="C")
        assert row == ref, names[e]


def test_hj633_2012_days_count_the_o3_daily_max_1h():
    # HJ 633-2012 §5.1.2: the daily report has 7 indicators, O3 daily max 1h among them;
    # O3 1h 300 -> IAQI 150 makes the day polluted though every other IAQI is <= 100.
    first, last, kind = parse_period("2025-03")
    days = _series_days(first, 31, **BASE, o3_1h=150)
    days[first] = {**BASE, "o3_1h": 300}
    assert evaluate_days(days, first, last, kind)["good_days"] == 30
    # HJ 633-2026 dropped that indicator (§4.2.2: six indicators).
    first, last, kind = parse_period("2026-03")
    days = _series_days(first, 31, **BASE, o3_1h=150)
    days[first] = {**BASE, "o3_1h": 300}
    assert evaluate_days(days, first, last, kind)["good_days"] == 31
