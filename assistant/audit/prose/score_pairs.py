"""Score cells a 自评表 writes as label–value pairs without a unit: "分值20　得分18" on an indicator's line,
"权重10，得分9", "分值：15；得分：12", or the pair one cell a line ("分值 / 10 / 得分 / 9", the funds block of a form
flattened one cell per line).

Why a reader of its own: the prose readers read a score by its "分" and the form reader by a header above the
rows; a form whose every cell carries its own title has neither. Only a 分值 (or 权重) followed by a 得分 with
nothing but separators between is a pair, and no figure of it may carry a unit, a "%" or further digits (those
are the prose's, "分值10分，得8分", or another measure's); a score above its points is no pair read right, and then
none is given.
Such a form closes on its total score as one more titled cell ("自评得分：93.5" on a line of its own, no unit):
``labelled_total`` reads it — the one line of its kind in the text, so that a form's 总分 (the full marks) or a
score of a part is never taken for it.
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


def labelled_total(doc: Document) -> Statement | None:
    """The form's total-score cell ("自评得分：93.5", "综合得分: 88" on its own line, no unit) as the report's total
    score; None when no such line or more than one (two forms, or a total restated: the prose readers' case)."""
    found = list(_CUES.total_cell.finditer(doc.text))
    if len(found) != 1 or Decimal(found[0].group("s")) > 100:
        return None
    return _statement(doc, found[0], "score")


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
