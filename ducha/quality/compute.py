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
from typing import Mapping, Sequence

from ducha.standards.rounding import round_half_even, to_fraction
from ducha.standards.water import class_rank, classify, upper_limits
from ducha.standards.water_limits import DO_MINIMUMS, EVALUATED_ITEMS, PH_RANGE

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
        return toward_attainment(self.bound, 1, self.upper, self.inclusive)


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


# --- water sections: what the remaining months must average ------------------
#
# The yearly figure follows figures.DivisionYear.section_classes: a section's
# annual class is the single-factor class of its annual MEAN concentrations
# (22号 §一(二): annual evaluation on the means of the year's monthly results),
# not the share of section-months. The remaining months are assumed to bring
# one result a month for every item the section has measured this year.


@dataclass
class ItemNeed:
    item: str
    current: Fraction             # mean so far
    bound: Fraction               # what the remaining months must average (at most / at least)
    upper: bool                   # True: at most `bound` (every item but DO and pH's lower side)

    def display(self, places: int) -> Decimal:
        return toward_attainment(self.bound, places, self.upper, inclusive=True)


@dataclass
class SectionOutlook:
    section: str
    current_class: str            # class of the means so far
    at_goal: bool                 # current class at the goal class or better
    reachable: bool               # the annual class can still be the goal or better
    needs: list                   # ItemNeed for the items whose mean so far misses the goal


def _goal_limits(item: str, waterbody: str, goal: int) -> tuple[Fraction | None, Fraction | None]:
    """(lowest, highest) mean an item may have for class `goal` (1..5) or better."""
    if item == "ph":
        return Fraction(PH_RANGE[0]), Fraction(PH_RANGE[1])
    if item == "do":
        return Fraction(DO_MINIMUMS[goal - 1]), None
    return None, Fraction(upper_limits(item, waterbody)[goal - 1])


def section_outlook(section: str, waterbody: str, values: Mapping[str, Sequence], goal: int,
                    remaining_months: int) -> SectionOutlook:
    """Outlook of one section for the goal class (3 = Ⅲ, 5 = Ⅴ): `values`
    maps item codes to the monthly values so far (text, Decimal, Fraction)."""
    series = {item: [to_fraction(v) for v in vs if v is not None] for item, vs in values.items()}
    series = {item: vs for item, vs in series.items() if vs and item in EVALUATED_ITEMS}
    if not series:
        raise ValueError(f"{section}: no evaluated item has a value")
    means = {item: sum(vs, Fraction(0)) / len(vs) for item, vs in series.items()}
    current = classify(means, waterbody).water_class
    at_goal = class_rank(current) <= goal
    reachable, needs = at_goal, []
    if remaining_months > 0:
        reachable = True
        for item, vs in series.items():
            n, total = len(vs), sum(vs, Fraction(0))
            low, high = _goal_limits(item, waterbody, goal)
            # (total + R·x) / (n + R) within [low, high]  <=>  x within the bounds below
            hi = None if high is None else (high * (n + remaining_months) - total) / remaining_months
            lo = None if low is None else (low * (n + remaining_months) - total) / remaining_months
            if hi is not None and hi < 0:
                reachable = False  # even zero for the rest of the year leaves the mean too high
            if high is not None and means[item] > high:
                needs.append(ItemNeed(item, means[item], hi, True))
            if low is not None and means[item] < low:
                needs.append(ItemNeed(item, means[item], lo, False))
    return SectionOutlook(section, current, at_goal, reachable, needs)


@dataclass
class SectionsOutlook:
    total: int
    at_goal: int                  # sections whose means so far are at the goal class or better
    reachable: int                # sections that can still end the year there
    needed: int | None            # fewest such sections the target needs; None: no number does
    remaining_months: int
    sections: list

    @property
    def attainable(self) -> bool:
        return self.needed is not None and self.reachable >= self.needed

    @property
    def to_recover(self) -> list:
        """Sections below the goal that can still reach it, the nearest first."""
        behind = [s for s in self.sections if s.reachable and not s.at_goal]
        return sorted(behind, key=lambda s: (len(s.needs), s.section))


def sections_outlook(sections: Sequence[SectionOutlook], remaining_months: int, meets_with) -> SectionsOutlook:
    """`meets_with(k)`: whether the target is met when k of the sections end
    the year at the goal class or better (more such sections never hurt)."""
    total = len(sections)
    needed = next((k for k in range(total + 1) if meets_with(k)), None)
    return SectionsOutlook(total, sum(s.at_goal for s in sections), sum(s.reachable for s in sections), needed,
                           remaining_months, list(sections))


def toward_attainment(value: Fraction, places: int, upper: bool, inclusive: bool = True) -> Decimal:
    """`value` to `places` decimals, rounded toward attainment: down for an
    upper bound, up for a lower one, so the figure shown is always safe."""
    scaled = value * 10**places
    if upper:
        n = scaled.numerator // scaled.denominator
        if not inclusive and n == scaled:
            n -= 1
    else:
        n = -((-scaled.numerator) // scaled.denominator)
        if not inclusive and n == scaled:
            n += 1
    q = Decimal(n).scaleb(-places)
    return q.to_integral_value() if q == q.to_integral_value() else q.normalize()
