"""CLAIM_MISMATCH from the text alone: a claim that every item got full marks, against an item of the same
section that the text scores below its 分值.

Bad: 产出指标各项均得满分 over rows "数量指标 改造户数完成率 15 15" … "时效指标 按期竣工率 10 9" (9 of 10).
Good: the same with every row at its 分值; "除满意度指标外，其余各项均获满分" (an item set apart); a claim in a
section that scores nothing (the rows are elsewhere, the claim may be of another group).
The section (from the heading above the claim to the next heading of its level or higher) is the claim's scope:
its sheet rows ("名称 | 分值 | 得分", one row a line "名称 分值 得分"), and the items its prose scores beside their
weight. Which items the claim covers is a reading of that layout, so the finding is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit
from .text_item_deductions import scored_pairs, sheet_rows

_CUES = cues(__name__)


@check_unit(also=("CLAIM_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    for sentence in ctx.doc.sentences:
        claim = _CUES.claim.search(sentence.text)
        if claim is None or _CUES.set_apart.search(sentence.text):
            continue
        start, end = _section(ctx, sentence.start)
        short = [item for item in _scored(ctx, start, end) if item[2] < item[1]]
        if not short:
            continue
        name, points, score = short[0]
        at = sentence.start + claim.start()
        yield ctx.relation_finding(
            "CLAIM_MISMATCH",
            f"文中称“{claim.group(0)}”，但同节“{name}”分值 {points}分，得分 {score}分"
            + (f"（另有{len(short) - 1}项未得满分）" if len(short) > 1 else ""),
            (at, sentence.start + claim.end()),
            expected=f"“{name}”未得满分",
            found=claim.group(0),
            proven=False,
            quote=sentence.text.strip(),
        )


def _section(ctx: AuditContext, at: int) -> tuple[int, int]:
    """The span of the section holding ``at``: from its heading to the next heading of its level or higher."""
    above = [h for h in ctx.doc.headings if h.start <= at]
    if not above:
        return 0, len(ctx.doc.text)
    head = above[-1]
    after = [h for h in ctx.doc.headings if h.start > at and h.level <= head.level]
    return head.start, after[0].start if after else len(ctx.doc.text)


def _scored(ctx: AuditContext, start: int, end: int) -> list[tuple[str, Decimal, Decimal]]:
    """The section's scored items (name, 分值, 得分), in text order."""
    text = ctx.doc.text
    found: dict[int, tuple[str, Decimal, Decimal]] = {}
    for names, points, score, at, _ in sheet_rows(text):
        if start <= at < end:
            found[at] = (" ".join(names), points, score)
    for m in _CUES.row_line.finditer(text, start, end):
        found.setdefault(
            m.start(), (m.group("name").strip(), Decimal(m.group("points")), Decimal(m.group("score")))
        )
    for name, points, score, at in scored_pairs(text):
        if start <= at < end:
            found.setdefault(at, (name, points, score))
    return [found[k] for k in sorted(found) if found[k][1] > 0 and found[k][2] <= found[k][1]]
