"""What the national rule gives an indicator row, as an interval: full points when the target is met, else in
proportion (正向: 分值 × 实际/目标; 反向: 分值 × 目标/实际 or the linear 分值 × (1 − 超出/目标)).

A missed row scored one whole point under the proportional score (分值 10, 目标 ≥90%, 完成 89%: 9.89 by the rule,
9 written) is the evaluator's whole-point deduction for a small miss, not a slip (``docked_whole_point``), except
on the 预算执行率 row, whose score is arithmetic (分值 × 执行率); and a finding says the target was reached only
when the written numbers meet it (``missed_as_written``), never because a rounded actual could touch it.

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


def docked_whole_point(allowed: list[Interval], score: Decimal, places: int) -> bool:
    """A whole-number score less than one point under every score the rule gives a missed row ("≥90%" done 89%,
    分值 10: 9.89 by the rule, 9 written): evaluators take off whole points for a small miss at their
    discretion, which the national rule leaves to them."""
    if places or not allowed:
        return False
    low = min(a.lo for a in allowed)
    return score < low < score + 1 and all(a.lo > score for a in allowed)


def missed_as_written(target: CellNumber, actual: CellNumber) -> bool:
    """The actual as written falls short of the target as written (above it for a ≤ target)."""
    return actual.value > target.value if target.op in NEGATIVE else actual.value < target.value
