"""TOTAL_MISMATCH (a warning) from the text alone: a stated excess over the budget that no budget of the text
explains ("发放基础养老金1045.28万元,超出预算金额99.56万元" where no amount is 1045.28 − 99.56 = 945.72).

Why: an excess is the spending less the budget; a report that states it states both, so the budget it implies
(the amount right before the excess, less the excess) is among the text's amounts. When none is, within the
written precision, one of the three numbers is off — or the budget was never written, which the text does not
settle: a warning ("uncertain"), never an error.
Bad: 申请补贴945.72万元；发放1045.28万元,超出预算金额89.56万元. Good: the same with 99.56万元; 项目没有超出预算 (no
amount).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    amounts = [
        s for s in ctx.facts.statements if s.kind == "amount" and s.origin == "prose" and s.exact_claim
    ]
    for k, excess in enumerate(amounts):
        if excess.sentence is None or k == 0:
            continue
        if not _CUES.excess.search(text[max(excess.sentence.start, excess.span[0] - 12) : excess.span[0]]):
            continue
        spent = amounts[k - 1]
        if spent.sentence is not excess.sentence or _CUES.clause_break.search(
            text[spent.span[1] : excess.span[0]]
        ):
            continue  # the spending is the amount of the clause right before the excess
        budget = spent.interval() - excess.interval()
        others = [s for s in amounts if s is not spent and s is not excess]
        ctx.facts.mark(spent, excess)
        if any(budget.overlaps(s.interval()) for s in others):
            continue
        yield _finding(ctx, spent, excess)


def _finding(ctx: AuditContext, spent: Statement, excess: Statement) -> Finding:
    implied = spent.value - excess.value
    return ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"文中写 {spent.text}，超出预算 {excess.text}，则预算应为 {implied}万元，"
        "但文中没有这一预算数（若预算未写明，则不矛盾）",
        (spent.span[0], excess.span[1]),
        expected=f"{implied}",
        found=excess.text,
        proven=False,
        quote=quote_of(ctx.doc.text, excess),
    )
