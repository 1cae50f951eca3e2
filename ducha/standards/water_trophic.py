"""Trophic state of lakes and reservoirs: 综合营养状态指数 TLI(Σ).

环办[2011]22号《地表水环境质量评价办法（试行）》 §一(一)2 names the five
trophic-state items (叶绿素a chla, 总磷 TP, 总氮 TN, 透明度 SD, 高锰酸盐指数
CODMn) and §二(二)2 evaluates lakes and reservoirs with the 综合营养状态指数法
of 中国环境监测总站《湖泊（水库）富营养化评价方法及分级技术规定》, whose
text this module follows:

    TLI(Σ) = Σ W_j · TLI(j),   W_j = r_ij² / Σ r_ij²   (chla is the base)
    r_ij (chla, TP, TN, SD, CODMn) = 1, 0.84, 0.82, −0.83, 0.83
    TLI(chla)  = 10 (2.5   + 1.086 ln chla)
    TLI(TP)    = 10 (9.436 + 1.624 ln TP)
    TLI(TN)    = 10 (5.453 + 1.694 ln TN)
    TLI(SD)    = 10 (5.118 − 1.94  ln SD)
    TLI(CODMn) = 10 (0.109 + 2.661 ln CODMn)
    chla in mg/m³, SD in m, the others in mg/L.

    TLI(Σ) < 30 贫营养; 30 ≤ TLI(Σ) ≤ 50 中营养; TLI(Σ) > 50 富营养, of which
    50 < TLI(Σ) ≤ 60 轻度富营养, 60 < TLI(Σ) ≤ 70 中度富营养, > 70 重度富营养.

The weights come from the r_ij² of the table (1, 0.7056, 0.6724, 0.6889,
0.6889), not from their rounded quotients. The logarithms are taken in
Decimal arithmetic at 28 significant digits; the grade is decided on that
value, and the index is shown with one decimal (GB/T 8170): neither 22号 nor
the 技术规定 sets a rounding of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Iterable, Mapping

from .rounding import round_half_even, to_decimal, to_fraction

# Item code -> (a, b) of TLI(j) = 10 (a + b ln x), and r_ij² with chla.
TROPHIC_ITEMS = ("chla", "tp", "tn", "sd", "codmn")
TROPHIC_NAMES = {"chla": "叶绿素a", "tp": "总磷", "tn": "总氮", "sd": "透明度", "codmn": "高锰酸盐指数"}
_COEFFICIENTS = {
    "chla": (Decimal("2.5"), Decimal("1.086")),
    "tp": (Decimal("9.436"), Decimal("1.624")),
    "tn": (Decimal("5.453"), Decimal("1.694")),
    "sd": (Decimal("5.118"), Decimal("-1.94")),
    "codmn": (Decimal("0.109"), Decimal("2.661")),
}
_R = {"chla": Decimal(1), "tp": Decimal("0.84"), "tn": Decimal("0.82"), "sd": Decimal("-0.83"),
      "codmn": Decimal("0.83")}
WEIGHTS = {item: Fraction(r * r) / sum(Fraction(v * v) for v in _R.values()) for item, r in _R.items()}

# (upper bound, bound included?, grade), checked in order.
_GRADES = (
    (Decimal(30), False, "贫营养"),
    (Decimal(50), True, "中营养"),
    (Decimal(60), True, "轻度富营养"),
    (Decimal(70), True, "中度富营养"),
)
HYPER = "重度富营养"
EUTROPHIC = frozenset({"轻度富营养", "中度富营养", HYPER})  # TLI(Σ) > 50: 富营养


def _decimal(value) -> Decimal:
    if isinstance(value, Fraction):
        with localcontext() as ctx:
            ctx.prec = 28
            return Decimal(value.numerator) / value.denominator
    return to_decimal(value)


def item_index(item: str, value) -> Decimal:
    """TLI(j) of one item, unrounded."""
    if item not in _COEFFICIENTS:
        raise ValueError(f"unknown trophic item {item!r}; expected one of {', '.join(TROPHIC_ITEMS)}")
    x = _decimal(value)
    if x <= 0:
        raise ValueError(f"{TROPHIC_NAMES[item]} must be above zero for its logarithm: {value}")
    a, b = _COEFFICIENTS[item]
    with localcontext() as ctx:
        ctx.prec = 28
        return 10 * (a + b * x.ln())


def grade(tli) -> str:
    """营养状态 of a TLI(Σ) value."""
    t = _decimal(tli)
    for bound, inclusive, name in _GRADES:
        if t < bound or (inclusive and t == bound):
            return name
    return HYPER


@dataclass
class TrophicState:
    tli: Decimal                  # TLI(Σ), unrounded
    items: dict[str, Decimal]     # TLI(j)
    grade: str

    @property
    def eutrophic(self) -> bool:
        return self.grade in EUTROPHIC

    @property
    def tli_text(self) -> str:
        return str(round_half_even(self.tli, 1))


def trophic_state(values: Mapping[str, object]) -> TrophicState:
    """TLI(Σ) of the five items; all five are needed (the weights are those of m = 5)."""
    missing = [TROPHIC_NAMES[i] for i in TROPHIC_ITEMS if values.get(i) is None]
    if missing:
        raise ValueError(f"the trophic state index needs all five items; missing {', '.join(missing)}")
    items = {item: item_index(item, values[item]) for item in TROPHIC_ITEMS}
    with localcontext() as ctx:
        ctx.prec = 28
        total = sum(Decimal(w.numerator) / w.denominator * items[i] for i, w in WEIGHTS.items())
    return TrophicState(total, items, grade(total))


def lake_trophic_state(points: Iterable[Mapping[str, object]]) -> TrophicState:
    """TLI(Σ) of one lake or reservoir from its points: each of the five items
    is averaged over the points that measured it, as the water quality of the
    lake is (22号 §二(二)1(2)), and the index is taken of those means."""
    sums: dict[str, Fraction] = {}
    counts: dict[str, int] = {}
    for values in points:
        for item in TROPHIC_ITEMS:
            if values.get(item) is not None:
                sums[item] = sums.get(item, Fraction(0)) + to_fraction(values[item])
                counts[item] = counts.get(item, 0) + 1
    return trophic_state({item: total / counts[item] for item, total in sums.items()})
