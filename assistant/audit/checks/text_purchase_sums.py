"""A purchase's or a settlement's own arithmetic, from the text alone: within one sentence, what a purchase saved is
its budget less the price it was won at, a 节约率 is that saving's share of the budget; a settlement's approved
amount is the amount sent in less what the audit cut, a 审减率 is that cut's share of the amount sent in.

Why apart from ``remainders``: a saving there is checked only as one part of a project's unspent money, which needs
an execution figure; a paragraph on a tender or an audit of a settlement often writes none, and its own three
figures prove a slip without it.

Bad: 采购预算金额745.00万元，中标金额689.36万元，节约资金45.64万元 (745.00 − 689.36 = 55.64);
送审金额856.40万元，审减42.30万元，审定结算金额824.10万元 (856.40 − 42.30 = 814.10);
采购预算500.00万元，中标价460.00万元，节约资金40.00万元，节约率9.00% (40 ÷ 500 = 8.00%).
Bad: 项目预算3,560.00万元（经审计结算3,275.20万元，节约率8.4%） (a settlement's saving is its budget less the
settled price, like a tender's: 284.80 ÷ 3,560.00 = 8.0%; the brackets hold the purchase's own figures).
Good: the same with 55.64, 814.10, 8.00%; a saving against the budget while a later contract (补充协议) changed the
price (合同金额调整为185.00万元, another sentence); figures rounded to the written precision.
Only figures of one sentence, each named by the words right before it, are read together; with several budgets
written before the price, any of them may be the one saved against, and none fitting is a warning; so is a budget
not named as the purchase's own (项目预算金额500.00万元 may be more than the purchase was budgeted at), while 采购预算,
招标控制价, 最高限价 prove it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, show_interval, span_of
from ..prose.interval import Interval
from ..prose.model import Statement, list_places
from ..registry import check_unit
from .rate_basis import HUNDRED

_CUES = cues(__name__)


@check_unit(also=("REMAINDER_MISMATCH", "RATE_MISMATCH", "TOTAL_MISMATCH"), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    for sentence in ctx.doc.sentences:
        roles: dict[str, list[Statement]] = {}
        for s in ctx.facts.in_sentence(sentence):
            if not _stated(s) or s.kind not in ("amount", "percent"):
                continue
            role = _role(ctx, s)
            if role is not None and (role.endswith("_rate") == (s.kind == "percent")):
                roles.setdefault(role, []).append(s)
        yield from _saving(ctx, roles)
        yield from _settlement(ctx, roles)


def _role(ctx: AuditContext, s: Statement) -> str | None:
    """What the words right before the number name: a purchase's budget, price or saving, a settlement's amount sent
    in, cut or approved, or the rate of a saving or a cut."""
    match = _CUES.role.search(clause_before(ctx, s))
    return match.lastgroup if match else None


def _stated(s: Statement) -> bool:
    """A value, or one written in brackets ("项目预算3,560.00万元（经审计结算3,275.20万元，节约率8.00%）"): the words right
    before each figure name it, so the brackets change nothing of the arithmetic."""
    return s.hedge is None and s.high is None and s.role in ("value", "part", "aside")


def _price_word(ctx: AuditContext, price: Statement) -> str:
    """How the message names the price saved against: a settlement's (结算, 决算) or a tender's."""
    return "结算" if _CUES.settled.search(clause_before(ctx, price)) else "中标（成交）"


def _before(items: list[Statement], s: Statement) -> list[Statement]:
    return [i for i in items if i.span[1] <= s.span[0]]


def _saving(ctx: AuditContext, roles: dict[str, list[Statement]]) -> Iterator[Finding]:
    prices = roles.get("price", [])
    if len(prices) != 1:
        return
    price = prices[0]
    budgets = _before(roles.get("budget", []), price)
    if not budgets:
        return
    savings = [s for s in roles.get("saving", []) if s.span[0] > price.span[1]]
    rates = [s for s in roles.get("saving_rate", []) if s.span[0] > price.span[1]]
    # "项目预算金额500万元" may be more than the purchase was budgeted at: only the purchase's own budget proves it
    proven = len(budgets) == 1 and bool(_CUES.own_budget.search(clause_before(ctx, budgets[0])))
    if len(savings) == 1:
        saving = savings[0]
        places = list_places([*budgets, price, saving])
        gaps = [b.interval(places) - price.interval(places) for b in budgets]
        ctx.facts.mark(saving, price, *budgets)
        if not any(gap.overlaps(saving.interval(places)) for gap in gaps):
            told = (
                f"预算 {budgets[-1].text}、{_price_word(ctx, price)}{price.text}，节约 {show_interval(gaps[-1], saving)}，"
                f"文中写作 {saving.text}"
            )
            yield _finding(ctx, "REMAINDER_MISMATCH", told, saving, gaps[-1], [budgets[-1], price], proven)
            return  # the rate after a wrong saving is read against it by no one: one slip, one finding
    if len(rates) == 1:
        rate = rates[0]
        places = list_places([*budgets, price, *savings])
        amounts = [b.interval(places) - price.interval(places) for b in budgets]
        amounts += [s.interval(places) for s in savings]
        shares = [
            share.scaled(HUNDRED)
            for share in (a.divided_by(b.interval(places)) for a in amounts for b in budgets)
            if share is not None
        ]
        ctx.facts.mark(rate, price, *budgets, *savings)
        if shares and not any(share.overlaps(rate.interval()) for share in shares):
            told = f"预算 {budgets[-1].text}、{_price_word(ctx, price)}{price.text}，节约率 {show_interval(shares[0], rate)}，文中写作 {rate.text}"
            yield _finding(ctx, "RATE_MISMATCH", told, rate, shares[0], [budgets[-1], price], proven)


def _settlement(ctx: AuditContext, roles: dict[str, list[Statement]]) -> Iterator[Finding]:
    sent, cut, fixed = roles.get("sent", []), roles.get("cut", []), roles.get("fixed", [])
    if len(sent) != 1 or len(cut) != 1:
        return
    places = list_places([*sent, *cut, *fixed])
    approved = sent[0].interval(places) - cut[0].interval(places)
    if len(fixed) == 1:
        ctx.facts.mark(fixed[0], sent[0], cut[0])
        if not approved.overlaps(fixed[0].interval(places)):
            told = (
                f"送审 {sent[0].text}、审减 {cut[0].text}，审定应为 {show_interval(approved, fixed[0])}，"
                f"文中写作 {fixed[0].text}"
            )
            yield _finding(ctx, "TOTAL_MISMATCH", told, fixed[0], approved, [sent[0], cut[0]], True)
            return
    rates = roles.get("cut_rate", [])
    if len(rates) == 1:
        share = cut[0].interval(places).divided_by(sent[0].interval(places))
        ctx.facts.mark(rates[0], sent[0], cut[0])
        if share is not None and not share.scaled(HUNDRED).overlaps(rates[0].interval()):
            shown = share.scaled(HUNDRED)
            told = f"送审 {sent[0].text}、审减 {cut[0].text}，审减率 {show_interval(shown, rates[0])}，文中写作 {rates[0].text}"
            yield _finding(ctx, "RATE_MISMATCH", told, rates[0], shown, [sent[0], cut[0]], True)


def _finding(
    ctx: AuditContext,
    code: str,
    told: str,
    stated: Statement,
    computed: Interval,
    others: list[Statement],
    proven: bool,
) -> Finding:
    return ctx.relation_finding(
        code,
        told,
        span_of(stated, *others),
        expected=show_interval(computed, stated),
        found=stated.text,
        proven=proven,
        quote=quote_of(ctx.doc.text, stated),
    )
