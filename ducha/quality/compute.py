"""What the rest of a period must average for a target to be met (plain
Python, exact; no Django).

Targets are judged on the reported value (GB/T 8170 §4.3 修约值比较法, as HJ
663 requires): an annual PM2.5 mean is reported as an integer, a good-days
ratio in percent with one decimal, both rounded half to even. So "PM2.5 < 24"
holds when the exact mean rounds to 23 or less, i.e. mean < 23.5 (23.5 itself
rounds to 24).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ducha.standards.rounding import round_half_even, to_fraction

UPPER = ("<", "<=")
LOWER = (">", ">=")


def meets(reported, comparator: str, target) -> bool:
    r, t = to_fraction(reported), to_fraction(target)
    return {"<": r < t, "<=": r <= t, ">": r > t, ">=": r >= t, "==": r == t}[comparator]


def _unit(places: int) -> Fraction:
    return Fraction(1, 10**places)


def _is_even_step(r: Fraction, places: int) -> bool:
    return (r / _unit(places)).numerator % 2 == 0


def exact_bound(comparator: str, target, places: int) -> tuple[Fraction, bool]:
    """Bound on the EXACT value for its reported (rounded) value to meet
    `comparator target`: (bound, inclusive). For "<"/"<=" the exact value
    must be below the bound, for ">"/">=" above it."""
    t, unit = to_fraction(target), _unit(places)
    half = unit / 2
    steps = t / unit
    if comparator in UPPER:
        # Largest reportable value that still meets the target.
        n = steps.numerator // steps.denominator
        if comparator == "<" and n * unit == t:
            n -= 1
        r = n * unit
        return r + half, _is_even_step(r, places)  # a tie rounds to r only when r is even
    if comparator in LOWER:
        n = -((-steps.numerator) // steps.denominator)
        if comparator == ">" and n * unit == t:
            n += 1
        r = n * unit
        return r - half, _is_even_step(r, places)
    raise ValueError(f"no remaining-period bound for comparator {comparator!r}")


@dataclass
class MeanOutlook:
    current: Decimal | None       # reported mean so far
    remaining_days: int
    bound: Fraction | None        # exact bound on the remaining days' mean
    inclusive: bool
    attainable: bool
    upper: bool                   # True: remaining mean must stay below the bound

    @property
    def display_bound(self) -> Decimal | None:
        """A safe one-decimal figure: rounded toward attainment."""
        if self.bound is None:
            return None
        scaled = self.bound * 10
        if self.upper:
            n = scaled.numerator // scaled.denominator
            if not self.inclusive and n == scaled:
                n -= 1
        else:
            n = -((-scaled.numerator) // scaled.denominator)
            if not self.inclusive and n == scaled:
                n += 1
        return Decimal(n).scaleb(-1).normalize() if n % 10 else Decimal(n // 10)


def remaining_mean(known_sum, known_days: int, remaining_days: int, comparator: str, target,
                   places: int = 0) -> MeanOutlook:
    """Outlook of a period mean (e.g. annual PM2.5) from the `known_days`
    daily values summing to `known_sum`, with `remaining_days` to come."""
    s = to_fraction(known_sum)
    current = round_half_even(s / known_days, places) if known_days else None
    upper = comparator in UPPER
    if remaining_days <= 0:
        ok = current is not None and meets(current, comparator, target)
        return MeanOutlook(current, 0, None, True, ok, upper)
    limit, inclusive = exact_bound(comparator, target, places)
    # (s + R·x) / (n + R) vs limit  <=>  x vs (limit·(n + R) − s) / R
    bound = (limit * (known_days + remaining_days) - s) / remaining_days
    if upper:
        attainable = bound > 0 or (bound == 0 and inclusive)  # concentrations are never negative
    else:
        attainable = True
    return MeanOutlook(current, remaining_days, bound, inclusive, attainable, upper)


@dataclass
class CountOutlook:
    current: Decimal | None      # reported ratio so far (percent)
    remaining_days: int
    needed: int | None           # fewest qualifying days still needed; None if unattainable
    attainable: bool


def remaining_ratio_days(good: int, valid: int, remaining_days: int, comparator: str, target,
                         places: int = 1) -> CountOutlook:
    """Good-days ratio (percent, one decimal): how many of the remaining days
    must be good for the period's reported ratio to meet the target.
    Remaining days are assumed valid."""
    current = round_half_even(Fraction(100 * good, valid), places) if valid else None
    total = valid + remaining_days
    if total == 0:
        return CountOutlook(None, 0, None, False)
    for extra in range(remaining_days + 1):
        ratio = round_half_even(Fraction(100 * (good + extra), total), places)
        if meets(ratio, comparator, target):
            return CountOutlook(current, remaining_days, extra, True)
        if comparator in UPPER:
            break  # more good days only raise the ratio
    return CountOutlook(current, remaining_days, None, False)


def remaining_count(count: int, remaining_days: int, comparator: str, target) -> CountOutlook:
    """A count that can only grow (heavy-pollution days, 劣Ⅴ sections seen):
    how many more are still allowed. `needed` is the allowance."""
    t = to_fraction(target)
    if comparator not in UPPER:
        raise ValueError("a growing count can only have an upper target")
    allowed = (t.numerator // t.denominator) - count
    if comparator == "<" and t.denominator == 1:
        allowed -= 1
    return CountOutlook(Decimal(count), remaining_days, max(allowed, 0) if allowed >= 0 else None, allowed >= 0)
