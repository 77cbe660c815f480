"""Hypothesis strategies over the case generator (``assistant.evaluation.generate``).

The generator draws through a ``Chooser``; here the chooser is hypothesis's ``draw``, so a failing case
shrinks towards fewer projects, earlier rule sets and simpler values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st

from assistant.evaluation.generate import case_data
from assistant.models import Case

T = TypeVar("T")


class DrawChooser:
    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def choice(self, options: Sequence[T]) -> T:
        return self.draw(st.sampled_from(options))


@st.composite
def case_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A valid case as the officer files it (Chinese keys)."""
    return case_data(DrawChooser(draw))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A valid, validated case."""
    return Case.model_validate(draw(case_dicts()))
