"""UNIT_SUSPECT from the text alone: a project's budget or spending written in 元 that, shared over the people the
report says the project served, leaves less than one 元 a head ("全年预算数100元，全年执行数33.78元" for a project
that helped 230 patients with medicine, 52 children and fitted 230 aids).

Why: a missing 万 leaves the figure and the rate right (33.78 ÷ 100 is the 执行率 either way), so only the scale
of what the money did shows the slip; no public service costs less than 1元 a person.
Bad: 全年预算数100元 … 资助精神病患者服药230人. Good: 全年预算数100万元; 人均补助100元 (a standard, not the
project's money; a sentence with a standard is left to count × standard, which proves the unit); 宣传费800元
beside 覆盖人口4.52万人 (one expense, not the project's whole money: only 全年预算/执行数, 资金总额… are taken); a budget in 元 of 50000元 for 230人 (217元 a head). The people are the largest count of
people (人, 名) the report states; what the money paid is not stated, so the finding is a warning ("uncertain").
Money a sentence says was paid out to the people it counts counts too: 发放残疾人两项补贴共计1235.6元，惠及8560人.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, show_written, span_of
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)
_WAN = Decimal(10000)
_FIELDS = ("budget", "budget_initial", "executed")


@check_unit(also=("UNIT_SUSPECT",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    people = [
        s
        for s in ctx.facts.statements
        if s.kind == "count" and s.unit in ("人", "名") and s.role == "value" and s.exact_claim
    ]
    if not people:
        return
    crowd = max(people, key=lambda s: s.value)
    if crowd.value <= 0:
        return  # "受益0人": no one to share the money over
    if crowd.sentence is not None and _CUES.standard.search(crowd.sentence.text):
        return  # "慰问对象120人，慰问标准300/人": count × standard proves the unit (text_arithmetic)
    slipped = [
        a
        for a in ctx.facts.statements
        if a.kind == "amount"
        and a.unit == "元"
        and a.exact_claim
        and a.sentence is not None
        and not _CUES.standard.search(a.sentence.text)  # a standard beside it: count × standard is proof
        and _whole_or_theirs(ctx, a, crowd)
        and a.value * _WAN / crowd.value < 1
    ]
    if not slipped:
        return
    ctx.facts.mark(crowd, *slipped)
    written = "、".join(a.text for a in slipped)
    yield ctx.relation_finding(
        "UNIT_SUSPECT",
        f"{written}分摊到文中所写的 {crowd.text}，每人不足 1 元（{slipped[0].value * _WAN / crowd.value:.2f}元）："
        "单位疑为万元",
        span_of(*slipped, crowd),
        expected=show_written(slipped[0], "万元"),
        found=slipped[0].text,
        proven=False,
        quote=quote_of(ctx.doc.text, slipped[0]),
    )


def _whole_or_theirs(ctx: AuditContext, amount: Statement, crowd: Statement) -> bool:
    """The project's whole money (全年预算数…), not one expense; or money its own sentence says was paid out to the
    people it counts ("发放…补贴共计1235.6元，惠及…8560人")."""
    clause = clause_before(ctx, amount)
    if amount.field in _FIELDS and _CUES.whole_money.search(clause):
        return True
    return amount.sentence is crowd.sentence and bool(_CUES.paid_to_them.search(clause))
