"""What the remaining months must bring for water targets (annual class from
annual mean concentrations per section, as the division page evaluates)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from ducha.quality.compute import meets, section_outlook, sections_outlook, toward_attainment
from ducha.standards.water import percent

III, V = 3, 5


def test_a_class_iv_section_needs_the_rest_of_the_year_below_the_class_iii_limit():
    s = section_outlook("小安溪", "river", {"nh3n": ["1.4", "1.6"], "codmn": ["3", "5"]}, III, 10)
    assert s.current_class == "IV" and not s.at_goal and s.reachable
    # (1.0 × 12 − 3.0) / 10: the next ten months must average at most 0.9 mg/L
    assert [(n.item, n.bound, n.upper) for n in s.needs] == [("nh3n", Fraction(9, 10), True)]


def test_unreachable_when_even_zero_for_the_rest_leaves_the_mean_too_high():
    s = section_outlook("大溪", "river", {"tp": ["0.3"] * 11}, III, 1)
    assert s.needs[0].bound == Fraction(-9, 10) and not s.reachable
    assert section_outlook("大溪", "river", {"tp": ["0.3"] * 11}, V, 1).at_goal  # 0.3 is class Ⅳ


def test_dissolved_oxygen_is_a_lower_bound_and_lakes_use_their_phosphorus_limits():
    s = section_outlook("湖心", "lake", {"do": ["4", "4"], "tp": ["0.06", "0.06"]}, III, 2)
    assert s.current_class == "IV"
    needs = {n.item: (n.bound, n.upper) for n in s.needs}
    assert needs == {"do": (Fraction(6), False), "tp": (Fraction(1, 25), True)}  # lake Ⅲ: 0.05, not 0.2
    assert section_outlook("湖心", "river", {"tp": ["0.06"]}, III, 2).at_goal  # river Ⅲ is 0.2


def test_a_year_over_is_judged_on_the_means():
    assert not section_outlook("x", "river", {"nh3n": ["1.2"]}, III, 0).reachable
    assert section_outlook("x", "river", {"nh3n": ["1.0"]}, III, 0).reachable  # equal to the limit is Ⅲ


def _sections(*classes_iii):
    return [section_outlook(f"s{i}", "river", {"nh3n": ["0.5" if ok else "1.2"]}, III, 6)
            for i, ok in enumerate(classes_iii)]


@pytest.mark.parametrize("target,needed", [("66.7", 2), ("70", 3), ("100", 3), ("101", None)])
def test_sections_needed_for_a_ratio_follow_the_reported_percent(target, needed):
    secs = _sections(True, False, False)
    outlook = sections_outlook(secs, 6, lambda k: meets(percent(Fraction(k, 3)), ">=", target))
    assert outlook.needed == needed and outlook.at_goal == 1 and outlook.reachable == 3
    assert outlook.attainable == (needed is not None)
    assert [s.section for s in outlook.to_recover] == ["s1", "s2"]


def test_not_attainable_when_too_few_sections_can_still_reach_the_goal():
    secs = _sections(True, False) + [section_outlook("s9", "river", {"nh3n": ["9"] * 11}, III, 1)]
    outlook = sections_outlook(secs, 1, lambda k: meets(percent(Fraction(k, 3)), ">=", "100"))
    assert outlook.needed == 3 and outlook.reachable == 2 and not outlook.attainable


def test_shown_bounds_round_toward_attainment():
    assert toward_attainment(Fraction(2, 3), 3, upper=True) == Decimal("0.666")
    assert toward_attainment(Fraction(2, 3), 3, upper=False) == Decimal("0.667")
    assert toward_attainment(Fraction(200), 1, upper=True) == Decimal(200)
    assert str(toward_attainment(Fraction(1, 20000), 6, upper=True)) == "0.00005"
