"""Breakpoint tables of HJ 633-2012 (table 1) and HJ 633-2026 (table 3).

Read from /work/shared/reference/standards/: HJ633-2012-text.txt (表 1) and
HJ633-2026-p3-table3-breakpoints.png (表 3). Segments are continuous: the
lower breakpoint of a segment is the upper one of the previous segment
(formula (1) uses BP_Lo/BP_Hi "相近的" limits), unlike the US-style 0-50 /
51-100 gapped tables.

Concentrations in µg/m³ except CO in mg/m³. Breakpoints are integers in both
editions, so tables are plain ints.
"""

from __future__ import annotations

from datetime import date

IAQI_POINTS = (0, 50, 100, 150, 200, 300, 400, 500)

# Indicator keys: pollutant + averaging time.
_COMMON = {
    "so2_24h": (0, 50, 150, 475, 800, 1600, 2100, 2620),
    # 1h table stops at IAQI 200 (800 µg/m³); above that see the special rules.
    "so2_1h": (0, 150, 500, 650, 800),
    "no2_24h": (0, 40, 80, 180, 280, 565, 750, 940),
    "no2_1h": (0, 100, 200, 700, 1200, 2340, 3090, 3840),
    "co_24h": (0, 2, 4, 14, 24, 36, 48, 60),
    "co_1h": (0, 5, 10, 35, 60, 90, 120, 150),
    "o3_1h": (0, 160, 200, 300, 400, 800, 1000, 1200),
    # 8h table stops at IAQI 300 (800 µg/m³); above that see the special rules.
    "o3_8h": (0, 100, 160, 215, 265, 800),
}

BREAKPOINTS = {
    "2012": {
        **_COMMON,
        "pm10_24h": (0, 50, 150, 250, 350, 420, 500, 600),
        "pm25_24h": (0, 35, 75, 115, 150, 250, 350, 500),
    },
    # HJ 633-2026 表 3: only the IAQI-100 breakpoints of PM10 (150 -> 120) and
    # PM2.5 (75 -> 60) change.
    "2026": {
        **_COMMON,
        "pm10_24h": (0, 50, 120, 250, 350, 420, 500, 600),
        "pm25_24h": (0, 35, 60, 115, 150, 250, 350, 500),
    },
}

# Decimal places inputs are rounded to (GB/T 8170) before IAQI under
# HJ 633-2026 §4.2.2/§4.2.3: µg/m³ to integers, CO (mg/m³) to one decimal.
# HJ 633-2012 has no such step: the concentration is used as given.
INPUT_PLACES_2026 = {"co_24h": 1, "co_1h": 1}

STANDARDS = ("2012", "2026")
HJ633_2026_IN_FORCE = date(2026, 3, 1)


def standard_for(day: date) -> str:
    """HJ 633-2012 applies up to 2026-02-28, HJ 633-2026 from 2026-03-01."""
    return "2026" if day >= HJ633_2026_IN_FORCE else "2012"


# 表 1 (2026) / 表 2 (2012): level, category, colour. Upper AQI bound of each
# level; above 300 is level 6. RGB from HJ 633-2012 附录 A 表 A.1.
LEVELS = (
    (50, 1, "一级", "优", "绿色", (0, 228, 0)),
    (100, 2, "二级", "良", "黄色", (255, 255, 0)),
    (150, 3, "三级", "轻度污染", "橙色", (255, 126, 0)),
    (200, 4, "四级", "中度污染", "红色", (255, 0, 0)),
    (300, 5, "五级", "重度污染", "紫色", (153, 0, 76)),
    (None, 6, "六级", "严重污染", "褐红色", (126, 0, 35)),
)

# Daily report (日报) and hourly report (实时报) indicators by output name.
# HJ 633-2026 §4.2.4: PM10/PM2.5 hourly values use the daily (24h) columns.
DAILY_INDICATORS = {
    "SO2": "so2_24h",
    "NO2": "no2_24h",
    "CO": "co_24h",
    "O3_8h": "o3_8h",
    "PM10": "pm10_24h",
    "PM2.5": "pm25_24h",
}
HOURLY_INDICATORS = {
    "SO2": "so2_1h",
    "NO2": "no2_1h",
    "CO": "co_1h",
    "O3": "o3_1h",
    "PM10": "pm10_24h",
    "PM2.5": "pm25_24h",
}
