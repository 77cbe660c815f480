"""One planted slip (``Mutation``) and the gold report it is planted in (``Site``), shared by every mutator."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from assistant.scoring import UnitScore

from .truth import Truth

# Only prose is mutated (the table is rendered from data in our own reports); it ends at the attachment.
_ATTACHMENT = re.compile(r"^#*\s*附\s*件", re.M)


@dataclass(frozen=True)
class Mutation:
    kind: str
    text: str
    span: tuple[int, int] | None  # where the slip is in the mutated text
    project: str | None  # for deletions: the project whose text was removed
    codes: frozenset[str]
    description: str


def prose_end(text: str) -> int:
    """Where the prose ends: at the attachment (附件), or at the end of the text."""
    match = _ATTACHMENT.search(text)
    return match.start() if match else len(text)


def replace(text: str, start: int, end: int, new: str) -> tuple[str, tuple[int, int]]:
    """``text`` with ``[start, end)`` replaced by ``new``, and where ``new`` now stands."""
    return text[:start] + new + text[end:], (start, start + len(new))


@dataclass(frozen=True)
class Site:
    """A gold report with what is true about it, handed to every mutator."""

    text: str
    unit: UnitScore
    truth: Truth
    rng: random.Random

    @property
    def prose_end(self) -> int:
        return prose_end(self.text)

    def matches(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        end = self.prose_end
        return [m for m in pattern.finditer(self.text) if m.end() <= end]

    def slip(
        self, kind: str, start: int, end: int, new: str, codes: frozenset[str], description: str
    ) -> Mutation:
        """The report with ``[start, end)`` rewritten as ``new``: a slip that ``codes`` catch where it stands."""
        text, span = replace(self.text, start, end, new)
        return Mutation(kind, text, span, None, codes, description)
