"""Other readings of a rate or a remainder that a check reading its budget from elsewhere must rule out first.

A rate or remainder whose budget ``text_rates`` reads from another sentence rests on a guess of which amount is the
base. When another amount the text states gives the rate or leaves the remainder ("收入总计7,280.00万元" of a
部门整体 report, its 一般公共预算拨款收入 read as the budget), or when several remainders the text states add up to
what is left ("救助资金结余4.00万元", "检查经费结余1.64万元" of 5.64万元), the writer's reading holds and nothing is
contradicted.
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..prose.interval import Interval, total
from ..prose.model import Statement

HUNDRED = Decimal(100)


def other_base(ctx: AuditContext, budget: Statement, spent: Interval, places: int, rate: Statement) -> bool:
    """Read from elsewhere, the budget is a guess: another amount the text states that gives the rate over the
    same spending is the writer's base ("收入总计7,280.00万元" of a 部门整体 report beside its 一般公共预算拨款收入)."""
    for other in other_amounts(ctx, budget, spent, places):
        quotient = spent.divided_by(other.interval(places))
        if quotient is not None and quotient.scaled(HUNDRED).overlaps(rate.interval()):
            return True
    return False


def other_whole(ctx: AuditContext, budget: Statement, spent: Interval, places: int, stated: Interval) -> bool:
    """Is the stated remainder another stated amount less the spending ("收入总计7,280.00万元 … 支出总计7,036.92万元，
    年末结转243.08万元")?"""
    return any(
        (other.interval(places) - spent).overlaps(stated)
        for other in other_amounts(ctx, budget, spent, places)
    )


def other_spending(
    ctx: AuditContext, remainder: Statement, budget: Interval, executed: Statement, places: int
) -> bool:
    """Is the stated remainder the budget less another spending the text states for its subject ("全年支出2,511.42万元，
    其中：…（四）其他支出合计369.26万元" … "年末结转的124.88万元")? Read from elsewhere, the spending is a guess too: the
    last one written may be an item of a list, not the whole."""
    return any(
        (budget - other.interval(places)).overlaps(remainder.interval())
        for other in ctx.facts.statements
        if other.kind == "amount"
        and other.field == "executed"
        and other.role == "value"
        and other.exact_claim
        and other is not executed
        and other.subject == remainder.subject
    )


def other_amounts(ctx: AuditContext, budget: Statement, spent: Interval, places: int) -> list[Statement]:
    """The amounts stated as values besides the budget read, none the size of the spending (a base equal to the
    spending is the 100 % a rate is questioned for, not another reading)."""
    return [
        other
        for other in ctx.facts.statements
        if other.kind == "amount"
        and other.role == "value"
        and other.exact_claim
        and other is not budget
        and not other.interval(places).overlaps(spent)
    ]


def parts_of_the_rest(ctx: AuditContext, remainder: Statement, computed: Interval) -> bool:
    """Do the remainders the text states for the subject add up to what is left, so that each is one line's?"""
    rests = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount"
        and s.field == "unspent"
        and s.role == "value"
        and s.exact_claim
        and s.subject == remainder.subject
    ]
    return len(rests) > 1 and total([s.interval() for s in rests]).overlaps(computed)
