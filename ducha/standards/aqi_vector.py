"""Bulk AQI with numpy, integer arithmetic only.

Same rules as `aqi.py` (which is the reference; tests check agreement on
random inputs). Concentrations arrive as scaled integers: an int64 array `v`
with `places` decimals means the value v / 10**places; -1 marks missing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .aqi_tables import BREAKPOINTS, DAILY_INDICATORS, HOURLY_INDICATORS, IAQI_POINTS, INPUT_PLACES_2026
from .rounding import v_ceil_div, v_round_half_even_div

MISSING = -1
ABOVE = 1_000_000  # internal sentinel for "above scale"; never a reported number
STATUS_OK, STATUS_NA, STATUS_ABOVE = 0, 1, 2


@dataclass
class Scaled:
    values: np.ndarray  # int64, -1 = missing
    places: int


def v_iaqi(indicator: str, col: Scaled, standard: str) -> np.ndarray:
    """IAQI array (int64); MISSING where missing, ABOVE where above the table;
    the 2012 substitution cases (SO2 1h / O3 8h > 800) come back as -2."""
    v = np.asarray(col.values, dtype=np.int64)
    p = col.places
    missing = v < 0
    if standard == "2026":
        t = INPUT_PLACES_2026.get(indicator, 0)
        if p > t:
            v = np.where(missing, -1, v_round_half_even_div(np.where(missing, 0, v), 10 ** (p - t)))
        elif p < t:
            v = np.where(missing, -1, v * 10 ** (t - p))
        p = t
    bps = np.array(BREAKPOINTS[standard][indicator], dtype=np.int64) * 10**p
    pts = np.array(IAQI_POINTS[: len(bps)], dtype=np.int64)
    i = np.clip(np.searchsorted(bps, v, side="left"), 1, len(bps) - 1)
    lo_bp, hi_bp, lo_i, hi_i = bps[i - 1], bps[i], pts[i - 1], pts[i]
    out = lo_i + v_ceil_div((hi_i - lo_i) * (v - lo_bp), hi_bp - lo_bp)
    above = v > bps[-1]
    if indicator == "so2_1h":
        out = np.where(above, 200 if standard == "2026" else -2, out)
    elif indicator == "o3_8h":
        out = np.where(above, 300 if standard == "2026" else -2, out)
    else:
        out = np.where(above, ABOVE, out)
    return np.where(missing, MISSING, out)


@dataclass
class AqiArrays:
    names: tuple
    iaqi: dict  # name -> int64 array (MISSING / ABOVE sentinels)
    aqi: np.ndarray  # int64, meaningful where status == STATUS_OK
    status: np.ndarray  # int8
    primary: np.ndarray  # int64 bit mask over `names`


def _compose(names, subs, standard_is_2026: np.ndarray, required) -> AqiArrays:
    stack = np.stack([subs[n] for n in names])
    # Only the six indicators of the edition count as "missing" for 2026 §5.3.1.
    any_missing = np.stack([subs[n] == MISSING for n in required]).any(axis=0)
    top = stack.max(axis=0)  # MISSING (-1) only when all are missing
    status = np.full(top.shape, STATUS_OK, dtype=np.int8)
    status[top == ABOVE] = STATUS_ABOVE
    na = (top == MISSING) | (any_missing & standard_is_2026 & (top <= 100))
    status[na & (top != ABOVE)] = STATUS_NA
    primary = np.zeros(top.shape, dtype=np.int64)
    show = (status != STATUS_NA) & (top > 50)
    for bit, n in enumerate(names):
        primary |= np.where(show & (subs[n] == top), 1 << bit, 0)
    return AqiArrays(tuple(names), subs, top, status, primary)


def _substitute(sub, rows_index, name, other_key, other: Scaled | None, std):
    need = sub == -2
    if not need.any():
        return sub
    alt = None if other is None else v_iaqi(other_key, other, std)
    bad = need if alt is None else need & (alt == MISSING)
    if bad.any():
        row = int(rows_index[np.flatnonzero(bad)[0]])
        raise ValueError(f"row {row}: {name} above 800: HJ 633-2012 needs the {other_key} value")
    return np.where(need, alt, sub)


def _run(by_std: dict, cols: dict, is_2026: np.ndarray, extra_keys: dict) -> AqiArrays:
    """by_std: edition -> {output name: indicator key}."""
    n = len(is_2026)
    names = list(dict.fromkeys(name for ind in by_std.values() for name in ind))
    subs = {name: np.full(n, MISSING, dtype=np.int64) for name in names}
    for std, rows in (("2026", is_2026), ("2012", ~is_2026)):
        if not rows.any():
            continue
        idx = np.flatnonzero(rows)
        for name, key in by_std[std].items():
            col = cols.get(name)
            if col is None:
                continue
            s = v_iaqi(key, Scaled(col.values[idx], col.places), std)
            if std == "2012" and key in extra_keys:
                other_key, other_name = extra_keys[key]
                other = cols.get(other_name)
                other = None if other is None else Scaled(other.values[idx], other.places)
                s = _substitute(s, idx, name, other_key, other, std)
            subs[name][idx] = s
    required = list(by_std["2026"])
    return _compose(names, subs, is_2026, required)


def daily_aqi_arrays(cols: dict, is_2026: np.ndarray) -> AqiArrays:
    """cols: SO2, NO2, CO, O3_8h, PM10, PM2.5 (optional O3_1h: 2012 §5.1.2
    lists the O3 daily max 1h as a daily indicator; 2026 drops it)."""
    is_2026 = np.asarray(is_2026, dtype=bool)
    ind12 = dict(DAILY_INDICATORS)
    if "O3_1h" in cols:
        ind12["O3_1h"] = "o3_1h"
    by_std = {"2012": ind12, "2026": dict(DAILY_INDICATORS)}
    return _run(by_std, cols, is_2026, {"o3_8h": ("o3_1h", "O3_1h")})


def hourly_aqi_arrays(cols: dict, is_2026: np.ndarray) -> AqiArrays:
    """cols: SO2, NO2, CO, O3, PM10, PM2.5 (2012 only: optional O3_8h moving
    average, and SO2_24h needed when SO2 1h > 800)."""
    is_2026 = np.asarray(is_2026, dtype=bool)
    ind12 = dict(HOURLY_INDICATORS)
    if "O3_8h" in cols:
        ind12["O3_8h"] = "o3_8h"
    by_std = {"2012": ind12, "2026": dict(HOURLY_INDICATORS)}
    extra = {"so2_1h": ("so2_24h", "SO2_24h"), "o3_8h": ("o3_1h", "O3")}
    return _run(by_std, cols, is_2026, extra)
