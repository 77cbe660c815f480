"""A whole said to be formed of named amounts: "财力1,867.48万元，由一般公共预算收入111.11万元加上级补助收入…等
1,756.37万元构成", "支出总计1,867.48万元，由一般公共预算支出1,867.48万元加上解支出…等0万元构成".

Why: a 决算 states how each whole is made up. The amounts between 由 and 构成/组成 are all its parts — the wording
closes the list — so their sum must be the whole written right before 由.
"""

from __future__ import annotations

from ..cues import cues
from ..document import Document
from .model import Statement
from .parts import Breakdown

_CUES = cues(__name__)


def formed(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """Every "X，由A加B构成" of the text whose X and parts no other breakdown holds."""
    found = []
    for sentence in doc.sentences:
        for match in _CUES.formed.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end("body")
            own = [
                s
                for s in statements
                if s.sentence is sentence and s.kind == "amount" and s.exact_claim and s.span not in taken
            ]
            before = [s for s in own if s.span[1] <= start]
            parts = [s for s in own if start < s.span[0] and s.span[1] <= end]
            if not before or len(parts) < 2:
                continue
            total = before[-1]
            if not _CUES.joint.fullmatch(doc.text[total.span[1] : start]):
                continue  # "…1,867.48万元，由…": the whole is the amount written right before 由
            found.append(Breakdown(total, tuple(parts), True, match.group(0)[:2]))
    return found
