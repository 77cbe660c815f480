"""TOTAL_MISMATCH from the text alone: a budget adjusted in one sentence — 年初预算 A, 追加 (or 调减) B,
调整后预算 D — must give A ± B = D.

Bad: 年初预算100万元，年中追加预算20万元，调整后预算130万元 (100 + 20 = 120). Good: 调整后预算120万元.
All three in one sentence and exact: the text proves it (an error).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, show_value, span_of
from ..prose.model import list_places
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    for sentence in ctx.doc.sentences:
        own = [
            s
            for s in ctx.facts.in_sentence(sentence)
            if s.kind == "amount" and s.origin == "prose" and s.role == "value" and s.exact_claim
        ]
        for initial, change, adjusted in zip(own, own[1:], own[2:], strict=False):
            if initial.field != "budget_initial" or initial.subject != adjusted.subject:
                continue
            word = _CUES.change.search(clause_before(ctx, change))
            if word is None or not _CUES.adjusted.search(clause_before(ctx, adjusted)):
                continue
            down = bool(_CUES.down.search(word.group(0)))
            places = list_places([initial, change, adjusted])
            a, b = initial.interval(places), change.interval(places)
            expected = a - b if down else a + b
            ctx.facts.mark(initial, change, adjusted)
            if expected.overlaps(adjusted.interval(places)):
                continue
            value = initial.value - change.value if down else initial.value + change.value
            yield ctx.relation_finding(
                "TOTAL_MISMATCH",
                f"年初预算 {initial.text}{'调减' if down else '追加'} {change.text}，调整后应为 {show_value(value, adjusted)}，"
                f"文中写作 {adjusted.text}",
                span_of(adjusted, initial, change),
                expected=show_value(value, adjusted),
                found=adjusted.text,
                quote=quote_of(ctx.doc.text, adjusted),
            )
