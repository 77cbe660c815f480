"""RATE_MISMATCH from the text alone: a unit-wide 执行率 against the projects the same text shows executed below
their budgets.

Uncertain: 全局预算执行率100% beside 农村公路养护项目预算200万元、执行170万元: unless another project spent above its
budget, the whole cannot be at 100 % (the seed report's unit-wide 执行率100%). Good: a unit-wide rate at or below what
the shortfall leaves.
Always a warning: the text may not list every project, and one may have spent above its budget. With case data
or an attached table the whole's own rate settles it: a stated rate that agrees with it is never flagged (a
project spent above its budget, as the data show).
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..findings import Finding
from ..prose.evidence import quote_of, show_value
from ..prose.model import Statement, list_places
from ..registry import check_unit

HUNDRED = Decimal(100)


@check_unit(also=("RATE_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    values = ctx.values
    short: list[
        tuple[Statement, Statement]
    ] = []  # (budget, executed) of each project executed below its budget
    for project in ctx.facts.projects:
        pair = values.of_subject(project)
        if pair is not None and pair[1].interval(list_places(pair)).below(
            pair[0].interval(list_places(pair))
        ):
            short.append(pair)
    if not short:
        return []
    shortfall = sum(
        (b.interval(list_places([b, e])).lo - e.interval(list_places([b, e])).hi for b, e in short),
        Decimal(0),
    )
    findings = []
    for rate in ctx.facts.statements:
        if (
            rate.subject is None
            or rate.subject.kind != "unit"
            or rate.field != "rate"
            or rate.role != "value"
        ):
            continue
        pair = values.budget_and_executed(rate)
        budget = pair[0] if pair is not None else None
        if budget is not None:
            ceiling = (budget.interval().hi - shortfall) / budget.interval().hi * HUNDRED
        else:
            ceiling = HUNDRED - Decimal("0.000001")
        ctx.facts.mark(rate, *(s for pair_ in short for s in pair_))
        if rate.interval().lo <= ceiling or _data_bears_out(ctx, rate):
            continue
        listed = "、".join(f"{b.subject.label}预算 {b.text}、执行 {e.text}" for b, e in short[:3])
        findings.append(
            ctx.relation_finding(
                "RATE_MISMATCH",
                f"文中称整体执行率 {rate.text}，但{listed}，未全部执行；"
                f"除非其他项目超预算支出，整体执行率应低于 {show_value(ceiling, rate)}",
                rate.span,
                expected=f"<{show_value(ceiling, rate)}",
                found=rate.text,
                proven=False,
                quote=quote_of(ctx.doc.text, rate),
            )
        )
    return findings


def _data_bears_out(ctx: AuditContext, rate: Statement) -> bool:
    """The reference (data or table) gives the unit's rate, and the stated one agrees with it as written."""
    if ctx.ref.source == "text":
        return False
    truth = ctx.ref.total_rate
    return truth is not None and rate.interval().lo <= truth <= rate.interval().hi
