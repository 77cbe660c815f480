"""A total said to come in a number of batches, then each batch by its ordinal: "分两批下达危改任务16971户，第一批任务
8167户，第二批任务8804户".

Why: the count of batches says how many parts there are; when the sentence then names exactly that many batches
(第一批 … 第N批, in order), each with one quantity of the total's kind and unit, the batches are the whole, and
their sum must be the total (``exhaustive``). Fewer or more batches named, or a batch with no quantity, and the
list is left alone.
Also one batch shared out in a later sentence ("（第一批3000万元，第二批2400万元）…其中第二批资金…分配至甲、乙、丙3县，
分别为甲县…、乙县…、丙县…"): the batch's amount stated once, by its ordinal, is the total of the list that names that batch
before its amounts, when the sentence counts as many recipients as it lists amounts. The pairing rests on the
ordinal only: a mismatch is a warning (``loose``).
"""

from __future__ import annotations

from dataclasses import replace

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


def batch_shared(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """Breakdowns of one batch's amount, stated earlier by its ordinal, into the list a later sentence gives it."""
    found = []
    for sentence in doc.sentences:
        mark = _CUES.ordinal.search(sentence.text)
        if mark is None:
            continue
        opened = sentence.start + mark.end()
        own = [s for s in statements if s.sentence is sentence and s.kind == "amount"]
        if not own or own[0].span[0] < opened or any(s.role != "value" or s.span in taken for s in own):
            continue
        head = doc.text[opened : own[0].span[0]]
        counted = _CUES.counted_recipients.search(head)
        if len(own) < 2 or counted is None or int(parse_number(counted.group("n"))) != len(own):
            continue
        k = int(parse_number(mark.group("k")))
        earlier = [
            s
            for s in statements
            if s.span[1] <= sentence.start
            and s.kind == "amount"
            and s.role in ("value", "aside")
            and s.unit == own[0].unit
            and _batch_of(doc, s) == k
        ]
        if len({s.interval() for s in earlier}) != 1:
            continue  # no amount of that batch, or several: no safe total
        found.append(Breakdown(replace(earlier[-1], role="value"), tuple(own), True, "第…批", loose=True))
    return found


def _batch_of(doc: Document, statement: Statement) -> int | None:
    """The ordinal of the batch the words right before an amount name ("，第二批2400万元" → 2), or None."""
    assert statement.sentence is not None
    head = doc.text[statement.sentence.start : statement.span[0]]
    marks = list(_CUES.ordinal.finditer(head))
    if not marks or not _CUES.batch_amount_gap.fullmatch(head[marks[-1].end() :]):
        return None
    return int(parse_number(marks[-1].group("k")))
