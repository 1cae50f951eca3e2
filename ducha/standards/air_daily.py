"""Daily values from hourly data (GB 3095 validity, HJ 663 statistics).

Hour convention: `time` "YYYY-MM-DD HH:00" marks the END of the hour, so
"2025-01-02 00:00" is hour 24 of 2025-01-01 (HJ 633-2012 §5.1.2: the daily
period is "当日零点前 24 小时"; GB 3095-2026 §3.10: a natural day's 24 hourly
values).

Rules applied (all exact; daily values are reported, and then used, rounded
per GB/T 8170 to integers µg/m³, CO to 0.1 mg/m³ — HJ 663-2013 data
rounding table, restated by HJ 633-2026 §4.2.2):

- Daily mean (SO2, NO2, CO, PM10, PM2.5): at least 20 valid hourly values
  (GB 3095-2026 表 4 "每日至少有 20 个小时平均浓度值"; same in GB 3095-2012 表 4).
- O3 8h moving average: at least 6 valid hourly values in the 8 hours
  (GB 3095-2026 表 4 "每 8 小时至少有 6 个小时平均浓度值").
- O3 daily max 8h: GB 3095-2026 §3.8 (8 小时平均 = "连续8个小时平均浓度的
  算术平均值") and §3.9 (日最大8小时平均 = "一个自然日内8小时滑动平均的最大
  值"; reference PNG p2). The 8h averages of a day are those ending at
  hours 8..24 of that day (window h-7..h), i.e. windows starting
  00:00..16:00, 17 windows; the day is valid with at least 14 valid 8h
  values, or, with fewer, when the daily max still exceeds the limit
  (HJ 663-2013 §6 数据统计有效性, 日评价 O3 日最大8小时平均: "当日8时至24时
  至少有14个有效8小时平均浓度值。当不满足14个有效数据时，若日最大8小时
  平均浓度超过浓度限值标准时，统计结果仍有效"). That HJ 663 wording is
  quoted second-hand (no primary copy of HJ 663 was reachable); GB 3095's
  definitions are read from the primary text.
- O3 daily max 1h (HJ 633-2012 §5.1.2 lists it among the 7 daily-report
  indicators; HJ 633-2026 §4.2.2 drops it): the largest hourly value of the
  day, taken only when the day has at least 20 valid hourly O3 values (the
  daily-value rule of GB 3095 表 4 applied by analogy: our choice).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Mapping, Sequence

from .rounding import round_half_even, to_fraction

POLLUTANTS = ("so2", "no2", "co", "o3", "pm10", "pm25")
MEAN_POLLUTANTS = ("so2", "no2", "co", "pm10", "pm25")
MIN_HOURS_DAILY = 20
MIN_HOURS_8H = 6
O3_WINDOW_ENDS = range(8, 25)  # 17 windows per day
MIN_VALID_WINDOWS = 14
# Reported precision of concentrations: CO mg/m³ 1 decimal, others integers.
PLACES = {"co": 1}


def places_of(pollutant: str) -> int:
    return PLACES.get(pollutant.split("_")[0], 0)


def hour_slot(time_text: str) -> tuple[date, int]:
    """("2025-01-02 00:00") -> (2025-01-01, 24): day and hour 1..24."""
    t = datetime.strptime(time_text.strip(), "%Y-%m-%d %H:%M")
    if t.minute:
        raise ValueError(f"time {time_text!r} is not on the hour")
    start = t - timedelta(hours=1)
    return start.date(), start.hour + 1


def report(pollutant: str, value: Fraction | None) -> Fraction | None:
    """GB/T 8170 rounding to the reported precision, kept as a Fraction."""
    if value is None:
        return None
    return Fraction(round_half_even(value, places_of(pollutant)))


def daily_mean(hourly: Sequence) -> Fraction | None:
    """Exact mean of the valid hourly values; None below 20 values."""
    vals = [to_fraction(v) for v in hourly if v is not None and v != ""]
    if len(vals) < MIN_HOURS_DAILY:
        return None
    return sum(vals, Fraction(0)) / len(vals)


def o3_8h_averages(by_hour: Mapping[int, object]) -> list[Fraction | None]:
    """The 17 8h moving averages of one day; by_hour maps 1..24 -> value."""
    out = []
    for end in O3_WINDOW_ENDS:
        vals = [by_hour.get(h) for h in range(end - 7, end + 1)]
        vals = [to_fraction(v) for v in vals if v is not None and v != ""]
        out.append(sum(vals, Fraction(0)) / len(vals) if len(vals) >= MIN_HOURS_8H else None)
    return out


def o3_daily_max_8h(by_hour: Mapping[int, object], limit: int = 160) -> Fraction | None:
    """Reported (rounded) O3 daily max 8h, or None when not valid.

    `limit` is the O3 8h limit used by the HJ 663 exception (GB 3095 secondary
    level: 160 µg/m³ in GB 3095-2012 and in GB 3095-2026, transition and final).
    Rounding is monotone, so max(round(x)) == round(max(x)).
    """
    avgs = [a for a in o3_8h_averages(by_hour) if a is not None]
    if not avgs:
        return None
    top = report("o3", max(avgs))
    if len(avgs) >= MIN_VALID_WINDOWS or top > limit:
        return top
    return None


def o3_daily_max_1h(hourly: Sequence) -> Fraction | None:
    vals = [to_fraction(v) for v in hourly if v is not None and v != ""]
    return report("o3", max(vals)) if len(vals) >= MIN_HOURS_DAILY else None


def daily_values(rows: Sequence[Mapping], o3_limit: int = 160) -> dict:
    """Reference (scalar) daily values for ONE station.

    rows: mappings with "time" and pollutant columns (text or numbers; None
    or "" = missing). Returns {day: {"so2": Fraction|None, ..., "o3_8h": ...,
    "o3_1h": ...}}
    with reported (rounded) values.
    """
    by_day: dict[date, dict[int, Mapping]] = {}
    for row in rows:
        day, h = hour_slot(row["time"])
        by_day.setdefault(day, {})[h] = row
    out = {}
    for day, hours in sorted(by_day.items()):
        vals = {}
        for p in MEAN_POLLUTANTS:
            vals[p] = report(p, daily_mean([r.get(p) for r in hours.values()]))
        vals["o3_8h"] = o3_daily_max_8h({h: r.get("o3") for h, r in hours.items()}, o3_limit)
        vals["o3_1h"] = o3_daily_max_1h([r.get("o3") for r in hours.values()])
        out[day] = vals
    return out
