"""Whose change a stated change is, when the figure right before it does not give it.

A change written after a whole's items ("“三公”经费支出22.84万元，其中公务用车运行维护费19.06万元、公务接待费3.78万元，
较上年的25.30万元减少2.46万元") is the whole's, not the last item's: 22.84 − 25.30 = −2.46 holds, 3.78 − 25.30 does
not. The figure a change is of is the writer's to choose, so any exact figure further back in the sentence that
gives the stated change is a reading that holds, and the check that read the last figure stays silent.

Checks that read a stated change (a year-on-year change, a plan against its result, a gross less a deduction) share
this search; each passes its own difference rule, so the reading is tried the same way wherever a change is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .interval import Interval
from .model import Statement


def earlier_figure_gives(
    earlier: Iterable[Statement],
    unit: str | None,
    change: Statement,
    difference: Callable[[Statement], Interval | None],
) -> bool:
    """Does an exact figure of ``earlier`` (further back in the sentence) in ``unit`` (that of the figure first
    read as the one the change is of; money in any of its units, values being canonical: "支出6.06万元，其中…因公出国
    （境）费0元，较年初预算7.50万元减少1.44万元" is the whole's change though its last item is written in 元) give
    ``change`` by the caller's ``difference`` rule (None: the rule does not apply to that figure)?"""
    for other in earlier:
        if not other.exact_claim or not _same_measure(other.unit, unit):
            continue
        gap = difference(other)
        if gap is not None and gap.overlaps(change.interval()):
            return True
    return False


def _same_measure(one: str | None, other: str | None) -> bool:
    """Are two units of one measure: the same unit, or both money (元, 万元, 亿元: values are canonical)?"""
    return one == other or (
        one is not None and other is not None and one.endswith("元") and other.endswith("元")
    )
