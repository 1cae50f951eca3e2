"""City water-quality index (城市水质指数, CWQI) and its ranking.

Rule: 《城市地表水环境质量排名技术规定（试行）》 (环办监测〔2017〕51号). We could
not read the rule itself; what is implemented, and where each part comes
from:
- Items: the 21 items of GB 3838-2002 table 1 other than water temperature,
  total nitrogen and faecal coliform ("按照《城市地表水环境质量排名技术规定
  （试行）》的要求，采用《地表水环境质量标准》(GB3838-2002)表1中除水温、粪大肠
  菌群和总氮以外的21项指标", MEE ranking release as restated in the press,
  2019, http://m.qianjiji.cn/life/201905/430583_3.html; the same list as
  环办[2011]22号 §一(一)1, `water_limits`).
- Single indices (安徽省生态环境厅, notes to its 16-city surface water
  ranking of 1-2 months, as restated at http://www.cjrbapp.cjn.cn/p/246317.html): "单项指标与该指标Ⅲ类标准限值的比值，溶解氧为倒数，
  pH值另行公式计算": CWQI(i) = C(i) / Cs(i) with Cs the class Ⅲ limit;
  CWQI(DO) = Cs(DO) / C(DO), Cs(DO) = 5 mg/L; total phosphorus of lakes and
  reservoirs against their own class Ⅲ limit 0.05 mg/L (GB 3838-2002 table 1
  item 7, "湖、库 0.05").
- pH ("另行公式"; formula NOT read in the rule, taken from the usual
  single-factor pH index and a public implementation of the 2017 rule,
  Silence.SurfaceWater CWQICalculatorV2017): pH ≤ 7: (7.0 − pH) / (7.0 − 6);
  pH > 7: (pH − 7.0) / (9 − 7.0) (GB 3838 range 6–9).
- City index (安徽 notes): "参与排名的所有断面平均后各单项指标水质指数…之和":
  each item's concentration averaged over the city's sections (and over the
  months of the period, which the caller does by passing period means), then
  the single index of the mean, then the sum — `averaging="concentration"`.
  Named option `averaging="index"`: the mean of the sections' single indices
  (the same for every item except DO and pH, whose index is not linear).
  Total phosphorus with river and lake sections mixed has no single limit;
  we average the sections' TP indices (identical to the concentration rule
  when all sections share a type) — our choice.
- Rounding (named option `places`, default 4): the single indices are kept
  exact and the sum is rounded once (GB/T 8170); the number of decimals of
  the published CWQI was not confirmed. Ranks are on the reported value.
- An item no section measured is left out of the sum (the output gives the
  number of items summed).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Iterable, Mapping

from .rounding import round_half_even, to_fraction
from .water_limits import EVALUATED_ITEMS, LAKE_TP_LIMITS, RIVER, UPPER_LIMITS, WATERBODY_TYPES

CWQI_ITEMS = EVALUATED_ITEMS
CWQI_PLACES = 4
DO_LIMIT = Fraction(5)  # class Ⅲ minimum
PH_LOW, PH_NEUTRAL, PH_HIGH = Fraction(6), Fraction(7), Fraction(9)
AVERAGING = ("concentration", "index")


def class3_limit(item: str, waterbody: str = RIVER) -> Fraction:
    if item == "tp" and waterbody != RIVER:
        return Fraction(LAKE_TP_LIMITS[2])
    return Fraction(UPPER_LIMITS[item][2])


def item_index(item: str, value, waterbody: str = RIVER) -> Fraction:
    """CWQI(i) of one concentration (exact)."""
    if item not in CWQI_ITEMS:
        raise ValueError(f"{item} 不参与城市水质指数计算")
    if waterbody not in WATERBODY_TYPES:
        raise ValueError(f"水体类型“{waterbody}”应为 {'、'.join(WATERBODY_TYPES)} 之一")
    v = to_fraction(value)
    if item == "ph":
        return (PH_NEUTRAL - v) / (PH_NEUTRAL - PH_LOW) if v <= PH_NEUTRAL else (v - PH_NEUTRAL) / (PH_HIGH - PH_NEUTRAL)
    if item == "do":
        if v <= 0:
            raise ValueError("溶解氧为 0，无法计算其水质指数（Cs/C）")
        return DO_LIMIT / v
    return v / class3_limit(item, waterbody)


@dataclass(frozen=True)
class CityIndex:
    items: dict[str, Fraction]   # the city's single index per item (exact)
    total: Fraction              # their sum (exact)
    sections: int

    def reported(self, places: int = CWQI_PLACES) -> Decimal:
        return round_half_even(self.total, places)


def city_index(sections: Iterable[tuple[Mapping[str, object], str]], averaging: str = "concentration") -> CityIndex:
    """CWQI of a city from its sections: [(values {item: concentration or
    None}, waterbody)], each section's values already the period's means."""
    if averaging not in AVERAGING:
        raise ValueError(f"断面平均方式“{averaging}”应为 {'、'.join(AVERAGING)} 之一")
    sections = list(sections)
    if not sections:
        raise ValueError("没有断面")
    items: dict[str, Fraction] = {}
    for item in CWQI_ITEMS:
        measured = [(to_fraction(v[item]), body) for v, body in sections if v.get(item) is not None]
        if not measured:
            continue
        if averaging == "index" or item == "tp":
            items[item] = sum((item_index(item, c, body) for c, body in measured), Fraction(0)) / len(measured)
        else:
            mean = sum((c for c, _b in measured), Fraction(0)) / len(measured)
            items[item] = item_index(item, mean, RIVER)
    return CityIndex(items, sum(items.values(), Fraction(0)), len(sections))
