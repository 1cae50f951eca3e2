"""Write a realistic hourly air-quality CSV for the `ducha air evaluate` benchmark.

    python -m benchmarks.gen_hourly [--stations 2000] [--year 2025] [--seed 1] [-o PATH]

Columns `time,station,city,so2,no2,co,o3,pm10,pm25`; `time` marks the END of
the hour ("2025-01-01 01:00" .. "2026-01-01 00:00"). Stations come ten to a
city. Patterns: winter PM and CO high, summer O3 high; O3 peaks in the
afternoon, NO2 and CO at the rush hours; PM2.5 about 60 % of PM10; day-to-day
weather as an AR(1) factor shared by a city's stations; about 2 % of hours
missing at random plus a few multi-day outages per station. Values are
integers in µg/m³ with some one-decimal readings; CO in mg/m³ with 2
decimals. Output goes to benchmarks/data/ (gitignored).
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

import numpy as np
import polars as pl

DATA = Path(__file__).parent / "data"
CHUNK = 100  # stations per write


def _weather(rng, n_cities, n_days):
    w = np.zeros((n_cities, n_days))
    eps = rng.normal(0, 0.35, (n_cities, n_days))
    for d in range(1, n_days):
        w[:, d] = 0.7 * w[:, d - 1] + eps[:, d]
    return np.exp(w)


def _station_block(rng, year, st0, n_st, weather, hours):
    n_h = len(hours)
    day = np.arange(n_h) // 24
    hod = (np.arange(n_h) % 24)  # hour of day at the END of the hour -> start = hod
    season = np.cos(2 * np.pi * (day - 15) / 365.0)  # +1 mid-January, -1 mid-July
    city = (st0 + np.arange(n_st)) // 10
    wf = weather[city][:, day]  # (n_st, n_h)
    base = rng.uniform(0.6, 1.4, (n_st, 1))
    rush = 1 + 0.35 * (np.exp(-((hod - 8) ** 2) / 4) + np.exp(-((hod - 19) ** 2) / 6))
    sun = np.clip(np.sin(np.pi * (hod - 7) / 12), 0, None)
    noise = lambda s: rng.lognormal(0, s, (n_st, n_h))  # noqa: E731
    pm10 = base * wf * (52 + 25 * season) * (0.9 + 0.2 * rush / 1.35) * noise(0.25)
    pm25 = pm10 * rng.uniform(0.45, 0.7, (n_st, 1)) * noise(0.1)
    no2 = base * (30 + 12 * season) * rush * np.sqrt(wf) * noise(0.3)
    so2 = base * (9 + 5 * season) * np.sqrt(wf) * noise(0.4)
    co = base * (0.8 + 0.4 * season) * rush * np.sqrt(wf) * noise(0.2)
    o3 = (25 + (95 - 45 * season) * sun) * rng.uniform(0.8, 1.25, (n_st, 1)) * noise(0.2)
    out = {}
    for name, arr, decimals in (("so2", so2, 0), ("no2", no2, 0), ("co", co, 2), ("o3", o3, 0), ("pm10", pm10, 0), ("pm25", pm25, 0)):
        if decimals:
            txt = np.round(arr, decimals)
        else:
            txt = np.round(arr, 0)
            tenth = rng.random(arr.shape) < 0.1  # some analysers report one decimal
            txt = np.where(tenth, np.round(arr, 1), txt)
        out[name] = txt
    missing = rng.random((n_st, n_h)) < 0.02
    for s in range(n_st):
        for _ in range(rng.integers(0, 4)):
            start = rng.integers(0, n_h - 72)
            missing[s, start : start + rng.integers(6, 72)] = True
    return out, missing


def generate(path: Path, stations: int = 2000, year: int = 2025, seed: int = 1) -> Path:
    rng = np.random.default_rng(seed)
    start = datetime(year, 1, 1, 1)
    end = datetime(year + 1, 1, 1, 0)
    hours = pl.datetime_range(start, end, "1h", eager=True)
    n_days = len(hours) // 24
    weather = _weather(rng, (stations + 9) // 10, n_days)
    times = hours.dt.strftime("%Y-%m-%d %H:%M")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        for st0 in range(0, stations, CHUNK):
            n_st = min(CHUNK, stations - st0)
            vals, missing = _station_block(rng, year, st0, n_st, weather, hours)
            ids = np.arange(st0, st0 + n_st)
            cols = {
                "time": pl.concat([times] * n_st),
                "station": np.repeat([f"S{i:04d}" for i in ids], len(hours)),
                "city": np.repeat([f"C{i // 10:03d}" for i in ids], len(hours)),
            }
            df = pl.DataFrame(cols)
            for name, arr in vals.items():
                v = pl.Series(name, arr.ravel())
                whole = v == v.round(0)
                text = pl.select(
                    pl.when(pl.lit(missing.ravel()))
                    .then(None)
                    .when(pl.lit(whole))
                    .then(pl.lit(v).cast(pl.Int64).cast(pl.String))
                    .otherwise(pl.lit(v).cast(pl.String))
                ).to_series()
                df = df.with_columns(text.alias(name))
            df.write_csv(fh, include_header=st0 == 0, float_precision=None)
    return path


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stations", type=int, default=2000)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--out", type=Path)
    args = ap.parse_args(argv)
    path = args.out or DATA / f"hourly_{args.year}_{args.stations}.csv"
    generate(path, args.stations, args.year, args.seed)
    print(path)


if __name__ == "__main__":
    main()
