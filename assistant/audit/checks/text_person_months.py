"""ARITHMETIC_MISMATCH from the text alone: a count of 人次 accumulated over the year times the monthly level per
head its sentence states, against the money paid that the same sentence states.

Bad: 全年累计保障104,940人次，月人均补助水平284元，发放农村低保金2,602.51万元 (104,940 × 284元 = 2,980.30万元).
Good: the same with 2,980.30万元; 2,602.51万元 with a level of 248元.
Why: 人次 accumulated over the months of a monthly benefit (低保, 特困供养) counts person-months, so the monthly
level per head is the money over them: their product is the money, within the level's written rounding. Silent for
人次 of one-off aid (救助, 慰问), a level that is a ceiling or a standard raised mid-year, money that holds more
(含/包括), a sentence with more than one such count, level or sum, and money that fits with 元 and 万元 swapped
(全年累计…7,250人次，月人均…340元，支出…246.50元: a unit slip, the unit checks' business).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import show_value
from ..prose.standards import fits
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("ARITHMETIC_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    for sentence in ctx.doc.sentences:
        if _CUES.excluded.search(sentence.text):
            continue
        mine = [
            s
            for s in ctx.facts.in_sentence(sentence)
            if s.exact_claim and s.role == "value" and s.origin == "prose"
        ]
        levels = [
            s
            for s in mine
            if s.kind == "amount" and s.unit == "元" and _CUES.monthly_level.search(clause_before(ctx, s))
        ]
        if len(levels) != 1:
            continue
        level = levels[0]
        counts = [
            s
            for s in mine
            if s.kind == "count"
            and s.unit == "人次"
            and s.span[1] <= level.span[0]
            and _CUES.accumulated.search(clause_before(ctx, s))
        ]
        sums = [
            s
            for s in mine
            if s.kind == "amount"
            and s.unit in ("元", "万元")
            and s.span[0] >= level.span[1]
            and _CUES.paid.search(clause_before(ctx, s))
        ]
        if len(counts) != 1 or len(sums) != 1:
            continue
        count, paid = counts[0], sums[0]
        product = count.interval() * level.interval()
        ctx.facts.mark(level, count, paid)
        if fits(product, paid.interval()):
            continue  # as written, or 元 for 万元 (the unit checks' business)
        given = show_value(product.mid, paid)
        yield ctx.relation_finding(
            "ARITHMETIC_MISMATCH",
            f"{count.text}×{level.text}（月人均）＝{given}，文中写作 {paid.text}",
            (count.span[0], paid.span[1]),
            expected=given,
            found=paid.text,
            proven=True,
            quote=sentence.text,
        )
