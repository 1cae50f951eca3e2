"""GB 3095 secondary (二级) concentration limits used by HJ 663 evaluation.

GB 3095-2012 表 1; GB 3095-2026 表 1 (reference PNG p3): "过渡阶段浓度限值"
apply from 2026-03-01 to 2030-12-31 and the "浓度限值" from 2031-01-01
(GB 3095-2026 §4.4). Units µg/m³, CO mg/m³. Secondary level because the
evaluation (and the composite index) is for 二类区 / cities.
"""

from __future__ import annotations

from datetime import date

LIMITS = {
    "2012": {
        "so2_year": 60, "so2_24h": 150, "no2_year": 40, "no2_24h": 80, "co_24h": 4, "o3_8h": 160,
        "pm10_year": 70, "pm10_24h": 150, "pm25_year": 35, "pm25_24h": 75,
    },
    "2026": {  # transition limits, to 2030-12-31
        "so2_year": 60, "so2_24h": 150, "no2_year": 40, "no2_24h": 80, "co_24h": 4, "o3_8h": 160,
        "pm10_year": 60, "pm10_24h": 120, "pm25_year": 30, "pm25_24h": 60,
    },
    "2026-final": {  # from 2031-01-01
        "so2_year": 20, "so2_24h": 50, "no2_year": 30, "no2_24h": 50, "co_24h": 4, "o3_8h": 160,
        "pm10_year": 50, "pm10_24h": 100, "pm25_year": 25, "pm25_24h": 50,
    },
}

GB3095_2026_IN_FORCE = date(2026, 3, 1)
GB3095_2026_FINAL = date(2031, 1, 1)


def limits_for(last_day: date) -> str:
    """Limit set in force on the last day of the evaluated period.

    A period straddling 2026-03-01 is judged by the set in force at its end
    (our choice; the standards do not say) — pass an explicit set otherwise.
    """
    if last_day < GB3095_2026_IN_FORCE:
        return "2012"
    return "2026" if last_day < GB3095_2026_FINAL else "2026-final"
