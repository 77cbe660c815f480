"""RATE_MISMATCH from the text alone for the shares a report writes besides the 执行率: a 资金到位率 against
到位资金 ÷ 预算, and "A占B的P%" against A ÷ B.

Bad: 年度预算资金200万元，…实际到位资金170万元，资金到位率90% (170 ÷ 200 = 85 %).
Bad: 预算7952万元，实际下达资金2513万元，资金到位率为31% (31.60 %: the stage that came is the amount whose clause
says so, 实际下达/已拨付/到账, whatever its field; written 31% it is cut rather than rounded, so only a warning).
Uncertain: 实施农村公路养护工程380公里，…截止9月底，完成200.031公里建设任务，完工率为100% (52.64 %: a completion of
a moment, over the work its sentence plans).
Bad: 累计完成投资450万元，占计划投资600万元的80% (75 %). Bad: 培训2399人，完成市目标任务数2000人的130% (120 %:
the count done and its target, one unit, one sentence). Good: 共培训1,595人，其中：…中式烹调298人，完成年度目标1,500人的106.33%
(the count before 完成 closes a 其中 list: the done is the list's whole; either reading that fits is silence, and
with neither a warning). Good: the same with 75%; 占总投资的75% (no amount in
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
Good: 计划培训8,000人次，实际培训8,452人次，完成率105.65%，超额完成计划5.7% (a 超额 share is done − plan over the plan,
not done over it: ``text_pay_rates`` reads it).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.interval import written as _written
from ..prose.model import Statement, list_places
from ..registry import check_unit
from .arrival_rates import all_done, arrival, form_row_arrival
from .share_finding import share_finding

HUNDRED = Decimal(100)
_CUES = cues(__name__)
# "超额完成计划3.2%": the excess over the plan, not a share of it; ``text_pay_rates`` reads it (``over_task``)
_EXCESS = cues("assistant.audit.checks.text_pay_rates").over_task
# the budget a share's clause names (占年初预算的, 占调整后预算的) and the 口径 of the amounts it may be
_NAMED_BUDGET = {"年初": ("budget_initial",), "全年": ("budget",), "调整后": ("budget",)}


@check_unit(also=("RATE_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    for s, head in ctx.stated_rates():
        if _EXCESS.search(head):
            continue
        if _CUES.arrival.search(head):
            finding = arrival(ctx, s)
        elif s.field == "completion" or _CUES.task_share.search(head):
            finding = _any_completion(ctx, s)
        else:
            finding = _share(ctx, s) or _share_of_budget(ctx, s) or all_done(ctx, s, head)
        if finding is not None:
            yield finding
    yield from _headcount(ctx)
    yield from form_row_arrival(ctx)
    # "截止9月底，完成200.031公里建设任务，完工率为100%": a completion of a moment, over the work the sentence plans
    for s in ctx.facts.statements:
        if s.kind == "percent" and s.role == "timed" and s.field == "completion" and s.sentence is not None:
            finding = _any_completion(ctx, s) if s.hedge is None and s.high is None else None
            if finding is not None:
                yield finding


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
    return share_finding(ctx, share, part, whole, "", "", True)


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
    whole = _listed_whole(ctx, done, target)
    if whole is None:
        return share_finding(ctx, share, done, target, "完成", "目标", not cumulative)
    # "共培训1,595人，其中：电焊工420人、…中式烹调298人，完成年度目标1,500人的106.33%": the count right before the
    # target closes a 其中 list; what was done is the list's whole, not its last kind. Which of the two the writer
    # meant is a reading: silent when either gives the rate, else a doubt over the whole
    if share_finding(ctx, share, done, target, "完成", "目标", True) is None:
        return None
    return share_finding(
        ctx, share, whole, target, "完成", "目标", True, doubt="（完成数按所列分项之总数计）"
    )


def _listed_whole(ctx: AuditContext, done: Statement, target: Statement) -> Statement | None:
    """The whole of the 其中 list whose last part is ``done``, stated in its sentence in the target's unit."""
    for listed in ctx.facts.breakdowns:
        whole = listed.total
        if (
            listed.parts
            and listed.parts[-1] is done
            and whole.sentence is done.sentence
            and whole.unit == target.unit
            and whole.exact_claim
        ):
            return whole
    return None


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
    return share_finding(ctx, rate, done, planned, "完成", "计划", True, moment=rate.role == "timed")


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
        found = share_finding(ctx, rate, done, task, "完成", "任务", False, moment=rate.role == "timed")
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
    return share_finding(ctx, share, part, budget, "执行", "预算", budget.sentence is share.sentence)


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
