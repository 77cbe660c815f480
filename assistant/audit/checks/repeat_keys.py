"""The parts of ``text_repeats``' key for one quantity that tell a fund's amounts apart by the words around them:
the stage an amount is of (到位, 支出, 下达…, and the 当年 share of the money available as its 下达), the instalment
(提前下达, 第二批), money handed on to the levels below or pooled by one, the item a numbered line names before its
source or an item of use it names after it (设备购置资金), a rate over the initial budget and a rate over a base its sentence names (按…计算).

Why apart: each reads one shape of wording that says which of a fund's amounts are the same money, apart from the
check that pairs them; ``text_fund_repeats`` reads money handed on too.
"""

from __future__ import annotations

import re

from ..context import AuditContext
from ..cues import cues
from ..fields import clause_of
from ..line_breaks import unwrapped
from ..prose.model import Statement, Subject
from ..prose.parts import Breakdown
from ..prose.subjects import source_label, source_start

_CUES = cues(__name__)
# Stage words that name one stage: money received (到位, 到账, 收到) and money spent (支出, 使用, 完成). The others
# (下达, 安排, 拨付, 执行…) stay apart: 拨付 may be money handed on, and "全年执行数"
# the unit's whole beside "项目支出总额656.93万元" (支出 there names a kind of spending).
_SAME_STAGE = {"到账": "到位", "收到": "到位", "使用": "支出", "完成": "支出"}


def this_years_shares(ctx: AuditContext, breakdowns: list[Breakdown]) -> set[tuple[int, int]]:
    """ "全年可用资金合计2617万元，其中当年中央资金2356万元、上年结转资金261万元": beside the money carried in from
    last year, a source's 当年 (本年) share of the money available is what that source allocated this year — the
    same quantity as its 下达 amount stated elsewhere ("中央财政下达我市…资金2365万元"). The spans of such shares
    (a fund source's part whose own clause says 当年, in a list with a carried-in part)."""
    found: set[tuple[int, int]] = set()
    for breakdown in breakdowns:
        if not any(p.subject is not None and p.subject.name == "上年结转" for p in breakdown.parts):
            continue
        for part in breakdown.parts:
            if (
                part.subject is not None
                and part.sentence is not None
                and part.subject.kind == "source"
                and part.subject.name not in ("上年结转", "当年财政拨款")
                and _CUES.this_year.search(clause_of(ctx.doc.text[part.sentence.start : part.span[0]]))
            ):
                found.add(part.span)
    return found


def allocating_sources(ctx: AuditContext) -> dict[str, Statement]:
    """ "2021年省财政下达我市职业技能提升行动专项资金3,456,800.00元": the project's headline budget, written as what
    one fund source allocated (下达) to it, by that source: in a report of one project, a later "省级下达的专项资金
    345.86万元已全部支出" is that allocation restated (in 万元 here), not another sum of the source's."""
    found: dict[str, Statement] = {}
    for s in ctx.facts.statements:
        if (
            s.origin == "prose"
            and s.kind == "amount"
            and s.field == "budget"
            and "headline" in s.extra
            and s.subject is not None
            and s.subject.kind == "project"
            and s.sentence is not None
            and stage_of(ctx, s) == "下达"
        ):
            before = _CUES.year_lead.sub("", unwrapped(ctx.doc.text[s.sentence.start : s.span[0]]))
            label = source_label(before)
            if label is not None:
                found.setdefault(label, s)
    return found


def as_allocation(ctx: AuditContext, s: Statement, allocations: dict[str, Statement]) -> Subject | None:
    """The project whose allocation by ``s``'s fund source ``s`` restates (see ``allocating_sources``): a source's
    amount at stage 下达 in a report of one project, or None."""
    if s.subject is None or s.subject.kind != "source" or s.kind != "amount":
        return None
    headline = allocations.get(s.subject.name)
    if headline is None or stage_of(ctx, s) != "下达":
        return None
    return headline.subject


def batch(ctx: AuditContext, s: Statement) -> str | None:
    """ "提前下达我市…中央资金1000万元" and "再次下达中央资金480万元": the batch word last written before an amount in its
    sentence (提前下达, 再次, 追加, 第二批…) names one instalment of the money; instalments of two names are two
    quantities, and neither is the whole said without one."""
    if s.sentence is None:
        return None
    before = _CUES.title.sub("", unwrapped(ctx.doc.text[s.sentence.start : s.span[0]]))
    found = _CUES.batch.findall(before)
    return found[-1] if found else None


def stage_of(ctx: AuditContext, s: Statement) -> str | None:
    """The stage (到位, 使用, 下达…) an amount inherits from the words before it in its sentence, document titles
    (《…》) left out: "已到位资金…包括中央补助10000万元" and "已使用资金…包括中央补助9965.68万元" are two quantities,
    and so are a project's "批复总投资61.8万元" and the "省水利厅…下达投资计划共计30.9万元" one level handed down; an amount said
    not through a stage right after it ("省级资金420万元年底前未拨付") is the rest short of that stage (未拨付), no
    stage an earlier clause named."""
    if s.subject is None or s.sentence is None:
        return None
    after_text = unwrapped(ctx.doc.text[s.span[1] : s.sentence.end])
    short = _CUES.not_through.search(after_text)
    if short is not None:
        # "…占下达资金比例偏低,主要是省级资金420万元年底前未拨付到县": the money not yet through a stage is the rest
        # short of it, whatever stage an earlier clause named
        return "未" + _SAME_STAGE.get(short.group("stage"), short.group("stage"))
    before = _CUES.title.sub("", unwrapped(ctx.doc.text[s.sentence.start : s.span[0]]))
    if _CUES.left_over.search(last_clause(before)):
        return "余"  # "二是上年结转资金尚余0.55万元": what is left of that money, not its amount
    stages = _CUES.stage.findall(before)
    if stages:
        return _SAME_STAGE.get(stages[-1], stages[-1])
    # "中央资金100万元已到位" is the amount received; "…120万元已全部下达" the whole amount, of no one stage
    after = _CUES.stage_after.search(after_text)
    return _SAME_STAGE.get(after.group("stage"), after.group("stage")) if after else None


def initial_base(ctx: AuditContext, s: Statement) -> bool:
    """ "年初预算执行率114%" is executed over the initial budget, not the 执行率95% over the adjusted one."""
    if s.kind != "percent" or s.sentence is None:
        return False
    return _CUES.initial_base.search(own_clause(ctx, s)) is not None


def named_base(ctx: AuditContext, s: Statement) -> str | None:
    """ "按实际到位资金计算，资金执行率93.99%；按资金计划计算，执行率88.21%": the base a rate's own part of its
    sentence (from the last ；) names before it; rates over two named bases are two quantities, not one rate
    written twice."""
    if s.kind != "percent" or s.sentence is None:
        return None
    before = unwrapped(ctx.doc.text[s.sentence.start : s.span[0]])
    part = re.split("[；;]", before)[-1]
    found = _CUES.named_base.findall(part)
    return found[-1] if found else None


def handed_on(ctx: AuditContext, s: Statement) -> bool:
    """ "向各市县下达…39565.55万元": money handed on to the levels below is a share of the money the writer got
    ("向我区下达…53106万元"), another quantity."""
    if s.sentence is None:
        return False
    return _CUES.handed_on.search(_CUES.title.sub("", ctx.doc.text[s.sentence.start : s.span[0]])) is not None


def held(ctx: AuditContext, s: Statement) -> bool:
    """ "市级统筹中央财政资金1000万元用于项目建设": the share of a source's money another level pools or keeps, not
    the source's whole ("其中中央财政资金6000万元")."""
    if s.subject is None or s.subject.kind != "source" or s.sentence is None:
        return False
    head = ctx.doc.text[s.sentence.start : s.span[0]]
    start = source_start(head)
    return start is not None and _CUES.holder.search(head[:start]) is not None


def dated_spending(ctx: AuditContext, s: Statement) -> str | None:
    """ "截至2023年12月31日，累计支出资金1,208.45万元" … "截至2023年12月31日，项目资金支出1,280.45万元": the report's
    money spent up to the day its sentence opens with, however its noun is worded, is one figure: the day keys it,
    with 本年 (the year's share) apart from 累计 or no scope word (all spent by then). None for any other figure, and for a headline figure
    (keyed as before)."""
    if (
        s.field != "executed"
        or s.subject is None
        or s.subject.kind != "report"
        or "headline" in s.extra
        or s.sentence is None
    ):
        return None
    found = _CUES.dated_spending.match(ctx.doc.text[s.sentence.start : s.span[0]])
    if found is None:
        return None
    # money spent up to a day, with no scope word, is all spent by then (累计); 本年/当年/全年 is the year's share
    return found.group("day") + ("本年" if found.group("scope") in ("本年", "当年", "全年") else "")


def item_scope(ctx: AuditContext, s: Statement) -> str | None:
    """ "3、2024年长者食堂市级奖补15万元": the item a numbered line's head names before the fund source of its amount
    (no colon needed, unlike ``prose.items``' line heads); the amount is that item's, beside the source's whole
    ("市级福利彩票公益金61.35万元"), not a restatement of it."""
    if s.subject is None or s.subject.kind != "source" or s.sentence is None:
        return None
    opening = ctx.doc.text[s.sentence.para_start : s.sentence.start]
    if opening.strip():
        # "1.森林草原航空消防租机补助经费。财政部下达…中央…资金3431万元": the line's title sentence names the item
        titled = _CUES.item_title.fullmatch(opening.strip())
        return titled.group("item") if titled is not None else None  # else: not the line's first sentence
    head = ctx.doc.text[s.sentence.start : s.span[0]]
    start = source_start(head)
    if start is None:
        return None
    item = _CUES.item_line.match(head[:start])
    if item is None or _CUES.not_an_item.search(item.group("item")):
        return None
    return item.group("item")


def use_item(ctx: AuditContext, s: Statement) -> str | None:
    """ "中央下达的设备购置资金42.00万元": a fund source's amount whose clause names an item of use after the level
    (设备购置资金, 培训经费) is that item's money, not the level's whole ("中央财政下达我县…补助资金2,764,500.00元")."""
    if s.subject is None or s.subject.kind != "source" or s.sentence is None:
        return None
    clause = own_clause(ctx, s)
    start = source_start(clause)
    found = _CUES.use_item.search(clause[start or 0 :])
    return found.group(0) if found is not None else None


def own_clause(ctx: AuditContext, s: Statement) -> str:
    """The words of ``s``'s own clause before it: its sentence up to ``s``, from the last separator (，、和…) on."""
    assert s.sentence is not None
    return last_clause(unwrapped(ctx.doc.text[s.sentence.start : s.span[0]]))


def last_clause(text: str) -> str:
    """The clause ``text`` ends on: its words after the last separator (，、和…), where a fund source or a 口径 is
    named right before an amount ("当年财政拨款60万元和上年结转资金" → 上年结转资金)."""
    return _CUES.before_amount.split(text)[-1]


def after_last_stage(clause: str) -> str:
    """The words of ``clause`` after its last stage word ("向某镇下达奖励资金" → 奖励资金): the money it names."""
    return _CUES.stage.split(clause)[-1]


def project_in_brackets(ctx: AuditContext, s: Statement) -> bool:
    """ "实施水资源保护项目（年初预算1,150.00万元）": the project's headline figure in a bracket right after its name
    is the project's figure, not an aside about something else."""
    return (
        s.role == "aside"
        and s.subject is not None
        and s.subject.kind in ("project", "report")
        and "headline" in s.extra
        and _CUES.project_in_brackets.search(ctx.doc.text, max(0, s.span[0] - 30), s.span[0]) is not None
    )


def source_in_brackets(ctx: AuditContext, s: Statement) -> bool:
    """ "财政拨款34,106.72万元（含中央转移支付资金2,846.30万元、…）": a fund source's amount a bracket opened by 含
    or 其中 states is that source's figure, to be written the same wherever the text states it again."""
    return (
        s.role == "aside"
        and s.subject is not None
        and s.subject.kind == "source"
        and _CUES.source_in_brackets.search(ctx.doc.text, max(0, s.span[0] - 60), s.span[0]) is not None
    )
