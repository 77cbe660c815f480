"""AMOUNT_MISMATCH from the text alone: a budget adjustment stated with both budgets and the change between them.

Bad: 年初预算1022.89万元，年中调整预算为1781.86万元，比年初预算增加858.97万元 (1781.86 − 1022.89 = 758.97).
Good: the same with 增加758.97万元. The three amounts must be in one sentence and about one subject; the change is
the one the reader marks as against the 年初 budget ("比年初预算增加", "较年初减少"), so its size is the gap between
the two budgets whichever way it went. Each number stands for its written interval; only exact numbers prove it.
Error conditions: the three are exact values and the change's own clause names no other quantity (a change of the
spending, "实际支出比年初预算增加15万元", is no change of the budget: no finding), and no project is named between
the two budgets ("甲项目年初预算…，乙项目调整后预算…": which budgets the change joins is a reading, a warning).
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..fields import clause_of
from ..findings import Finding
from ..prose.evidence import quote_of, span_of
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)


def _between(a: Statement, b: Statement) -> tuple[int, int]:
    """Where the text between two statements starts and ends."""
    first, second = sorted((a, b), key=lambda s: s.span[0])
    return first.span[1], second.span[0]


@check_unit(also=("AMOUNT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    prose = [s for s in ctx.facts.statements if s.origin == "prose" and s.sentence is not None]
    for change in (s for s in prose if s.kind == "amount" and s.field == "change"):
        own = [s for s in prose if s.sentence is change.sentence and s.subject == change.subject]
        amounts = [s for s in own if s.kind == "amount" and s.span[1] <= change.span[0]]
        if len(amounts) < 2 or {amounts[-2].field, amounts[-1].field} != {"budget_initial", "budget"}:
            continue  # the two budgets must come right before the change, nothing else between
        if _CUES.other_quantity.search(clause_of(ctx.doc.text[change.sentence.start : change.span[0]])):  # type: ignore[union-attr]
            continue  # "实际支出比年初预算增加15万元": the spending changed, not the budget
        initial, budget = sorted(amounts[-2:], key=lambda s: s.field != "budget_initial")
        gap = budget.interval() - initial.interval()
        ctx.facts.mark(initial, budget, change)
        if gap.lo < 0 < gap.hi or gap.overlaps(change.interval()):
            continue
        if (initial.interval() - budget.interval()).overlaps(change.interval()):
            continue
        findings.append(
            ctx.relation_finding(
                "AMOUNT_MISMATCH",
                f"调整后预算 {budget.text} 与年初预算 {initial.text} 相差 {gap.shown()}，文中写作调整 {change.text}",
                span_of(change, initial, budget),
                expected=gap.shown(),
                found=change.text,
                proven=all(s.exact_claim for s in (initial, budget, change))
                and not _CUES.other_project.search(ctx.doc.text, *_between(initial, budget)),
                quote=quote_of(ctx.doc.text, change),
            )
        )
    return findings
