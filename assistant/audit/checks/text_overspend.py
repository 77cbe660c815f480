"""TOTAL_MISMATCH from the text alone: more paid out than the budget the same sentence states for it.

Bad: 统筹整合使用财政涉农资金303万元，…，截至目前已拨付项目资金370万元 (370 of 303).
Good: 已拨付项目资金270万元; or an overspend the text states as such (执行率102.59%, 超支…).
What is spent is a part of what was budgeted, so above it the two disagree — unless the unit really overspent,
which happens: a warning with verdict "uncertain", only in prose, when the sentence states no rate or remainder
(``text_rates`` compares those with the amounts) and does not say so itself. Never an error. No finding where
the text sets the two apart: spending summed over the project's life (累计) beside a budget of one year, or a budget of one batch (第二批资金预算20万元 beside the year's spending), the year's income (收入总额1036.13万元,
支出总额1060.30万元: money carried in from before pays too), an amount named after the spending (支付A经费50万元，B经费
15万元: the next item of a list, not the cap), or money the sentence adds between them that makes up the excess
(预拨资金3608万元…又把剩余的清算资金120万元分配到位…3728万元已全部执行: 3608 + 120 = 3728).
Also money paid from one named fund source above the one budget the text states for that source in another
sentence ("其中：省级补助资金500万元，…" … "其中支付省级资金520万元"): a part paid from a source larger than all that
source gave. A warning too: the source may have given more (its own carry-over, a later batch) than the text states;
none when the text states any other budget or arrival of that source (上年结转省级资金…) or of more.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..fields import clause_of
from ..findings import Finding
from ..prose.model import Statement
from ..prose.periods import conflicting
from ..prose.two_parts import over_budget
from ..registry import check_unit

# A rate or a remainder in the sentence is compared with the amounts by ``text_rates``.
_CHECKED_ELSEWHERE = frozenset({"rate", "remainder", "unspent"})
_CUES = cues(__name__)


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    for s in ctx.facts.statements:
        if s.kind != "amount" or s.field != "executed" or s.role != "value" or s.sentence is None:
            continue
        if s.origin != "prose":
            continue  # a form's rows are checked by the form's own rules (rate, remainder)
        near = ctx.facts.in_sentence(s.sentence)
        if any(o.field in _CHECKED_ELSEWHERE for o in near) or _CUES.says_so.search(s.sentence.text):
            continue
        pair = ctx.values.budget_and_executed(s)
        if pair is None or not pair[2] or pair[1] is not s:
            finding = _over_source(ctx, s)
            if finding is not None:
                yield finding
            continue
        budget = pair[0]
        if budget.span[0] > s.span[0]:
            continue  # "支付A经费50万元，B经费15万元": money named after the spending is the next item listed
        head = ctx.doc.text[s.sentence.start : budget.span[0]]
        if _CUES.listed.search(head) or _CUES.batch.search(head):
            continue  # "其中人员经费800万元，公用经费150万元，项目支出250万元": items side by side
        if _CUES.income.search(clause_of(head)):
            continue  # "决算收入总额1036.13万元，支出总额1060.30万元": spending may draw on money carried in
        spent = clause_of(ctx.doc.text[s.sentence.start : s.span[0]])
        if _CUES.over_years.search(spent) and conflicting(ctx.doc.text, budget, s):
            continue  # "2023年安排预算200万元，截至2023年底累计完成支付450万元": two periods
        if _made_up(near, budget, s):
            continue  # "预拨资金3608万元…又把剩余的清算资金120万元分配到位…3728万元已全部执行": money added
        message = f"已执行（支付） {s.text}，超过同句所写预算（资金） {budget.text}；如确有超支，请说明"
        finding = over_budget(ctx, "TOTAL_MISMATCH", s, budget, message, proven=False)
        if finding is not None:
            yield finding


def _made_up(near: list[Statement], budget: Statement, spent: Statement) -> bool:
    """Is the spending the budget plus one more amount the sentence states between them?"""
    between = [
        o
        for o in near
        if o.kind == "amount"
        and o.role == "value"
        and budget.span[1] <= o.span[0]
        and o.span[1] <= spent.span[0]
    ]
    return any((budget.interval() + o.interval()).overlaps(spent.interval()) for o in between)


def _over_source(ctx: AuditContext, spent: Statement) -> Finding | None:
    """The warning when ``spent``, paid from a named fund source, exceeds the one budget the text states for that
    source elsewhere (every statement of it agreeing, no arrival of it as large)."""
    subject = spent.subject
    if subject is None or subject.kind != "source" or not spent.exact_claim or spent.sentence is None:
        return None
    budget = ctx.values.budget_of(subject)
    if budget is None or budget.sentence is spent.sentence or not budget.exact_claim:
        return None
    given = [*ctx.values.stated(subject, "budget_initial"), *ctx.values.stated(subject, "arrived")]
    if any(not g.interval().below(spent.interval()) for g in given):
        return None  # "省级资金到位530万元": more of the source came than its budget says
    if conflicting(ctx.doc.text, budget, spent):
        return None  # a budget of one year beside money paid over several
    message = f"支付{subject.name} {spent.text}，超过文中所写{subject.name} {budget.text}；如该来源另有资金（结转、追加），请说明"
    return over_budget(ctx, "TOTAL_MISMATCH", spent, budget, message, proven=False)
