"""综合营养状态指数 TLI(Σ) of 环办[2011]22号 §二(二)2.

The coefficients, correlations and grade bounds are typed again here from
《湖泊（水库）富营养化评价方法及分级技术规定》, independently of the module."""

from decimal import Decimal
from fractions import Fraction

import pytest

from ducha.standards.water_trophic import WEIGHTS, grade, item_index, lake_trophic_state, trophic_state

# r_ij² with chla, as the 技术规定 tabulates them.
R2 = {"chla": Decimal("1"), "tp": Decimal("0.7056"), "tn": Decimal("0.6724"), "sd": Decimal("0.6889"),
      "codmn": Decimal("0.6889")}


def test_weights_are_the_normalised_squared_correlations():
    total = sum(R2.values())
    for item, r2 in R2.items():
        assert WEIGHTS[item] == Fraction(r2) / Fraction(total)
    # The rounded weights that reports print: 0.2663, 0.1879, 0.1790, 0.1834, 0.1834.
    printed = {k: round(float(v), 4) for k, v in WEIGHTS.items()}
    assert printed == {"chla": 0.2663, "tp": 0.1879, "tn": 0.1790, "sd": 0.1834, "codmn": 0.1834}


def test_at_one_unit_each_index_is_ten_times_its_constant():
    # ln 1 = 0, so TLI(j) = 10 a: 25, 94.36, 54.53, 51.18, 1.09.
    assert {i: item_index(i, 1) for i in R2} == {
        "chla": Decimal("25"), "tp": Decimal("94.36"), "tn": Decimal("54.53"), "sd": Decimal("51.18"),
        "codmn": Decimal("1.09"),
    }
    state = trophic_state(dict.fromkeys(R2, "1"))
    expected = (25 * R2["chla"] + Decimal("94.36") * R2["tp"] + Decimal("54.53") * R2["tn"]
                + Decimal("51.18") * R2["sd"] + Decimal("1.09") * R2["codmn"]) / sum(R2.values())
    assert abs(state.tli - expected) < Decimal("1e-20")
    assert state.tli_text == "43.7" and state.grade == "中营养"


def test_clearer_water_lowers_the_index_and_the_slopes_follow_the_formulas():
    # TLI(SD) = 10 (5.118 − 1.94 ln SD): one e-fold more transparency is 19.4 lower.
    e = Decimal(1).exp()
    assert abs(item_index("sd", e) - (Decimal("51.18") - Decimal("19.4"))) < Decimal("1e-20")
    assert abs(item_index("chla", e) - (Decimal("25") + Decimal("10.86"))) < Decimal("1e-20")


@pytest.mark.parametrize("tli,expected", [
    ("29.99", "贫营养"), ("30", "中营养"), ("50", "中营养"),          # 30 ≤ TLI ≤ 50 中营养
    ("50.01", "轻度富营养"), ("60", "轻度富营养"),                    # 50 < TLI ≤ 60
    ("60.01", "中度富营养"), ("70", "中度富营养"), ("70.01", "重度富营养"),
])
def test_grade_bounds(tli, expected):
    assert grade(tli) == expected


def test_a_eutrophic_lake():
    # A turbid, nutrient-rich lake: chla 40 mg/m³, TP 0.2, TN 3, SD 0.4 m, CODMn 8.
    state = trophic_state({"chla": "40", "tp": "0.2", "tn": "3", "sd": "0.4", "codmn": "8"})
    assert state.eutrophic and state.grade == "中度富营养"
    assert 60 < state.tli <= 70


def test_all_five_items_are_needed_and_must_be_positive():
    with pytest.raises(ValueError, match="missing 透明度"):
        trophic_state({"chla": "4", "tp": "0.02", "tn": "0.5", "codmn": "3"})
    with pytest.raises(ValueError, match="叶绿素a must be above zero"):
        item_index("chla", "0")


def test_a_lake_takes_the_index_of_its_point_means():
    # Two points: chla 10 and 30 average to 20; the index is that of the means,
    # not the mean of the two indices (the logarithm is not linear).
    a = {"chla": "10", "tp": "0.04", "tn": "0.8", "sd": "1.2", "codmn": "3"}
    b = {"chla": "30", "tp": "0.06", "tn": "1.2", "sd": "0.8", "codmn": "5"}
    lake = lake_trophic_state([a, b])
    means = {"chla": "20", "tp": "0.05", "tn": "1.0", "sd": "1.0", "codmn": "4"}
    assert lake.tli == trophic_state(means).tli
    assert lake.tli != (trophic_state(a).tli + trophic_state(b).tli) / 2
    with pytest.raises(ValueError, match="missing"):
        lake_trophic_state([{"chla": "10"}])
