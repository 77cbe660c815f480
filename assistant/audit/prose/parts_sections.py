"""A total's parts given as numbered sections: "…区直文博系统12774.00万元。区直文博系统项目有:一是布达拉宫管理处,下达
预算资金9378万元。具体是:…。二是西藏博物馆,下达预算资金5009万元,…".

Why a reader of its own: each section (一是, 二是, …) opens with one part's amount, then goes on with that part's
own details (a list of its items, what it is for), so no list cue ties the amounts and the generic list reader
stops at the first section. The lead-in names the whole ("区直文博系统项目有:") with the words written right before
the total, so the sections' opening amounts are that total's parts. Only the amount in a section's first clause is
its part (what follows is the section's own detail). A lead-in listing what a whole "has" need not list all of it:
the breakdown is not exhaustive (a sum above the total is a contradiction, one below it a warning).
"""

from __future__ import annotations

import re

from ..cues import cues
from ..document import Document
from ..fields import AMOUNT_FIELDS, clause_of, nearest_keyword
from .model import Breakdown, Statement

_CUES = cues(__name__)
_ORDINALS = "一二三四五六七八九十"


def sectioned(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """Every lead-in naming a total, then sections 一是/二是/… each opening with one amount."""
    found = []
    for sentence in doc.sentences:
        lead = _CUES.section_lead.search(sentence.text)
        if lead is None:
            continue
        label = lead.group("label").strip()
        lead_at = sentence.start + lead.start("label")
        total = _total(doc, statements, label, lead_at, sentence.para_start)
        if total is None:
            continue  # a total that is itself a part of an outer list (区直 12774.00 of 22171) still has its own
        parts = _section_parts(doc, statements, sentence.start + lead.start("first"), sentence.para_end)
        # "已支付资金500万元…一是道路工程，总投资800万元": parts written with another 口径 than the total's are no
        # parts of it (the words before each number, since the reader may give the sentence's 口径 to all)
        fields = {field_written(doc, s) for s in (total, *parts)}
        if len(fields - {None}) > 1:
            continue
        if len(parts) >= 2 and not any(p.span in taken for p in parts):
            found.append(Breakdown(total, tuple(parts), False, "一是"))
    return found


def field_written(doc: Document, statement: Statement) -> str | None:
    """The 口径 the words of the number's own clause name, if any (the reader may have given it the sentence's)."""
    start = statement.sentence.start if statement.sentence is not None else 0
    return nearest_keyword(clause_of(doc.text[start : statement.span[0]]), AMOUNT_FIELDS)


def _total(doc: Document, statements: list[Statement], label: str, at: int, para: int) -> Statement | None:
    """The last amount before the lead-in, in its paragraph, whose own clause names the lead-in's label."""
    for s in reversed(statements):
        if s.span[1] > at or s.kind != "amount" or s.role != "value":
            continue
        if s.span[0] < para:
            return None
        clause = re.split(r"[，,；;：:。]", doc.text[para : s.span[0]])[-1]
        if label in clause:
            return s
    return None


def _section_parts(doc: Document, statements: list[Statement], start: int, end: int) -> list[Statement]:
    """The opening amount of each section 一是, 二是, … in order, up to the paragraph's end; none if a section has
    no amount in its first clause."""
    text = doc.text[start:end]
    markers = [m for m in _CUES.section_marker.finditer(text)]
    expected = [m for k, m in enumerate(markers) if m.group("n") == _ORDINALS[min(k, len(_ORDINALS) - 1)]]
    if len(expected) != len(markers) or len(markers) < 2:
        return []
    parts = []
    for k, marker in enumerate(markers):
        lo = start + marker.end()
        hi = start + markers[k + 1].start() if k + 1 < len(markers) else end
        stop = _CUES.clause_end.search(doc.text, lo, hi)
        first_end = stop.start() if stop is not None else hi
        amount = next(
            (
                s
                for s in statements
                if s.kind == "amount" and s.role == "value" and lo <= s.span[0] < first_end
            ),
            None,
        )
        if amount is None:
            return []
        parts.append(amount)
    return parts
