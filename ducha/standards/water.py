"""Surface-water classes per GB 3838-2002 and 环办[2011]22号
《地表水环境质量评价办法（试行）》 (cited below as "22号").

Plain Python, exact arithmetic: every value is read as a Decimal or Fraction
from its decimal text, so a value equal to a class limit always falls in that
class (GB 3838 table 1 limits are "≤", dissolved oxygen "≥").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterable, Mapping

from .rounding import round_half_even, to_fraction
from .water_limits import (
    CLASS_VERDICTS, CLASSES, DO_MINIMUMS, EVALUATED_ITEMS, III, INFERIOR_V, ITEM_NAMES, LAKE, LAKE_TP_LIMITS,
    NO_EXCEEDANCE, PH_RANGE, PRIORITY_ITEMS, REFERENCE_ITEMS, RESERVOIR, RIVER, UPPER_LIMITS, WATERBODY_TYPES,
)

# 22号 §二(一)3(1) writes the multiple after the item with one decimal, its
# example being "高锰酸盐指数（1.2）"; it sets no rounding rule of its own, so
# the national rounding rule GB/T 8170-2008 §3.3 applies (not confirmed from
# the method's text: see the report of 2026-11-24).
EXCEEDANCE_PLACES = 1
MAIN_POLLUTANTS = 3  # 22号 §二(一)3(1): "前三项"
# 22号 §二(一)2: "断面总数少于5个时" the item means are classified; from 5
# sections on, the section-class proportions decide.
PROPORTION_METHOD_MIN_SECTIONS = 5


def _check_type(waterbody: str) -> None:
    if waterbody not in WATERBODY_TYPES:
        raise ValueError(f"unknown waterbody type {waterbody!r}; expected one of {', '.join(WATERBODY_TYPES)}")


def upper_limits(item: str, waterbody: str = RIVER) -> tuple:
    """Upper limits of classes Ⅰ..Ⅴ for a "≤" item of this waterbody."""
    if item == "tp" and waterbody != RIVER:
        return LAKE_TP_LIMITS
    return UPPER_LIMITS[item]


# The same limits as exact Fractions, so comparisons never mix types.
_FRACTION_LIMITS = {
    (item, waterbody): tuple(Fraction(v) for v in upper_limits(item, waterbody))
    for item in UPPER_LIMITS for waterbody in WATERBODY_TYPES
}
_DO_MINIMUMS = tuple(Fraction(v) for v in DO_MINIMUMS)
_PH_RANGE = tuple(Fraction(v) for v in PH_RANGE)


def item_class(item: str, value, waterbody: str = RIVER) -> str:
    """Class ("I".."V" or "劣V") of one item's value."""
    _check_type(waterbody)
    v = to_fraction(value)
    if v < 0:
        raise ValueError(f"{ITEM_NAMES.get(item, item)} cannot be negative: {value}")
    if item == "ph":
        low, high = _PH_RANGE
        return CLASSES[0] if low <= v <= high else INFERIOR_V
    if item == "do":
        for name, minimum in zip(CLASSES, _DO_MINIMUMS):
            if v >= minimum:
                return name
        return INFERIOR_V
    for name, limit in zip(CLASSES, _FRACTION_LIMITS[item, waterbody]):
        if v <= limit:
            return name
    return INFERIOR_V


def class_rank(name: str) -> int:
    """1 for class Ⅰ … 6 for 劣Ⅴ."""
    return CLASSES.index(name) + 1


def exceedance(item: str, value, waterbody: str = RIVER) -> Fraction | None:
    """22号 §二(一)3(1): 超标倍数 = (C − C_Ⅲ) / C_Ⅲ, exact, for an item above
    its class Ⅲ limit (lake TP against the lake limit); None when it is not
    above, and for pH and dissolved oxygen ("水温、pH值和溶解氧等项目不计算超标
    倍数"; water temperature is no input here)."""
    if item in NO_EXCEEDANCE:
        return None
    limit = _FRACTION_LIMITS[item, waterbody][III - 1]
    v = to_fraction(value)
    if v <= limit:
        return None
    return (v - limit) / limit


def format_exceedance(multiple: Fraction) -> str:
    return str(round_half_even(multiple, EXCEEDANCE_PLACES))


@dataclass
class SectionResult:
    water_class: str
    item_classes: dict[str, str]
    limiting: list[str]              # 定类项目: items whose class is the section's class
    exceedances: dict[str, Fraction]  # items above class Ⅲ, exact multiple
    main_pollutants: list[str]       # 22号 §二(一)3(1), only when worse than class Ⅲ
    reference_classes: dict[str, str] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        return CLASS_VERDICTS[self.water_class]


def classify(values: Mapping[str, object], waterbody: str = RIVER) -> SectionResult:
    """Single-factor evaluation of one section (22号 §二(一)1: "根据评价时段内
    该断面参评的指标中类别最高的一项来确定"): the worst class among the
    evaluated items that were measured. `values` maps item codes to numbers
    (Decimal, str, int, Fraction); missing items are None or absent.

    Main pollutants (22号 §二(一)3(1)): none while the section is 优 or 良好
    (class Ⅲ or better); otherwise the items worse than Ⅲ, worst class first,
    ties by exceedance multiple, at most three; cyanide and heavy metals that
    exceed Ⅲ come first of all ("优先作为主要污染指标")."""
    _check_type(waterbody)
    classes = {
        item: item_class(item, values[item], waterbody)
        for item in EVALUATED_ITEMS if values.get(item) is not None
    }
    if not classes:
        raise ValueError("no evaluated item has a value")
    worst = max(classes.values(), key=class_rank)
    exceed = {}
    for item in classes:
        multiple = exceedance(item, values[item], waterbody)
        if multiple is not None:
            exceed[item] = multiple
    order = {item: i for i, item in enumerate(EVALUATED_ITEMS)}

    def by_weight(item):
        return (-exceed.get(item, Fraction(-1)), order[item])

    limiting = sorted((i for i, c in classes.items() if c == worst), key=by_weight) if worst != CLASSES[0] else []
    main = []
    if class_rank(worst) > III:
        # Worse than Ⅲ: the worst-class items first, ties by exceedance
        # multiple; cyanide and heavy metals above Ⅲ come first of all.
        above = [i for i, c in classes.items() if class_rank(c) > III]
        above.sort(key=lambda i: (i not in PRIORITY_ITEMS, -class_rank(classes[i])) + by_weight(i))
        main = above[:MAIN_POLLUTANTS]
    reference = {
        item: item_class(item, values[item], waterbody)
        for item in REFERENCE_ITEMS[waterbody] if values.get(item) is not None
    }
    return SectionResult(worst, classes, limiting, exceed, main, reference)


def mean_values(sections: Iterable[Mapping[str, object]]) -> dict[str, Fraction]:
    """Arithmetic mean of each item over the sections that measured it."""
    sums: dict[str, Fraction] = {}
    counts: Counter = Counter()
    for values in sections:
        for item, value in values.items():
            if value is not None and item in ITEM_NAMES:
                sums[item] = sums.get(item, Fraction(0)) + to_fraction(value)
                counts[item] += 1
    return {item: total / counts[item] for item, total in sums.items()}


@dataclass
class SetSummary:
    total: int
    counts: dict[str, int]
    good_share: Fraction       # Ⅰ–Ⅲ
    inferior_v_share: Fraction
    verdict: str
    method: str                # "proportion" (≥ 5 sections) or "mean" (< 5)
    mean_class: str | None = None

    @property
    def inferior_v_count(self) -> int:
        return self.counts[INFERIOR_V]

    @property
    def good_count(self) -> int:
        return sum(self.counts[c] for c in CLASSES[:III])


def proportion_verdict(good_share: Fraction, inferior_share: Fraction) -> str:
    """22号 表2, the section-class proportion method, on the exact shares
    (a share is never rounded before it is compared).

    Rows 1–4 leave no gap: Ⅰ–Ⅲ ≥ 90% 优; 75% ≤ Ⅰ–Ⅲ < 90% 良好; below 75% the
    劣Ⅴ share decides (< 20% 轻度, 20% ≤ … < 40% 中度). The last row is quoted
    as "Ⅰ～Ⅲ类比例＜60%，且劣Ⅴ类比例≥40%"; with Ⅰ–Ⅲ < 75% a 劣Ⅴ share of at
    least 40% already forces Ⅰ–Ⅲ ≤ 60%, and the one case of exactly 60% / 40%
    fits no other row. The 深圳市生态环境局 knowledge-base answer on 河流整体
    水质状况 (meeb.sz.gov.cn, post_2027052) writes that row as "I-Ⅲ类水质类别
    <75%，且劣V类比例≥40%，水质状况为重度污染", so 劣Ⅴ ≥ 40% alone decides
    重度污染, that case included."""
    good_share, inferior_share = Fraction(good_share), Fraction(inferior_share)
    if good_share >= Fraction(9, 10):
        return "优"
    if good_share >= Fraction(3, 4):
        return "良好"
    if inferior_share < Fraction(1, 5):
        return "轻度污染"
    if inferior_share < Fraction(2, 5):
        return "中度污染"
    return "重度污染"


def summarize(sections: Iterable[tuple[str, Mapping[str, object] | None, str]]) -> SetSummary:
    """Evaluate a river, basin or set of sections (22号 §二(一)2).

    `sections` yields (class, values, waterbody). With 5 sections or more the
    verdict follows the class proportions; with fewer, "计算河流、流域（水系）
    所有断面各评价指标浓度算术平均值，然后采用单因子评价法…来确定水质类别和
    水质状况": the mean of each item is classified and the verdict is that
    class's grade (22号 表1: Ⅰ–Ⅱ 优, Ⅲ 良好, Ⅳ 轻度, Ⅴ 中度, 劣Ⅴ 重度).
    Values may be None when the set has 5 sections or more.

    The points of ONE lake or reservoir are averaged whatever their number:
    use `lake_result` for them, not this function."""
    rows = list(sections)
    if not rows:
        raise ValueError("no sections to summarise")
    counts = Counter({c: 0 for c in CLASSES})
    for water_class, _values, _type in rows:
        if water_class not in CLASSES:
            raise ValueError(f"unknown water class {water_class!r}")
        counts[water_class] += 1
    total = len(rows)
    good = Fraction(sum(counts[c] for c in CLASSES[:III]), total)
    inferior = Fraction(counts[INFERIOR_V], total)
    if total >= PROPORTION_METHOD_MIN_SECTIONS:
        return SetSummary(total, dict(counts), good, inferior, proportion_verdict(good, inferior), "proportion")
    if any(values is None for _c, values, _t in rows):
        raise ValueError("fewer than 5 sections: the item values are needed to average them")
    types = {t for _c, _v, t in rows}
    # Lakes and reservoirs average their points too (22号 §二(二)1); a mixed
    # set is judged with the river limits.
    waterbody = types.pop() if len(types) == 1 else RIVER
    mean = classify(mean_values(v for _c, v, _t in rows), waterbody)
    return SetSummary(total, dict(counts), good, inferior, mean.verdict, "mean", mean.water_class)


def lake_result(points: Iterable[Mapping[str, object]], waterbody: str = LAKE) -> SectionResult:
    """One lake or reservoir from its monitoring points (22号 §二(二)1(2)):
    "当一个湖泊、水库有多个监测点位时，计算湖泊、水库多个点位各评价指标浓度
    算术平均值，然后按照断面水质评价方法评价" — averaged whatever the number
    of points (the proportion method is for sets of sections). Total nitrogen
    is averaged too and classed on its own as a reference item (22号 §一(一)1).
    Repeated samplings of a point are averaged over time first (§二(二)1(3)):
    pass one row per point holding its time means. The trophic state of the
    same points is water_trophic.lake_trophic_state."""
    if waterbody not in (LAKE, RESERVOIR):
        raise ValueError(f"a lake evaluation needs type lake or reservoir, not {waterbody!r}")
    rows = list(points)
    if not rows:
        raise ValueError("no monitoring point for the lake")
    return classify(mean_values(rows), waterbody)


def drinking_water_attainment(classes: Iterable[str]) -> tuple[int, int, Fraction | None]:
    """(attaining, total, ratio) of drinking-water sources. A source attains
    when its class over the basic items is Ⅲ or better (GB 3838 §3: class Ⅲ
    is the limit for 集中式生活饮用水地表水源地二级保护区). 22号 itself sets
    no source rule; the provincial source reports follow this reading ("地表水
    水源按照GB 3838-2002 Ⅲ类标准…进行评价。基本项目按照…环办〔2011〕22号进行
    评价（水温、总氮、粪大肠菌群作为参考指标单独评价，不参与水质类别评价），
    补充项目、特定项目采用单因子评价法", e.g. 文山 2021 Q1). The supplementary
    and specific items of tables 2 and 3 are not covered here, so a source
    that fails on one of them still counts as attaining."""
    ranks = [class_rank(c) for c in classes]
    attained = sum(1 for r in ranks if r <= III)
    return attained, len(ranks), (Fraction(attained, len(ranks)) if ranks else None)


def percent(share: Fraction, places: int = 1) -> str:
    """A share as a percentage text, GB/T 8170 rounding ("66.7")."""
    return str(round_half_even(share * 100, places))
