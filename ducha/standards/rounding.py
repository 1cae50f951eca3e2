"""Exact rounding for official figures.

GB/T 8170-2008 §3.3 (进舍规则): round half to even on the *exact* value
("四舍六入五成双"); a digit 5 followed by non-zero digits rounds up, which
half-even on the exact value does automatically. Inputs are read as Decimal
from their decimal text (a float is converted through its shortest repr, the
text it was written from), never through binary arithmetic.

HJ 633 §4.2.6 (2026) / §4.2 (2012 formula + 全部向上进位取整): IAQI and AQI
are rounded UP to integers, see `ceil_int`.

Also integer-only vector helpers (numpy) used by the bulk paths; they take
numerator/denominator arrays so no float ever enters a result.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from fractions import Fraction
from numbers import Rational

import numpy as np

Number = int | str | Decimal | Fraction | float


def to_decimal(value: Number) -> Decimal:
    """Decimal from text; a float goes through repr() (its shortest text)."""
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, bool):
        raise TypeError("a boolean is not a concentration")
    elif isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, float):
        d = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            d = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    else:
        raise TypeError(f"cannot read {type(value).__name__} as an exact decimal")
    if not d.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return d


def to_fraction(value: Number) -> Fraction:
    """Exact rational value (Fractions pass through unchanged)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, Rational) and not isinstance(value, bool):
        return Fraction(value)
    return Fraction(to_decimal(value))


def round_half_even(value: Number, places: int = 0) -> Decimal:
    """GB/T 8170 rounding of the exact value to `places` decimals.

    >>> round_half_even("2.5"), round_half_even("3.5"), round_half_even("2.51")
    (Decimal('2'), Decimal('4'), Decimal('3'))
    """
    if isinstance(value, Fraction):
        return _round_fraction(value, places)
    d = to_decimal(value)
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def _round_fraction(value: Fraction, places: int) -> Decimal:
    scaled = value * (10**places)
    q = round_half_even_int(scaled.numerator, scaled.denominator)
    return Decimal(q).scaleb(-places)


def round_half_even_int(num: int, den: int) -> int:
    """num/den rounded half to even, integers only (den > 0)."""
    q, r = divmod(num, den)
    twice = 2 * r
    if twice > den or (twice == den and q % 2 == 1):
        q += 1
    return q


def ceil_int(value: Number) -> int:
    """Round up to an integer (HJ 633: IAQI and AQI 全部向上进位取整)."""
    f = to_fraction(value)
    return -((-f.numerator) // f.denominator)


def ceil_div(num: int, den: int) -> int:
    return -((-num) // den)


# --- numpy integer helpers (no float anywhere) ---------------------------


def v_round_half_even_div(num: np.ndarray, den: np.ndarray | int) -> np.ndarray:
    """Element-wise num/den rounded half to even; int64 arrays, den > 0."""
    num = np.asarray(num, dtype=np.int64)
    den = np.asarray(den, dtype=np.int64)
    q = np.floor_divide(num, den)
    r = num - q * den
    twice = 2 * r
    up = (twice > den) | ((twice == den) & (q % 2 == 1))
    return q + up.astype(np.int64)


def v_ceil_div(num: np.ndarray, den: np.ndarray | int) -> np.ndarray:
    num = np.asarray(num, dtype=np.int64)
    return -np.floor_divide(-num, den)


def decimals_of(text: str) -> int:
    """Number of digits after the point in a decimal text ("1.50" -> 2)."""
    text = text.strip()
    if "e" in text.lower():
        d = to_decimal(text)
        return max(0, -d.as_tuple().exponent)
    return len(text.split(".", 1)[1]) if "." in text else 0


def scale_exact(value: Number, places: int) -> int:
    """value * 10**places as an int; refuses if that would lose digits."""
    f = to_fraction(value) * (10**places)
    if f.denominator != 1:
        raise ValueError(f"{value!r} has more than {places} decimals")
    return f.numerator


__all__ = [
    "to_decimal",
    "to_fraction",
    "round_half_even",
    "round_half_even_int",
    "ceil_int",
    "ceil_div",
    "v_round_half_even_div",
    "v_ceil_div",
    "decimals_of",
    "scale_exact",
]
