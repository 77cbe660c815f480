"""What the national rule gives an indicator row, as an interval: full points when the target is met, else in
proportion (正向: 分值 × 实际/目标; 反向: 分值 × 目标/实际 or the linear 分值 × (1 − 超出/目标)).

Used on a form read from the text, where only the written numbers are known: target, actual and score each
stand for the interval their written precision allows, so a score is called off only when no reading of the
numbers gives it.
"""

from __future__ import annotations

from decimal import Decimal

from .cells import NEGATIVE, CellNumber
from .interval import Interval, written

ZERO = Decimal(0)


def expected_score(target: CellNumber, actual: CellNumber, points: Decimal) -> list[Interval] | None:
    """The scores the national rule allows (one interval per formula in use), or None when it cannot say."""
    if target.value <= 0 or actual.value < 0 or not _same_unit(target, actual):
        return None
    t = written(target.value, target.places)
    a = written(actual.value, actual.places)
    full = Interval.exact(points)
    negative = target.op in NEGATIVE or (actual.op in NEGATIVE if actual.op else False)
    if actual.op:  # "≥266米" written as the result: the target restated, so met
        return [full]
    met = a.lo >= t.hi if not negative else a.hi <= t.lo
    missed = a.hi < t.lo if not negative else a.lo > t.hi
    results = []
    if not missed:
        results.append(full)
    if not met:
        if negative:
            ratio = t.divided_by(a)
            if ratio is not None:
                results.append(_clamped(ratio.scaled(points), points))
                linear = Interval.exact(Decimal(2)) - a.divided_by(t)  # type: ignore[operator]
                results.append(_clamped(linear.scaled(points), points))
        else:
            ratio = a.divided_by(t)
            if ratio is not None:
                results.append(_clamped(ratio.scaled(points), points))
    return results


def _clamped(value: Interval, points: Decimal) -> Interval:
    return Interval(min(max(value.lo, ZERO), points), min(max(value.hi, ZERO), points))


def _same_unit(target: CellNumber, actual: CellNumber) -> bool:
    a, b = _unit(target.unit), _unit(actual.unit)
    return not a or not b or a == b


def _unit(unit: str) -> str:
    return "%" if unit in ("%", "百分比") else unit
