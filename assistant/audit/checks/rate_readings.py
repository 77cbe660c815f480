"""Other readings of a rate or a remainder that a check reading its budget from elsewhere must rule out first.

A rate or remainder whose budget ``text_rates`` reads from another sentence rests on a guess of which amount is the
base. When another amount the text states gives the rate or leaves the remainder ("收入总计7,280.00万元" of a
部门整体 report, its 一般公共预算拨款收入 read as the budget), or when several remainders the text states add up to
what is left ("救助资金结余4.00万元", "检查经费结余1.64万元" of 5.64万元), the writer's reading holds and nothing is
contradicted.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import permutations

from ..context import AuditContext
from ..prose.interval import Interval, total
from ..prose.model import Statement
from .form_amounts import form_amounts

HUNDRED = Decimal(100)
_BUDGETS = ("budget", "budget_initial")


def other_base(ctx: AuditContext, budget: Statement, spent: Interval, places: int, rate: Statement) -> bool:
    """Read from elsewhere, the budget is a guess: another amount the text states that gives the rate over the
    same spending is the writer's base ("收入总计7,280.00万元" of a 部门整体 report beside its 一般公共预算拨款收入)."""
    for other in other_amounts(ctx, budget, spent, places):
        quotient = spent.divided_by(other.interval(places))
        if quotient is not None and quotient.scaled(HUNDRED).overlaps(rate.interval()):
            return True
    return False


def other_pair(ctx: AuditContext, executed: Statement, places: int, rate: Statement) -> bool:
    """Read from elsewhere, the amount spent is a guess too: another amount the text states as spent by the rate's
    subject, over a budget stated for it, gives the rate ("全年实际支出311.18万元" over "全年预算数合计324.60万元", where
    the last amount read as spent was "12月份水生态监测费3.62万元", an item of what was left). The text's 自评表 states
    them too: its 年度资金总额 row's 全年执行数 over its 预算数 ("1,326.50 | 1,188.27 | … | 89.58%", where the last
    amount read as spent was "向成员单位拨付…资金3,265,000元") is the writer's pair (``form_amounts``).

    Why this and not "拨付 to other bodies is no 执行数": money 拨付/下拨 to other bodies is how a 转移支付 or a fund
    passed on is spent (its 执行数 is what was 拨付: "截至8月底已拨付1677.26万元，资金使用率70.29%"), and a report on
    such a fund often states nothing else; a verb cannot tell which sum a rate is over, while another pair the text
    states that gives the rate does, and leaves a rate no pair gives flagged."""
    mine = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount"
        and s.role == "value"
        and s.exact_claim
        # the report's own unnamed figures (全年预算数…) may be the subject's; another project's are not
        and (s.subject == rate.subject or s.subject is None or s.subject.kind in ("report", "unit"))
    ]
    # the same digits in another unit ("实际支出资金87.35元" beside a table's 87.35) are the figure the slip is in,
    # no other reading of it
    spent = [
        s.interval(places)
        for s in mine
        if s.field == "executed" and s is not executed and (s.raw != executed.raw or s.unit == executed.unit)
    ]
    spent += form_amounts(ctx, rate, "executed", executed)
    bases = [s.interval(places) for s in mine if s.field in _BUDGETS] + form_amounts(ctx, rate, "budget")
    for amount in spent:
        for base in bases:
            quotient = amount.divided_by(base)
            if quotient is not None and quotient.scaled(HUNDRED).overlaps(rate.interval()):
                return True
    return False


def other_whole(ctx: AuditContext, budget: Statement, spent: Interval, places: int, stated: Interval) -> bool:
    """Is the stated remainder another stated amount less the spending ("收入总计7,280.00万元 … 支出总计7,036.92万元，
    年末结转243.08万元")? An item's money given in brackets counts too ("…交通补助项目（100.00万元）" … "其中，交通补助
    支出95.30万元，剩余4.70万元"): the rest is that item's, not the whole budget's."""
    asides = [
        other
        for other in ctx.facts.statements
        if other.kind == "amount" and other.role == "aside" and not other.interval(places).overlaps(spent)
    ]
    return any(
        (other.interval(places) - spent).overlaps(stated)
        for other in other_amounts(ctx, budget, spent, places) + asides
    )


def other_spending(
    ctx: AuditContext, remainder: Statement, budget: Interval, executed: Statement, places: int
) -> bool:
    """Is the stated remainder the budget less another spending the text states for its subject ("全年支出2,511.42万元，
    其中：…（四）其他支出合计369.26万元" … "年末结转的124.88万元")? Read from elsewhere, the spending is a guess too: the
    last one written may be an item of a list, not the whole, or one place's share ("分县看…主要有某县712.40万元");
    a spending written with no name of its own (the whole's) is a reading of the subject's as well."""
    return any(
        (budget - other.interval(places)).overlaps(remainder.interval())
        for other in ctx.facts.statements
        if other.kind == "amount"
        and other.field == "executed"
        and other.role == "value"
        and other.exact_claim
        and other is not executed
        # a spending no name is written with ("全年共兑付补贴资金3,108.74万元" opening its section, read as the
        # whole's) may be the subject's too: the one read may be a place's share ("主要有某县712.40万元、…")
        and (
            other.subject == remainder.subject
            or other.subject is None
            or other.subject.kind in ("unit", "report")
        )
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


def of_counts(ctx: AuditContext, rate: Statement) -> bool:
    """Do two counts of one unit written before the rate in its sentence give it ("应兑付牧户4,200户，实际兑付
    4,074户，兑付率97.00%"; "发放对象1,250人，已发放1,200人，发放率96%")? The rate is then the share of those
    counted, not of the money."""
    counts = [
        s
        for s in ctx.facts.in_sentence(rate.sentence)
        if s.kind == "count" and s.span[1] <= rate.span[0] and s.exact_claim
    ]
    for part, whole in permutations(counts, 2):
        if part.unit != whole.unit:
            continue
        quotient = part.interval().divided_by(whole.interval())
        if quotient is not None and quotient.scaled(HUNDRED).overlaps(rate.interval()):
            return True
    return False
