"""TOTAL_MISMATCH from the text alone: money said not to have arrived (尚有X未到位, 资金缺口X, 未到账X) against the
money due minus the money that arrived, both stated before it in its paragraph.

Bad: 安排财政资金2,400.00万元……实际到位资金2,254.00万元……尚有164.00万元未到位 (2,400.00 − 2,254.00 = 146.00).
Bad: 应到位资金500万元，已到位420万元，资金缺口90万元 (80).
Good: the same with the gap written right (146.00, 80); a gap whose due amount the paragraph does not state, or a
gap with no amount arrived before it (silent); rounding to the written precision is never a contradiction.
Which amounts the gap is the difference of is a reading: it is tried against every amount that arrived (到位, 到账
right before the number) and every larger amount before that one in the paragraph; any pair that fits is the
writer's, and no finding. An error only when the amount arrived in the gap's own sentence (the nearest before it)
has an amount due of its own government level (中央/省级/市级/县级…, or neither names one: 下达资金…实际到位资金…),
so the natural reading is there and fails too; otherwise a doubt (warning).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.model import Statement
from ..registry import check_unit
from .growth_reading import difference_finding

_CUES = cues(__name__)


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    amounts = [s for s in ctx.facts.statements if s.kind == "amount" and s.role != "aside" and s.sentence]
    for k, gap in enumerate(amounts):
        if not gap.exact_claim or not _is_gap(ctx, gap):
            continue
        start = text.rfind("\n", 0, gap.span[0]) + 1
        earlier = [s for s in amounts[:k] if s.span[0] >= start and s.exact_claim]
        arrived = [s for s in earlier if _CUES.arrived.search(clause_before(ctx, s))]
        readings = [(due, got) for got in arrived for due in earlier if due.span[1] <= got.span[0]]
        readings = [(due, got) for due, got in readings if due not in arrived and due.value > got.value]
        if not readings or any((d.interval() - g.interval()).overlaps(gap.interval()) for d, g in readings):
            continue
        nearest = arrived[-1]
        own = [d for d, g in readings if g is nearest and _level(ctx, d) == _level(ctx, nearest)]
        proven = nearest.sentence == gap.sentence and bool(own)
        due = own[-1] if own else readings[-1][0]
        got = nearest if own else readings[-1][1]
        ctx.facts.mark(due, got, gap)
        head = f"未到位金额即应到位 {due.text} 减已到位 {got.text}，"
        computed = due.interval() - got.interval()
        yield difference_finding(ctx, head, computed, due, got, gap, proven=proven, main=gap)


def _is_gap(ctx: AuditContext, s: Statement) -> bool:
    """Is the amount named as money not arrived, by the words right after it (164万元未到位) or its clause (资金缺口)?"""
    after = ctx.doc.text[s.span[1] : s.span[1] + 16]
    return bool(_CUES.missing_after.match(after) or _CUES.missing_before.search(clause_before(ctx, s)))


def _level(ctx: AuditContext, s: Statement) -> str | None:
    """The government level the amount's clause names last (市级配套资金 → 市), or None."""
    found = _CUES.level.findall(clause_before(ctx, s))
    return found[-1] if found else None
