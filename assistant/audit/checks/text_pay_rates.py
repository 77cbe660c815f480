"""RATE_MISMATCH from the text alone for the rates a report writes besides the 执行率: a 支付率/拨付率/发放率
against the amounts paid and unpaid, and an "超任务X%" against the counts done and planned.

Bad: 共支付18501.096万元，未支703万元，支付率95% (18501.096 ÷ 19204.096 = 96.34 %).
Bad: 任务数为115户，实际完成264户；…实际改造数超任务43% ((264 − 115) ÷ 115 = 129.57 %).
Bad: 全年计划完成投资500万元，实际完成投资520万元，投资完成率为96% (520 ÷ 500 = 104 %).
Bad: 应发放补贴对象3,250户，实际发放补贴3,180户。补贴发放率96.85% (a rate of counts, read in ``count_rates``).
Bad: 下达…资金1,250.00万元 … 累计拨付1,087.60万元，资金拨付率为88.01% … 未拨付的162.40万元 (paid and the rest named by
the rate's verb make the budget stated before exactly: 1,087.60 ÷ 1,250.00 = 87.01 %); so too a 兑付率 alone in its sentence after the 兑付 amount: 兑付补贴资金2,705.31万元…。全年资金兑付率96.06%。
未兑付的140.69万元… with 下达…2,846.00万元 before (95.06 %).
Uncertain: 已支出6063.75万元，支出进度为76.9%，尚有3000.25万元未形成支出 (66.90 %: spent over spent and left, the
sentence stating no budget; the money left may be counted of what arrived, so a warning).
Uncertain: 年初预算200万元，拨付资金66.86万元，资金拨付进度100% (33.43 %): a 进度 may be over the works' schedule.
Good: 补奖资金已全部通过“一卡通”发放到户，发放率100% (the words say it all went out, however it went).
Good: 合同金额1,860.00万元，当年已支付1,524.60万元，合同支付进度81.97% (the 合同金额 of its own sentence is its base).
Good: 资金使用情况合计109.8万元 of 208万元 beside 资金足额拨付率100% (a 拨付率 is over money passed on, not money
used); 已分配33.80亿元，未分配0.08亿元，分配率99.8% (99.76 %: rounding to the written precision is never a
contradiction); 经费发放率98% beside one amount only (nothing to divide); 发放率100% of 350万 paid as 人员费用
207.33万元 and 公用支出142.67万元 (the parts' sum over the base).
Amounts or counts in the rate's own sentence prove it (an error); a task and a result each stated with one value
in the text, together in one sentence somewhere, do too. A 发放率 that no ratio of the subject's stated amounts
gives is only a warning ("uncertain": the rate may be over a base the text does not state); one that names the
way or the time the money was paid (社会化发放率, 按时发放率, 足额发放率, 按期兑付率, 及时拨付率) is a share of the money
due paid so, not of a base: silent; so
is one said of a moment before the year's end (第三季度末支付率41%: paid by then, not stated); on an
indicator line ("按月足额发放率：目标100%，实际100%") the name before the colon is both values' name.
With no budget of the rate's subject, the one fund source's allocation the text states before the rate
("上级下达我区…640万元" in 一, "全年支出612.80万元，支出率93.75%" in 二) is its base. That last reading, over every
ratio of the subject's amounts, lives in ``pay_rate_ratios``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import show_interval, show_value
from ..prose.model import Statement, list_places
from ..registry import check_unit
from .count_rates import base_unit_of, counted_rate, over_task, rate_finding, stem_rate
from .pay_rate_ratios import no_ratio_fits, over_money_used, paid_rate_name

HUNDRED = Decimal(100)
_CUES = cues(__name__)


@check_unit(also=("RATE_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    for s, head in ctx.stated_rates():
        finding = None
        if _CUES.over_task.search(head):
            finding = over_task(ctx, s)
        elif (stem := _CUES.stem_rate.search(head)) and s.field in (None, "other"):
            checked, finding = counted_rate(ctx, s)
            if not checked:
                finding = stem_rate(ctx, s, stem.group("stem"))
        elif s.field == "completion" and _stated(s) and s.role == "value":
            finding = _completion(ctx, s)
        elif s.field == "rate" and s.role == "value":
            finding = _spent_and_left(ctx, s)
        elif s.field == "pay_rate":
            checked, finding = _paid_and_unpaid(ctx, s)
            if not checked:
                checked, finding = _paid_of_whole(ctx, s)
            if not checked:
                checked, finding = _paid_and_rest_named(ctx, s)
            if not checked:
                checked, finding = counted_rate(ctx, s)
            if not checked:
                finding = no_ratio_fits(ctx, s)
        if finding is not None:
            yield finding
    # "截至8月底，全市直达资金总量75.20亿元，已支出45.76亿元，支付率为60.8%": a rate of a moment, read only against
    # the amounts of its own sentence, which are of the same moment
    for s in ctx.facts.statements:
        if s.kind == "percent" and s.role == "timed" and s.field == "pay_rate" and _stated(s):
            checked, finding = _paid_and_unpaid(ctx, s, moment=True)
            if not checked:
                checked, finding = _paid_of_whole(ctx, s)
            if finding is not None:
                yield finding
        elif s.kind == "percent" and s.role == "timed" and s.field == "rate" and _stated(s):
            finding = _spent_and_left(ctx, s)  # spent and left of the same moment, in one sentence
            if finding is not None:
                yield finding


def _completion(ctx: AuditContext, rate: Statement) -> Finding | None:
    """ "全年计划完成投资500万元，实际完成投资520万元，投资完成率为96%": a 完成率 against the one planned and the one
    done quantity its own sentence states before it (520 ÷ 500 = 104 %)."""
    own = [
        o
        for o in ctx.facts.in_sentence(rate.sentence)
        if o.kind in ("amount", "count") and o.role == "value" and o.span[1] <= rate.span[0] and _stated(o)
    ]
    planned = [o for o in own if _CUES.task.search(clause_before(ctx, o))]
    done = [o for o in own if o not in planned and _CUES.done.search(clause_before(ctx, o))]
    if len(planned) != 1 or len(done) != 1:
        return None
    stem = _CUES.completion_stem.search(clause_before(ctx, rate))
    if stem is None or any(stem.group("stem") not in clause_before(ctx, o) for o in (*planned, *done)):
        return None  # "已完成投资450万元，工程完成率95%": the works' progress, not the investment's
    plan, did = planned[0], done[0]
    if plan.kind != did.kind or (plan.kind == "count" and base_unit_of(plan) != base_unit_of(did)):
        return None
    places = list_places([plan, did])
    quotient = did.interval(places).divided_by(plan.interval(places))
    if quotient is None:
        return None
    computed = quotient.scaled(HUNDRED)
    ctx.facts.mark(rate, plan, did)
    if computed.overlaps(rate.interval()):
        return None
    message = (
        f"计划 {plan.text}、实际完成 {did.text}，完成率为 {did.text}÷{plan.text}＝"
        f"{show_interval(computed, rate)}，文中写作 {rate.text}"
    )
    proven = all(o.exact_claim for o in (rate, plan, did))
    return rate_finding(ctx, rate, message, (plan, did), show_value(computed.mid, rate), proven=proven)


def _stated(s: Statement) -> bool:
    """A number written as a value (no hedge, no range), whether or not said of a moment."""
    return s.hedge is None and s.high is None and s.sentence is not None


def _own_amounts(ctx: AuditContext, rate: Statement, moment: bool = True) -> list[Statement]:
    """The amounts stated before the rate in its sentence."""
    roles = ("value", "timed") if moment else ("value",)
    return [
        o
        for o in ctx.facts.in_sentence(rate.sentence)
        if o.kind == "amount" and o.role in roles and o.span[1] <= rate.span[0] and _stated(o)
    ]


# --- 支付率 = paid ÷ the whole, both in the rate's sentence ------------------------------------------------


def _paid_of_whole(ctx: AuditContext, rate: Statement) -> tuple[bool, Finding | None]:
    """(whether the sentence states the whole and what was paid of it, the finding when no whole before the
    paid amount gives the rate). Only a rate named 支付/支出 is paid over a whole; 分配率 is not."""
    named = paid_rate_name(ctx, rate)
    if named is None:
        return False, None
    own = _own_amounts(ctx, rate)
    paid = [o for o in own if o.field == "executed"]
    if len(paid) != 1:
        return False, None
    done = paid[0]
    if over_money_used(ctx, rate, paid):
        return True, None
    wholes = [
        o for o in own if o.field in ("budget", "budget_initial", "arrived") and o.span[1] <= done.span[0]
    ]
    if not wholes:
        return False, None
    ctx.facts.mark(rate, done, *wholes)
    quotients = []
    for whole in wholes:
        places = list_places([done, whole])
        quotient = done.interval(places).divided_by(whole.interval(places))
        if quotient is None:
            return False, None
        if quotient.scaled(HUNDRED).overlaps(rate.interval()):
            return True, None
        quotients.append((whole, quotient.scaled(HUNDRED)))
    whole, computed = quotients[-1]
    message = (
        f"已支付 {done.text}，占 {whole.text} 的 {show_interval(computed, rate)}，"
        f"文中写作{named.group('word')} {rate.text}"
    )
    # a 拨付进度 may follow the works' schedule ("按合同约定和施工进度拨付"), not the budget: a doubt
    proven = not _CUES.progress.search(clause_before(ctx, rate))
    return True, rate_finding(
        ctx, rate, message, (whole, done), show_value(computed.mid, rate), proven=proven
    )


# --- 支付率 = paid ÷ (paid + unpaid) -----------------------------------------------------------------------


def _paid_and_rest_named(ctx: AuditContext, rate: Statement) -> tuple[bool, Finding | None]:
    """(whether the text gives the rate's whole three ways, the finding when the rate is not paid ÷ whole).
    "累计向乡镇拨付奖补资金1,087.60万元，资金拨付率为88.01%；…。未拨付的162.40万元…" with "下达…资金1,250.00万元"
    before: the one amount paid in the rate's sentence, the rest named by the rate's own verb (未拨付) later in its
    paragraph, and a budget stated before the rate that the two make up exactly. Then the whole is not a reading
    and the rate is paid ÷ whole (1,087.60 ÷ 1,250.00 = 87.01 %): an error. Without a budget they make up, the rest
    may be of another pool: no finding. A 兑付率/发放率 (over the money due) is read so too: the three agreeing
    make the budget that money due."""
    named = paid_rate_name(ctx, rate) or _CUES.paid_out_rate.search(clause_before(ctx, rate))
    sentence = rate.sentence
    if named is None or sentence is None:
        return False, None
    verb = named.group("word")[:2]
    paid = [o for o in _own_amounts(ctx, rate, moment=False) if o.field == "executed"] or _paid_before(
        ctx, rate, verb
    )
    if len(paid) != 1 or over_money_used(ctx, rate, paid):
        return False, None
    rests = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount"
        and s.field in ("unspent", "unspent_part", "executed")
        and _stated(s)
        and s.exact_claim
        and s.span[0] > rate.span[1]
        and s.sentence is not None
        and s.sentence.para_start == sentence.para_start
        and (m := _CUES.unpaid_named.search(clause_before(ctx, s))) is not None
        and m.group("verb") == verb
    ]
    if not rests:
        return False, None
    done, left = paid[0], rests[0]
    places = list_places([done, left])
    made = done.interval(places) + left.interval(places)
    wholes = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount"
        and s.field in ("budget", "budget_initial")
        and s.role == "value"
        and s.exact_claim
        and s.span[1] <= rate.span[0]
        and s.unit == done.unit
        and s.interval(places).overlaps(made)
    ]
    if not wholes:
        return False, None
    whole = wholes[-1]
    quotient = done.interval(places).divided_by(whole.interval(places))
    if quotient is None:
        return False, None
    computed = quotient.scaled(HUNDRED)
    ctx.facts.mark(rate, done, left, whole)
    if computed.overlaps(rate.interval()):
        return True, None
    message = (
        f"已{verb} {done.text}、未{verb} {left.text}，二者之和即 {whole.text}；{named.group('word')}为 "
        f"{done.text}÷{whole.text}＝{show_interval(computed, rate)}，文中写作 {rate.text}"
    )
    proven = done.exact_claim and rate.exact_claim and not _CUES.progress.search(clause_before(ctx, rate))
    return True, rate_finding(ctx, rate, message, (whole, done, left), show_value(computed.mid, rate), proven)


def _paid_before(ctx: AuditContext, rate: Statement, verb: str) -> list[Statement]:
    """ "…兑付补贴资金2,705.31万元，…。全年资金兑付率96.06%。": a rate standing in a sentence of its own, with no
    amount, is over the money its paragraph says was paid by the rate's own verb before it; the one such amount."""
    sentence = rate.sentence
    if sentence is None:
        return []
    return [
        s
        for s in ctx.facts.statements
        if s.kind == "amount"
        and s.field == "executed"
        and s.role == "value"
        and _stated(s)
        and s.sentence is not None
        and s.sentence.para_start == sentence.para_start
        and s.sentence.end <= sentence.start
        and verb in clause_before(ctx, s)
    ]


def _paid_and_unpaid(ctx: AuditContext, rate: Statement, moment: bool = False) -> tuple[bool, Finding | None]:
    """(whether the sentence states both what was paid and what was not, the finding when the rate is not
    their quotient)."""
    own = _own_amounts(ctx, rate, moment)
    paid = [o for o in own if o.field == "executed"]
    unpaid = [o for o in own if o.field == "unspent"]
    if not paid or not unpaid:
        return False, None
    return True, _over_done_and_left(
        ctx, rate, paid[-1], unpaid[-1], ("已支付", "未支付", "支付比例"), proven=True
    )


def _over_done_and_left(
    ctx: AuditContext,
    rate: Statement,
    done: Statement,
    left: Statement,
    words: tuple[str, str, str],
    proven: bool,
) -> Finding | None:
    """The finding when ``rate`` is not done ÷ (done + left); ``words`` name the two amounts and the rate."""
    places = list_places([done, left])
    quotient = done.interval(places).divided_by(done.interval(places) + left.interval(places))
    if quotient is None:
        return None
    computed = quotient.scaled(HUNDRED)
    ctx.facts.mark(rate, done, left)
    if computed.overlaps(rate.interval()):
        return None
    message = (
        f"{words[0]} {done.text}、{words[1]} {left.text}，{words[2]}为 {done.text}÷({done.text}＋{left.text})＝"
        f"{show_interval(computed, rate)}，文中写作 {rate.text}"
    )
    return rate_finding(ctx, rate, message, (done, left), show_value(computed.mid, rate), proven=proven)


def _spent_and_left(ctx: AuditContext, rate: Statement) -> Finding | None:
    """ "已支出6063.75万元,支出进度为66.9%,尚有3000.25万元未形成支出": an 执行率/支出进度 whose sentence states the
    money spent before it and all the money still unspent, but no budget: the rate is spent ÷ (spent + left). A
    warning: the money left may be counted of what arrived rather than of the budget the rate is over. A rate of
    a moment (截至2023年4月10日…共支出…结余资金…资金执行率) is read so over the figures its sentence gives of that moment."""
    own = [
        o
        for o in ctx.facts.in_sentence(rate.sentence)
        if o.kind == "amount" and o.role == rate.role and _stated(o) and o.subject == rate.subject
    ]
    if any(o.field in ("budget", "budget_initial", "arrived") for o in own):
        return None  # a budget beside it: ``text_rates`` reads the rate against it
    spent = [o for o in own if o.field == "executed" and o.span[1] <= rate.span[0]]
    left = [o for o in own if o.field == "unspent"] or _left_next(ctx, rate)
    if len(spent) != 1 or len(left) != 1:
        return None
    if any(
        o.kind == "amount"
        and o.role != "aside"  # "（折合78.36万元）": the same spending again
        and o.field != "unspent"
        and spent[0].span[1] <= o.span[0] < rate.span[0]
        for o in ctx.facts.in_sentence(rate.sentence)
    ):
        return None  # "支出场地搭建38.60万元、劳务21.45万元…，合计112.35万元，执行率74.90%": the first item, not the spending
    if _CUES.left_of_arrived.search(clause_before(ctx, left[0])):
        return None  # "已到位未支出资金11.70万元": left of the money that came, not of the budget
    if rate.role == "value" and not (spent[0].exact_claim and left[0].exact_claim):
        return None
    return _over_done_and_left(ctx, rate, spent[0], left[0], ("已支出", "尚未支出", "支出比例"), proven=False)


def _left_next(ctx: AuditContext, rate: Statement) -> list[Statement]:
    """ "实际发放7225.15万元，执行率96.99%。剩余0.85万元为尾差": the sentence right after the rate's, opening with
    what is left, names the rest of the money the rate's sentence spent."""
    sentence = rate.sentence
    if sentence is None or rate.role != "value" or _budget_read(ctx, rate):
        return []
    later = [
        s
        for s in ctx.facts.statements
        if s.sentence is not None
        and s.sentence.para_start == sentence.para_start
        and s.sentence.start >= sentence.end
    ]
    if not later:
        return []
    first = min(later, key=lambda s: s.span[0])
    assert first.sentence is not None
    text = ctx.doc.text
    if text[sentence.end : first.sentence.start].strip(" 。\u3000"):
        return []  # another sentence between
    opening = _CUES.left_opens.search(text[first.sentence.start : first.span[0]])
    if first.kind != "amount" or first.field != "unspent" or first.subject != rate.subject or opening is None:
        return []
    return [first]


def _budget_read(ctx: AuditContext, rate: Statement) -> bool:
    """Does ``text_rates`` read the rate against a budget (the subject's, its one source's, or a pair the layout
    gives)? Then the rest of the money is no second reading."""
    values = ctx.values
    if rate.subject is not None and (
        values.whole_budget(rate.subject) or values.sole_source(rate.subject, "budget")
    ):
        return True
    return values.read_pair(rate) is not None
