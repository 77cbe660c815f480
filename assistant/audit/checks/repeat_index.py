"""Figures indexed by their written digits, to find the earlier figures one slip of the hand (one digit struck, two
neighbours swapped) may take a figure to without comparing every pair. Which pairs are reported lives in
``net_repeats``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from assistant.numbers.keystroke import written_digits

from ..prose.model import Statement


class SlipIndex:
    """The earlier figures of a figure's ``group`` written with as many digits and apart from it in one digit or two
    neighbouring ones: the only pairs that can be one figure retyped with a slip.

    Why: comparing each figure with every earlier one made the repeat net quadratic in a long text (forty 自评表 in
    one file); the figures are indexed once by their digits with one, or two neighbouring, digits masked.
    """

    def __init__(self, figures: list[Statement], group: Callable[[Statement], Hashable]) -> None:
        self._digits = [written_digits(s.raw, s.places) for s in figures]
        self._keys: list[list[tuple[Hashable, str]]] = []
        self._buckets: dict[tuple[Hashable, str], list[int]] = {}
        for i, (s, digits) in enumerate(zip(figures, self._digits, strict=True)):
            keys = [(group(s), masked) for masked in _masked(digits)]
            self._keys.append(keys)
            for key in keys:
                self._buckets.setdefault(key, []).append(i)

    def before(self, k: int) -> list[int]:
        """The indices, in reading order, of the figures before the ``k``-th that may be it slipped."""
        found: set[int] = set()
        for key in self._keys[k]:
            for i in self._buckets[key]:
                if i >= k:
                    break
                if self._digits[i] != self._digits[k]:
                    found.add(i)
        return sorted(found)


def _masked(digits: str) -> list[str]:
    """The digits with each digit, and each two neighbouring digits, masked: two digit strings of one length one
    digit struck or two neighbours swapped apart share one of these."""
    one = [f"{digits[:i]}?{digits[i + 1 :]}" for i in range(len(digits))]
    return one + [f"{digits[:i]}??{digits[i + 2 :]}" for i in range(len(digits) - 1)]
