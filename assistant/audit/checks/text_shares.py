"""RATE_MISMATCH from the text alone for the shares a report writes besides the 执行率: a 资金到位率 against
到位资金 ÷ 预算, and "A占B的P%" against A ÷ B.

Bad: 年度预算资金200万元，…实际到位资金170万元，资金到位率90% (170 ÷ 200 = 85 %).
Bad: 预算7952万元，实际下达资金2513万元，资金到位率为31% (31.60 %: the stage that came is the amount whose clause
says so, 实际下达/已拨付/到账, whatever its field; written 31% it is cut rather than rounded, so only a warning).
Uncertain: 实施农村公路养护工程380公里，…截止9月底，完成200.031公里建设任务，完工率为100% (52.64 %: a completion of
a moment, over the work its sentence plans).
Bad: 累计完成投资450万元，占计划投资600万元的80% (75 %). Bad: 培训2399人，完成市目标任务数2000人的130% (120 %:
the count done and its target, one unit, one sentence). Good: the same with 75%; 占总投资的75% (no amount in
the clause to divide by: silent). Rounding to the written precision is never a contradiction.
Good: 年初预算6,240万元…全年预算7,016.35万元…支出6,852.19万元，占全年预算的97.66%，占年初预算的109.81% (each share over
the budget its clause names; with none named, any budget the text states for the subject may be meant).
Uncertain: 2023年下达省级福彩公益金15万元,到位资金25万元,资金到位率100% (no budget in the sentence: the amount
allotted right before the money that came is read as the base). Uncertain: 全区共完成农村危房改造129户，完工率343%
with the task "计划任务为53户" in another sentence (243.4 %; the task meant may be another). Amounts in the
share's own sentence prove it (an error); a budget read from elsewhere in the text only suggests it (a warning):
the one budget the text states for the subject, or its one fund source's ("上级下达我区…640万元" in 一 and "实际到位资金
600万元，资金到位率95.75%" in 二), unless other money stands before it in its paragraph; and no finding when another
budget of the subject gives the rate (应到位资金 9606.30 in 一 beside 下达 8426.30: the writer's base is a reading).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..fields import clause_of
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, show_interval, span_of
from ..prose.interval import Interval
from ..prose.interval import written as _written
from ..prose.model import Statement, list_places
from ..prose.subjects import of_sources
from ..registry import check_unit

HUNDRED = Decimal(100)
_CUES = cues(__name__)
# the budget a share's clause names (占年初预算的, 占调整后预算的) and the 口径 of the amounts it may be
_NAMED_BUDGET = {"年初": ("budget_initial",), "全年": ("budget",), "调整后": ("budget",)}


@check_unit(also=("RATE_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    for s, head in ctx.stated_rates():
        if _CUES.arrival.search(head):
            finding = _arrival(ctx, s)
        elif s.field == "completion" or _CUES.task_share.search(head):
            finding = _any_completion(ctx, s)
        else:
            finding = _share(ctx, s) or _share_of_budget(ctx, s) or _all_done(ctx, s, head)
        if finding is not None:
            yield finding
    yield from _headcount(ctx)
    # "截止9月底，完成200.031公里建设任务，完工率为100%": a completion of a moment, over the work the sentence plans
    for s in ctx.facts.statements:
        if s.kind == "percent" and s.role == "timed" and s.field == "completion" and s.sentence is not None:
            finding = _any_completion(ctx, s) if s.hedge is None and s.high is None else None
            if finding is not None:
                yield finding


def _arrival(ctx: AuditContext, rate: Statement) -> Finding | None:
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
        return _compare(ctx, rate, arrived, allotted, "到位资金", "下达", True, doubt=doubt)
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
    return _compare(ctx, rate, arrived, budget, "到位资金", "预算", local)


def _another_base_fits(ctx: AuditContext, rate: Statement, arrived: Statement) -> bool:
    """ "全年应到位资金合计9606.30万元" (一) … "中央和省级资金8426.30万元全部到位…实际到位资金9356.30万元，资金到位率
    97.40%" (二): with the base read from another sentence, some other budget the text states for the subject giving
    the rate (9356.30 ÷ 9606.30) may be the one meant; which one the writer divided by is a reading, so say nothing."""
    for other in ctx.facts.statements:
        if (
            other.kind != "amount"
            or other.field != "budget"
            or other.role != "value"
            or (other.subject != rate.subject and not _heads_sources(ctx, other))
            or not other.exact_claim
        ):
            continue
        places = list_places([arrived, other])
        quotient = arrived.interval(places).divided_by(other.interval(places))
        if quotient is not None and quotient.scaled(HUNDRED).overlaps(rate.interval()):
            ctx.facts.mark(rate, arrived, other)
            return True
    return False


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


def _all_done(ctx: AuditContext, rate: Statement, head: str) -> Finding | None:
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


# The stage a verb names: a rate of one stage is fixed at 100 % only by words saying all of that stage was done.
_STAGES = {
    **dict.fromkeys(("执行", "支出", "使用", "用完", "支付"), "spent"),
    **dict.fromkeys(("发放", "兑付", "兑现"), "paid_out"),
    "分配": "allotted",
    "拨付": "passed_on",
}


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


def _share(ctx: AuditContext, share: Statement) -> Finding | None:
    """ "A占B的P%": A and B the two amounts right before the percentage, 占 between them, 的 after B."""
    own = [
        o for o in ctx.facts.in_sentence(share.sentence) if o.span[1] <= share.span[0] and o.role != "aside"
    ]
    if len(own) < 2:
        return None
    part, whole = own[-2], own[-1]
    text = ctx.doc.text
    if part.kind == whole.kind == "count":
        return _share_of_target(ctx, share, part, whole)
    if part.kind != "amount" or whole.kind != "amount" or not (part.exact_claim and whole.exact_claim):
        return None
    if not _CUES.share_of.match(text[part.span[1] : whole.span[0]]) or not _CUES.of.match(
        text[whole.span[1] : share.span[0]]
    ):
        return None
    return _compare(ctx, share, part, whole, "", "", True)


def _share_of_target(
    ctx: AuditContext, share: Statement, done: Statement, target: Statement
) -> Finding | None:
    """ "培训2399人,完成市目标任务数2000人的120%": the count done against the target its own sentence names right
    after it, in the same unit; the sentence's own arithmetic, so an error when it fails (a warning when the
    count done is a running total: 累计, 截至…)."""
    if done.unit != target.unit or not (done.exact_claim and target.exact_claim):
        return None
    text = ctx.doc.text
    if not _CUES.done_of.match(_CUES.aside.sub("", text[done.span[1] : target.span[0]])):
        return None
    if not _CUES.of.match(text[target.span[1] : share.span[0]]):
        return None
    # "累计培训5000人，完成年度目标2000人的…": a running total may span more than the target's year — a doubt
    cumulative = _CUES.cumulative.search(text[share.sentence.start : done.span[0]]) is not None  # type: ignore[union-attr]
    return _compare(ctx, share, done, target, "完成", "目标", not cumulative)


def _any_completion(ctx: AuditContext, rate: Statement) -> Finding | None:
    """A completion rate over the quantities of its own sentence, else over a task stated elsewhere."""
    return _completion(ctx, rate) or _completion_of_task(ctx, rate)


def _completion(ctx: AuditContext, rate: Statement) -> Finding | None:
    """ "计划改造农村危房200户，实际完成168户，完成率84%": the planned and the done count of one sentence."""
    roles = ("value", "timed") if rate.role == "timed" else ("value",)
    own = [
        o
        for o in ctx.facts.in_sentence(rate.sentence)
        if o.kind == "count"
        and o.span[1] <= rate.span[0]
        and o.hedge is None
        and o.high is None
        and o.role in roles
    ]
    if len(own) < 2:
        return None
    planned, done = own[-2], own[-1]
    if planned.unit != done.unit or not _CUES.planned.search(clause_before(ctx, planned)):
        return None
    if not _CUES.done.search(clause_before(ctx, done)):
        return None
    # done by a moment of the year: the planned work may be the year's, the rate the moment's — a doubt
    return _compare(ctx, rate, done, planned, "完成", "计划", True, moment=rate.role == "timed")


def _completion_of_task(ctx: AuditContext, rate: Statement) -> Finding | None:
    """ "全区共完成农村危房改造129户，完工率243%" with the task "计划任务为53户" in another sentence: the one count done
    right before the rate against the tasks of its unit the text states elsewhere. A warning when none gives the
    rate: the task meant may be another (a batch, a year) or unstated."""
    own = [o for o in ctx.facts.in_sentence(rate.sentence) if o.kind == "count" and o.span[1] <= rate.span[0]]
    if not own or any(_CUES.planned.search(clause_before(ctx, o)) for o in own):
        return None  # the sentence names its own task: ``_completion`` reads it or the sentence is not this shape
    done = own[-1]
    stated = done.exact_claim or (
        rate.role == done.role == "timed" and done.hedge is None and done.high is None
    )
    if not (stated and _CUES.done.search(clause_before(ctx, done))):
        return None
    tasks = [
        o
        for o in ctx.facts.statements
        if o.kind == "count"
        and o.unit == done.unit
        and o.role == "value"
        and o.sentence is not rate.sentence
        and o.exact_claim
        and _CUES.task.search(clause_before(ctx, o))
    ]
    if not tasks or len({t.value for t in tasks}) > 2:
        return None
    found = None
    for task in tasks:
        found = _compare(ctx, rate, done, task, "完成", "任务", False, moment=rate.role == "timed")
        if found is None:
            return None
    return found


def _share_of_budget(ctx: AuditContext, share: Statement) -> Finding | None:
    """ "实际支出95万元，占年度预算的85%": the budget named, not written, in the clause: the subject's own. Shares of
    two budgets may follow the one amount ("支出551万元，占调整后预算的95%，占年初预算的110.2%"): each is of it."""
    own = [o for o in ctx.facts.in_sentence(share.sentence) if o.span[1] <= share.span[0]]
    text = ctx.doc.text
    named = _CUES.of_budget.match(text[own[-1].span[1] : share.span[0]]) if own else None
    while named is not None and own[-1].kind == "percent" and len(own) > 1:
        earlier = own.pop()  # an earlier share of the same amount: the amount is before it
        if not _CUES.of_budget.match(text[own[-1].span[1] : earlier.span[0]]):
            return None
    if named is None or own[-1].kind != "amount" or own[-1].field != "executed" or not own[-1].exact_claim:
        return None
    part = own[-1]
    # "年初预算6,240.00万元…全年预算调整为7,016.35万元…全年支出6,852.19万元，占全年预算的97.66%，占年初预算的
    # 109.81%": the clause names which budget; with none named, any budget the text states for the subject may be meant
    fields = _NAMED_BUDGET.get(named.group("which") or "", ("budget", "budget_initial"))
    budgets = [
        b
        for field in fields
        for b in ctx.values.stated(part.subject, field)
        if b.kind == "amount" and b.role == "value" and b.exact_claim and b.unit is not None
    ]
    for other in budgets:
        places = list_places([part, other])
        quotient = part.interval(places).divided_by(other.interval(places))
        if quotient is not None and quotient.scaled(HUNDRED).overlaps(share.interval()):
            ctx.facts.mark(share, part, other)
            return None  # one budget the clause may mean gives the rate
    budget = ctx.values.budget_of(part.subject)
    if budget is not None and budget.field not in fields:
        # the budget the clause names, not the headline of the other
        budget = budgets[-1] if budgets else None
    if budget is None or not budget.exact_claim:
        return None
    return _compare(ctx, share, part, budget, "执行", "预算", budget.sentence is share.sentence)


def _compare(
    ctx: AuditContext,
    rate: Statement,
    part: Statement,
    whole: Statement,
    part_word: str,
    whole_word: str,
    local: bool,
    moment: bool = False,
    doubt: str = "",
) -> Finding | None:
    places = list_places([part, whole])
    quotient = part.interval(places).divided_by(whole.interval(places))
    if quotient is None:
        return None
    computed: Interval = quotient.scaled(HUNDRED)
    ctx.facts.mark(rate, part, whole)
    if computed.overlaps(rate.interval()):
        return None
    # 31.6 % written "31%": cut at the written place rather than rounded, a convention — no proof
    cut = computed.cut_to(rate.value, rate.canonical_places)
    return ctx.relation_finding(
        "RATE_MISMATCH",
        f"{part_word}{part.text}÷{whole_word}{whole.text}＝{show_interval(computed, rate)}，文中写作 {rate.text}"
        + ("" if local else f"（{whole_word}见文中他处）")
        + ("（所写为某一时点的完成情况，计划或为全年之数）" if moment else "")
        + ("（若按截位而非四舍五入填写，则二者相符）" if cut else "")
        + doubt,
        span_of(rate, part, whole),
        expected=show_interval(computed, rate),
        found=rate.text,
        proven=local and not cut and not moment and not doubt,
        quote=quote_of(ctx.doc.text, rate),
    )


def _headcount(ctx: AuditContext) -> Iterator[Finding]:
    """The 财政供养人员情况 block of a 部门整体支出绩效评价基础数据表, its cells one a line: 编制数, 实际在职人数 and
    控制率, then their three values ("编制数⏎2023年实际在职人数⏎控制率⏎46⏎50⏎108.70%"). The form defines the rate
    as 在职 ÷ 编制; a warning, the values being put under the labels by their order."""
    for m in _CUES.headcount_control.finditer(ctx.doc.text):
        posts, staff = Decimal(m.group("posts")), Decimal(m.group("staff"))
        rate = Decimal(m.group("rate"))
        places = len(m.group("rate").partition(".")[2])
        if not posts:
            continue
        computed = staff / posts * HUNDRED
        if _written(rate, places).holds(computed):
            continue
        shown = f"{computed.quantize(Decimal(1).scaleb(-max(places, 2)))}%"
        yield ctx.relation_finding(
            "RATE_MISMATCH",
            f"基础数据表实际在职人数 {staff} ÷ 编制数 {posts} ＝ {shown}，控制率写作 {m.group('rate')}%",
            (m.start("posts"), m.end()),
            expected=shown,
            found=f"{m.group('rate')}%",
            proven=False,
            quote=ctx.doc.text[m.start() : m.end()],
        )
