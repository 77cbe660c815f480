"""Counts of one kind of thing stated apart in a paragraph: "共实施项目15个；年初8个项目…；年中新增8个项目".

Why apart from the list finder: no list cue ties these counts together, only what they count, so the parts may
overlap and the breakdown is loose (a shortfall is never proven by it alone).
"""

from __future__ import annotations

from ..cues import cues
from ..document import Document
from .model import Breakdown, Statement

_CUES = cues(__name__)
_NOUNS_BEFORE = ("项目", "单位", "学校", "村庄")


def counted_apart(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """A count of N things with 共/合计, then in the same paragraph other counts of the same things."""
    found = []
    counts = [s for s in statements if s.kind == "count" and s.role == "value" and s.span not in taken]
    for k, total in enumerate(counts):
        noun = _counted(doc, total)
        sentence = total.sentence
        if noun is None or sentence is None:
            continue
        if not _CUES.total_count.search(doc.text[sentence.start : total.span[0]]):
            continue
        parts = [
            s
            for s in counts[k + 1 :]
            if s.sentence is not None
            and s.sentence.para_start == sentence.para_start
            and _counted(doc, s) == noun
            and s.unit == total.unit
        ]
        if len(parts) >= 2:
            found.append(Breakdown(total, tuple(parts), False, "共", loose=True))
    return found


def _counted(doc: Document, count: Statement) -> str | None:
    """What a count counts: the noun after it, or 项目/单位 right before it ("项目15个")."""
    noun = count.extra.get("noun")
    if noun:
        return noun
    before = doc.text[max(0, count.span[0] - 2) : count.span[0]]
    return before if before in _NOUNS_BEFORE else None
