"""The 资金到位率 readings of ``text_shares``: the money that came over the budget or the money allotted, and a
rate of 100% said where the words say everything came or was done.

Why apart: a 到位率 needs its own reading of which stage of the money came (下达, 拨付, 到账) and which base the
writer means (the budget, the amount allotted right before, one fund source's), a job of its own beside the plain
"A占B的P%" shares and completion rates ``text_shares`` reads.

Bad: 年度预算资金200万元，…实际到位资金170万元，资金到位率90% (170 ÷ 200 = 85 %).
Uncertain: 2023年下达省级福彩公益金15万元,到位资金25万元,资金到位率100% (the amount allotted right before the money
that came is read as the base).
Good: 应到位资金 9606.30 in 一 beside 下达 8426.30: another budget of the subject gives the rate (the writer's base is
a reading); so does a budget of no named subject, of the sender (上级共下达…5,430.00万元), or a whole its own list
makes exactly (共下达…21,356.00万元。其中：… beside 安排用于产业发展的…12,180.00万元 read as the subject's: 21,116 ÷
21,356 = 98.88 %). Good: 实际到位2,330.00万元，资金到位率95.10%，未到位的120.00万元…: of two amounts the sentence reads as
money that came, the one that gives the rate over the budget is the rate's (2,330 ÷ 2,450).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..fields import clause_of
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of
from ..prose.interval import Interval
from ..prose.model import Statement, list_places
from ..prose.subjects import of_sources
from .share_finding import share_finding

HUNDRED = Decimal(100)
_CUES = cues(__name__)
# The stage a verb names: a rate of one stage is fixed at 100 % only by words saying all of that stage was done.
_STAGES = {
    **dict.fromkeys(("执行", "支出", "使用", "用完", "支付"), "spent"),
    **dict.fromkeys(("发放", "兑付", "兑现"), "paid_out"),
    "分配": "allotted",
    "拨付": "passed_on",
}


def arrival(ctx: AuditContext, rate: Statement) -> Finding | None:
    own = _source_stated(ctx, rate)
    if (
        own is not None
    ):  # the level's amount is stated apart from its 到位 amount: which figure is meant, a reading
        return share_finding(ctx, rate, own[0], own[1], "到位资金", "该级资金", False)
    arrived = ctx.values.arrived(rate) or _arrived_here(ctx, rate)
    if arrived is None:
        return _all_arrived(ctx, rate)
    if not arrived.exact_claim:
        return None
    near = [
        o
        for o in ctx.facts.in_sentence(rate.sentence)
        if o.kind == "amount"
        and o.field in ("budget", "budget_initial")
        and o is not arrived
        and not _other_source(o, rate)
    ]
    allotted = None if near else _allotted_here(ctx, rate, arrived)
    if allotted is not None and _whole_beside_source(ctx, rate, allotted):
        return None
    if allotted is not None:  # the base is a reading of 下达: a warning
        doubt = "（以同句下达金额为到位率的基数）"
        return share_finding(ctx, rate, arrived, allotted, "到位资金", "下达", True, doubt=doubt)
    budget = near[-1] if near else ctx.values.paragraph_budget(rate) or ctx.values.budget_of(rate.subject)
    if budget is None and not near and rate.subject is not None and not _money_before(ctx, arrived):
        # "共安排我区…资金640万元" (一) … "实际到位资金600万元，资金到位率93.75%" (二): the one budget the text states
        # for the subject, or its one fund source's, is the money that was to come
        budget = ctx.values.whole_budget(rate.subject) or ctx.values.sole_source(rate.subject, "budget")
    if budget is None or not budget.exact_claim:
        return None
    local = budget.sentence is rate.sentence and arrived.sentence is rate.sentence
    if not local and _another_base_fits(ctx, rate, arrived):
        return None
    if _another_arrived_fits(ctx, rate, arrived, budget):
        return None
    return share_finding(ctx, rate, arrived, budget, "到位资金", "预算", local)


def _source_stated(ctx: AuditContext, rate: Statement) -> tuple[Statement, Statement] | None:
    """ "资金来源：…市级配套资金（150.00万元）" (一) … "市级配套资金到位165.00万元，到位率100%" (二): a level's 到位
    amount with its rate right after it is read against the one amount the text states for that level, wherever."""
    before = [
        o for o in ctx.facts.in_sentence(rate.sentence) if o.kind == "amount" and o.span[1] <= rate.span[0]
    ]
    arrived = before[-1] if before else None
    if any(o.field in ("budget", "budget_initial") for o in before):
        return None  # a budget of the sentence is the base (``arrival``)
    if arrived is None or arrived.field != "arrived" or not arrived.exact_claim or arrived.hedge is not None:
        return None
    # "市级配套到位165.00万元，到位率100%": the bare rate right after is the level's ("资金到位率" may be the whole's)
    if not re.fullmatch(
        r"\s*[，,]?\s*到位率\s*(?:为|达|是)?\s*", ctx.doc.text[arrived.span[1] : rate.span[0]]
    ):
        return None
    subject = arrived.subject
    if subject is None or subject.kind != "source":
        return None
    stated = [
        s
        for s in ctx.facts.statements
        if s.origin == "prose"
        and s.kind == "amount"
        and s.subject == subject
        and s.field == "budget"
        and s.sentence is not rate.sentence
        and s.hedge is None
        and s.high is None
    ]
    if len({s.value for s in stated}) != 1 or stated[0].unit != arrived.unit:
        return None
    return arrived, stated[0]


def _another_arrived_fits(ctx: AuditContext, rate: Statement, arrived: Statement, budget: Statement) -> bool:
    """ "实际到位2,330.00万元，资金到位率95.10%，未到位的120.00万元为市级资金": the sentence states more than one
    amount read as money that came (the words around "到位" may say it did not); when another of them over the budget
    gives the rate (2,330 ÷ 2,450), that is the one the rate is of: which amount the writer meant is a reading, and
    one reading holds, so nothing is contradicted."""
    for other in ctx.facts.in_sentence(rate.sentence):
        if other is arrived or other.kind != "amount" or other.field != "arrived" or not other.exact_claim:
            continue
        if _gives(ctx, rate, other, budget):
            return True
    return False


def _gives(ctx: AuditContext, rate: Statement, part: Statement, whole: Statement) -> bool:
    """Does part ÷ whole give the rate at the figures' written precision? Marked as compared when it does."""
    places = list_places([part, whole])
    quotient = part.interval(places).divided_by(whole.interval(places))
    if quotient is None or not quotient.scaled(HUNDRED).overlaps(rate.interval()):
        return False
    ctx.facts.mark(rate, part, whole)
    return True


def _another_base_fits(ctx: AuditContext, rate: Statement, arrived: Statement) -> bool:
    """ "全年应到位资金合计9606.30万元" (一) … "中央和省级资金8426.30万元全部到位…实际到位资金9356.30万元，资金到位率
    97.40%" (二): with the base read from another sentence, some other budget the text states for the subject giving
    the rate (9356.30 ÷ 9606.30) may be the one meant; which one the writer divided by is a reading, so say nothing."""
    for other in ctx.facts.statements:
        if (
            other.kind != "amount"
            or other.field != "budget"
            or other.role != "value"
            or (other.subject != rate.subject and not _whole_money(ctx, other))
            or not other.exact_claim
        ):
            continue
        if _gives(ctx, rate, arrived, other):
            return True
    return False


def _whole_money(ctx: AuditContext, amount: Statement) -> bool:
    """May an amount of another subject be the whole money that was to come? One of no named subject, or of a
    source that names who sent it all ("上级共下达我县…资金5,430.00万元": 上级), or one its listed parts make
    exactly ("共下达…21,356.00万元。其中：中央资金15,820.00万元…；县级财政配套资金800.00万元"): the text's own
    arithmetic confirms it as a whole, whatever subject its words gave it."""
    subject = amount.subject
    return (
        subject is None
        or (subject.kind == "source" and _CUES.sender_source.search(subject.name) is not None)
        or _heads_sources(ctx, amount)
        or any(
            b.total is amount and len(b.parts) > 1 and sum(p.value for p in b.parts) == amount.value
            for b in ctx.facts.breakdowns
        )
    )


def _heads_sources(ctx: AuditContext, amount: Statement) -> bool:
    """ "上级共下达我县…经费3,426.50万元，其中中央资金2,741.20万元，省级资金685.30万元": an amount split into fund
    sources is the whole money that was to come, whatever subject its own words gave it (上级 is who sent it)."""
    return any(
        b.total is amount and all(p.subject is not None and p.subject.kind == "source" for p in b.parts)
        for b in ctx.facts.breakdowns
    )


def _money_before(ctx: AuditContext, arrived: Statement) -> bool:
    """ "评价金额为9,653.00万元。截至…专项资金到位8,084.06万元,到位率83.75%": other money stated in the paragraph
    before the money that came may be what the rate is over, nearer than a budget of another section."""
    para = arrived.sentence.para_start if arrived.sentence is not None else None
    return any(
        s.kind == "amount"
        and s.sentence is not None
        and s.sentence.para_start == para
        and s.span[1] <= arrived.span[0]
        for s in ctx.facts.statements
    )


def _other_source(amount: Statement, rate: Statement) -> bool:
    """ "实际到位资金560万元，资金到位率95.73%，其中中央资金480万元，省级资金80万元": a fund source's amount is no
    base of a 到位率 said of another subject (the whole's); it is a part of the money that came."""
    subject = amount.subject
    return subject is not None and subject.kind == "source" and subject != rate.subject


def _whole_beside_source(ctx: AuditContext, rate: Statement, allotted: Statement) -> bool:
    """ "市级配套资金下达40万元，实际到位20万元，全年资金到位率95.24%" in a text whose budget is 420万元: the two
    amounts are one source's, the rate the whole's, whose money that came is not written. A source that is the
    subject's only money ("下达省级福彩公益金15万元,到位资金15万元,资金到位率100%") is its base."""
    if not _other_source(allotted, rate) or rate.subject is None:
        return False
    whole = ctx.values.whole_budget(rate.subject)
    return whole is not None and whole.value != allotted.value


def _allotted_here(ctx: AuditContext, rate: Statement, arrived: Statement) -> Statement | None:
    """ "2023年下达省级福彩公益金15万元,到位资金15万元,资金到位率100%": with no budget in the sentence, the one
    amount allotted (下达, 安排, 批复) right before the money that came is what the 到位率 is over."""
    if arrived.sentence is not rate.sentence or not arrived.span[1] <= rate.span[0]:
        return None
    own = [
        o
        for o in ctx.facts.in_sentence(rate.sentence)
        if o.kind == "amount" and o.role == "value" and o.span[1] <= arrived.span[0]
    ]
    if not own or not own[-1].exact_claim or own[-1].unit != arrived.unit:
        return None
    clause = clause_before(ctx, own[-1])
    if not _CUES.allotted.search(clause) or _CUES.came.search(clause):
        return None
    return own[-1]


def _all_arrived(ctx: AuditContext, rate: Statement) -> Finding | None:
    """ "森林防火项目资金48万元全部拨款到位。该项目资金到位率100%": the paragraph says all the money came, so its
    到位率 is 100 %. A warning: "全部到位" may speak of one batch or source only; silent when its clause names the
    sources it speaks of and another amount that came follows ("中央、省级资金全部到位，市级配套到位1000万元"), or when
    a rate of its own follows the words before other money that came ("A…全部到位，到位率100%；B到位X万元，到位率95%")."""
    assert rate.sentence is not None
    words = ctx.doc.text[rate.sentence.para_start : rate.span[0]]
    found = _CUES.all_arrived.search(words)
    if found is None or rate.interval().overlaps(Interval(HUNDRED, HUNDRED)):
        return None
    if _CUES.some_arrived.search(words, found.end()) and (
        of_sources(words[: found.start()]) or _rate_between(ctx, rate, rate.sentence.para_start + found.end())
    ):
        return None  # "中央、省级资金全部到位，市级配套到位1000万元": all of some sources, part of another
    return _fixed_at_hundred(ctx, rate, "全部到位", "到位率")


def _rate_between(ctx: AuditContext, rate: Statement, start: int) -> bool:
    """ "A资金…已全部到位，到位率100%；B资金到位X万元，到位率95%": a percentage written between the words and the rate,
    with other money that came after it, is the rate the words were said of; the later rate is the other money's."""
    return any(
        o.kind == "percent" and start <= o.span[0] and o.span[1] <= rate.span[0]
        for o in ctx.facts.statements
        if o is not rate
    )


def _fixed_at_hundred(ctx: AuditContext, rate: Statement, said: str, name: str) -> Finding:
    """A warning: the words say all the money went through a stage (``said``), so its rate is 100 %."""
    ctx.facts.mark(rate)
    return ctx.relation_finding(
        "RATE_MISMATCH",
        f"文中称资金已{said}，{name}应为 100%，文中写作 {rate.text}",
        rate.span,
        expected="100%",
        found=rate.text,
        proven=False,
        quote=quote_of(ctx.doc.text, rate),
    )


def all_done(ctx: AuditContext, rate: Statement, head: str) -> Finding | None:
    """ "资金支出执行率90%,2021年12月已全部支出" / "已全部到位并使用完毕,执行率90%" / "已将其全部分配到各单位,分配进度
    90%": the sentence (or its paragraph before the rate) says all the money was spent, paid out or allotted, so the
    rate of that stage is 100 %. A warning: "全部" may speak of one batch or source only. Silent where the sentence
    states the budget and the amount spent (the amounts then speak, ``text_rates``), and where the words' own clause
    names some of the money ("其中桃源镇、清溪乡已全部支出": a part done in full, not the whole)."""
    named = _CUES.stage_rate.search(head)
    if named is None or rate.sentence is None or rate.interval().overlaps(Interval(HUNDRED, HUNDRED)):
        return None
    fields = {o.field for o in ctx.facts.in_sentence(rate.sentence) if o.kind == "amount"}
    if {"budget", "executed"} <= fields:
        return None
    words = ctx.doc.text[rate.sentence.para_start : rate.sentence.end]
    stage = _STAGES[named.group("verb")]
    said = next(
        (
            m
            for m in _CUES.all_done.finditer(words)
            if _STAGES[_verb(m)] == stage and not _CUES.some_in_full.search(clause_of(words[: m.start()]))
        ),
        None,
    )
    if said is None or _spent_between(ctx, rate, rate.sentence.para_start + said.end()):
        return None
    return _fixed_at_hundred(ctx, rate, said.group(), named.group("name"))


def _spent_between(ctx: AuditContext, rate: Statement, start: int) -> bool:
    """ "其中上年结转资金68.50万元已全部支出完毕，当年下达资金支出382.76万元，执行率92.90%": an amount spent written
    between the words and the rate is the rate's own; the words speak of other money (one source, one batch)."""
    return any(
        o.kind == "amount" and o.field == "executed" and start <= o.span[0] and o.span[1] <= rate.span[0]
        for o in ctx.facts.in_sentence(rate.sentence)
    )


def _verb(match: re.Match[str]) -> str:
    return next(v for v in match.groups() if v)


def _arrived_here(ctx: AuditContext, rate: Statement) -> Statement | None:
    """ "预算飞行经费共计7952万元，财政部实际下达资金2513万元，资金到位率为31%": the last amount before the
    到位率, when its clause says the money came (实际下达, 已拨付, 到账) and a budget of the sentence precedes it —
    the 到位 stage of the sentence, whatever the field reader made of 下达."""
    own = [
        o
        for o in ctx.facts.in_sentence(rate.sentence)
        if o.kind == "amount" and o.role == "value" and o.span[1] <= rate.span[0]
    ]
    if len(own) < 2 or not _CUES.came.search(clause_before(ctx, own[-1])):
        return None
    if not any(o.field in ("budget", "budget_initial") for o in own[:-1]):
        return None
    return own[-1]


def form_row_arrival(ctx: AuditContext) -> list[Finding]:
    """ "| 过程 | 资金管理 | 资金到位率 | 100% | 97.50% | 5 | 4.8 |" in a report whose prose states the one project's
    专项资金650.00万元 and 实际到位资金617.50万元: the row's completed value is that project's 到位资金 ÷ 预算 (95.00 %),
    read against the amounts the prose states for it, the only project there is (several leave the row's open)."""
    if len(ctx.facts.projects) != 1:
        return []
    project = ctx.facts.projects[0]
    found = []
    for rate in ctx.facts.statements:
        if not (
            rate.origin == "table"
            and rate.kind == "percent"
            and rate.field == "actual"
            and rate.subject is not None
            and rate.subject.kind == "indicator"
            and _CUES.row_arrival.search(rate.subject.name)
        ):
            continue
        arrived = [s for s in ctx.values.stated(project, "arrived") if s.origin == "prose"]
        budget = ctx.values.whole_budget(project)
        if len(arrived) != 1 or not arrived[0].exact_claim or budget is None or not budget.exact_claim:
            continue
        finding = share_finding(ctx, rate, arrived[0], budget, "正文到位资金", "预算", True)
        if finding is not None:
            found.append(finding)
    return found
