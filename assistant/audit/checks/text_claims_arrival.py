"""A claim that the money all arrived ("资金已全部拨付到位") against the money arrived the text states.

Why apart: arrival is its own quantity (到位, not spent): it is weighed against the budget and the amount or
rate arrived in the claim's paragraph, not against the execution rate. Bad: "项目资金已全部拨付到位" beside
"项目预算200万元，资金到位170万元", or beside "尚有31.60万元待结算后拨付". Good: "中央、省级资金全部到位" (a claim of the sources it names). A warning
always: the claim may speak of one source or one batch.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.model import Statement
from ..prose.subjects import of_sources
from .claim_reading import doubt_of_claim

HUNDRED = Decimal(100)

_CUES = cues(__name__)
_CLAIMS = cues(f"{__package__}.text_claims")  # one wording of negation and of condition for every claim


def arrival(ctx: AuditContext, sentence: Sentence) -> Finding | None:
    """ "项目资金已全部拨付到位" beside "项目预算200万元，资金到位170万元" in its paragraph: money said to have all
    arrived against less arrived than the budget. A warning: the claim may speak of one source or one batch; none
    when its own clause names the sources it speaks of."""
    match = _CUES.all_arrived.search(sentence.text)
    if match is None or _CLAIMS.negated.search(sentence.text[: match.start()]):
        return None
    if _CLAIMS.condition.search(sentence.text[: match.start()]):
        return None  # "确保配套资金及时足额到位": a goal, not a claim
    if of_sources(sentence.text[: match.start()]):
        return None  # "中央、省级资金全部到位": a claim of the sources it names, not of all the money
    money = [
        s
        for s in ctx.facts.statements
        if s.origin == "prose" and s.kind == "amount" and s.exact_claim and s.sentence is not None
    ]
    own = [s for s in money if s.sentence is not None and s.sentence.para_start == sentence.para_start]
    if not any(s.field in ("budget", "arrived") for s in own) and _one_project(ctx):
        own = money  # "资金已足额拨付到位" in a paragraph of its own: the one project's money, said elsewhere
    budgets = [s for s in own if s.field == "budget"]
    short = [
        (b, a)
        for a in own
        if a.field == "arrived"
        for b in budgets
        if b.subject == a.subject and a.interval().below(b.interval())
    ]
    if len(budgets) != 1 or not short:
        return _arrival_rate(ctx, sentence, match) or _left_unpaid(ctx, sentence, match, own)
    budget, arrived = short[0]
    ctx.facts.mark(budget, arrived)
    return doubt_of_claim(
        ctx,
        sentence,
        match,
        f"预算 {budget.text}、实际到位 {arrived.text}，到位资金少于预算",
        f"到位 {budget.text}",
    )


def _arrival_rate(ctx: AuditContext, sentence: Sentence, match: re.Match[str]) -> Finding | None:
    """ "资金已足额拨付到位" against a 资金到位率 below 100 % the text states of its one project (or in the claim's
    paragraph): a warning, the claim may speak of one source or one batch."""
    if ctx.facts.in_sentence(sentence):
        return None  # "中央资金2,450万元已全部到位": the claim names the money it speaks of, a part perhaps
    rates = [
        s
        for s in ctx.facts.statements
        if s.kind == "percent"
        and s.exact_claim
        and s.sentence is not None
        and s.interval().hi < HUNDRED
        and (_one_project(ctx) or s.sentence.para_start == sentence.para_start)
        and _CUES.arrival_rate.search(clause_before(ctx, s))
    ]
    if not rates:
        return None
    rate = rates[0]
    ctx.facts.mark(rate)
    line = ctx.doc.line_of(rate.span[0])
    return doubt_of_claim(
        ctx, sentence, match, f"第{line}行资金到位率 {rate.text}，未全部到位", f"到位率 {rate.text}"
    )


def _left_unpaid(
    ctx: AuditContext, sentence: Sentence, match: re.Match[str], money: list[Statement]
) -> Finding | None:
    """ "资金全部拨付到位" against "尚有31.60万元待护栏工程竣工结算后拨付" of the same money (its paragraph, or the
    one project's): an amount the text says is still to be passed on. A warning, as the claim may mean another
    step of the money's way (to the counties, not to the contractors)."""
    left = [
        s
        for s in money
        if s.sentence is not sentence
        and s.value > 0
        and _CUES.left_before.search(clause_before(ctx, s))
        and _CUES.unpaid_after.search(ctx.doc.text[s.span[1] : s.span[1] + 40])
    ]
    if not left:
        return None
    ctx.facts.mark(left[0])
    line = ctx.doc.line_of(left[0].span[0])
    return doubt_of_claim(
        ctx, sentence, match, f"第{line}行写明尚有 {left[0].text} 未拨付到位", f"说明未拨付的 {left[0].text}"
    )


def _one_project(ctx: AuditContext) -> bool:
    return len(ctx.facts.projects) <= 1 and len(ctx.ref.projects) <= 1
