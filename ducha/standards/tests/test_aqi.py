"""HJ 633-2012 / HJ 633-2026 index: breakpoints, special rules, exactness."""

import random
from datetime import date
from fractions import Fraction

import numpy as np
import pytest

from ducha.standards.aqi import AboveScale, NeedsSubstitute, daily_aqi, hourly_aqi, iaqi, level_of, resolve_standard
from ducha.standards.aqi_tables import BREAKPOINTS, IAQI_POINTS
from ducha.standards.aqi_vector import (
    ABOVE,
    MISSING,
    STATUS_ABOVE,
    STATUS_NA,
    STATUS_OK,
    Scaled,
    daily_aqi_arrays,
    hourly_aqi_arrays,
)

CASES = [(std, key, i) for std, table in BREAKPOINTS.items() for key, bps in table.items() for i in range(len(bps))]


@pytest.mark.parametrize("std,key,i", CASES)
def test_every_breakpoint_and_its_neighbours(std, key, i):
    bps = BREAKPOINTS[std][key]
    bp = bps[i]
    assert iaqi(key, bp, std) == IAQI_POINTS[i]
    # Just below: 2026 rounds inputs first, so "just below" must survive the
    # rounding (one unit of the reported precision); 2012 takes any decimal.
    step = Fraction(1, 10) if key.startswith("co") else 1
    tiny = step if std == "2026" else Fraction(1, 1000)
    if i > 0:
        below = iaqi(key, Fraction(bp) - tiny, std)
        assert IAQI_POINTS[i - 1] < below <= IAQI_POINTS[i]
    if i < len(bps) - 1:
        above = iaqi(key, Fraction(bp) + tiny, std)
        assert IAQI_POINTS[i] < above <= IAQI_POINTS[i + 1]


def test_segments_are_continuous_not_us_style_gaps():
    # 2012 PM2.5 75.5: continuous segment 75-115 -> 100 + 50*0.5/40 -> 101 (up)
    assert iaqi("pm25_24h", "75.5", "2012") == 101
    assert iaqi("pm25_24h", "35.2", "2012") == 51


def test_pm_breakpoints_changed_in_2026():
    assert iaqi("pm25_24h", 60, "2026") == 100 and iaqi("pm25_24h", 60, "2012") == 82
    assert iaqi("pm25_24h", 75, "2026") == 114 and iaqi("pm25_24h", 75, "2012") == 100
    assert iaqi("pm10_24h", 120, "2026") == 100 and iaqi("pm10_24h", 150, "2012") == 100
    assert iaqi("pm10_24h", 150, "2026") == 112


def test_exactness_traps():
    # Exact: 50 + 50/2*(2.2-2) = 55; a float evaluation gives 55.000000000000014 -> 56.
    assert iaqi("co_24h", "2.2", "2012") == 55
    assert iaqi("co_24h", 2.2, "2026") == 55
    # 200 + 100/30*(65.4-60) = 218; floats give 218.00000000000003 -> 219.
    assert iaqi("co_1h", "65.4", "2012") == 218
    assert iaqi("co_1h", "65.4", "2026") == 218
    naive = 50 + (100 - 50) / (4 - 2) * (2.2 - 2)
    assert -(-naive // 1) == 56  # what the float path would report
    naive_1h = 200 + (300 - 200) / (90 - 60) * (65.4 - 60)
    assert -(-naive_1h // 1) == 219


def test_2026_rounds_inputs_first_half_even():
    assert iaqi("pm25_24h", "35.5", "2026") == 52  # 35.5 -> 36 (to even) -> 50 + 2 = 52
    assert iaqi("pm25_24h", "34.5", "2026") == 49  # 34.5 -> 34 (to even) -> 48.57.. -> 49
    assert iaqi("pm25_24h", "34.5", "2012") == 50  # unrounded: 49.28.. -> 50
    assert iaqi("co_24h", "2.05", "2026") == iaqi("co_24h", "2.0", "2026") == 50
    assert iaqi("co_24h", "2.15", "2026") == iaqi("co_24h", "2.2", "2026") == 55


def test_so2_1h_above_800():
    assert iaqi("so2_1h", 800, "2026") == 200
    assert iaqi("so2_1h", 801, "2026") == 200
    with pytest.raises(NeedsSubstitute):
        iaqi("so2_1h", 801, "2012")
    r = hourly_aqi({"SO2": 900, "SO2_24h": 500, "NO2": 10, "CO": 1, "O3": 10, "PM10": 10, "PM2.5": 10}, standard="2012")
    assert r.iaqi["SO2"] == iaqi("so2_24h", 500, "2012") == 154  # 150 + 50*25/325 = 153.8 -> 154
    r = hourly_aqi({"SO2": 900, "NO2": 10, "CO": 1, "O3": 10, "PM10": 10, "PM2.5": 10}, standard="2026")
    assert r.iaqi["SO2"] == 200 and r.aqi == 200 and r.primary == ("SO2",)


def test_o3_8h_above_800():
    assert iaqi("o3_8h", 801, "2026") == 300
    with pytest.raises(NeedsSubstitute):
        iaqi("o3_8h", 801, "2012")
    base = {"SO2": 5, "NO2": 5, "CO": 1, "PM10": 10, "PM2.5": 10}
    r = daily_aqi({**base, "O3_8h": 850, "O3_1h": 1100}, standard="2012")
    assert r.iaqi["O3_8h"] == iaqi("o3_1h", 1100, "2012") == 450
    with pytest.raises(ValueError):
        daily_aqi({**base, "O3_8h": 850}, standard="2012")
    assert daily_aqi({**base, "O3_8h": 850}, standard="2026").aqi == 300


def test_above_the_table_is_flagged_not_capped():
    with pytest.raises(AboveScale):
        iaqi("pm10_24h", 601, "2026")
    r = daily_aqi({"SO2": 5, "NO2": 5, "CO": 1, "O3_8h": 50, "PM10": 700, "PM2.5": 300}, standard="2026")
    assert r.status == "above_scale" and r.aqi is None and r.level == 6 and r.category == "严重污染"
    assert r.primary == ("PM10",)


def test_levels_and_categories():
    assert [level_of(a)[:3] for a in (0, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301)] == [
        (1, "一级", "优"), (1, "一级", "优"), (2, "二级", "良"), (2, "二级", "良"), (3, "三级", "轻度污染"),
        (3, "三级", "轻度污染"), (4, "四级", "中度污染"), (4, "四级", "中度污染"), (5, "五级", "重度污染"),
        (5, "五级", "重度污染"), (6, "六级", "严重污染"),
    ]


def test_primary_only_above_50_and_ties_listed():
    r = daily_aqi({"SO2": 50, "NO2": 40, "CO": 2, "O3_8h": 100, "PM10": 50, "PM2.5": 35}, standard="2026")
    assert r.aqi == 50 and r.primary == ()
    r = daily_aqi({"SO2": 5, "NO2": 80, "CO": 1, "O3_8h": 50, "PM10": 120, "PM2.5": 60}, standard="2026")
    assert r.aqi == 100 and r.primary == ("NO2", "PM10", "PM2.5")


def test_missing_data_2026_5_3_1():
    base = {"SO2": 5, "NO2": 20, "CO": "0.5", "O3_8h": 80, "PM10": 60}
    assert daily_aqi({**base, "PM2.5": None}, standard="2026").is_na
    r = daily_aqi({**base, "PM10": 300, "PM2.5": ""}, standard="2026")
    assert r.aqi == 175 and not r.is_na
    # HJ 633-2012 has no NA rule: AQI of the remaining pollutants.
    assert daily_aqi({**base, "PM2.5": None}, standard="2012").aqi == 55


def test_edition_by_date():
    assert resolve_standard("auto", date(2026, 2, 28)) == "2012"
    assert resolve_standard(None, date(2026, 3, 1)) == "2026"
    assert daily_aqi({"PM2.5": 75, "SO2": 1, "NO2": 1, "CO": 0, "O3_8h": 1, "PM10": 1}, day=date(2026, 3, 1)).aqi == 114


def test_negative_rejected():
    with pytest.raises(ValueError):
        iaqi("so2_24h", "-1", "2012")


# --- vector path agrees with the scalar path ----------------------------------

DAILY = ["SO2", "NO2", "CO", "O3_8h", "PM10", "PM2.5"]
UPPER = {"SO2": 2700, "NO2": 1000, "CO": 65, "O3_8h": 900, "PM10": 650, "PM2.5": 520, "O3_1h": 1250}


def _random_columns(rng, n, names, places):
    cols, texts = {}, {name: [] for name in names}
    for name in names:
        p = places[name]
        top = UPPER[name] * 10**p
        vals = []
        for _ in range(n):
            x = rng.random()
            if x < 0.08 and name != "O3_1h":  # O3 1h kept: 2012 needs it when O3 8h > 800
                v = -1
            elif x < 0.3:  # near breakpoints
                v = max(0, rng.choice(BREAKPOINTS["2012"]["so2_24h"] if name == "SO2" else [0, 35, 50, 60, 75, 100, 120, 150, 160, 215, 250, 265, 800]) * 10**p + rng.randint(-3, 3))
            else:
                v = rng.randint(0, top) if rng.random() < 0.5 else rng.randint(0, top // 8)
            vals.append(v)
            texts[name].append(None if v < 0 else str(Fraction(v, 10**p)) if p == 0 else f"{v // 10**p}.{v % 10**p:0{p}d}")
        cols[name] = Scaled(np.array(vals, dtype=np.int64), p)
    return cols, texts


@pytest.mark.parametrize("seed", range(4))
def test_vector_daily_agrees_with_scalar(seed):
    rng = random.Random(seed)
    n = 3000
    names = DAILY + (["O3_1h"] if seed % 2 else [])
    places = {name: rng.choice([0, 1, 2, 3]) for name in names}
    cols, texts = _random_columns(rng, n, names, places)
    is_2026 = np.array([rng.random() < 0.5 for _ in range(n)])
    if not seed % 2:  # without O3 1h the 2012 rows must not need it
        o3 = cols["O3_8h"].values
        cols["O3_8h"].values = np.where(~is_2026 & (o3 > 800 * 10 ** places["O3_8h"]), 5, o3)
        texts["O3_8h"] = [t if cols["O3_8h"].values[i] != 5 else str(Fraction(5, 10 ** places["O3_8h"])) for i, t in enumerate(texts["O3_8h"])]
    res = daily_aqi_arrays(cols, is_2026)
    for i in range(n):
        values = {name: texts[name][i] for name in names}
        std = "2026" if is_2026[i] else "2012"
        try:
            ref = daily_aqi(values, standard=std)
        except ValueError:
            continue
        for name in DAILY:
            got = res.iaqi[name][i]
            if name in ref.above_scale:
                assert got == ABOVE
            else:
                assert (None if got == MISSING else got) == ref.iaqi[name], (i, name, values, std)
        status = {STATUS_OK: "ok", STATUS_NA: "na", STATUS_ABOVE: "above_scale"}[int(res.status[i])]
        assert status == ref.status, (i, values, std)
        if status == "ok":
            assert res.aqi[i] == ref.aqi
        prim = tuple(n for b, n in enumerate(res.names) if res.primary[i] >> b & 1)
        assert prim == ref.primary, (i, values, std)


def test_vector_hourly_agrees_with_scalar():
    rng = random.Random(7)
    n = 2000
    names = ["SO2", "NO2", "CO", "O3", "PM10", "PM2.5"]
    upper = {"SO2": 790, "NO2": 3900, "CO": 155, "O3": 1250, "PM10": 650, "PM2.5": 520}
    arrays, texts = {}, {}
    for name in names:
        vals = [-1 if rng.random() < 0.05 else rng.randint(0, upper[name] * 10) for _ in range(n)]
        arrays[name] = Scaled(np.array(vals, dtype=np.int64), 1)
        texts[name] = [None if v < 0 else f"{v // 10}.{v % 10}" for v in vals]
    is_2026 = np.array([rng.random() < 0.5 for _ in range(n)])
    res = hourly_aqi_arrays(arrays, is_2026)
    for i in range(n):
        ref = hourly_aqi({k: texts[k][i] for k in names}, standard="2026" if is_2026[i] else "2012")
        assert {0: "ok", 1: "na", 2: "above_scale"}[int(res.status[i])] == ref.status
        if ref.status == "ok":
            assert res.aqi[i] == ref.aqi
