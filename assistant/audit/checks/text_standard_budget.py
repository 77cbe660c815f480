"""RATE_MISMATCH from the text alone: a yearly standard per head times the year's head count against the money.

Uncertain: 每人每年向强制戒毒所交纳5万元收治经费 … 项目年初预算70万元，全年实际拨付70万元 … 全年共收治20人 (20 × 5万元 =
100万元: the standard for the year's heads costs more than all the money the text gives the project).
Good: the same with 14人 (70万元), or with 10人 (50万元: a budget above the product may pay other costs too).
Standard and heads in different paragraphs (one paragraph is ``text_arithmetic``'s). The text must state one
yearly standard per head (每人每年, 元/人/年) and one count of heads for the whole year
(全年共…N人), and the standard's subject a budget; the product above both the budget and the money spent is a
warning, never an error: heads admitted or released during the year may be charged for part of it only.
A count of 人次 is no count of heads for a yearly standard: "全年累计补助学生55,378人次" counts each pupil once a term,
so 人次 × 每生每年1,000元 counts the year twice over; no finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, show_value, span_of
from ..prose.model import Statement
from ..registry import check_unit

_HEADS = frozenset({"人", "名", "户"})  # not 人次: one head counted each time it was paid (a term, a visit)
_CUES = cues(__name__)


@check_unit(also=("RATE_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    prose = [s for s in ctx.facts.statements if s.origin == "prose" and s.sentence is not None]
    standards = [s for s in prose if s.kind == "amount" and s.field == "unit_price" and _yearly(ctx, s)]
    heads = [s for s in prose if s.kind == "count" and s.unit in _HEADS and _whole_year(ctx, s)]
    if len({s.value for s in standards}) != 1 or len({s.value for s in heads}) != 1:
        return
    standard, count = standards[0], heads[0]
    if not (standard.exact_claim and count.exact_claim):
        return
    if standard.sentence is not None and count.sentence is not None:
        if standard.sentence.para_start == count.sentence.para_start:
            return  # standard and heads of one paragraph: ``text_arithmetic`` compares them with the money
    pair = ctx.values.of_subject(standard.subject) if standard.subject is not None else None
    if pair is None:
        return
    budget, spent = pair
    need = count.interval() * standard.interval()
    ctx.facts.mark(standard, count, budget, spent)
    if not (budget.interval().below(need) and spent.interval().below(need)):
        return  # within the money: the budget may pay other costs besides the standard
    shown = show_value(need.mid, budget)
    yield ctx.relation_finding(
        "RATE_MISMATCH",
        f"按每人每年 {standard.text} 的标准、全年 {count.text} 计，需 {shown}，而预算为 {budget.text}、"
        f"实际支出 {spent.text}（若有人员仅部分年度在列，则不矛盾）",
        span_of(count, standard, budget),
        expected=shown,
        found=budget.text,
        proven=False,
        quote=quote_of(ctx.doc.text, count),
    )


def _yearly(ctx: AuditContext, price: Statement) -> bool:
    """A standard per head and per year: 每人每年 before it, or 元/人/年 after it — never per month or day."""
    after = ctx.doc.text[price.span[1] : price.span[1] + 8]
    return bool(
        _CUES.per_head_year.search(clause_before(ctx, price)) or _CUES.per_head_year_after.match(after)
    )


def _whole_year(ctx: AuditContext, count: Statement) -> bool:
    """A head count said of the whole year ("全年共收治20人"), not of a moment or a part."""
    return count.role == "value" and bool(_CUES.whole_year.search(clause_before(ctx, count)))
