"""Demo quality data for 丽水市: the 2026 targets its plan sets and a
plausible year of generated monitoring data, loaded through the same services
and import path as real data. `ducha demo_data` calls `load`; running it again
changes nothing (targets are kept, imports replace the same days/months)."""

from __future__ import annotations

import datetime as dt
import math
import random
import tempfile
from pathlib import Path

from django.utils import timezone

from .importing import import_air, import_water
from .models import IndicatorTarget
from .services import create_target

YEAR = 2026
TARGETS = (
    # indicator, comparator, value, unit, name, source text
    ("pm25_mean", "<", "24", "微克/立方米", "PM2.5平均浓度", "PM2.5平均浓度低于24微克/立方米"),
    ("good_days_ratio", ">=", "97", "%", "空气质量优良天数比例", "空气质量优良天数比例保持在97%以上"),
    ("surface_water_good_ratio", ">=", "100", "%", "地表水Ⅰ-Ⅲ类水质比例", "地表水Ⅰ-Ⅲ类水质比例保持100%"),
    ("inferior_v_sections", "<=", "0", "个", "劣Ⅴ类断面数", "消除劣Ⅴ类水体"),
    ("drinking_water_attainment_ratio", ">=", "100", "%", "饮用水水源地水质达标率",
     "县级以上集中式饮用水水源地水质达标率保持100%"),
)
DRINKING_SOURCES = {"紧水滩水库", "滩坑水库"}
SECTIONS = (  # name, type, baseline NH3-N, TP, CODMn
    ("大港头", "river", 0.12, 0.03, 1.6),
    ("开潭", "river", 0.18, 0.05, 2.0),
    ("大溪桥", "river", 0.22, 0.06, 2.2),
    ("港口", "river", 0.25, 0.08, 2.4),
    ("小安溪口", "river", 0.30, 0.09, 2.6),
    ("紧水滩水库", "reservoir", 0.08, 0.012, 1.5),
    ("滩坑水库", "reservoir", 0.07, 0.011, 1.4),
    ("青田温溪", "river", 0.28, 0.07, 2.3),
)
WATER_HEADER = "section,type,drinking_source,ph,do,codmn,cod,bod5,nh3n,tp,tn,cu,zn,fluoride,as,hg,cd,cr6,pb,petroleum"


def _air_csv(rng: random.Random, last: dt.date) -> str:
    lines = ["date,station,so2,no2,co,o3_8h,pm10,pm25"]
    day = dt.date(YEAR, 1, 1)
    while day <= last:
        season = math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365)  # 1 in mid-January
        pm25 = max(4, round(rng.gauss(21 + 9 * season, 6)))
        if rng.random() < 0.01:
            pm25 += rng.randint(30, 50)  # a rare haze day
        o3 = max(30, round(rng.gauss(105 - 30 * season, 22)))
        lines.append(",".join(str(v) for v in (
            day.isoformat(), "丽水市", rng.randint(3, 7), max(6, round(rng.gauss(18 + 6 * season, 4))),
            f"{rng.uniform(0.4, 0.9):.1f}", o3, round(pm25 * rng.uniform(1.5, 1.9)), pm25,
        )))
        day += dt.timedelta(days=1)
    return "\n".join(lines) + "\n"


def _water_csv(rng: random.Random) -> str:
    lines = [WATER_HEADER]
    for name, kind, nh3n, tp, codmn in SECTIONS:
        def vary(x, places):
            return f"{x * rng.uniform(0.7, 1.3):.{places}f}"
        lines.append(",".join((
            name, kind, "是" if name in DRINKING_SOURCES else "否", f"{rng.uniform(6.8, 7.9):.2f}", f"{rng.uniform(7.0, 9.5):.1f}", vary(codmn, 1),
            vary(codmn * 4, 0), vary(1.2, 1), vary(nh3n, 3), vary(tp, 3), vary(0.9, 2),
            # below the detection limit as monitoring reports write it (HJ/T 91: limit + "L")
            "0.002L", "0.005", vary(0.2, 2), "0.001", "0.00004L", "0.0001", "0.004", "0.001", "0.01",
        )))
    return "\n".join(lines) + "\n"


def load(acting_user, division, *, seed: int = 2026) -> dict:
    """Targets for `division` (丽水市) in 2026 and generated data up to
    yesterday (or the whole year once it is over). Returns counts."""
    created = 0
    for indicator, comparator, value, unit, name, source in TARGETS:
        exists = IndicatorTarget.objects.filter(division=division, year=YEAR, indicator=indicator,
                                                comparator=comparator, region="").exists()
        if not exists:
            create_target(acting_user=acting_user, division=division, indicator=indicator, comparator=comparator,
                          value=value, year=YEAR, name=name, unit=unit, source_text=source)
            created += 1
    rng = random.Random(seed)
    last = min(timezone.localdate() - dt.timedelta(days=1), dt.date(YEAR, 12, 31))
    months = 0
    with tempfile.TemporaryDirectory() as tmp:
        air = Path(tmp) / "air.csv"
        air.write_text(_air_csv(rng, last), encoding="utf-8")
        days = import_air(acting_user=acting_user, division=division, path=air).rows
        # Monthly water results arrive about a month later.
        for month in range(1, max(0, last.month - 1 if last.year == YEAR else 12) + 1):
            path = Path(tmp) / f"water-{month:02d}.csv"
            path.write_text(_water_csv(rng), encoding="utf-8")
            import_water(acting_user=acting_user, division=division, month=dt.date(YEAR, month, 1), path=path)
            months += 1
    return {"targets": created, "air_days": days, "water_months": months}
