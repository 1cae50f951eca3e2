"""Daily AQI for a CSV of station-days (what `ducha air aqi` runs).

Input columns `date,station,so2,no2,co,o3_8h,pm10,pm25` (daily means µg/m³,
CO mg/m³, O3 daily max 8h); optional `o3_1h` (O3 daily max 1h, a daily
indicator of HJ 633-2012 §5.1.2 and the substitute its 表 1 注(3) needs when
O3 8h > 800). Empty cell = missing. Numbers are read from their text into
scaled integers (as many decimals as the column has, at most 6), so no float
touches a result; the rules are those of `aqi_vector` (= `aqi`).

Output adds `iaqi_so2 … iaqi_pm25, aqi, level, category, primary`:
- IAQI empty where the input is missing; ">500" where the concentration is
  above the top of its table (reported out of range, never capped);
- `aqi` "NA" (and level, category, primary "NA") where HJ 633-2026 §5.3.1
  says so; ">500" when an IAQI is above the table (level 6);
- `primary` names joined by ";", empty when AQI <= 50.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from .air_bulk import ragged_rows
from .aqi_tables import HJ633_2026_IN_FORCE, LEVELS
from .csv_files import atomic_output
from .aqi_vector import ABOVE, MISSING, STATUS_ABOVE, STATUS_NA, Scaled, daily_aqi_arrays
from .input_errors import MAX_ERRORS, CellError, ErrorList, InputErrors, quoted

INPUT_COLUMNS = ("date", "station", "so2", "no2", "co", "o3_8h", "pm10", "pm25")
VALUES = {"so2": "SO2", "no2": "NO2", "co": "CO", "o3_8h": "O3_8h", "pm10": "PM10", "pm25": "PM2.5"}
OPTIONAL = {"o3_1h": "O3_1h"}
OUTPUT_COLUMNS = tuple(f"iaqi_{c}" for c in VALUES) + ("aqi", "level", "category", "primary")
MAX_PLACES = 6
MAX_DIGITS = 15  # digits and point: x 10**6 stays far inside int64
_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


class AqiInputError(InputErrors):
    """Bad input: up to 50 cells, each naming row and column (see input_errors)."""


def _header(path) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            header = [h.strip() for h in fh.readline().rstrip("\r\n").split(",")]
    except FileNotFoundError:
        raise AqiInputError(f"文件不存在：{path}") from None
    except UnicodeDecodeError:
        raise AqiInputError(f"文件不是 UTF-8 编码的文本：{path}") from None
    missing = [c for c in INPUT_COLUMNS if c not in header]
    if missing:
        raise AqiInputError(f"缺少必需的列：{', '.join(missing)}")
    return header


def _bad_cells(errors: ErrorList, df: pl.DataFrame, col: str, bad, why) -> None:
    """Adds the first MAX_ERRORS rows where `bad` (a mask or an expression)
    holds, with `why(text)` as the reason, and counts them all. The error
    path only: the callers test for any bad cell first."""
    mask = (bad if isinstance(bad, pl.Series) else df.select(bad).to_series()).fill_null(False)
    count = int(mask.sum())
    if count:
        hit = df.select(pl.col(col)).with_row_index("_row", offset=2).filter(mask).head(MAX_ERRORS)
        errors.extend([CellError(row, col, why(text)) for row, text in hit.iter_rows()], count)


def _not_a_number(text) -> str:
    t = (text or "").strip()
    if t.startswith("-") and _NUMBER.match(t[1:]):
        return f"数值不能为负数{quoted(text)}"
    return f"无法识别的数值{quoted(text)}"


def _decimals(text: pl.Expr) -> pl.Expr:
    """Digits after the point of a valid number; null without a point."""
    return text.str.len_bytes() - text.str.find(".", literal=True) - 1


def _scaled_columns(df: pl.DataFrame, columns: dict, errors: ErrorList) -> dict | None:
    """{input column: Scaled}, parsed from the text by integer casts only.

    One polars pass checks every cell against the number pattern and finds
    each column's decimals; a column with no decimal point is cast straight
    to integers, one with decimals has its point removed and each cell scaled
    up to the column's decimals (so "1.5" and "1.25" become 150 and 125 at 2
    places). Cells with spaces around them are stripped first (slow path,
    only for the columns that have them). Bad cells go to `errors` (None is
    returned then).
    """
    frame = df.select(list(columns))
    check = frame.select(
        *[(pl.col(c).is_null() | pl.col(c).str.contains(_NUMBER.pattern) | (pl.col(c) == "")).all().alias(f"ok_{c}") for c in columns],
    ).row(0, named=True)
    stripped = [c for c in columns if not check[f"ok_{c}"]]
    if stripped:
        frame = frame.with_columns(pl.col(c).str.strip_chars() for c in stripped)
        for c in stripped:
            t = frame[c]
            bad = t.is_not_null() & (t != "") & ~t.str.contains(_NUMBER.pattern)
            if bad.any():
                _bad_cells(errors, df, c, bad, _not_a_number)
                frame = frame.with_columns(pl.when(bad).then(None).otherwise(pl.col(c)).alias(c))
    decimals = {c: _decimals(pl.col(c)) for c in columns}
    sizes = frame.select(
        *[decimals[c].max().fill_null(0).alias(f"places_{c}") for c in columns],
        *[pl.col(c).str.len_bytes().max().fill_null(0).alias(f"len_{c}") for c in columns],
    ).row(0, named=True)
    exprs = []
    for c in columns:
        p = sizes[f"places_{c}"]
        if p > MAX_PLACES:
            bad = frame.select(_decimals(pl.col(c)).fill_null(0) > MAX_PLACES).to_series()
            _bad_cells(errors, df, c, bad, lambda t: f"数值{quoted(t)}超过 {MAX_PLACES} 位小数")
        if sizes[f"len_{c}"] > MAX_DIGITS:
            bad = frame.select(pl.col(c).str.len_bytes() > MAX_DIGITS).to_series()
            _bad_cells(errors, df, c, bad, lambda t: f"数值{quoted(t)}超过 {MAX_DIGITS} 个字符")
        t = pl.col(c)
        if p == 0:
            value = t.cast(pl.Int64, strict=False)
        else:
            scale = (p - decimals[c].fill_null(0)).replace_strict({k: 10**k for k in range(p + 1)}, return_dtype=pl.Int64)
            value = t.str.replace(".", "", literal=True).cast(pl.Int64, strict=False) * scale
        exprs.append(pl.when(t.is_null() | (t == "")).then(MISSING).otherwise(value).alias(c))
    if errors:
        return None
    scaled = frame.select(exprs)
    return {c: Scaled(scaled[c].to_numpy().astype(np.int64, copy=False), sizes[f"places_{c}"]) for c in columns}


def compute(df: pl.DataFrame, standard: str = "auto") -> pl.DataFrame:
    """`df` with the input columns as text -> `df` plus the output columns."""
    if standard not in ("auto", "2012", "2026"):
        raise AqiInputError(f"未知的 HJ 633 版本{quoted(standard)}，可选 auto、2012 或 2026")
    errors = ErrorList()
    dates = df["date"].str.strip_chars().str.strptime(pl.Date, "%Y-%m-%d", strict=False)
    if dates.null_count():
        _bad_cells(errors, df, "date", dates.is_null(), lambda t: f"无法识别的日期{quoted(t)}，应为 YYYY-MM-DD")
    no_station = df["station"].is_null() | (df["station"].str.strip_chars() == "")
    if no_station.any():
        _bad_cells(errors, df, "station", no_station, lambda t: "测点名称为空")
    dates = dates.fill_null(HJ633_2026_IN_FORCE)  # only while the other cells are checked
    if standard == "auto":
        is_2026 = (dates >= HJ633_2026_IN_FORCE).to_numpy()
    else:
        is_2026 = np.full(df.height, standard == "2026")
    wanted = {c: name for c, name in {**VALUES, **OPTIONAL}.items() if c in df.columns}
    scaled = _scaled_columns(df, wanted, errors)
    errors.raise_if_any(AqiInputError, df.columns)
    cols = {wanted[c]: v for c, v in scaled.items()}
    o3 = cols["O3_8h"]
    need_1h = ~is_2026 & (o3.values > 800 * 10**o3.places)
    if "O3_1h" in cols:
        need_1h &= cols["O3_1h"].values == MISSING
    if need_1h.any():
        rows = np.flatnonzero(need_1h)
        why = "O3 日最大 8 小时平均高于 800，须给出 O3 日最大 1 小时平均（HJ 633-2012 表 1 注(3)）"
        raise AqiInputError([CellError(int(r) + 2, "o3_1h", why) for r in rows[:MAX_ERRORS]], len(rows))
    res = daily_aqi_arrays(cols, is_2026)
    na = res.status == STATUS_NA
    above = res.status == STATUS_ABOVE
    aqi = np.where(above, ABOVE, np.where(na, MISSING, res.aqi))
    level = np.clip(np.searchsorted(np.array([u for u, *_ in LEVELS[:-1]]), np.maximum(res.aqi, 0), side="left") + 1, 1, 6)
    level[above] = 6
    # every bit mask over the names has its label: a gather instead of per-row joins
    labels = [";".join(n for b, n in enumerate(res.names) if m >> b & 1) for m in range(1 << len(res.names))]
    tmp = pl.DataFrame(
        {
            **{f"iaqi_{c}": res.iaqi[name] for c, name in VALUES.items()},
            "aqi": aqi,
            "_na": na,
            "_level": level.astype(np.int64),
            "_primary": res.primary,
        }
    )
    na_expr = pl.col("_na")
    exprs = [_ints_text(f"iaqi_{c}") for c in VALUES]
    exprs.append(pl.when(na_expr).then(pl.lit("NA")).otherwise(_ints_text("aqi")).alias("aqi"))
    exprs.append(pl.when(na_expr).then(pl.lit("NA")).otherwise(pl.col("_level").cast(pl.String)).alias("level"))
    category = pl.lit(pl.Series([""] + [lv[3] for lv in LEVELS])).gather(pl.col("_level"))
    exprs.append(pl.when(na_expr).then(pl.lit("NA")).otherwise(category).alias("category"))
    primary = pl.lit(pl.Series(labels)).gather(pl.col("_primary"))
    exprs.append(pl.when(na_expr).then(pl.lit("NA")).otherwise(primary).alias("primary"))
    return pl.concat([df, tmp.select(exprs)], how="horizontal")


def _ints_text(col: str) -> pl.Expr:
    v = pl.col(col)
    return (
        pl.when(v == MISSING).then(None).when(v == ABOVE).then(pl.lit(">500")).otherwise(v.cast(pl.String)).alias(col)
    )


def aqi_csv(path, out=None, standard: str = "auto") -> pl.DataFrame:
    """Read `path`, compute, and write `out` (None: only return the frame).

    Nothing is written when the input is bad (AqiInputError lists up to 50
    bad cells by row and column); the output appears whole, via a temporary file and a rename.
    """
    header = _header(path)
    keep = [c for c in header if c]
    try:
        df = pl.read_csv(path, schema_overrides={c: pl.String for c in keep}, infer_schema=False)
    except pl.exceptions.PolarsError as exc:
        raise AqiInputError(*(ragged_rows(path) or (f"无法读取文件 {path}：{exc}",))) from None
    if df.height == 0:
        raise AqiInputError("文件没有数据行")
    result = compute(df, standard)
    if out is not None:
        write_atomic(result, out)
    return result


def write_atomic(df: pl.DataFrame, out) -> None:
    with atomic_output(out) as tmp:
        df.write_csv(tmp)


__all__ = ["AqiInputError", "aqi_csv", "compute", "write_atomic", "INPUT_COLUMNS", "OUTPUT_COLUMNS"]
