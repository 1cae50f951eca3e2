"""City air-quality ranking as the ministry publishes it: the composite index
(环境空气质量综合指数), its single indices, the primary pollutant of the index,
the change against the same period of the previous year, and ranks with ties.

Rule text (环办监测〔2018〕19号《城市环境空气质量排名技术规定》, read from a
restated copy of the annex): 一 the rule covers the national monthly,
quarterly, half-year and annual ranking of prefecture-level cities and each
province's ranking of its cities; "各省（区、市）对本行政区域内县级城市环境空气
质量的排名可参照本规定执行" (so counties are ranked the same way); 二 its
normative references are GB 3095-2012, HJ 633-2012, HJ 663-2013, GB/T 8170
(数值修约规则) and HJ/T 193-2005; 三 "城市环境空气质量排名依据环境空气质量
综合指数进行排序", 三(一) over all the city's national evaluation points.
How provincial departments restate the index (e.g. 安徽省生态环境厅, monthly
16-city ranking notes): "参与评价的各项污染物的单项质量指数之和（单项指标评价
时段内平均浓度与该指标二级标准限值的比值，SO2、NO2、PM10及PM2.5采用年均浓度
二级标准限值、O3和CO采用日均浓度二级标准限值）", "指数越小表明空气质量越好，
指数相同的城市以并列计".

Computation (exact, `decimal` / `fractions`):
1. the period statistics (SO2, NO2, PM10, PM2.5 means; CO 24 h mean 95th
   percentile; O3 daily maximum 8 h mean 90th percentile) are taken at their
   reporting precision, GB/T 8170 half-even: integers µg/m³, CO 0.1 mg/m³;
2. each single index Ii = Ci / Si is rounded to two decimals (GB/T 8170);
3. the composite index is the sum of the rounded single indices.
Step 2 is not written in any text we could read; it is what the published
figures require: all 33 city-period indices published with their six
concentrations in `tests/test_air_rank.py` come out to the digit this way,
while summing the exact ratios and rounding once reproduces 19 of them. One
of them (河源市 2022-02: NO2 13 → 0.325, CO 0.9 → 0.225, published 1.73) also
shows the rounding is half-even (half-up gives 1.75).

Primary pollutant of the index (最大单项指数): the pollutant(s) with the
largest rounded single index, all of them when tied.

Change rate (综合指数同比变化率, 《城市环境空气质量变化程度排名方案》 2017 as
restated): (I - I_prev) / I_prev × 100 %, on the published (rounded)
indices, to one decimal; > 0 worse, < 0 better. 婺源县 2023-09 (2.63 against
2.89, published −9.0 %) is reproduced. Improvement is ranked by the change
rate ascending (most improved first), ties sharing a rank. The scheme (as
the ministry's announcement of 2017-02-16 was reported) publishes the 10
most improved and the 10 most worsened cities, all of them when fewer
improved or worsened, and leaves out of the worsening list a city whose
every pollutant meets the secondary standard in the period
(`change_lists`; "meets" read as every single index ≤ 1.00, which with
statistics at reporting precision is Ci ≤ Si exactly).

Ranks: ascending index; equal indices share a rank and the following ranks
are skipped (competition ranking, "1, 1, 3"; 广东省 2017-08: 河源 and 江门 at
2.88 both 10th, 深圳 12th); `ties="dense"` gives "1, 1, 2"
instead, which some county-level releases use (河源市 2023-01 lists 东源县
and 紫金县 both first and 连平县 second). The best / worst n lists include
every city tied at the cut.

Rules after 2026-03-01 (`rules="2026"`): GB 3095-2026 is in force and the
ranking rule's normative reference (GB 3095-2012) is superseded. Confirmed:
the GB 3095-2026 limits (表 1, reference page image p3; transition limits to
2030-12-31, `air_limits`). NOT confirmed, therefore options, never silent
defaults:
- `rules="2026"` takes Si from the GB 3095-2026 set in force at the period's
  end (PM2.5 30, PM10 60 µg/m³ in the transition stage). A ranking that
  keeps GB 3095-2012 denominators for comparability is `rules="2018"`.
- WEIGHTS["pm25x3-no2x2-o3x2"]: a weighted index (PM2.5 × 3, NO2 × 2,
  O3 × 2, others × 1) that third-party code attributes to the HJ 663 2026
  revision / the 2024 national ranking scheme (环办监测函〔2024〕9号); we
  read neither text, and the 2024 city releases tested here (河源市 2024-03,
  宁夏 2024 cites the 2024 scheme) still match the unweighted sum. Default
  "equal".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Iterable, Mapping, Sequence

from .air_limits import LIMITS, limits_for
from .ranking import best_and_worst, rank
from .rounding import Number, round_half_even, to_fraction

# Pollutant -> (limit key in air_limits.LIMITS, reporting decimals, label)
POLLUTANTS = {
    "so2": ("so2_year", 0, "SO2"),
    "no2": ("no2_year", 0, "NO2"),
    "pm10": ("pm10_year", 0, "PM10"),
    "pm25": ("pm25_year", 0, "PM2.5"),
    "co": ("co_24h", 1, "CO"),
    "o3_8h": ("o3_8h", 0, "O3"),
}
INDEX_PLACES = 2
CHANGE_PLACES = 1

WEIGHTS = {
    "equal": {p: 1 for p in POLLUTANTS},
    # unconfirmed, see the module docstring
    "pm25x3-no2x2-o3x2": {"so2": 1, "no2": 2, "pm10": 1, "pm25": 3, "co": 1, "o3_8h": 2},
}
RULES = ("2018", "2026")
RULE_LABELS = {"2018": "环办监测〔2018〕19号 / GB 3095-2012", "2026": "GB 3095-2026"}


def rule_for(last_day: date) -> str:
    """"2018" for periods ending before GB 3095-2026 is in force, else "2026"."""
    return "2018" if limits_for(last_day) == "2012" else "2026"


def limit_set_for(rules: str, last_day: date | None) -> str:
    """The air_limits set a rule divides by."""
    if rules == "2018":
        return "2012"
    if rules != "2026":
        raise ValueError(f"排名规则“{rules}”：应为 2018 或 2026")
    if last_day is None:
        return "2026"
    chosen = limits_for(last_day)
    return "2026" if chosen == "2012" else chosen  # a 2026 ranking of an earlier period: transition limits


@dataclass(frozen=True)
class CompositeIndex:
    stats: dict[str, Decimal]      # the statistics at reporting precision
    indices: dict[str, Decimal]    # single indices, 2 decimals
    composite: Decimal             # sum (weighted when asked) of the single indices
    primary: tuple[str, ...]       # pollutant(s) with the largest single index
    limit_set: str


def reported_stat(pollutant: str, value: Number) -> Decimal:
    return round_half_even(to_fraction(value), POLLUTANTS[pollutant][1])


def ratio_index(value: Number, limit) -> Decimal:
    """A single index: value / limit rounded to two decimals (GB/T 8170)."""
    return round_half_even(to_fraction(value) / limit, INDEX_PLACES)


def single_index(pollutant: str, value: Number, limit_set: str = "2012") -> Decimal:
    """Ii = Ci / Si rounded to two decimals (Ci at reporting precision)."""
    return ratio_index(reported_stat(pollutant, value), LIMITS[limit_set][POLLUTANTS[pollutant][0]])


def composite_index(stats: Mapping[str, Number], limit_set: str = "2012", weights: str = "equal") -> CompositeIndex:
    """The published composite index of one city-period.

    stats: {"so2", "no2", "pm10", "pm25", "co", "o3_8h": period statistic}
    in µg/m³ (CO mg/m³); every one is needed (KeyError / ValueError otherwise).
    """
    w = WEIGHTS[weights]
    reported = {p: reported_stat(p, stats[p]) for p in POLLUTANTS}
    indices = {p: single_index(p, reported[p], limit_set) for p in POLLUTANTS}
    total = sum((w[p] * indices[p] for p in POLLUTANTS), Decimal(0))
    top = max(indices.values())
    primary = tuple(p for p in POLLUTANTS if indices[p] == top)
    return CompositeIndex(reported, indices, total.quantize(Decimal("0.01")), primary, limit_set)


def primary_label(primary: Sequence[str]) -> str:
    return "、".join(POLLUTANTS[p][2] for p in primary)


def change_rate(current: Number, previous: Number) -> Decimal | None:
    """同比变化率 in %, one decimal (GB/T 8170); None without a base."""
    prev = to_fraction(previous)
    if prev == 0:
        return None
    return round_half_even((to_fraction(current) - prev) / prev * 100, CHANGE_PLACES)


def attains(result: CompositeIndex) -> bool:
    """Every statistic at or below its limit (single index ≤ 1.00)."""
    return all(v <= 1 for v in result.indices.values())


def change_lists(names: Sequence[str], changes: Sequence, attained: Sequence[bool], n: int = 10
                 ) -> tuple[list[str], list[str]]:
    """(most improved, most worsened) as the 2017 change ranking publishes
    them: up to n of each, ties at the cut included, the improved ordered by
    the change rate ascending and the worsened descending; a city attaining
    every standard is not listed as worsened."""
    improved = [(c, i) for i, c in enumerate(changes) if c is not None and c < 0]
    worsened = [(c, i) for i, c in enumerate(changes) if c is not None and c > 0 and not attained[i]]
    best, _ = best_and_worst([names[i] for _c, i in improved], [c for c, _i in improved], n)
    _, worst = best_and_worst([names[i] for _c, i in worsened], [c for c, _i in worsened], n)
    return best, worst


# --- previous-year periods ------------------------------------------------------


def previous_year(first: date, last: date) -> tuple[date, date]:
    """The same period one year earlier (a month end stays a month end)."""
    import calendar

    def back(d: date, month_end: bool) -> date:
        y = d.year - 1
        if month_end:
            return date(y, d.month, calendar.monthrange(y, d.month)[1])
        return date(y, d.month, min(d.day, calendar.monthrange(y, d.month)[1]))

    last_is_end = last.day == calendar.monthrange(last.year, last.month)[1]
    return back(first, False), back(last, last_is_end)


@dataclass
class RankedRow:
    city: str
    group: object                      # rows of one group are ranked together (a period)
    result: CompositeIndex | None
    rank: int | None = None
    change: Decimal | None = None
    change_rank: int | None = None


def rank_rows(rows: Iterable[RankedRow], *, ties: str = "competition",
              previous: Mapping[tuple[str, object], Decimal] | None = None) -> list[RankedRow]:
    """Rank each group by composite index; with `previous` ({(city, group):
    composite of the same period a year earlier}) also the change rate and
    its rank (improvement first)."""
    rows = list(rows)
    groups: dict[object, list[RankedRow]] = {}
    for r in rows:
        groups.setdefault(r.group, []).append(r)
    for members in groups.values():
        values = [m.result.composite if m.result else None for m in members]
        for m, rk in zip(members, rank(values, ties=ties)):
            m.rank = rk
        if previous is not None:
            for m in members:
                base = previous.get((m.city, m.group))
                m.change = change_rate(m.result.composite, base) if (m.result and base is not None) else None
            for m, rk in zip(members, rank([m.change for m in members], ties=ties)):
                m.change_rank = rk
    return rows
