"""REMAINDER_MISMATCH from the text alone: a stated 剩余/结余 (an amount, or a share of the budget) against
budget − executed for the same subject, over the basis a rate is read against (``rate_basis``).

Why apart from ``text_rates``: a remainder has readings a rate has not — money not received, the rest of a
left-over amount, a part of the unspent money, a balance of the money that arrived — and those readings are this
module's one job; ``text_rates`` hands each 剩余/结余 statement here.

Bad: 全年预算59.2万元，全年执行数57.04万元，剩余3%资金待验收后支付 (2.16 ÷ 59.2 = 3.65 %); a share said to be of the
budget itself is that share too (预算500万元，支出462.5万元，未执行资金占预算总额的8.5%: 7.5 %), unlike a share of
something else 占 names (占本年支出数).
A part of the unspent money is checked against all of it: a saving its clause names (采购节约资金, 结算审减) is the
budget less the price its sentence writes before it (预算680.00万元，中标金额612.48万元，节约资金57.52万元: 67.52), else,
below all the unspent money, one part of it, and a share written right after an amount of its sentence is that amount's
share of the budget (中标总价452.64万元，较预算节约27.36万元，节约率5.70%: 27.36 ÷ 480, though 49.99 was left).
No finding where the text itself sets the figures apart: a 结余 listed among the items of the spending total
(全年总支出221.17万元。其中:基本支出…;项目结余结转12.00万元,占本年支出数5.43%), the rest of a left-over amount after a part is
taken out, money 尚未到位 (not received, not unspent), a 结余 that is the balance of the money that arrived (计划1000,
到位854.69, 支出854.69, 结余0); with arrived money short of the budget and a remainder matching neither, a warning.
Amounts that changed the money available are no remainder of the budget: the rest named in a sentence that says a
source did not all arrive (配套资金未能全额到位，…，剩余60万元已列入下年预算), last year's balance said to join this
year's money (结转资金35万元并入本年度使用: a source, 上年结转), money taken back in the course of the year (年中…收回资金80
万元: a cut, like 调减).
A 尾款/质保金/部分 in the left-over amount's sentence makes it one part of the unspent money; of a 年末结余, only in
its own words (its clause, or after it): a 部分 of an earlier clause ("部分补助资金未能在年内拨付，年末结余资金32.32万元")
does not.
A left-over amount with the digits of budget − executed in another unit ("下达8460万元…兑付7921.36万元…年末结转资金
538.64元") is a unit slip (UNIT_SUSPECT), not a remainder 10000 times off; proven as the remainder would be.
A remainder read against a spending from elsewhere that another spending the text states for its subject leaves
(全年支出980万元 … 其中：…（三）其他支出合计184万元 … 年末结转的70万元) is that spending's rest: the last one written may be
an item of a list, or one place's share after the whole's spending written with no name (全年共兑付2,318.45万元。…主要有
甲县604.20万元 … 结余142.35万元 of 2,460.80).
Last year's balance spent over many times ("本年收入500万元，加上年结转30万元，本年支出480万元，年末结余50万元") is no
budget of the year-end balance: the year's spending came from more; ``text_balance`` reads the whole balance.
A 财政资金 remainder of a total that includes the unit's own money (资金总额46,380.50万元，其中…单位自有资金440.00万元 …
财政资金年末结余1,832.23万元) is the rest of the total less that money, as a rate on that 口径 is (``rate_basis``).
The rest (剩余) of a larger whole written before it once the budget is taken out ("项目总投资8,600.00万元…累计安排
6,200.00万元，累计支出5,915.68万元…剩余2,400.00万元按计划于2023年安排") is money not yet arranged, not unspent.
More left than the sentence gives the subject at all ("资金指标85.84万元…尚未支付，结余95.84万元") is a remainder above its
budget.
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import show_interval
from ..prose.interval import Interval
from ..prose.model import Breakdown, Statement
from ..prose.subject_values import SubjectValues
from ..prose.two_parts import over_budget
from .rate_basis import HUNDRED, Basis, basis_of, fiscal_budgets
from .rate_readings import other_spending, other_whole, parts_of_the_rest
from .rate_slips import project_of, remainder_unit_slip, who
from .text_balance import whole_balance_holds

_CUES = cues(__name__)


def check_remainder(ctx: AuditContext, values: SubjectValues, remainder: Statement) -> Finding | None:
    """A stated 剩余/结余 (an amount, or its share of the budget) that budget − executed of its basis does not give,
    unless the text's own words make it another rest (money not received, a part, a balance of arrived money)."""
    if _rest_of_another(ctx, remainder):
        return None
    if _CUES.opening_balance.search(clause_before(ctx, remainder)):
        return None  # "年初结转和结余93.70万元": last year's rest brought in, no rest of this year's budget
    if remainder.kind == "amount" and whole_balance_holds(ctx, remainder):
        return None  # "年末结转和结余198.21万元" = 收入 + 年初结转和结余 − 支出: the unit's balance, not budget − executed
    basis = basis_of(ctx, values, remainder)
    if basis is None:
        return None
    if remainder.kind == "percent" and _CUES.share_of_other.search(clause_before(ctx, remainder)):
        return None  # "占本年支出数5.43%": a share of the spending, not the budget's unspent part
    if remainder.kind == "percent" and _rest_of_a_share(ctx, remainder):
        return None  # "合同金额980.00万元，验收后支付至95%，剩余5%作为质保金": the rest of that share's whole
    if remainder.kind == "percent" and _share_of_an_amount(ctx, remainder, basis):
        return None  # "较预算节约27.36万元，节约率5.70%": the share of the amount its sentence just gave
    if any(
        _listed_use(ctx.doc.text, b, remainder)
        for b in ctx.facts.breakdowns
        if b.total.span == basis.executed.span
    ):
        return (
            None  # "全年总支出221.17万元。其中:基本支出…;项目结余结转12.00万元": an item of the money's uses
        )
    left = basis.budget_iv - basis.executed_iv
    if left.hi < 0 and _CUES.opening_balance.search(clause_before(ctx, basis.budget)):
        return None  # "加上年结转30万元，本年支出480万元，年末结余50万元": the year's money is more than last year's rest
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
    if remainder.kind == "amount" and _rest_of_one_source(ctx, remainder, stated):
        return None  # "省级资金结余31.70万元" with 省级 300.00 and its spending 268.30 stated: that source's rest
    if remainder.kind == "amount" and any(
        (base - basis.executed_iv).overlaps(stated) for base in fiscal_budgets(ctx, basis)
    ):
        return None  # "财政资金年末结余…": the rest of the budget less the unit's own money, as the text says
    if (
        remainder.kind == "amount"
        and (
            slip := remainder_unit_slip(ctx, remainder, basis.budget, basis.executed, computed, basis.proven)
        )
        is not None
    ):
        return slip
    if remainder.kind == "amount" and rest_of_a_whole(ctx, remainder, basis.budget, basis.places):
        return None  # "总投资8,600万元…累计安排6,200万元…剩余2,400万元按计划于2023年安排": not yet arranged
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
    if (
        remainder.kind == "amount"
        and not basis.local
        and other_spending(ctx, remainder, basis.budget_iv, basis.executed, basis.places)
    ):
        return None  # read from elsewhere, the spending is a guess: another stated spending leaves this remainder
    sentence = remainder.sentence.text if remainder.sentence else ""
    if _CUES.part_words.search(_part_words_of(ctx, remainder)) and stated.below(computed):
        return None  # a 尾款 smaller than all the unspent money is one part of it
    if remainder.kind == "amount" and _a_saving(ctx, remainder, basis, stated, computed):
        return None  # "成交价282万元，节约资金18万元": what the purchase saved, one part of the unspent money
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


def _level_of(clause: str) -> str | None:
    """The government level of the last fund source a clause names ("省级财政资金" → 省), if any."""
    found = list(_CUES.source_level.finditer(clause))
    return found[-1].group("level").removesuffix("级") if found else None


def _rest_of_one_source(ctx: AuditContext, remainder: Statement, stated: Interval) -> bool:
    """Is a left-over amount its clause says is one source's ("省级资金结余31.70万元") what that source's own stated
    money less its own stated spending leaves ("省级财政资金300.00万元 … 省级财政资金支出268.30万元")? Then it is
    that source's rest, not the whole budget's."""
    level = _level_of(clause_before(ctx, remainder))
    if level is None:
        return False
    own = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount"
        and s is not remainder
        and s.field != "unspent"
        and _level_of(clause_before(ctx, s)) == level
    ]
    return any((a.interval() - b.interval()).overlaps(stated) for a in own for b in own if a is not b)


def _a_saving(
    ctx: AuditContext, remainder: Statement, basis: Basis, stated: Interval, computed: Interval
) -> bool:
    """Is the left-over amount what a purchase or a settlement saved, by its own clause ("节约资金", "审减"), and
    consistent so? Against a price its sentence writes before it ("成交价格282.00万元，节约资金18.00万元"), the saving
    is the budget less that price; with no price written, any saving below all the unspent money is one part of it
    ("另外物资采购节约资金2.20万元")."""
    if not _CUES.saving.search(clause_before(ctx, remainder)):
        return False
    prices = [
        s
        for s in ctx.facts.in_sentence(remainder.sentence)
        if s.kind == "amount" and s.span[1] <= remainder.span[0] and s is not basis.budget
    ]
    if prices:
        return any((basis.budget_iv - p.interval(basis.places)).overlaps(stated) for p in prices)
    return stated.below(computed)


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


def rest_of_a_whole(ctx: AuditContext, remainder: Statement, budget: Statement, places: int) -> bool:
    """Is an amount named as the rest (剩余, 余下, 其余) what a larger whole written before it leaves once the budget is
    taken out ("项目总投资8,600.00万元…累计安排资金6,200.00万元，累计支出5,915.68万元…剩余2,400.00万元按计划于2023年
    安排")? It is the money of a plan or an investment not yet arranged, not the budget's unspent part."""
    sentence = remainder.sentence
    before = ctx.doc.text[sentence.start : remainder.span[0]] if sentence is not None else ""
    if not _CUES.rest_word_before.search(before):
        return False
    budget_iv = budget.interval(places)
    return any(
        (w.interval(places) - budget_iv).overlaps(remainder.interval())
        for w in ctx.facts.statements
        if w.kind == "amount"
        and w.span[1] <= remainder.span[0]
        and w is not budget
        and budget_iv.below(w.interval(places))
    )


def _arrived(values: SubjectValues, remainder: Statement, basis: Basis) -> list[Statement]:
    """Amounts of the remainder's subject said to have arrived (实际到位资金) that differ from its budget."""
    return [
        s
        for s in values.stated(remainder.subject, "arrived")
        if s.kind == "amount" and not s.interval().overlaps(basis.budget_iv)
    ]


def _rest_of_a_share(ctx: AuditContext, remainder: Statement) -> bool:
    """Does a percent before the remainder in its sentence make 100 % with it ("合同金额980.00万元，约定验收合格后支付
    至95%，剩余5%作为质保金"; "首期拨付70%，余下30%年底拨付")? The remainder is the rest of whatever that share is of
    (a contract, an instalment plan), which the budget need not be; were it the 执行率, the rate's own check reads it."""
    return any(
        s.kind == "percent"
        and s.span[1] <= remainder.span[0]
        and (s.interval() + remainder.interval()).overlaps(Interval.exact(HUNDRED))
        for s in ctx.facts.in_sentence(remainder.sentence)
    )


def _share_of_an_amount(ctx: AuditContext, remainder: Statement, basis: Basis) -> bool:
    """Is the percent the share of the budget that an amount written before it in its sentence makes ("中标总价
    452.64万元，较预算节约27.36万元，节约率5.70%"; "审减资金52.54万元，审减率1.61%")? The sentence names what the
    percent is of — a saving of a bid, a cut of a settlement — which need not be all the unspent money."""
    places = basis.places
    for s in ctx.facts.in_sentence(remainder.sentence):
        if s.kind != "amount" or s.span[1] > remainder.span[0] or s is basis.budget or s is basis.executed:
            continue
        share = s.interval(places).divided_by(basis.budget_iv)
        if share is not None and share.scaled(HUNDRED).overlaps(remainder.interval()):
            return True
    return False


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


def above_budget(ctx: AuditContext, left: Statement) -> Finding | None:
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
    if _CUES.opening_balance.search(clause_before(ctx, budget)):
        return None  # "加上年结转30万元，…，年末结余50万元": the year's income joins last year's rest
    message = f"{who(left)}结余 {left.text} 超过同句所写资金 {budget.text}"
    return over_budget(ctx, "REMAINDER_MISMATCH", left, budget, message, project=project_of(left))
