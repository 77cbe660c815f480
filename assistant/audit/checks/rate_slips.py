"""The findings of a stated 执行率 or left-over amount against the budget and executed amounts (``text_rates``),
and the unit slips among them: amounts of one relation written one in 元 and one in 万元 that agree once read in
one unit. Said as a slip (UNIT_SUSPECT), not as a rate of 1000015% or a remainder 10000 times off.
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..findings import Finding
from ..prose.evidence import quote_of, show_interval, show_value, show_written, span_of
from ..prose.interval import Interval, written
from ..prose.model import Statement

_YUAN_TO_WAN = Decimal(10000)

_OTHER_UNIT = {"元": "万元", "万元": "元"}
_TO_WAN = {"元": Decimal("0.0001"), "万元": Decimal(1)}


def stated_finding(
    ctx: AuditContext,
    code: str,
    message: str,
    stated: Statement,
    amounts: tuple[Statement, ...],
    computed: Interval,
    proven: bool,
    expected: str | None = None,
) -> Finding:
    """A stated rate or remainder that the amounts it is read against do not give (``computed`` instead, shown in
    the stated figure's unit unless ``expected`` says what was meant)."""
    return ctx.relation_finding(
        code,
        message,
        span_of(stated, *amounts),
        expected=expected or show_value(computed.mid, stated),
        found=stated.text,
        proven=proven,
        quote=quote_of(ctx.doc.text, stated),
        project=project_of(stated),
    )


def rate_unit_slip(
    ctx: AuditContext,
    budget: Statement,
    executed: Statement,
    rate: Statement,
    computed: Interval,
    proven: bool,
) -> Finding | None:
    """ "预算资金12.6元…实际支出12.6万元，执行率100%": amounts of one rate written one in 元 and one in 万元, which
    agree with the rate once both are in one unit. A ratio off by 10000 is a unit slip, said as such (not as a
    rate of 1000015%); the amount in 元 is the one pointed at."""
    in_yuan = [s for s in (budget, executed) if s.unit == "元"]
    if len(in_yuan) != 1 or {budget.unit, executed.unit} != {"元", "万元"}:
        return None
    factor = 1 / _YUAN_TO_WAN if in_yuan[0] is budget else _YUAN_TO_WAN  # the amount in 元 read as 万元
    if not computed.scaled(factor).overlaps(rate.interval()):
        return None
    wrong = in_yuan[0]
    meant = show_written(wrong, "万元")
    message = (
        f"{who(rate)}预算 {budget.text}、执行 {executed.text} 与执行率 {rate.text}：按同一单位计二者相符，"
        f"{wrong.text} 疑为 {meant}（“元”与“万元”混用）"
    )
    return stated_finding(ctx, "UNIT_SUSPECT", message, wrong, (), computed, proven, expected=meant)


def remainder_unit_slip(
    ctx: AuditContext,
    remainder: Statement,
    budget: Statement,
    executed: Statement,
    computed: Interval,
    proven: bool,
) -> Finding | None:
    """ "下达8460万元…兑付7921.36万元…年末结转资金538.64元": the left-over amount has the digits of budget − executed
    in the unit the two are written in, and another unit (元 for 万元, or the reverse). A unit slip, said as such
    (not as a remainder off by 10000 times); a warning unless the three figures stand together. So is a left-over
    amount in the two's unit whose digits are budget − executed in the other ("30万元…支出29.85万元…结余1500.00万元":
    1500元 left, its unit written 万元)."""
    if budget.unit != executed.unit or budget.factor != executed.factor:
        return None
    if budget.unit not in _OTHER_UNIT or remainder.unit not in _OTHER_UNIT:
        return None
    meant_unit = budget.unit if remainder.unit != budget.unit else _OTHER_UNIT[remainder.unit]
    if meant_unit != budget.unit and computed.lo <= 0:
        return None  # nothing left: any small digits would fit it in the other unit
    if not written(remainder.raw, remainder.places).scaled(_TO_WAN[meant_unit]).overlaps(computed):
        return None
    meant = show_written(remainder, meant_unit)
    message = (
        f"{who(remainder)}预算 {budget.text}、执行 {executed.text}，未执行部分为 {show_interval(computed, budget)}，"
        f"文中写作 {remainder.text}：数字相同、单位不同，疑为 {meant}（“元”与“万元”混用）"
    )
    return stated_finding(
        ctx, "UNIT_SUSPECT", message, remainder, (budget, executed), computed, proven, expected=meant
    )


def who(statement: Statement) -> str:
    if statement.subject is None or statement.subject.kind in ("report",):
        return ""
    return f"{statement.subject.label}："


def project_of(statement: Statement) -> str | None:
    subject = statement.subject
    while subject is not None and subject.kind != "project":
        subject = subject.parent
    return subject.name if subject is not None else None
