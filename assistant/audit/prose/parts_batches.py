"""A total said to come in a number of batches, then each batch by its ordinal: "分两批下达危改任务16971户，第一批任务
8167户，第二批任务8804户".

Why: the count of batches says how many parts there are; when the sentence then names exactly that many batches
(第一批 … 第N批, in order), each with one quantity of the total's kind and unit, the batches are the whole, and
their sum must be the total (``exhaustive``). Fewer or more batches named, or a batch with no quantity, and the
list is left alone.
"""

from __future__ import annotations

from assistant.numbers.numerals import parse_number

from ..cues import cues
from ..document import Document
from .model import Breakdown, Statement
from .parts_rules import compatible

_CUES = cues(__name__)


def in_batches(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """Breakdowns of a total written after 分N批 into the N batches named after it in the same sentence."""
    found = []
    for sentence in doc.sentences:
        split = _CUES.split.search(sentence.text)
        if split is None:
            continue
        count = int(parse_number(split.group("n")))
        start = sentence.start + split.end()
        own = [s for s in statements if s.sentence is sentence and s.span[0] >= start and s.span not in taken]
        if not own or own[0].role != "value":
            continue
        total, rest = own[0], own[1:]
        marks = list(_CUES.ordinal.finditer(doc.text, total.span[1], sentence.end))
        if len(marks) != count or [int(parse_number(m.group("k"))) for m in marks] != list(
            range(1, count + 1)
        ):
            continue  # not each batch named once, in order
        parts = []
        for k, mark in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else sentence.end
            within = [s for s in rest if mark.end() <= s.span[0] < end and compatible(total, s)]
            if within:
                parts.append(within[0])
        if len(parts) == count:
            found.append(Breakdown(total, tuple(parts), True, "分批"))
    return found
