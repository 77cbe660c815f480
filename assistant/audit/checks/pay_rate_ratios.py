"""A 支付率/拨付率/发放率 that no rate check reads against one base: every ratio of its subject's stated amounts.

Why apart from ``text_pay_rates``: that module reads a rate against the amounts its own sentence (or paragraph)
names as paid, unpaid and the whole; this one reads the weaker case where the text names no base for the rate, so
each quotient of two of the subject's amounts paid and received is a reading, and only a rate none of them gives
is reported (a warning: the base may be one the text does not state). It also says what a rate is named over
(``paid_rate_name``, ``over_money_used``), which both read.

Uncertain: a 发放率 that no quotient of two of its subject's amounts (budgeted, arrived, paid, a 合同金额 beside it)
gives, the text naming no base for it.
Good: 资金支付率91.85% over a base its own sentence works out in brackets (按实际可用资金（当年到位2,070.00万元加上年结转
236.40万元，共2,306.40万元）计算); 发放率100% of 350万 paid as 人员费用207.33万元 and 公用支出142.67万元 (the parts' sum over the base); 社会化发放率100%
(the share paid a certain way); 第三季度末支付率41% (paid by then, not stated); 补助已全部发放到学生，发放率100%;
发放人数47,420人，发放率100% (a count right before the rate, named with its verb: the share of the persons).
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import permutations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.interval import total
from ..prose.model import Statement, list_places
from .count_rates import rate_finding
from .rate_readings import of_counts

HUNDRED = Decimal(100)
_CUES = cues(__name__)


def paid_rate_name(ctx: AuditContext, rate: Statement) -> re.Match[str] | None:
    """The words naming a rate one of money paid over a whole (支付率, 拨付率, 支出进度…); 分配率 is none."""
    return _CUES.paid_rate.search(clause_before(ctx, rate))


def over_money_used(ctx: AuditContext, rate: Statement, paid: list[Statement]) -> bool:
    """ "资金使用情况…合计109.8万元" beside "资金足额拨付率100%": a 拨付率 is over money passed on, and none of the
    money paid is named so."""
    named = paid_rate_name(ctx, rate)
    return (
        named is not None
        and named.group("word").startswith("拨付")
        and not any(_CUES.disbursed.search(clause_before(ctx, p)) for p in paid)
    )


def _over_unwritten_arrival(
    ctx: AuditContext, rate: Statement, paid: list[Statement], bases: list[Statement]
) -> bool:
    """ "全年预算420万元…执行392万元" beside "市级配套资金下达40万元，实际到位20万元，…，到位资金支出率98.00%": a rate
    named over the money that came is over all of it; when no amount that came holds the money paid (20 万元 is one
    source's), the text does not write that base, and no quotient of its amounts need give the rate."""
    if not _CUES.over_arrived.search(_rate_name(ctx, rate)):
        return False
    most = max(p.value for p in paid)
    return not any(b.field == "arrived" and b.value >= most for b in bases)


def no_ratio_fits(ctx: AuditContext, rate: Statement) -> Finding | None:
    """The subject's amounts, paid and received: a rate no quotient of two of them gives is a doubt."""
    if rate.value == HUNDRED and _CUES.all_done.search(_sentence_before(ctx, rate)):
        return None  # "补助已全部发放到学生，发放率100%": the sentence says it all went out, the rate only repeats it
    amounts = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount"
        and s.role == "value"
        and _same_subject(s, rate)
        and s.field in ("budget", "arrived", "executed", None)
    ]
    paid = [s for s in amounts if s.field == "executed"]
    bases = [s for s in amounts if s.field in ("budget", "arrived")]
    if not bases and rate.subject is not None:
        # "上级下达我区…资金640万元" (一) … "全年支出612.8万元，支出率95.75%" (二): the one fund source the text names
        # for the subject, stating the subject's only budget, is the money the rate is over
        sole = ctx.values.sole_source(rate.subject, "budget")
        bases = [sole] if sole is not None and sole.span[1] <= rate.span[0] else []
        amounts += bases
    if not paid or not bases or any(not s.exact_claim for s in amounts):
        return None
    # "下达…资金1.76亿元（17,626万元）": the amount in brackets restates the one before it exactly; it is a base too
    asides = [s for s in ctx.facts.statements if s.role == "aside" and _restates(ctx, s, rate)]
    bases += asides
    amounts += asides
    beside = _other_basis_beside(ctx, rate)
    bases += beside
    amounts += beside
    if _CUES.manner.search(_rate_name(ctx, rate)):
        return None  # "社会化发放率100%": the share paid a certain way, of the money paid, not of a budget
    if _CUES.earlier_moment.search(clause_before(ctx, rate)):
        return None  # "第三季度末支付率仅为41%": paid by then, an amount the text does not state
    if over_money_used(ctx, rate, paid) or _over_unwritten_arrival(ctx, rate, paid, bases):
        return None
    if of_counts(ctx, rate) or _of_a_count_named_alike(ctx, rate):
        return None  # "应兑付牧户4,200户，实际兑付4,074户，兑付率97.00%": the share of the households, not of money
    places = list_places(amounts)
    stated = rate.interval()
    # the money paid may be written in its parts ("其中人员费用207.33万元，公用支出142.67万元"): their sum is a part too
    summed = (
        [(total([p.interval(places) for p in paid]), w.interval(places)) for w in bases]
        if len(paid) > 1
        else []
    )
    pairs = [(a.interval(places), b.interval(places)) for a, b in permutations(amounts, 2)]
    for (part, whole), members in zip(pairs + summed, _members(amounts, paid, bases), strict=True):
        quotient = part.divided_by(whole)
        if quotient is not None and quotient.scaled(HUNDRED).overlaps(stated):
            ctx.facts.mark(rate, *members)  # the rate agrees with these: compared, for the coverage line
            return None
    ctx.facts.mark(rate, *amounts)
    shown = "、".join(dict.fromkeys(s.text for s in amounts[:6]))
    message = f"文中所写金额（{shown}）两两相除均得不出 {rate.text}；请核对其计算口径（若另有文中未写的基数，则不矛盾）"
    return rate_finding(ctx, rate, message, (), None, proven=False)


def _other_basis_beside(ctx: AuditContext, rate: Statement) -> list[Statement]:
    """ "合同金额1,860.00万元，当年已支付1,524.60万元，合同支付进度81.97%": money of another basis (合同金额, 结算金额)
    written before the rate in its own sentence is a base it may be over, though no budget check reads it; so is
    a base the sentence works out in brackets for the rate ("按实际可用资金（当年到位2,070.00万元加上年结转236.40万元，
    共2,306.40万元）计算，资金支付率为91.85%"): the rate names its own base there."""
    if rate.sentence is None:
        return []
    return [
        s
        for s in ctx.facts.in_sentence(rate.sentence)
        if s.kind == "amount"
        and (
            (s.field == "other_basis" and s.role == "value" and s.exact_claim)
            or (
                s.role == "aside"
                and s.field in ("budget", "arrived", None)
                and s.hedge is None
                and s.high is None
            )
        )
        and s.span[1] <= rate.span[0]
    ]


def _same_subject(s: Statement, rate: Statement) -> bool:
    """An amount of the rate's subject; for a rate no reader gave a subject, the report's unnamed amounts too (a
    合计 the text states for the whole: "…合计22,099.85万元" … "支出公用经费21,476.30万元，支出率97.18%")."""
    if s.subject == rate.subject:
        return True
    return (
        rate.subject is None
        and s.subject is not None
        and s.subject.kind in ("report", "unit")
        and s.exact_claim
    )


def _sentence_before(ctx: AuditContext, rate: Statement) -> str:
    assert rate.sentence is not None
    return ctx.doc.text[rate.sentence.start : rate.span[0]]


def _restates(ctx: AuditContext, aside: Statement, rate: Statement) -> bool:
    """Is ``aside`` an amount in brackets right after an amount of the rate's subject or of one of its sources?"""
    before = [
        s
        for s in ctx.facts.in_sentence(aside.sentence)
        if s.kind == "amount" and s.role == "value" and s.span[1] <= aside.span[0]
    ]
    if aside.kind != "amount" or not before or aside.span[0] - before[-1].span[1] > 2:
        return False
    subject = before[-1].subject
    return subject == rate.subject or (subject is not None and subject.parent == rate.subject)


def _rate_name(ctx: AuditContext, rate: Statement) -> str:
    """The words that name a rate: its clause's, or, on an indicator line giving its target then its actual value
    ("按时足额发放率：目标100%，实际100%"), those before the colon (for either value); so on a line giving the rate
    alone after its name and a colon ("补助资金按时发放率:100%")."""
    assert rate.sentence is not None
    before = ctx.doc.text[rate.sentence.start : rate.span[0]]
    line = _CUES.target_then_actual.search(before)
    if line is None and before.rstrip().endswith((":", "：")):
        return before.rstrip()[
            :-1
        ]  # "3.补助资金按时发放率:100%": an indicator line, its name before the colon
    return before[: line.start()] if line is not None else clause_before(ctx, rate)


def _members(
    amounts: list[Statement], paid: list[Statement], bases: list[Statement]
) -> list[tuple[Statement, ...]]:
    """The statements behind each quotient ``no_ratio_fits`` tries, in its order: every ordered pair of amounts,
    then (with the money paid in parts) all the parts over each base."""
    pairs: list[tuple[Statement, ...]] = list(permutations(amounts, 2))
    return pairs + ([(*paid, w) for w in bases] if len(paid) > 1 else [])


def _of_a_count_named_alike(ctx: AuditContext, rate: Statement) -> bool:
    """ "直补资金发放人数47,420人，发放率100%", "已兑付农户1,236户，兑付率98.5%": a count written right before the rate
    (no amount between) in a clause with the rate's own verb is what the rate is a share of (the persons or
    households reached), whether or not the text writes the whole it is over; the money's amounts need not give it."""
    named = _CUES.rate_verb.search(clause_before(ctx, rate))
    if named is None or rate.sentence is None:
        return False
    before = [s for s in ctx.facts.in_sentence(rate.sentence) if s.span[1] <= rate.span[0]]
    if not before or before[-1].kind != "count":
        return False
    count = before[-1]
    start = max((s.span[1] for s in before[:-1]), default=rate.sentence.start)
    return named.group("verb") in ctx.doc.text[start : count.span[0]]
