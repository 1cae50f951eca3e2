"""Daily values from hourly data: GB 3095 validity and the HJ 663 O3 rules,
scalar reference against the bulk (polars/numpy) path."""

import random
from datetime import date, datetime, timedelta
from fractions import Fraction

import numpy as np
import pytest

from ducha.standards.air_bulk import HourlyDataError, city_daily, read_daily
from ducha.standards.air_daily import daily_mean, daily_values, hour_slot, o3_daily_max_8h

HEADER = "time,station,city,so2,no2,co,o3,pm10,pm25"


def _hours(day, hours, **vals):
    """Rows for the given hours (1..24, END of hour) of `day`."""
    rows = []
    for h in hours:
        t = datetime.combine(day, datetime.min.time()) + timedelta(hours=h)
        rows.append({"time": t.strftime("%Y-%m-%d %H:%M"), **vals})
    return rows


def _write(path, rows, station="S1", city="C1"):
    cols = HEADER.split(",")[3:]
    with open(path, "w") as fh:
        fh.write(HEADER + "\n")
        for r in rows:
            st = r.get("station", station)
            ct = r.get("city", city)
            vals = ["" if r.get(c) is None else str(r.get(c)) for c in cols]
            fh.write(",".join([r["time"], st, ct, *vals]) + "\n")
    return path


def test_hour_24_belongs_to_the_previous_day():
    assert hour_slot("2025-01-02 00:00") == (date(2025, 1, 1), 24)
    assert hour_slot("2025-01-01 01:00") == (date(2025, 1, 1), 1)


@pytest.mark.parametrize("n,valid", [(19, False), (20, True), (24, True)])
def test_daily_mean_needs_20_hours(tmp_path, n, valid):
    day = date(2025, 5, 1)
    rows = _hours(day, range(1, n + 1), so2=10, no2=20, co="0.8", o3=50, pm10=40, pm25=20)
    assert (daily_mean([10] * n) is not None) is valid
    d = read_daily(_write(tmp_path / "h.csv", rows), day, day)
    assert bool(d.values["so2"][0, 0] == 10) is valid
    assert bool(d.values["so2"][0, 0] == -1) is not valid
    assert bool(d.values["co"][0, 0] == 8) is valid  # CO in 0.1 mg/m³


def test_o3_8h_window_needs_6_hours_and_day_needs_14_windows():
    full = {h: 100 for h in range(1, 25)}
    assert o3_daily_max_8h(full) == 100
    # Hours 1..5 only: no window reaches 6 values -> no daily max.
    assert o3_daily_max_8h({h: 100 for h in range(1, 6)}) is None
    # Hours 1..18: windows ending 8..20 have >= 6 values (ending 20: hours 13..18 = 6) -> 13 windows < 14.
    part = {h: 100 for h in range(1, 19)}
    assert o3_daily_max_8h(part) is None
    part[19] = 100  # window ending 21 now has hours 14..19 = 6 values -> 14 windows
    assert o3_daily_max_8h(part) == 100


def test_o3_fewer_than_14_windows_still_valid_when_above_the_limit():
    # HJ 663: with < 14 valid 8h values the day still counts if its max exceeds the limit.
    high = {h: 200 for h in range(1, 19)}
    assert o3_daily_max_8h(high, limit=160) == 200
    at_limit = {h: 160 for h in range(1, 19)}
    assert o3_daily_max_8h(at_limit, limit=160) is None


def test_o3_8h_mean_is_exact_and_rounded_half_even():
    # Window 1..8 mean = (7*100 + 101)/8 = 100.125 -> 100; a mean of 100.5 -> 100 (to even), 101.5 -> 102.
    by_hour = {h: 100 for h in range(1, 25)}
    by_hour[1] = 104  # windows containing hour 1: only 1..8 -> 100.5
    assert o3_daily_max_8h(by_hour) == 100
    by_hour[1] = 112  # 101.5
    assert o3_daily_max_8h(by_hour) == 102


def test_bad_hourly_input_names_row_and_column(tmp_path):
    rows = _hours(date(2025, 5, 1), range(1, 5), so2=10, no2=20, co="0.8", o3=50, pm10=40, pm25=20)
    rows[2]["pm10"] = "4O"
    with pytest.raises(HourlyDataError, match=r"第 4 行，列 pm10"):
        read_daily(_write(tmp_path / "h.csv", rows), date(2025, 5, 1), date(2025, 5, 1))
    rows[2]["pm10"] = "-3"
    with pytest.raises(HourlyDataError, match=r"第 4 行，列 pm10：数值不能为负数“-3”"):
        read_daily(_write(tmp_path / "h.csv", rows), date(2025, 5, 1), date(2025, 5, 1))


@pytest.mark.parametrize("seed", range(3))
def test_bulk_daily_values_agree_with_scalar(tmp_path, seed):
    rng = random.Random(seed)
    first = date(2025, 7, 1)
    n_days = 4
    rows = []
    for st in ("A", "B", "C"):
        for d in range(n_days):
            day = first + timedelta(days=d)
            keep = rng.choice([24, 22, 20, 19, 16, 12])
            hours = sorted(rng.sample(range(1, 25), keep))
            for r in _hours(day, hours):
                r["station"] = st
                r["city"] = "X" if st != "C" else "Y"
                for c, top in (("so2", 60), ("no2", 90), ("o3", 300), ("pm10", 200), ("pm25", 120)):
                    r[c] = None if rng.random() < 0.1 else f"{rng.randint(0, top * 1000) / 1000:.3f}".rstrip("0").rstrip(".")
                r["co"] = None if rng.random() < 0.1 else f"{rng.randint(0, 3000) / 1000}"
                rows.append(r)
    path = _write(tmp_path / "h.csv", rows)
    bulk = read_daily(path, first, first + timedelta(days=n_days - 1))
    for i, st in enumerate(bulk.names):
        ref = daily_values([r for r in rows if r["station"] == st])
        for j, day in enumerate(bulk.days):
            for p, arr in bulk.values.items():
                want = ref.get(day, {}).get(p)
                scale = 10 if p == "co" else 1
                got = int(arr[i, j])
                assert (None if got < 0 else Fraction(got, scale)) == want, (st, day, p)
    city = city_daily(bulk)
    assert city.names == ["X", "Y"]
    a, b = bulk.values["pm10"][0], bulk.values["pm10"][1]
    both = (a >= 0) & (b >= 0)
    for j in np.flatnonzero(both):
        m = Fraction(int(a[j]) + int(b[j]), 2)
        want = round(m)  # Python's round on a Fraction is half-even: GB/T 8170
        assert city.values["pm10"][0, j] == want
    only_a = (a >= 0) & (b < 0)
    assert (city.values["pm10"][0][only_a] == a[only_a]).all()


def test_text_and_fast_readers_agree_and_extra_decimals_are_refused(tmp_path):
    day = date(2025, 5, 1)
    rows = _hours(day, range(1, 25), so2="10.125", no2=20, co="0.85", o3="99.999", pm10=40, pm25=20)
    fast = read_daily(_write(tmp_path / "a.csv", rows), day, day)
    rows[0]["pm25"] = " 20"  # padded text: only the exact text path reads it
    text = read_daily(_write(tmp_path / "b.csv", rows), day, day)
    for p in fast.values:
        assert (fast.values[p] == text.values[p]).all(), p
    assert fast.values["so2"][0, 0] == 10 and fast.values["co"][0, 0] == 8  # 0.85 -> 0.8 (half-even)
    rows[3]["co"] = "0.8501"
    with pytest.raises(HourlyDataError, match=r"第 5 行，列 co：\S*“0.8501”"):
        read_daily(_write(tmp_path / "c.csv", rows), day, day)
    rows[3]["co"] = "0.85"
    rows[4]["time"] = "2025-05-01 05:30"
    with pytest.raises(HourlyDataError, match=r"第 6 行，列 time"):
        read_daily(_write(tmp_path / "d.csv", rows), day, day)
