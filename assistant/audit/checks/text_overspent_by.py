"""REMAINDER_MISMATCH from the text alone: an amount said to have passed the budget by so much ("超出预算金额99.56万元")
against the spending it follows and the budgets its paragraph states.

Uncertain: 贵池区申请基础养老金补贴945.72万元…发放基础养老金1045.28万元，超出预算金额89.56万元 (1045.28 − 945.72 = 99.56:
no budget of the paragraph leaves 89.56).
Good: the same with 99.56; a paragraph that states no budget (申请, 预算, 安排, 下达) before the spending (the budget
is elsewhere: silent). The overspend is the spending right before it less one of the budgets written before that
spending in its paragraph; which budget is the text's to say, so the finding is a warning when none of them fits.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, show_interval, span_of
from ..prose.model import Statement, list_places
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("REMAINDER_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    for over in ctx.facts.statements:
        if (
            over.kind != "amount"
            or over.field != "difference"
            or not over.exact_claim
            or over.sentence is None
        ):
            continue
        if not _CUES.over_budget.search(clause_before(ctx, over)):
            continue
        finding = _judge(ctx, over)
        if finding is not None:
            yield finding


def _judge(ctx: AuditContext, over: Statement) -> Finding | None:
    before = [
        s for s in ctx.facts.in_sentence(over.sentence) if s.span[1] <= over.span[0] and s.kind == "amount"
    ]
    if not before or not before[-1].exact_claim or before[-1].field in ("difference", "unit_price"):
        return None
    spent = before[-1]
    para = over.sentence.para_start  # type: ignore[union-attr]
    earlier = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount"
        and s.exact_claim
        and s.sentence is not None
        and s.sentence.para_start == para
        and s.span[1] <= spent.span[0]
        and s.field not in ("difference", "unit_price")
        and (s.field != "executed" or _named_budget(ctx, s))  # "年初下达预算支出910.47万元" is a budget
    ]
    # "申请基础养老金补贴945.72万元,缴费补贴46.36万元": the budget words may open a list of several budgets
    if not any(s.field in ("budget", "budget_initial") or _named_budget(ctx, s) for s in earlier):
        return None  # the budget it passed is not in this paragraph
    budgets = [s for s in earlier if s.value < spent.value]
    if not budgets:
        return None
    places = list_places([spent, over, *budgets])
    for budget in budgets:
        if (spent.interval(places) - budget.interval(places)).overlaps(over.interval(places)):
            ctx.facts.mark(over, spent, budget)
            return None
    budget = budgets[-1]
    ctx.facts.mark(over, spent, budget)
    shown = show_interval(spent.interval(places) - budget.interval(places), over)
    told = f"支出 {spent.text} 超出预算 {over.text}，但本段所写预算与之相减均不得此数（如按 {budget.text} 计，应超出 {shown}）"
    where = span_of(over, spent)
    return ctx.relation_finding(
        "REMAINDER_MISMATCH",
        told,
        where,
        expected=shown,
        found=over.text,
        proven=False,
        quote=quote_of(ctx.doc.text, over),
    )


def _named_budget(ctx: AuditContext, s: Statement) -> bool:
    return _CUES.budget_words.search(clause_before(ctx, s)) is not None
