"""Bulk hourly -> daily path (polars scan + numpy integer arrays).

Same rules as `air_daily.py` (the scalar reference; tests check agreement).
Hourly concentrations are parsed from their text into integers scaled by
10**3 (at most 3 decimals accepted; more is refused, never rounded away),
so every sum and mean below is exact integer arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import polars as pl

from .air_daily import MIN_HOURS_8H, MIN_HOURS_DAILY, MIN_VALID_WINDOWS, places_of
from .input_errors import MAX_ERRORS, CellError, InputErrors, quoted
from .rounding import v_round_half_even_div

HOURLY_COLUMNS = ("time", "station", "city", "so2", "no2", "co", "o3", "pm10", "pm25")
VALUE_COLUMNS = ("so2", "no2", "co", "o3", "pm10", "pm25")
RAW_PLACES = 3
_NUMBER = r"^[0-9]+(\.[0-9]{1,3})?$"
EPOCH = date(1970, 1, 1)


class HourlyDataError(InputErrors):
    """Bad input: up to 50 cells, each naming row and column (see input_errors)."""


def _scaled(col: str) -> pl.Expr:
    s = pl.col(col).str.strip_chars()
    parts = s.str.split_exact(".", 1)
    whole = parts.struct.field("field_0").cast(pl.Int64, strict=False)
    frac = parts.struct.field("field_1").str.pad_end(RAW_PLACES, "0").cast(pl.Int64, strict=False).fill_null(0)
    return (
        pl.when(s.is_null() | (s == ""))
        .then(pl.lit(-1, pl.Int64))
        .otherwise(whole * 10**RAW_PLACES + frac)
        .cast(pl.Int32)
        .alias(col)
    )


def _bad(col: str) -> pl.Expr:
    s = pl.col(col).str.strip_chars()
    return s.is_not_null() & (s != "") & ~s.str.contains(_NUMBER)


def _check_header(path) -> None:
    with open(path, encoding="utf-8-sig") as fh:
        header = [h.strip() for h in fh.readline().rstrip("\r\n").split(",")]
    missing = [c for c in HOURLY_COLUMNS if c not in header]
    if missing:
        raise HourlyDataError(f"缺少必需的列：{', '.join(missing)}")


def ragged_rows(path) -> tuple[list[CellError], int] | None:
    """The CSV lines whose field count differs from the header's (error path:
    polars refused the file): the first MAX_ERRORS and how many."""
    import csv

    cells, count = [], 0
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        width = len(next(reader, []))
        for row in reader:
            if row and len(row) != width:
                count += 1
                if len(cells) < MAX_ERRORS:
                    cells.append(CellError(reader.line_num, "", f"有 {len(row)} 个字段，表头有 {width} 个"))
    return (cells, count) if count else None


def _errors(lf: pl.LazyFrame, ts: pl.Expr) -> HourlyDataError:
    """Every bad cell of a file the reader refused: the first MAX_ERRORS rows
    and the count, by a rescan that runs on the error path only."""
    bad_time = ts.is_null() | (ts.dt.minute() != 0)
    counts = lf.select(
        bad_time.sum().alias("time"), *[_bad(c).sum().alias(c) for c in VALUE_COLUMNS]
    ).collect().row(0, named=True)
    df = (
        lf.with_row_index("row", offset=2)
        .with_columns(bad_time.fill_null(True).alias("_bad_time"))
        .filter(pl.col("_bad_time") | pl.any_horizontal(*[_bad(c) for c in VALUE_COLUMNS]))
        .head(MAX_ERRORS)
        .collect()
    )
    cells = []
    for row in df.iter_rows(named=True):
        if row["_bad_time"]:
            cells.append(CellError(row["row"], "time", f"无法识别的时间{quoted(row['time'])}，应为 YYYY-MM-DD HH:00"))
        for c in VALUE_COLUMNS:
            v = (row[c] or "").strip()
            if v and not re.match(_NUMBER, v):
                if v.startswith("-"):
                    why = f"数值不能为负数{quoted(row[c])}"
                else:
                    why = f"无法识别的数值{quoted(row[c])}（最多 3 位小数）"
                cells.append(CellError(row["row"], c, why))
    return HourlyDataError(cells, sum(counts.values()))


@dataclass
class DailyArrays:
    """Reported daily values: values[p] is an int64 (E, D) array in units of
    10**-places_of(p) (-1 = no valid value); names are the E entities."""

    names: list
    cities: list  # city of each station (station level), or names again
    days: list  # D dates
    values: dict


def _collect_fast(path, first: date, n_days: int):
    """Values read as Float64 only as a carrier of their decimal text: for a
    text with at most 3 decimals below 10**6, round(x * 1000) recovers the
    exact scaled integer (the double is within 2**-52 relative of the text),
    and the check |x*1000 - round(x*1000)| <= 1e-3 refuses any text with
    more decimals. Rows failing it, or anything polars cannot parse as a
    number, send the caller to the exact text path (`_collect_text`), which
    names the bad cell. No result depends on float arithmetic."""
    lf = pl.scan_csv(
        path,
        schema_overrides={
            "time": pl.String,
            "station": pl.Categorical,
            "city": pl.Categorical,
            **{c: pl.Float64 for c in VALUE_COLUMNS},
        },
        infer_schema=False,
    ).select(list(HOURLY_COLUMNS))
    ts = pl.col("time").str.strptime(pl.Datetime("ms"), "%Y-%m-%d %H:%M", strict=False)
    ok = [
        pl.col(c).is_null()
        | ((pl.col(c) >= 0) & (pl.col(c) < 1e6) & ((pl.col(c) * 1000 - (pl.col(c) * 1000).round(0)).abs() <= 1e-3))
        for c in VALUE_COLUMNS
    ]
    bad = ts.is_null() | (ts.dt.minute() != 0) | ~pl.all_horizontal(*ok)
    scaled = [
        pl.when(pl.col(c).is_null()).then(-1).otherwise((pl.col(c) * 1000).round(0)).cast(pl.Int32).alias(c)
        for c in VALUE_COLUMNS
    ]
    return _rows(lf, ts, bad, scaled, first, n_days).collect(engine="streaming")


def _rows(lf, ts, bad, scaled, first: date, n_days: int) -> pl.LazyFrame:
    """(station, city, day index, hour 0..23 of the hour's start, _bad, scaled values)."""
    start = ts - pl.duration(hours=1)
    day0 = (first - EPOCH).days
    return (
        lf.with_columns(start.alias("_start"), bad.alias("_bad"))
        .select(
            pl.col("station").cast(pl.Categorical),
            pl.col("city").cast(pl.Categorical),
            (pl.col("_start").dt.date().cast(pl.Int32) - day0).alias("day"),
            pl.col("_start").dt.hour().cast(pl.Int8).alias("hour"),
            pl.col("_bad"),
            *scaled,
        )
        .filter(pl.col("_bad") | pl.col("day").is_between(0, n_days - 1))
    )


def _collect_text(path, first: date, n_days: int):
    """Exact path on the text of every cell; raises HourlyDataError on bad input."""
    lf = pl.scan_csv(path, schema_overrides={c: pl.String for c in HOURLY_COLUMNS}, infer_schema=False)
    lf = lf.select(list(HOURLY_COLUMNS))
    ts = pl.col("time").str.strip_chars().str.strptime(pl.Datetime("ms"), "%Y-%m-%d %H:%M", strict=False)
    bad = ts.is_null() | (ts.dt.minute() != 0) | pl.any_horizontal(*[_bad(c) for c in VALUE_COLUMNS])
    out = _rows(lf, ts, bad, [_scaled(c) for c in VALUE_COLUMNS], first, n_days)
    try:
        out = out.collect(engine="streaming")
    except pl.exceptions.PolarsError as exc:
        raise HourlyDataError(*(ragged_rows(path) or (f"无法读取文件 {path}：{exc}",))) from None
    if out["_bad"].any():
        raise _errors(lf, ts)
    return out


def _names(col: pl.Series) -> tuple[list, np.ndarray]:
    """Sorted distinct names and, for each row, the index of its name."""
    uniq = col.unique()
    names = uniq.cast(pl.String).to_list()
    order = np.argsort(np.array(names, dtype=object))
    u_codes = uniq.to_physical().to_numpy().astype(np.int64)
    lookup = np.full(int(u_codes.max()) + 1, -1, dtype=np.int32)
    lookup[u_codes[order]] = np.arange(len(order))
    return [names[i] for i in order], lookup[col.to_physical().to_numpy()]


def read_daily(path, first: date, last: date, o3_limit: int = 160) -> DailyArrays:
    """Station daily values for days first..last from an hourly CSV."""
    _check_header(path)
    n_days = (last - first).days + 1
    try:
        out = _collect_fast(path, first, n_days)
        if out["_bad"].any():
            out = None
    except pl.exceptions.PolarsError:
        out = None
    if out is None:
        out = _collect_text(path, first, n_days)
    if out.height == 0:
        raise HourlyDataError(f"{first}～{last} 期间没有小时数据")
    names, inv = _names(out["station"])
    cities, city_idx = _names(out["city"])
    station_city = np.empty(len(names), dtype=np.int64)
    station_city[inv] = city_idx
    clash = station_city[inv] != city_idx
    if clash.any():
        row = int(np.flatnonzero(clash)[0])
        raise HourlyDataError(f"列 city：测点 {names[inv[row]]} 出现在多个城市下")
    city_of = [cities[i] for i in station_city]
    del city_idx, clash
    size = len(names) * n_days * 24
    itype = np.int32 if size < 2**31 else np.int64  # halves the index memory on a year of 2,000 stations
    flat = (inv.astype(itype) * n_days + out["day"].to_numpy().astype(itype)) * 24 + out["hour"].to_numpy()
    del inv
    out = out.select(VALUE_COLUMNS)  # free the key columns before the dense arrays
    values = {}
    for p in VALUE_COLUMNS:
        dense = np.full(size, -1, dtype=np.int32)
        dense[flat] = out[p].to_numpy()  # a repeated (station, hour) keeps the last row
        out = out.drop(p)
        dense = dense.reshape(len(names) * n_days, 24)
        if p == "o3":
            values["o3_8h"] = _o3_daily_max(dense, o3_limit).reshape(len(names), n_days)
            values["o3_1h"] = _o3_daily_max_1h(dense).reshape(len(names), n_days)
        else:
            values[p] = _daily_mean(dense, places_of(p)).reshape(len(names), n_days)
        del dense
    days = [first + timedelta(days=i) for i in range(n_days)]
    return DailyArrays(names, city_of, days, values)


def _daily_mean(dense: np.ndarray, places: int) -> np.ndarray:
    valid = dense >= 0
    cnt = valid.sum(axis=1, dtype=np.int64)
    total = np.where(valid, dense, 0).sum(axis=1, dtype=np.int64)
    den = np.maximum(cnt, 1) * 10 ** (RAW_PLACES - places)
    mean = v_round_half_even_div(total, den)
    return np.where(cnt >= MIN_HOURS_DAILY, mean, -1)


def _o3_daily_max_1h(dense: np.ndarray) -> np.ndarray:
    cnt = (dense >= 0).sum(axis=1, dtype=np.int64)
    top = v_round_half_even_div(dense.max(axis=1).astype(np.int64), 10**RAW_PLACES)
    return np.where(cnt >= MIN_HOURS_DAILY, top, -1)


def _o3_daily_max(dense: np.ndarray, limit: int) -> np.ndarray:
    valid = dense >= 0
    csum = np.zeros((dense.shape[0], 25), dtype=np.int64)
    ccnt = np.zeros((dense.shape[0], 25), dtype=np.int64)
    np.cumsum(np.where(valid, dense, 0), axis=1, out=csum[:, 1:])
    np.cumsum(valid, axis=1, out=ccnt[:, 1:])
    best = np.full(dense.shape[0], -1, dtype=np.int64)
    n_valid = np.zeros(dense.shape[0], dtype=np.int64)
    for end in range(8, 25):  # windows ending at hours 8..24 of the day
        s = csum[:, end] - csum[:, end - 8]
        c = ccnt[:, end] - ccnt[:, end - 8]
        ok = c >= MIN_HOURS_8H
        mean = v_round_half_even_div(s, np.maximum(c, 1) * 10**RAW_PLACES)
        best = np.where(ok, np.maximum(best, mean), best)
        n_valid += ok
    keep = (n_valid >= MIN_VALID_WINDOWS) | ((n_valid > 0) & (best > limit))
    return np.where(keep, best, -1)


def city_daily(d: DailyArrays) -> DailyArrays:
    """City daily value = arithmetic mean of its stations' valid daily values
    (HJ 663-2013 city statistics), reported with the same rounding."""
    cities = sorted(set(d.cities))
    idx = {c: i for i, c in enumerate(cities)}
    member = np.array([idx[c] for c in d.cities])
    order = np.argsort(member, kind="stable")
    bounds = np.flatnonzero(np.r_[True, np.diff(member[order]) != 0])
    values = {}
    for p, arr in d.values.items():
        a = arr[order]
        valid = a >= 0
        total = np.add.reduceat(np.where(valid, a, 0), bounds, axis=0)
        cnt = np.add.reduceat(valid.astype(np.int64), bounds, axis=0)
        mean = v_round_half_even_div(total, np.maximum(cnt, 1))
        values[p] = np.where(cnt > 0, mean, -1)
    return DailyArrays(cities, cities, d.days, values)
