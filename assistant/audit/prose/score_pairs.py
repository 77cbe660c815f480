"""Score cells a 自评表 writes as label–value pairs without a unit: "分值20　得分18" on an indicator's line,
"权重10，得分9", "分值：15；得分：12", or the pair one cell a line ("分值 / 10 / 得分 / 9", the funds block of a form
flattened one cell per line).

Why a reader of its own: the prose readers read a score by its "分" and the form reader by a header above the
rows; a form whose every cell carries its own title has neither. Only a 分值 (or 权重) followed by a 得分 with
nothing but separators between is a pair, and no figure of it may carry a unit, a "%" or further digits (those
are the prose's, "分值10分，得8分", or another measure's); a score above its points is no pair read right, and then
none is given.
"""

from __future__ import annotations

from decimal import Decimal

from ..cues import cues
from ..document import Document
from .model import Statement
from .statements import REPORT

_CUES = cues(__name__)


def labelled_score_pairs(doc: Document) -> list[tuple[Statement, Statement]]:
    """Each 分值/权重 cell with the 得分 cell after it, in text order, as score statements of the report."""
    found = sorted(
        (m for pattern in (_CUES.inline_pair, _CUES.cell_pair) for m in pattern.finditer(doc.text)),
        key=lambda m: m.start(),
    )
    pairs: list[tuple[Statement, Statement]] = []
    for m in found:
        if pairs and m.start() < pairs[-1][1].span[1]:
            continue
        points, score = _statement(doc, m, "points"), _statement(doc, m, "score")
        if score.value > points.value:
            return []
        pairs.append((points, score))
    return pairs


def _statement(doc: Document, match, field: str) -> Statement:
    group = "p" if field == "points" else "s"
    text = match.group(group)
    start, end = match.span(group)
    value = Decimal(text)
    return Statement(
        subject=REPORT,
        field=field,
        kind="score",
        value=value,
        raw=value,
        factor=Decimal(1),
        unit=None,
        places=max(0, -value.as_tuple().exponent),  # type: ignore[operator]
        hedge=None,
        high=None,
        span=(start, end),
        text=text,
        sentence=None,
        strong=True,
        origin="table",
    )
