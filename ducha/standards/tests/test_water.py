"""GB 3838-2002 classes and the 环办[2011]22号 evaluation.

The limits below are typed again from the standard's table 1, independently
of water_limits.py, so a transcription slip in either shows up here."""

from decimal import Decimal
from fractions import Fraction

import pytest

from ducha.standards.water import (
    classify, drinking_water_attainment, exceedance, format_exceedance, item_class, lake_result, proportion_verdict,
    summarize,
)

CLASS_NAMES = ("I", "II", "III", "IV", "V")
TABLE1 = {  # item: Ⅰ, Ⅱ, Ⅲ, Ⅳ, Ⅴ (≤, mg/L)
    "codmn": "2 4 6 10 15",
    "cod": "15 15 20 30 40",
    "bod5": "3 3 4 6 10",
    "nh3n": "0.15 0.5 1.0 1.5 2.0",
    "cu": "0.01 1.0 1.0 1.0 1.0",
    "zn": "0.05 1.0 1.0 2.0 2.0",
    "fluoride": "1.0 1.0 1.0 1.5 1.5",
    "se": "0.01 0.01 0.01 0.02 0.02",
    "as": "0.05 0.05 0.05 0.1 0.1",
    "hg": "0.00005 0.00005 0.0001 0.001 0.001",
    "cd": "0.001 0.005 0.005 0.005 0.01",
    "cr6": "0.01 0.05 0.05 0.05 0.1",
    "pb": "0.01 0.01 0.05 0.05 0.1",
    "cyanide": "0.005 0.05 0.2 0.2 0.2",
    "phenol": "0.002 0.002 0.005 0.01 0.1",
    "petroleum": "0.05 0.05 0.05 0.5 1.0",
    "las": "0.2 0.2 0.2 0.3 0.3",
    "sulfide": "0.05 0.1 0.2 0.5 1.0",
}
RIVER_TP = "0.02 0.1 0.2 0.3 0.4"
LAKE_TP = "0.01 0.025 0.05 0.1 0.2"
EPS = Decimal("0.000001")


def boundary_cases():
    for waterbody in ("river", "lake", "reservoir"):
        table = dict(TABLE1, tp=RIVER_TP if waterbody == "river" else LAKE_TP)
        for item, text in table.items():
            limits = [Decimal(v) for v in text.split()]
            for k, limit in enumerate(limits):
                at = CLASS_NAMES[limits.index(limit)]  # equal limits: the better class
                above = next((CLASS_NAMES[j] for j in range(k, 5) if limits[j] > limit), "劣V")
                yield pytest.param(waterbody, item, limit, at, above, id=f"{waterbody}-{item}-{CLASS_NAMES[k]}")


@pytest.mark.parametrize("waterbody,item,limit,at,above", list(boundary_cases()))
def test_value_at_a_limit_is_in_that_class_and_just_above_is_not(waterbody, item, limit, at, above):
    assert item_class(item, limit, waterbody) == at
    assert item_class(item, str(limit), waterbody) == at
    assert item_class(item, limit + EPS, waterbody) == above
    # The section takes that class when this is its only item.
    assert classify({item: limit + EPS}, waterbody).water_class == above


def test_lake_total_phosphorus_is_stricter_than_river():
    assert item_class("tp", "0.05", "river") == "II"
    assert item_class("tp", "0.05", "lake") == "III"
    assert item_class("tp", "0.2", "reservoir") == "V"
    assert item_class("tp", "0.2", "river") == "III"


@pytest.mark.parametrize("value,expected", [("6", "I"), ("9", "I"), ("7.4", "I"), ("5.99", "劣V"), ("9.01", "劣V")])
def test_ph_is_a_range_for_all_classes(value, expected):
    assert item_class("ph", value) == expected


@pytest.mark.parametrize("value,expected", [
    ("9", "I"), ("7.5", "I"), ("7.49", "II"), ("6", "II"), ("5.99", "III"), ("5", "III"), ("4.99", "IV"),
    ("3", "IV"), ("2.99", "V"), ("2", "V"), ("1.99", "劣V"), ("0", "劣V"),
])
def test_dissolved_oxygen_higher_is_better(value, expected):
    assert item_class("do", value) == expected


def test_no_float_noise_changes_a_class():
    assert item_class("tp", Decimal("0.20")) == "III"
    assert item_class("tp", 0.1 + 0.1) == "III"          # 0.2 exactly as written
    assert item_class("tp", 0.1 + 0.2) == "V"            # 0.30000000000000004 is above 0.3
    assert item_class("nh3n", Fraction(3, 2)) == "IV"


def test_ph_outside_range_makes_the_section_inferior_v_without_an_exceedance():
    result = classify({"ph": "9.5", "do": "8", "nh3n": "0.1"})
    assert result.water_class == "劣V" and result.limiting == ["ph"]
    assert result.exceedances == {} and result.main_pollutants == ["ph"]


def test_river_ignores_total_nitrogen_and_faecal_coliform():
    result = classify({"nh3n": "0.1", "tn": "5", "fecal_coliform": "50000"}, "river")
    assert result.water_class == "I"
    assert result.reference_classes == {"fecal_coliform": "劣V"}


def test_lake_total_nitrogen_is_evaluated_separately():
    result = classify({"nh3n": "0.1", "tp": "0.02", "tn": "1.2"}, "lake")
    assert result.water_class == "II"
    assert result.reference_classes == {"tn": "IV"}


def test_limiting_items_and_exact_exceedance():
    result = classify({"do": "2.5", "cod": "25", "nh3n": "1.5", "tp": "0.3", "codmn": "5"})
    assert result.water_class == "V" and result.limiting == ["do"]
    assert result.item_classes["cod"] == "IV"
    assert result.exceedances == {"cod": Fraction(1, 4), "nh3n": Fraction(1, 2), "tp": Fraction(1, 2)}
    result = classify({"cod": "25", "nh3n": "1.5", "tp": "0.3"})
    # Same class: larger exceedance first, ties in table order.
    assert result.water_class == "IV" and result.limiting == ["nh3n", "tp", "cod"]


def test_main_pollutants_put_cyanide_and_heavy_metals_first():
    result = classify({"nh3n": "2.5", "tp": "0.5", "cod": "45", "pb": "0.06", "codmn": "7"})
    assert result.water_class == "劣V"
    assert result.main_pollutants[0] == "pb"
    # 劣Ⅴ items by exceedance: nh3n 1.5 and tp 1.5 (table order), then cod 1.25 is cut
    assert result.main_pollutants[1:] == ["nh3n", "tp"]


def test_exceedance_only_above_class_iii_and_rounded_per_gbt_8170():
    assert exceedance("tp", "0.2") is None and exceedance("do", "1") is None
    assert exceedance("tp", "0.21") == Fraction(1, 20)
    assert format_exceedance(Fraction(1, 20)) == "0.0"   # half to even
    assert format_exceedance(Fraction(3, 20)) == "0.2"
    assert format_exceedance(Fraction(1, 4)) == "0.2"
    assert format_exceedance(Fraction(251, 1000)) == "0.3"
    assert exceedance("tp", "0.1", "lake") == Fraction(1)


def test_a_section_without_any_evaluated_value_is_refused():
    with pytest.raises(ValueError):
        classify({"tn": "1"}, "lake")
    with pytest.raises(ValueError):
        item_class("cod", "-1")


@pytest.mark.parametrize("good,inferior,verdict", [
    (Fraction(9, 10), 0, "优"),
    (Fraction(1), 0, "优"),
    (Fraction(899, 1000), 0, "良好"),
    (Fraction(3, 4), Fraction(1, 4), "良好"),
    (Fraction(749, 1000), Fraction(199, 1000), "轻度污染"),
    (Fraction(7, 10), Fraction(1, 5), "中度污染"),
    (Fraction(1, 2), Fraction(399, 1000), "中度污染"),
    (Fraction(3, 5), Fraction(2, 5), "重度污染"),
    (Fraction(0), Fraction(1), "重度污染"),
])
def test_proportion_verdict_thresholds(good, inferior, verdict):
    assert proportion_verdict(good, inferior) == verdict


def test_five_sections_use_proportions():
    summary = summarize([("II", None, "river")] * 4 + [("劣V", None, "river")])
    assert summary.method == "proportion" and summary.good_share == Fraction(4, 5)
    assert summary.inferior_v_count == 1 and summary.inferior_v_share == Fraction(1, 5)
    assert summary.verdict == "良好"
    ten = summarize([("III", None, "river")] * 9 + [("劣V", None, "river")])
    assert ten.verdict == "优"


def test_fewer_than_five_sections_average_the_values():
    sections = [("II", {"nh3n": Decimal("0.4")}, "river"), ("IV", {"nh3n": Decimal("1.2")}, "river")]
    summary = summarize(sections)
    assert summary.method == "mean" and summary.mean_class == "III" and summary.verdict == "良好"
    assert summary.good_share == Fraction(1, 2)
    with pytest.raises(ValueError):
        summarize([("II", None, "river")])


def test_drinking_water_attainment():
    assert drinking_water_attainment(["I", "III", "IV"]) == (2, 3, Fraction(2, 3))
    assert drinking_water_attainment([]) == (0, 0, None)


def test_main_pollutants_go_by_class_before_exceedance_and_not_for_good_sections():
    # 22号 §二(一)3(1): "先按照不同指标对应水质类别的优劣，选择水质类别最差的前三项
    # 指标"; only within one class does the multiple decide. Volatile phenol 0.01 is
    # class Ⅳ with multiple 1.0; COD 35 is class Ⅴ with multiple 0.75: COD leads.
    result = classify({"phenol": "0.01", "cod": "35", "do": "6"})
    assert result.water_class == "V" and result.main_pollutants == ["cod", "phenol"]
    assert format_exceedance(result.exceedances["phenol"]) == "1.0"
    assert format_exceedance(result.exceedances["cod"]) == "0.8"   # 0.75, half to even
    # Dissolved oxygen has no multiple but is a main pollutant by its class.
    low_do = classify({"do": "1.5", "nh3n": "1.2"})
    assert low_do.main_pollutants == ["do", "nh3n"] and "do" not in low_do.exceedances
    # "断面水质为'优'或'良好'时，不评价主要污染指标": class Ⅲ has none.
    assert classify({"nh3n": "0.9", "tp": "0.2"}).main_pollutants == []


def test_the_sixty_forty_case_is_heavily_polluted():
    # 6 of 10 sections Ⅲ and 4 劣Ⅴ: Ⅰ–Ⅲ exactly 60%, 劣Ⅴ exactly 40%.
    summary = summarize([("III", None, "river")] * 6 + [("劣V", None, "river")] * 4)
    assert summary.method == "proportion" and summary.verdict == "重度污染"
    # 5 of 10 Ⅳ/Ⅴ and 2 劣Ⅴ: Ⅰ–Ⅲ 30%, 劣Ⅴ 20%: 中度污染 (20% ≤ 劣Ⅴ < 40%).
    mixed = summarize([("II", None, "river")] * 3 + [("IV", None, "river")] * 5 + [("劣V", None, "river")] * 2)
    assert mixed.verdict == "中度污染"


@pytest.mark.parametrize("nh3n,mean_class,verdict", [
    ("0.1", "I", "优"), ("0.4", "II", "优"), ("0.8", "III", "良好"), ("1.4", "IV", "轻度污染"),
    ("1.9", "V", "中度污染"), ("2.2", "劣V", "重度污染"),
])
def test_fewer_than_five_sections_take_the_grade_of_the_mean_class(nh3n, mean_class, verdict):
    # 22号 §二(一)2 with 表1: Ⅰ–Ⅱ 优, Ⅲ 良好, Ⅳ 轻度, Ⅴ 中度, 劣Ⅴ 重度 污染. Two sections
    # at ±0.05 of the value average to it.
    low, high = Decimal(nh3n) - Decimal("0.05"), Decimal(nh3n) + Decimal("0.05")
    summary = summarize([("I", {"nh3n": low}, "river"), ("I", {"nh3n": high}, "river")])
    assert summary.method == "mean" and summary.mean_class == mean_class and summary.verdict == verdict


def test_one_lake_averages_its_points_whatever_their_number():
    # 22号 §二(二)1(2): six points of one lake are averaged, not counted by class.
    clean = {"nh3n": "0.1", "tp": "0.02", "tn": "0.4"}
    bay = {"nh3n": "0.1", "tp": "0.15", "tn": "2.6"}
    result = lake_result([clean] * 5 + [bay], "lake")
    # TP (5 × 0.02 + 0.15) / 6 = 0.0417 ≤ 0.05 (lake Ⅲ); TN (2.0 + 2.6) / 6 = 0.767: Ⅲ, apart.
    assert result.water_class == "III" and result.limiting == ["tp"]
    assert result.reference_classes == {"tn": "III"}
    # The same points as a set of sections would be 5 × Ⅱ and 1 × Ⅴ by proportions.
    assert [classify(p, "lake").water_class for p in (clean, bay)] == ["II", "V"]
    with pytest.raises(ValueError, match="lake or reservoir"):
        lake_result([clean], "river")
    with pytest.raises(ValueError, match="no monitoring point"):
        lake_result([], "reservoir")
