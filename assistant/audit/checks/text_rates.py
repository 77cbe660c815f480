"""RATE_MISMATCH from the text alone: a stated 执行率 against the amounts the text states for the same subject.

Bad: 预算金额5.6万元，执行金额48.824万元，执行率100% (48.824 ÷ 5.6 = 871.86 %).
Bad: 本年度财政拨款80万元，执行60万元，完成预算的80% (a share of the budget named by the budget is its 执行率: 75 %).
Bad: 合计64万元，本年度已支出52万元，预算完成率100% (a 预算完成率 is the 执行率; so is a 资金完成率).
Good: 预算31.69万元中执行32.4万元… written "97.80%" holds: the inputs' rounding spans 97.64–97.98 %.
Uncertain: 预算2596万元，支出2595.6208万元，执行率99% (99.985 %: cut, not rounded, at its place — a convention).
Amounts in the rate's own sentence prove a contradiction (error); amounts stated elsewhere for the subject only
suggest one (warning, "uncertain"): another sentence may speak of another 口径 or moment; so does money of no 口径 right
before the amount spent ("收入合计9570171.39元,支出合计7686456.33元,执行率为80.32%": the base is a reading), or a budget and an
amount spent of one sentence read as different subjects (预算经费73.19万元…支出合计43.73万元). A rate of a moment
(截至8月底…已拨付1677.26万元，资金使用率70.29%) is read over the money spent by then, stated beside it, and the subject's
budget for the year: a warning at most (the moment's base is the text's to state). Read from elsewhere, the pair is
a guess: another amount stated as the subject's spending over a stated budget that gives the rate is the writer's pair,
the text's 自评表 row included (全年执行数1,188.27 over 全年预算数1,326.50 is 89.58 %, whatever the prose last wrote as
拨付 to member units: ``rate_readings.other_pair``).
Also: a unit-wide 执行率 (or executed total) that the projects the text says were executed below budget leave
out of reach — 14个项目执行率100% beside a project that left 2.16万元 unspent — is a warning ("uncertain": it
holds only if no other project spent beyond its budget and the projects are the unit's).
No finding where the text itself sets the figures apart: rates read respectively ("分别为98.37%、93.36%"), rates of listed items (two 使用率 of different values in one
sentence, 竹编…100%；薅草锣鼓…83.72%) against a budget stated elsewhere (the whole's), a rate of another year than the
amounts (2022年执行率95% beside 2023's budget), a budget in the rate's sentence whose executed amount another sentence
pairs with another budget. A rate whose formula is written out with the budget as its divisor (预算执行率（实际支出/全年预算数）
为98%) names its base: the money that arrived or another whole is no other reading of it. A sentence stating two
amounts spent (全年支出238.60万元，执行率97.39%，其中疫木除治支出126.80万元) pairs the rate with either: silent when one gives it;
with the budget read from elsewhere, any stated amount may be that spending's base (可用资金705.40万元，其中…本年下达资金
620.00万元 … 本年下达资金支出602.72万元，本年资金执行率97.21%).
A rate the text states on the 财政 money (预算执行率按财政资金口径计算; 按财政拨款口径) over a total that includes other money
its breakdown names (资金总额46,380.50万元，其中…单位自有资金440.00万元) is read over the total less that money too
(财政资金共支出44,108.27万元，预算执行率96.01%: 44,108.27 ÷ 45,940.50): silent when it fits.
The same budget and executed amounts give the 剩余/结余 a text states: ``remainders`` reads those (REMAINDER_MISMATCH),
over the basis both share (``rate_basis``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import show_interval
from ..prose.interval import Interval
from ..prose.model import Statement, list_places
from ..prose.periods import other_year
from ..prose.subject_values import SubjectValues
from ..registry import check_unit
from .rate_basis import HUNDRED, Basis, basis_of, fiscal_budgets
from .rate_readings import other_base, other_pair
from .rate_slips import rate_unit_slip, stated_finding, who
from .remainders import above_budget, check_remainder

_CUES = cues(__name__)


@check_unit(
    also=("RATE_MISMATCH", "REMAINDER_MISMATCH", "UNIT_SUSPECT"),
    basis="text",
)
def check(ctx: AuditContext) -> Iterator[Finding]:
    values = ctx.values
    for statement in ctx.facts.statements:
        if (
            statement.role not in ("value", "timed")
            or "subset" in statement.extra
            or "respective" in statement.extra
        ):
            continue
        if statement.role == "timed":
            finding = _check_moment_rate(ctx, values, statement)
        elif statement.kind == "percent" and statement.field == "rate":
            finding = _check_rate(ctx, values, statement)
        elif statement.kind == "percent" and _money_completion(ctx, statement):
            finding = _check_money_completion(ctx, values, statement)
        elif statement.kind == "percent" and statement.field == "remainder":
            finding = check_remainder(ctx, values, statement)
        elif statement.kind == "amount" and statement.field == "unspent":
            finding = check_remainder(ctx, values, statement) or above_budget(ctx, statement)
        else:
            finding = None
        if finding is not None:
            yield finding


def _check_rate(ctx: AuditContext, values: SubjectValues, rate: Statement) -> Finding | None:
    basis = basis_of(ctx, values, rate)
    if basis is None and (pair := values.read_pair(rate)) is not None:
        basis = Basis(rate, *pair, True, list_places(list(pair)), unsettled=True)  # the base is a reading
    if basis is None:
        return _against_what_is_left(ctx, values, rate)
    return _judge_rate(ctx, values, rate, basis)


def _money_completion(ctx: AuditContext, rate: Statement) -> bool:
    """ "计划投资9000万元，完成投资8600万元，完成率86%" / "…完成年度计划的86%": a completion
    rate whose own words name nothing but the completion of the plan, right after the plan's and the
    done amounts."""
    return (
        rate.field in ("completion", "other", "ratio")
        and rate.sentence is not None
        and _CUES.money_completion.search(clause_before(ctx, rate)) is not None
    )


def _check_money_completion(ctx: AuditContext, values: SubjectValues, rate: Statement) -> Finding | None:
    """The share of the plan done, against the plan and the done amounts of its own sentence. A warning: the
    rate may measure the works rather than the money (工程完成率 beside the investment)."""
    basis = basis_of(ctx, values, rate)
    if basis is None or not basis.local:
        return None
    if not all(s.span[1] <= rate.span[0] for s in (basis.budget, basis.executed)):
        return None
    return _judge_rate(ctx, values, rate, replace(basis, unsettled=True), name="计划完成比例")


def _against_what_is_left(ctx: AuditContext, values: SubjectValues, rate: Statement) -> Finding | None:
    """ "项目总预算150万元，截至年底结余资金30万元，预算执行率85%": no amount spent, but the budget and what is left
    in the rate's own sentence give it (150 − 30 = 120, 80 %). A warning: 结余 may be left of the money that
    arrived rather than of the budget."""
    if rate.sentence is None or rate.role != "value":
        return None
    budget = values.budget_of(rate.subject)
    left = [
        s
        for s in ctx.facts.in_sentence(rate.sentence)
        if s.kind == "amount" and s.field == "unspent" and s.subject == rate.subject and s.exact_claim
    ]
    if budget is None or budget.sentence is not rate.sentence or len(left) != 1 or not budget.exact_claim:
        return None
    places = list_places([budget, left[0]])
    spent = budget.interval(places) - left[0].interval(places)
    computed = spent.divided_by(budget.interval(places))
    if computed is None:
        return None
    computed = computed.scaled(HUNDRED)
    ctx.facts.mark(rate, budget, left[0])
    if computed.overlaps(rate.interval()):
        return None
    message = (
        f"{who(rate)}预算 {budget.text}、结余 {left[0].text}，已执行应为预算的 {show_interval(computed, rate)}，"
        f"文中执行率写作 {rate.text}"
    )
    return stated_finding(ctx, "RATE_MISMATCH", message, rate, (budget, left[0]), computed, proven=False)


def _check_moment_rate(ctx: AuditContext, values: SubjectValues, rate: Statement) -> Finding | None:
    if rate.kind != "percent" or rate.field not in ("rate", "pay_rate"):
        return None  # a 执行率 or a 支付进度/拨付率 of the moment
    if rate.hedge is not None or rate.high is not None or rate.sentence is None:
        return None
    if rate.field == "pay_rate" and any(
        o.kind == "amount" and o.field in ("budget", "budget_initial", "arrived", "unspent")
        for o in ctx.facts.in_sentence(rate.sentence)
    ):
        return None  # a 支付率 with its whole or its unpaid rest beside it: ``text_pay_rates`` reads it
    basis = _moment_basis(ctx, values, rate)
    return _judge_rate(ctx, values, rate, basis) if basis is not None else None


def _moment_basis(ctx: AuditContext, values: SubjectValues, rate: Statement) -> Basis | None:
    """ "截至2019年8月底，已拨付资金1677.26万元，资金使用率70.29%": a rate of a moment over the money spent by then,
    stated beside it, and the subject's budget for the year (a budget is not of a moment)."""
    spent = [
        o
        for o in ctx.facts.in_sentence(rate.sentence)
        if o.kind == "amount"
        and o.field == "executed"
        and o.role in ("value", "timed")
        and o.span[1] <= rate.span[0]
        and o.hedge is None
        and o.high is None
    ]
    if not spent or spent[-1].subject != rate.subject:
        return None
    budget = values.budget_of(rate.subject)
    if budget is None or not budget.exact_claim:
        return None
    executed = spent[-1]
    if other_year(ctx.doc.text, rate, budget, executed):
        return None
    local = budget.sentence is rate.sentence
    return Basis(rate, budget, executed, local, list_places([budget, executed]), not local)


def _judge_rate(
    ctx: AuditContext, values: SubjectValues, rate: Statement, basis: Basis, name: str = "执行率"
) -> Finding | None:
    computed = basis.executed_iv.divided_by(basis.budget_iv)
    if computed is None:
        return None
    computed = computed.scaled(HUNDRED)
    basis.mark(ctx)
    if computed.overlaps(rate.interval()):
        return None
    if _another_spent_gives(ctx, rate, basis) or _another_budget_gives(ctx, rate, basis):
        return None
    if any(_over(basis.executed_iv, base, rate) for base in fiscal_budgets(ctx, basis)):
        return None  # "预算执行率按财政资金口径计算": over the budget less the unit's own money, as the text says
    # "预算执行率（实际支出/全年预算数）为98%": a rate whose written formula names the budget as its base has no
    # other reading (到位资金, another whole)
    named = _CUES.formula_over_budget.search(clause_before(ctx, rate)) is not None
    arrived = None if named else values.arrived(rate)
    other = None
    if arrived is not None:
        other = basis.executed_iv.divided_by(arrived.interval(basis.places))
        if other is not None and other.scaled(HUNDRED).overlaps(rate.interval()):
            return None  # the rate is written over 到位资金 (the 10号文 framework's definition)
    if not basis.local and not named and other_base(ctx, basis.budget, basis.executed_iv, basis.places, rate):
        return None
    budget, executed = basis.budget, basis.executed
    slip = rate_unit_slip(ctx, basis.budget, basis.executed, rate, computed, basis.proven)
    if slip is not None:
        return slip
    beside = basis.executed.sentence is rate.sentence and basis.executed.exact_claim
    if not basis.local and not beside and other_pair(ctx, basis.executed, basis.places, rate):
        # another amount spent, over a budget stated, gives the rate: the pair read is a guess. Not when the
        # amount read is the one the rate's own sentence states ("全年实际支出235.64万元，预算执行率97.55%" beside a
        # table's 253.64): the two amounts spent are then the contradiction
        return None
    # the executed amount beside the rate, and neither the budget nor the 到位资金 gives it: no reading left
    both = (
        other is not None and executed.sentence is rate.sentence and executed.exact_claim and rate.exact_claim
    )
    where = "" if basis.local else f"（预算、执行数见文中他处：{budget.text}、{executed.text}）"
    # "2595.6208万元÷2596万元＝99.985%" written "99%": cut at the written place rather than rounded, a convention
    # (money not all spent is not written 100%); the text's arithmetic holds under it, so no proof
    cut = _truncated(computed, rate)
    message = (
        f"{who(rate)}预算 {budget.text}、执行 {executed.text} 与{name} {rate.text} 不能同时成立："
        f"{executed.text}÷{budget.text}＝{show_interval(computed, rate)}{where}"
        + ("（若执行率按截位而非四舍五入填写，则二者相符）" if cut else "")
    )
    return basis.finding(ctx, "RATE_MISMATCH", message, computed, (basis.proven or both) and not cut)


def _another_spent_gives(ctx: AuditContext, rate: Statement, basis: Basis) -> bool:
    """ "全年支出238.60万元，执行率97.39%，其中疫木除治支出126.80万元": the rate's sentence states more than one amount
    spent of its subject (the whole and a part of it); the rate is over the one that gives it, whichever was paired."""
    if rate.sentence is None:
        return False
    for spent in ctx.facts.in_sentence(rate.sentence):
        if spent is basis.executed or spent.kind != "amount" or spent.field != "executed":
            continue
        if spent.subject != rate.subject or not spent.exact_claim:
            continue  # "约1.29亿元" beside the exact amount is the same money at a coarse place, no other reading
        places = list_places([basis.budget, spent])
        share = spent.interval(places).divided_by(basis.budget.interval(places))
        if share is not None and share.scaled(HUNDRED).overlaps(rate.interval()):
            return True
        if not basis.local and other_base(ctx, basis.budget, spent.interval(places), places, rate):
            # "本年下达资金620.00万元" … "本年下达资金支出602.72万元，本年资金执行率97.21%": read from elsewhere, the
            # base is a guess too; another stated amount that gives the rate over this spending is the writer's
            return True
    return False


def _another_budget_gives(ctx: AuditContext, rate: Statement, basis: Basis) -> bool:
    """ "预算安排4,180.00万元，加上上年结转资金56.00万元，全年实际支出4,236.00万元，…执行率为101.34%": the rate's sentence
    states more than one budget (the year's and a carried-over part); the rate over the one that gives it is the
    writer's, whichever the subject reading paired with the amount spent."""
    if rate.sentence is None or basis.budget.sentence is not rate.sentence:
        return False
    return any(
        other is not basis.budget
        and other.kind == "amount"
        and other.field in ("budget", "budget_initial")
        and other.exact_claim
        and _over(basis.executed_iv, other.interval(list_places([other, basis.executed])), rate)
        for other in ctx.facts.in_sentence(rate.sentence)
    )


def _over(executed: Interval, base: Interval, rate: Statement) -> bool:
    """Does ``executed`` over ``base`` give the stated rate?"""
    share = executed.divided_by(base)
    return share is not None and share.scaled(HUNDRED).overlaps(rate.interval())


def _truncated(computed: Interval, rate: Statement) -> bool:
    """Is the stated rate the computed one cut (not rounded) at its written place: 99.985% written 99%?"""
    return rate.exact_claim and computed.cut_to(rate.value, rate.canonical_places)
