"""Interval arithmetic for written numbers, as XBRL Calculations 1.1 treats rounding.

A number written with ``p`` decimals stands for every value that rounds to it: "62.32" is [62.315, 62.325].
Sums, differences, products and quotients of such intervals bound what the exact values can give; a stated
result contradicts its inputs only when its own interval and the computed one do not overlap. Hedges widen or
bound the interval ("约" ±5 %, "超过" open above). Intervals are half-open, as rounding half up makes them:
"89.97" is [89.965, 89.975), so a sum that can only be 89.975 or more rounds to 89.98, not 89.97. Whether two
numbers agree at one written precision (no arithmetic) lives in
``numbers.precision``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assistant.numbers.precision import hedge_kind

_HUGE = Decimal("1e30")
_ABOUT_SHARE = Decimal("0.05")


@dataclass(frozen=True)
class Interval:
    """Every value a written number (or a computation from written numbers) may stand for."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        return cls(value, value)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = (self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi)
        return Interval(min(products), max(products))

    def scaled(self, factor: Decimal) -> Interval:
        a, b = self.lo * factor, self.hi * factor
        return Interval(min(a, b), max(a, b))

    def divided_by(self, other: Interval) -> Interval | None:
        """``self / other``, or None when ``other`` may be zero (no bound can be given)."""
        if other.lo <= 0 <= other.hi:
            return None
        quotients = (self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi)
        return Interval(min(quotients), max(quotients))

    @property
    def point(self) -> bool:
        return self.lo == self.hi

    def holds(self, value: Decimal) -> bool:
        return value == self.lo if self.point else self.lo <= value < self.hi

    def overlaps(self, other: Interval) -> bool:
        """Can both stand for one value? ([lo, hi) each; a point is a value of its own.)"""
        if self.point or other.point:
            return other.holds(self.lo) if self.point else self.holds(other.lo)
        return self.lo < other.hi and other.lo < self.hi

    def cut_to(self, value: Decimal, places: int) -> bool:
        """Could ``value`` be this one cut (not rounded) at ``places`` decimals: 99.985 written 99 at 0?"""
        return self.overlaps(Interval(value, value + Decimal(1).scaleb(-places)))

    def below(self, other: Interval) -> bool:
        """Every value here is smaller than every value of ``other`` (proven less)."""
        return self.hi <= other.lo if not self.point else self.hi < other.lo

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    def shown(self, unit: str = "") -> str:
        """The value for a message: "12.5分", or its middle with the bounds, "12.5分（12.45～12.55）"."""
        low, high = round(self.lo, 2), round(self.hi, 2)
        return f"{low}{unit}" if low == high else f"{round(self.mid, 2)}{unit}（{low}～{high}）"


def half_unit(places: int) -> Decimal:
    return Decimal(5).scaleb(-(places + 1))


def places_of(digits: str) -> int:
    """The decimals a number's digits show ("1,925.67" → 2, "2030" → 0): the precision it was written to."""
    return len(digits.split(".")[1]) if "." in digits else 0


def written(value: Decimal, places: int, hedge: str | None = None, high: Decimal | None = None) -> Interval:
    """The interval a number written with ``places`` decimals (and an optional hedge or range) stands for."""
    half = half_unit(places)
    if high is not None:
        return Interval(value - half, high + half)
    kind = hedge_kind(hedge)
    if kind == "at_least":
        return Interval(value - half, _HUGE)
    if kind == "at_most":
        return Interval(-_HUGE, value + half)
    if kind == "about":
        spread = max(half, abs(value) * _ABOUT_SHARE)
        return Interval(value - spread, value + spread)
    return Interval(value - half, value + half)


def total(intervals: list[Interval]) -> Interval:
    result = Interval.exact(Decimal(0))
    for item in intervals:
        result = result + item
    return result
