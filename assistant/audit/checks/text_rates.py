"""RATE_MISMATCH and REMAINDER_MISMATCH from the text alone: a stated 执行率 or 剩余/结余 against the amounts the
text states for the same subject.

Bad: 预算金额5.6万元，执行金额48.824万元，执行率100% (48.824 ÷ 5.6 = 871.86 %).
Bad: 本年度财政拨款80万元，执行60万元，完成预算的80% (a share of the budget named by the budget is its 执行率: 75 %).
Bad: 合计64万元，本年度已支出52万元，预算完成率100% (a 预算完成率 is the 执行率; so is a 资金完成率).
Bad: 全年预算59.2万元，全年执行数57.04万元，剩余3%资金待验收后支付 (2.16 ÷ 59.2 = 3.65 %).
Good: 预算31.69万元中执行32.4万元… written "97.80%" holds: the inputs' rounding spans 97.64–97.98 %.
Uncertain: 预算2596万元，支出2595.6208万元，执行率99% (99.985 %: cut, not rounded, at its place — a convention).
Amounts in the rate's own sentence prove a contradiction (error); amounts stated elsewhere for the subject only
suggest one (warning, "uncertain"): another sentence may speak of another 口径 or moment; so does money of no 口径 right
before the amount spent ("收入合计9570171.39元,支出合计7686456.33元,执行率为80.32%": the base is a reading), or a budget and an
amount spent of one sentence read as different subjects (预算经费73.19万元…支出合计43.73万元). A part of the unspent money is checked
against all of it. A rate of a moment (截至8月底…已拨付1677.26万元，资金使用率70.29%) is read over the money spent by then, stated beside
it, and the subject's budget for the year: a warning at most (the moment's base is the text's to state).
Also: a unit-wide 执行率 (or executed total) that the projects the text says were executed below budget leave
out of reach — 14个项目执行率100% beside a project that left 2.16万元 unspent — is a warning ("uncertain": it
holds only if no other project spent beyond its budget and the projects are the unit's).
No finding where the text itself sets the figures apart: a 结余 listed among the items of the spending total
(全年总支出221.17万元。其中:基本支出…;项目结余结转12.00万元,占本年支出数5.43%); rates of listed items (two 使用率 of different values in one
sentence, 竹编…100%；薅草锣鼓…83.72%) against a budget stated elsewhere (the whole's), a rate of another year than the
amounts (2022年执行率95% beside 2023's budget), a budget in the rate's sentence whose executed amount another sentence
pairs with another budget, the rest of a left-over amount after a part is taken out, money 尚未到位 (not received, not
unspent), a 结余 that is the balance of the money that arrived (计划1000, 到位854.69, 支出854.69, 结余0); with arrived money
short of the budget and a remainder matching neither, a warning.
Amounts that changed the money available are no remainder of the budget: the rest named in a sentence that says a
source did not all arrive (配套资金未能全额到位，…，剩余60万元已列入下年预算), last year's balance said to join this
year's money (结转资金35万元并入本年度使用: a source, 上年结转), money taken back in the course of the year (年中…收回资金80
万元: a cut, like 调减). A rate whose formula is written out with the budget as its divisor (预算执行率（实际支出/全年预算数）
为98%) names its base: the money that arrived or another whole is no other reading of it.
A 尾款/质保金/部分 in the left-over amount's sentence makes it one part of the unspent money; of a 年末结余, only in
its own words (its clause, or after it): a 部分 of an earlier clause ("部分补助资金未能在年内拨付，年末结余资金32.32万元")
does not.
A left-over amount with the digits of budget − executed in another unit ("下达8460万元…兑付7921.36万元…年末结转资金
538.64元") is a unit slip (UNIT_SUSPECT), not a remainder 10000 times off; proven as the remainder would be.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import show_interval
from ..prose.interval import Interval
from ..prose.model import Breakdown, Statement, list_places
from ..prose.periods import conflicting, other_year
from ..prose.subject_values import SubjectValues
from ..prose.two_parts import over_budget
from ..registry import check_unit
from .rate_readings import other_base, other_whole, parts_of_the_rest
from .rate_slips import project_of, rate_unit_slip, remainder_unit_slip, stated_finding, who

HUNDRED = Decimal(100)
_CUES = cues(__name__)


@check_unit(
    also=("RATE_MISMATCH", "REMAINDER_MISMATCH", "UNIT_SUSPECT"),
    basis="text",
)
def check(ctx: AuditContext) -> Iterator[Finding]:
    values = ctx.values
    for statement in ctx.facts.statements:
        if statement.role not in ("value", "timed") or "subset" in statement.extra:
            continue
        if statement.role == "timed":
            finding = _check_moment_rate(ctx, values, statement)
        elif statement.kind == "percent" and statement.field == "rate":
            finding = _check_rate(ctx, values, statement)
        elif statement.kind == "percent" and _money_completion(ctx, statement):
            finding = _check_money_completion(ctx, values, statement)
        elif statement.kind == "percent" and statement.field == "remainder":
            finding = _check_remainder(ctx, values, statement)
        elif statement.kind == "amount" and statement.field == "unspent":
            finding = _check_remainder(ctx, values, statement) or _above_budget(ctx, statement)
        else:
            finding = None
        if finding is not None:
            yield finding


@dataclass(frozen=True)
class _Basis:
    """The budget and executed amounts a stated rate or remainder is read against, at one precision."""

    stated: Statement
    budget: Statement
    executed: Statement
    local: bool  # both stand beside the stated figure, not elsewhere in the text
    places: int
    # periods differ (总投资 vs a year), the rate names a source the amounts are not of, or the base is a reading
    unsettled: bool = False

    @property
    def budget_iv(self) -> Interval:
        return self.budget.interval(self.places)

    @property
    def executed_iv(self) -> Interval:
        return self.executed.interval(self.places)

    def mark(self, ctx: AuditContext) -> None:
        ctx.facts.mark(self.stated, self.budget, self.executed)

    @property
    def proven(self) -> bool:
        """All three figures stand together, claim exact values and are of one period (总投资 beside the year's
        完成投资 is not): a contradiction, not a doubt."""
        figures = (self.stated, self.budget, self.executed)
        return self.local and all(s.exact_claim for s in figures) and not self.unsettled

    def finding(
        self, ctx: AuditContext, code: str, message: str, computed: Interval, proven: bool
    ) -> Finding:
        """A stated rate or remainder that the budget and executed amounts do not give."""
        return stated_finding(ctx, code, message, self.stated, (self.budget, self.executed), computed, proven)


def _basis(ctx: AuditContext, values: SubjectValues, stated: Statement) -> _Basis | None:
    pair = values.budget_and_executed(stated)
    if pair is None:
        return None
    budget, executed, local = pair
    if other_year(ctx.doc.text, stated, budget, executed):
        return None  # "2022年执行率95%" beside 2023's amounts: another year's rate
    if not local and _among_items(ctx, stated):
        return None  # "竹编…使用率100%；薅草锣鼓项目资金使用334896元，使用率83.72%": each item's own rate
    differ = conflicting(ctx.doc.text, stated, budget, executed) or _of_a_source(ctx, stated, budget)
    return _Basis(stated, budget, executed, local, list_places([budget, executed]), differ)


def _among_items(ctx: AuditContext, stated: Statement) -> bool:
    """Does the rate's sentence (up to its full stop: "；" joins the items of a list) state another rate of its
    口径 with another value? Then it lists items, each with its own rate, and a budget from elsewhere (of the
    whole) is none of theirs."""
    if stated.sentence is None:
        return False
    text = ctx.doc.text
    for o in ctx.values.stated(stated.subject, stated.field):
        if o.kind != stated.kind or o is stated or o.value == stated.value or o.sentence is None:
            continue
        if o.role != stated.role:
            continue  # "截至2018年底…69.21%；截至2019年8月底…70.29%": one subject at two moments, not two items
        low, high = sorted((o.span, stated.span))
        if o.sentence.para_start == stated.sentence.para_start and "。" not in text[low[1] : high[0]]:
            return True
    return False


def _of_a_source(ctx: AuditContext, stated: Statement, budget: Statement) -> bool:
    """ "当年拨款执行率100%" read against the whole's budget: the rate names a fund source the amounts are not of,
    so the pairing rests on an attribution the text does not settle."""
    if stated.sentence is None or (budget.subject is not None and budget.subject.kind == "source"):
        return False
    clause = clause_before(ctx, stated)
    return _CUES.source_named.search(clause) is not None


def _check_rate(ctx: AuditContext, values: SubjectValues, rate: Statement) -> Finding | None:
    basis = _basis(ctx, values, rate)
    if basis is None and (pair := values.read_pair(rate)) is not None:
        basis = _Basis(rate, *pair, True, list_places(list(pair)), unsettled=True)  # the base is a reading
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
    basis = _basis(ctx, values, rate)
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


def _moment_basis(ctx: AuditContext, values: SubjectValues, rate: Statement) -> _Basis | None:
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
    return _Basis(rate, budget, executed, local, list_places([budget, executed]), not local)


def _judge_rate(
    ctx: AuditContext, values: SubjectValues, rate: Statement, basis: _Basis, name: str = "执行率"
) -> Finding | None:
    computed = basis.executed_iv.divided_by(basis.budget_iv)
    if computed is None:
        return None
    computed = computed.scaled(HUNDRED)
    basis.mark(ctx)
    if computed.overlaps(rate.interval()):
        return None
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


def _truncated(computed: Interval, rate: Statement) -> bool:
    """Is the stated rate the computed one cut (not rounded) at its written place: 99.985% written 99%?"""
    return rate.exact_claim and computed.cut_to(rate.value, rate.canonical_places)


def _check_remainder(ctx: AuditContext, values: SubjectValues, remainder: Statement) -> Finding | None:
    if _rest_of_another(ctx, remainder):
        return None
    basis = _basis(ctx, values, remainder)
    if basis is None:
        return None
    if remainder.kind == "percent" and _CUES.share_of_other.search(clause_before(ctx, remainder)):
        return None  # "占本年支出数5.43%": a share of the spending, not the budget's unspent part
    if any(
        _listed_use(ctx.doc.text, b, remainder)
        for b in ctx.facts.breakdowns
        if b.total.span == basis.executed.span
    ):
        return (
            None  # "全年总支出221.17万元。其中:基本支出…;项目结余结转12.00万元": an item of the money's uses
        )
    left = basis.budget_iv - basis.executed_iv
    if remainder.kind == "percent":
        share = left.divided_by(basis.budget_iv)
        if share is None:
            return None
        computed: Interval = share.scaled(HUNDRED)
    else:
        computed = left
    stated = remainder.interval()
    basis.mark(ctx)
    if computed.overlaps(stated):
        return None
    if (
        remainder.kind == "amount"
        and (
            slip := remainder_unit_slip(ctx, remainder, basis.budget, basis.executed, computed, basis.proven)
        )
        is not None
    ):
        return slip
    arrived = _arrived(values, remainder, basis)
    if remainder.kind == "amount" and any(
        (a.interval() - basis.executed_iv).overlaps(stated) for a in arrived
    ):
        return None  # "实际到位854.69万元，实际支出854.69万元，结余0": the balance of the money that arrived
    if remainder.kind == "amount" and stated.below(computed) and parts_of_the_rest(ctx, remainder, computed):
        return (
            None  # "救助资金结余4.00万元 … 检查经费结余1.64万元" of 5.64万元 unspent: each line's remainder
        )
    if (
        remainder.kind == "amount"
        and not basis.local
        and other_whole(ctx, basis.budget, basis.executed_iv, basis.places, stated)
    ):
        return None  # read from elsewhere, the budget is a guess: another stated whole leaves this remainder
    sentence = remainder.sentence.text if remainder.sentence else ""
    if _CUES.part_words.search(_part_words_of(ctx, remainder)) and stated.below(computed):
        return None  # a 尾款 smaller than all the unspent money is one part of it
    message = (
        f"{who(remainder)}预算 {basis.budget.text}、执行 {basis.executed.text}，未执行部分为 "
        f"{show_interval(computed, remainder)}，文中写作 {remainder.text}"
    )
    # money that arrived short of the budget leaves the remainder's base open (budget or arrived money)
    proven = (
        basis.proven
        and not _CUES.other_cause.search(sentence)
        and not arrived
        and not _CUES.year_end_balance.search(clause_before(ctx, remainder))
    )
    return basis.finding(ctx, "REMAINDER_MISMATCH", message, computed, proven)


def _part_words_of(ctx: AuditContext, remainder: Statement) -> str:
    """The words that may make a left-over amount one part of the unspent money: its sentence ("未支付部分包括：…
    质保金…，以及招标节约资金61.64万元"), but for a 年末结余 only its own clause and the words after it ("结余20万元，
    为工程质保金"): the year-end balance is all that is left, and a 部分 of an earlier clause ("部分补助资金未能在年内
    拨付，年末结余资金32.32万元") is of the money not paid."""
    sentence = remainder.sentence
    if sentence is None:
        return ""
    clause = clause_before(ctx, remainder)
    if not _CUES.year_end_balance.search(clause):
        return sentence.text
    return clause + ctx.doc.text[remainder.span[1] : sentence.end]


def _listed_use(text: str, breakdown: Breakdown, remainder: Statement) -> bool:
    """Is the left-over amount one more ；-item of the list that breaks the spending total down (read as a part or
    not: a 结余 is no 支出 to the part reader)?"""
    if remainder.span in {p.span for p in breakdown.parts}:
        return True
    last = breakdown.parts[-1].span[1]
    between = text[last : remainder.span[0]]
    return remainder.span[0] > last and "。" not in between and any(mark in between for mark in "；;")


def _arrived(values: SubjectValues, remainder: Statement, basis: _Basis) -> list[Statement]:
    """Amounts of the remainder's subject said to have arrived (实际到位资金) that differ from its budget."""
    return [
        s
        for s in values.stated(remainder.subject, "arrived")
        if s.kind == "amount" and not s.interval().overlaps(basis.budget_iv)
    ]


def _rest_of_another(ctx: AuditContext, remainder: Statement) -> bool:
    """Left-over money that is not budget − executed by the text's own words: one of several left-over amounts of
    its sentence (the rest of an earlier one once a part is taken out, "结余10万元，其中5万元已上缴，剩余5万元结转
    下年", or the parts of what is left, "财政收回统筹6.86万元，本年结余21.5万元"), or money not yet received
    ("下达200万元，到位180万元，剩余20万元尚未到位"; "配套资金未能全额到位，…，剩余60万元已列入下年预算": the rest
    named in a sentence that says money did not all arrive; "已到位170万元，剩余30万元于次年1月到位": the rest said to
    arrive after the year)."""
    after = ctx.doc.text[remainder.span[1] : remainder.span[1] + 12]
    if _CUES.not_received.match(after):
        return True
    sentence = remainder.sentence
    before = ctx.doc.text[sentence.start : remainder.span[0]] if sentence is not None else ""
    if _CUES.rest_word_before.search(before) and _CUES.arrives_later.match(
        ctx.doc.text[remainder.span[1] : remainder.span[1] + 60]
    ):
        return True  # "已到位170万元，剩余30万元…于2025年1月到位": the rest of the money due, received after the year
    if _CUES.rest_word_before.search(before) and _CUES.short_arrival_before.search(before):
        return True  # "配套资金未能全额到位，…，剩余60万元已列入下年预算": the rest of the money due, not of the budget
    # one of several left-over amounts of its sentence: "财政收回统筹6.86万元，本年结余21.5万元" split what is left
    return any(
        s.field == "unspent" and s.kind == remainder.kind and s is not remainder
        for s in ctx.facts.in_sentence(remainder.sentence)
    )


def _above_budget(ctx: AuditContext, left: Statement) -> Finding | None:
    """ "资金指标85.84万元…尚未支付，结余95.84万元": more left than the sentence gives the subject at all. Only money
    named before the left-over is what it is left of: an amount after it is one of its parts or causes ("年末尚未
    支出623.42万元，原因：一是县级配套资金240万元跨年到位；二是…")."""
    budgets = [
        s
        for s in ctx.facts.in_sentence(left.sentence)
        if s.kind == "amount"
        and s.field == "budget"
        and s.subject == left.subject
        and s.role == "value"
        and s.span[0] < left.span[0]
    ]
    if len(budgets) != 1 or not (budgets[0].exact_claim and left.exact_claim):
        return None
    budget = budgets[0]
    message = f"{who(left)}结余 {left.text} 超过同句所写资金 {budget.text}"
    return over_budget(ctx, "REMAINDER_MISMATCH", left, budget, message, project=project_of(left))
