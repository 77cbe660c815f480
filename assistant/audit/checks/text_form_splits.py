"""TOTAL_MISMATCH in a 部门整体 form: the year's money split two ways, 按收入性质分 (where it came from) and 按支出性质分
(基本支出 and 项目支出), states one whole twice; the two must agree.

Bad: 按收入性质分:2030.12 … 按支出性质分:1925.67 (104.45 of the money is in one split and not the other).
Good: 按收入性质分:2030.12 … 按支出性质分:2030.12. Each value stands for the interval its written precision allows. A
form may fill the two rows at different stages (received, spent), so the mismatch is a warning ("uncertain").
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.interval import places_of, written
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    text = ctx.doc.text
    income = _CUES.by_income.search(text)
    spending = _CUES.by_spending.search(text)
    if income is None or spending is None:
        return []
    ctx.facts.mark(income.span("value"), spending.span("value"))
    a, b = Decimal(income.group("value").replace(",", "")), Decimal(spending.group("value").replace(",", ""))
    if written(a, places_of(income.group("value"))).overlaps(written(b, places_of(spending.group("value")))):
        return []
    first, second = sorted((income, spending), key=lambda m: m.start())
    return [
        ctx.relation_finding(
            "TOTAL_MISMATCH",
            f"按收入性质分的资金 {income.group('value')} 与按支出性质分的资金 {spending.group('value')} 不一致（同一笔资金"
            f"两种分法，合计应相同；若两者所指阶段不同则不矛盾）",
            (first.start(), second.end()),
            expected=income.group("value"),
            found=spending.group("value"),
            proven=False,
            quote=f"{first.group(0)} … {second.group(0)}",
        )
    ]
