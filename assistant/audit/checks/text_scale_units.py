"""UNIT_SUSPECT from the text alone: a project's budget or spending that, read in the unit its text or form header
gives (万元), passes 1万亿元 — money in 元 written under a 万元 header ("项目资金(万元) … 年度资金总额
145000000.00").

Why: no project, and no unit's whole budget, a self-evaluation covers reaches 1万亿元 (the whole central
budget is a few 万亿); a figure that does has its 元 written where 万元 was meant. The text gives no other figure to
prove it, so the finding is a warning ("uncertain").
Bad: 项目资金(万元) 年度资金总额 145000000.00 (1.45万亿元 for a town's project). Good: 年度资金总额 14500.00 (1.45亿元);
a figure already in 元 (145000000.00元).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..findings import Finding
from ..registry import check_unit

_LIMIT = Decimal(10) ** 8  # 万元: 1万亿元
_TEN_THOUSAND = Decimal(10000)
_FIELDS = ("budget", "budget_initial", "executed", "arrived")
_FORM_KEYS = ("budget_initial", "budget", "executed")


@check_unit(also=("UNIT_SUSPECT",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    big = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount"
        and s.field in _FIELDS
        and s.unit != "元"
        and s.exact_claim
        and s.value >= _LIMIT
        and s.factor == 1
    ]
    ctx.facts.mark(*big)
    huge = [(s.value, s.text, s.span) for s in big]
    for form in ctx.forms:  # a form's funds rows under its 项目资金（万元） header
        if form.money_unit != "万元":
            continue
        for row in form.funds:
            for key in _FORM_KEYS:
                cell = row.cells.get(key)
                if cell is not None and cell.number is not None and cell.unit in (None, "万元"):
                    if cell.number >= _LIMIT:
                        huge.append((cell.number, cell.text, (cell.start, cell.end)))
    if not huge:
        return
    value, text, span = min(huge, key=lambda h: h[2])
    yield ctx.relation_finding(
        "UNIT_SUSPECT",
        f"{text} 按万元计为 {value / _LIMIT:.2f}万亿元，远超一个项目或单位的资金规模：单位疑为元"
        f"（即 {value / _TEN_THOUSAND:.2f}万元）",
        span,
        expected=f"{value / _TEN_THOUSAND:.2f}万元",
        found=text,
        proven=False,
        quote=ctx.doc.text[span[0] : span[1]],
    )
