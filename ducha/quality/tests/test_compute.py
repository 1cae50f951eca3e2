from decimal import Decimal
from fractions import Fraction

import pytest

from ducha.quality.compute import exact_bound, remaining_count, remaining_mean, remaining_ratio_days


@pytest.mark.parametrize("comparator,target,bound,inclusive", [
    ("<", 24, Fraction(47, 2), False),    # reported ≤ 23; 23.5 rounds (half-even) to 24
    ("<=", 24, Fraction(49, 2), True),    # 24.5 rounds to 24
    ("<", 25, Fraction(49, 2), True),
    ("<", "24.5", Fraction(49, 2), True),  # reported ≤ 24
    (">=", 97, Fraction(1939, 20), True),   # with one decimal: 96.95 rounds to 97.0
    (">=", "96.9", Fraction(1937, 20), False),  # 96.85 rounds to 96.8
    (">", 97, Fraction(1941, 20), False),
])
def test_exact_bound_follows_half_even_reporting(comparator, target, bound, inclusive):
    places = 0 if comparator in ("<", "<=") else 1
    assert exact_bound(comparator, target, places) == (bound, inclusive)


def test_remaining_pm25_average():
    # 325 days summing to 7817 µg/m³ (mean 24.05 -> reported 24, not < 24); 40 days left.
    outlook = remaining_mean(7817, 325, 40, "<", 24)
    assert outlook.current == Decimal("24")
    # (23.5 × 365 − 7817) / 40 = 760.5 / 40
    assert outlook.bound == Fraction(7605, 400) and not outlook.inclusive and outlook.attainable
    assert outlook.display_bound == Decimal("19")
    # Check against the definition: exactly that average misses, a hair less meets.
    assert (7817 + 40 * outlook.bound) / 365 == Fraction(47, 2)


def test_remaining_average_with_a_fractional_display():
    outlook = remaining_mean(7800, 325, 40, "<=", 24)
    assert outlook.bound == (Fraction(49, 2) * 365 - 7800) / 40  # 28.5625
    assert outlook.display_bound == Decimal("28.5")


def test_unattainable_when_the_rest_would_need_a_negative_average():
    outlook = remaining_mean(9750, 325, 40, "<", 24)
    assert not outlook.attainable and outlook.bound < 0


def test_year_over_uses_the_reported_mean():
    assert remaining_mean(23 * 365, 365, 0, "<", 24).attainable
    assert not remaining_mean(24 * 365, 365, 0, "<", 24).attainable


def test_good_days_still_needed():
    outlook = remaining_ratio_days(315, 325, 40, ">=", 97)
    assert outlook.current == Decimal("96.9")
    assert outlook.needed == 39  # 354/365 = 96.99 -> 97.0; 353/365 -> 96.7
    assert not remaining_ratio_days(300, 325, 40, ">=", 97).attainable


def test_good_days_half_even_edge():
    # 1939/2000 = 96.95% exactly, reported 97.0 (half to even); 1938 gives 96.9.
    assert remaining_ratio_days(1929, 1990, 10, ">=", 97).needed == 10
    assert remaining_ratio_days(1929, 1990, 9, ">=", 97).needed is None


def test_growing_count_allowance():
    assert remaining_count(1, 40, "<=", 3).needed == 2
    assert remaining_count(0, 40, "<", 1).needed == 0
    assert not remaining_count(2, 40, "<", 1).attainable
