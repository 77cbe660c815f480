"""TOTAL_MISMATCH from the text alone: a stated total against the sum of the parts the text lists for it.

Bad: 项目申请预算资金共2026400元，分为：A 400000元、B 252000元、C 28000元、D 960000元、E 100000元 (1740000元).
Good: the same list with a total of 1740000元, or a total of 2026400元 with the missing part listed.
A count total's parts are those of its own noun when two or more are and the rest count another noun ("涉及6个
乡镇，分别为：城关镇12个村、…，共计48个村": 6个乡镇 is no part of 48个村).
Each number stands for the interval its written precision allows ("30万元" beside "29.99万元" is 30.00); the
sum and the total contradict each other only when their intervals do not meet. A sum above the total always
contradicts it; a sum below it only when the wording says the list is complete (分为, 分别为, 合计 after the
parts, as many parts as the count before them). A "其中" list that falls short may be partial: that is a
warning with verdict "uncertain" (it holds only if the list is the whole), never an error; a list of government
levels that stops above the local one (中央…，省级…) falling short says nothing (the local share is simply not
listed). Levels from 中央 down to the level that issues or holds the money (省财政厅…下达, 用于全省…, a total
named 中央、省级财政…; else the report's own level, the one its holder words name anywhere: 全市 … 全市) are every level
that can pay into it: falling short, they are a doubt like any 其中 list. A list whose last part is followed by 等 (or by items named without an amount, then 等, or by the rest named
with no figure: "，其余资金统筹用于…", "，其余为…", or in the next sentence: "…412.30万元。其余资金用于…"), or led by
主要用于/主要包括/主要支出项为,
or picking out the largest or main members (按县区分，发放较多的有…; 排名前三的是…; …，位居全市前两位: a selection, however
the list is split), says it names some parts only: short of the total, no finding. So does a 其中 of counts summing to under half the
whole ("补贴农机具1520台，其中拖拉机186台、收割机74台": examples, not every kind).
An error needs: every member an exact claim, the list's end written (not inferred: a list inside another, another
其中 between its parts, an item opening with 另 after 其中, a carried-in balance — ``prose.parts_ends``), and the
parts' sum above the total or the wording saying the list is complete.
A split over years, phases or instalments (项目总投资6,850.00万元，分三年安排：2022年…、2023年…、2024年…; 分两期实施：;
分两笔下达：) names the whole: its parts must add up to the total (6,930.00 is an error). A list with an item whose amount was not
read as a part (其中:A 1783575.80元,B 38976.00元;支付…50万元: another 口径) is summed only against a total it exceeds.
A total that no words name (a line opening "2、7万元,其中…" where a reposted page broke a figure) is a doubt only.
Figures of places counted are no parts of their count ("涉及9个乡镇，分别为：东岗镇6个、石桥镇5个…": centres per
town, each town one of the nine; a kind named by the whole noun, "山区乡镇8个", is a part, unless as many distinct
places are named as the count: "26个饭堂分布于8个街道，其中东湖街道5个…" with eight streets named). Counts of other things are no parts: "把5个…工程项目分为10个标段…确定10个标段的承担单位" (标段, not 项目).
Items naming their money by a generic noun only ("其中：\n人员经费896.34万元…\n公用经费179.83万元…") are parts
of a total of any 口径, unless another number before the list has their own 口径 (项目支出…年初预算数…支出数…具体为:
A专项资金…: the projects' budgets). Items that each write a count and right after it an amount ("资金4.54亿元,涉及4个
部门,9个项目。其中:A局6个2.886亿元、B局1个0.209亿元…") split both wholes. A 其中 whose first item opens its own list
("其中第一批资金9910万元,分别支持…;第二批资金7437万元,分别支持…") is read one item a ；-ended sentence: a reading, so
a doubt.
A total summed over years (累计…, 自…以来) whose list is led by one year (其中2024年当年…) lists that year's share:
short of the total, no finding.
A run of parts summing above the total that is no single split of it is no finding: parts up to a sentence's end
making the total, the rest read on from the next sentences ("…其中中央33.48万元，省级11.16万元。此外，县级…3.20万元"); its last part restating the
total the others make (a restated total read as one more part, "上述五项合计…"), or flows with an outflow among them
beside a stock ("累计312人，其中新接收148人、解除136人，年末在册176人").
A list with a cut among its items (下达…1.53万元,其中:…补偿资金调减2.66万元,造林补助2.42万元…) is no sum of additions:
the total may be the net of additions and cuts, so no finding either way.
Figures per unit (各, 每…) are no shares: "转运车12辆，其中3个中心镇各配置2辆，其余6个乡镇各配置1辆" sums 3 × 2 + 6 × 1 = 12
(Good); with 14辆 it is a doubt (how the writer counted is a reading), never an error; with no count before 各, no finding.
A target closing the list ("…餐饮服务415人，年度目标3,000人") is no part of it (``prose.parts_rules.before_comparison``).
The readings that make a short list partial live in ``partial_lists``; the counted lists (the count of projects
before a numbered list, parts counting other things or one figure per place) in ``counted_parts``.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, show_interval, show_value, show_written, span_of
from ..prose.interval import Interval, total
from ..prose.level_shares import tranche_of
from ..prose.model import Statement, list_places
from ..prose.parts import Breakdown
from ..prose.parts_levels import levels_only
from ..registry import check_unit
from .counted_parts import counted_items, each_a_place, other_things_counted, own_kind
from .partial_lists import (
    counts_close,
    etc,
    listed_on,
    main_ones,
    more_counted,
    more_members,
    nearer_whole,
    nested_split,
    one_year_of_many,
    runs_on,
    selection,
    to_holder,
    unread_figure,
)

_CUES = cues(__name__)


@check_unit(
    also=("TOTAL_MISMATCH", "COUNT_MISMATCH", "UNIT_SUSPECT"),
    basis="text",
)
def check(ctx: AuditContext) -> list[Finding]:
    facts = ctx.facts
    findings: list[Finding] = [f for b in facts.breakdowns if b.items for f in counted_items(ctx, b)]
    for listed in facts.breakdowns:
        breakdown = own_kind(listed)
        members = [breakdown.total, *breakdown.parts]
        places = list_places(
            list(breakdown.parts)
        )  # one list is written at one precision; the total at its own
        summed = total([p.interval(places) for p in breakdown.parts])
        stated = breakdown.total.interval()
        facts.mark(*members)
        if summed.overlaps(stated) or _with_cuts(ctx, breakdown) or other_things_counted(ctx, breakdown):
            continue
        if tranche_of(ctx.doc.text, breakdown.total, list(breakdown.parts)):
            continue  # "总投资…，当年下达中央…、省级…": one year's money, no split of the project's whole
        if each_a_place(ctx, breakdown):
            continue
        per_unit = _per_unit(ctx, breakdown)
        if per_unit is not None:
            # "12辆，其中3个中心镇各配置2辆，其余6个乡镇各配置1辆": figures per unit; their counts make the whole
            if per_unit is not False and not per_unit.overlaps(stated):
                findings.append(_per_unit_finding(ctx, breakdown, per_unit))
            continue
        if _broken_figure(ctx, breakdown.total):
            continue
        split = _sibling_splits(breakdown, places)
        if split == "all":
            continue  # "三级指标12个，其中产出7个、效益4个、满意度1个，全部完成的11个，部分完成的1个": two splits
        above = stated.below(summed)
        if above and _whole_within(ctx, breakdown, places):
            continue  # "累计312人，其中新接收148人、解除矫正136人，年末在册176人": 136 + 176 make it; not one split
        if above and _whole_before_break(ctx.doc.text, breakdown, places, stated):
            continue  # "44.64万元，其中中央33.48万元，省级11.16万元。此外，县级…3.20万元": the list ended at the 。
        slip = _unit_slip(breakdown)
        if slip is not None and not above and (etc(ctx, breakdown) or main_ones(ctx, breakdown)):
            # "主要用于：A 260.00万元，B 89.20元，C 130.80万元" under 480万元: a list that says it names the main parts
            # only, yet makes the total exactly with one unit read as the others': a doubt about that unit
            findings.append(_slip_finding(ctx, breakdown, slip, False))
            continue
        if slip is not None and not above and levels_only(breakdown.parts):
            # "资金312.48万元，其中：中央275.68万元，省级36.80元": levels that stop above the local one may leave a
            # share unlisted, but not one that the slip's unit makes exactly zero: the sum proves the unit
            findings.append(_slip_finding(ctx, breakdown, slip, all(m.exact_claim for m in members)))
            continue
        if not above and (breakdown.unread or unread_figure(ctx, breakdown) or listed_on(ctx, breakdown)):
            continue  # an item not read as a part may make up the rest: only a sum above the total is proven
        if (
            not above
            and not breakdown.exhaustive
            and levels_only(breakdown.parts)
            and not to_holder(ctx, breakdown)
        ):
            continue  # levels that stop above the local one: the local share is simply not listed
        if not above and nested_split(ctx, breakdown):
            continue  # "其中80万元…作了分配：甲8万、乙6万…": the parts after the colon split that part, not the total
        if not above and not breakdown.exhaustive and nearer_whole(ctx, breakdown):
            continue  # "收入318.26万元，支出314.93万元，…其中项目支出47.74万元，年末结余3.33万元": whose share is a reading
        if not above and one_year_of_many(ctx, breakdown):
            continue  # "截至2024年底累计完成412万画幅；其中2024年当年…完成98万画幅": one year's share of all years
        if not above and selection(ctx, breakdown):
            continue  # "累计发放986.40万元。按县区分，发放较多的有东城区…、西湖县…": the largest ones only, however split
        if not above and etc(ctx, breakdown):
            continue  # "其中中央资金200万元，省级资金60万元等": the list says it names some parts only
        if not above and runs_on(ctx, breakdown):
            continue  # "…其他收入14.22万元，⏎上年结转32.04万元。": the line broke the list, not its end
        if not above and not breakdown.exhaustive and breakdown.cue == "共":
            continue  # counts found apart, tied by what they count only: none says the rest is not elsewhere
        if not above and more_counted(ctx, breakdown):
            continue  # "年初预算项目73个,…经费15690.38万元,具体包括:A…、B…" with eleven named: some of them only
        if not above and more_members(ctx, breakdown):
            continue  # "…380万元，三批合计2,030万元" with a batch in the paragraph before: the list is not the whole
        if not above and not breakdown.exhaustive and main_ones(ctx, breakdown):
            continue  # "主要税种收入完成情况：…其中：增值税…": the list says it names the main parts only
        if (
            not above
            and not breakdown.exhaustive
            and breakdown.total.kind == "count"
            and summed.hi * 2 < stated.lo
        ):
            continue  # "补贴农机具1386台，其中拖拉机214台、收割机96台": a 其中 naming under half the whole names examples
        # "其中" may list only some parts: short of the total it is a doubt, not a proof
        assumed = (breakdown.assumed_whole or not breakdown.exhaustive) and not above
        proven = (
            split is None
            and all(_exact(m) for m in members)
            and not breakdown.loose
            and not assumed
            and _named(ctx, breakdown.total)
        )
        if slip is not None:
            findings.append(_slip_finding(ctx, breakdown, slip, all(m.exact_claim for m in members)))
            continue
        written = "、".join(p.text for p in breakdown.parts[:6]) + ("等" if len(breakdown.parts) > 6 else "")
        relation = "超过" if above else "少于"
        partial = "（若所列并非全部构成，则不矛盾）" if not above and not breakdown.exhaustive else ""
        t = breakdown.total
        message = f"所列 {len(breakdown.parts)} 项（{written}）之和为 {show_interval(summed, t)}，{relation}文中总数 {t.text}"
        tied = counts_close(ctx, breakdown)
        findings.append(_total_finding(ctx, breakdown, summed, message + partial, proven, tied))
    return findings


def _whole_before_break(text: str, breakdown: Breakdown, places: int, stated: Interval) -> bool:
    """Do the parts up to a sentence's end make the total, the rest read on from later sentences ("补助资金44.64万元，
    其中中央资金33.48万元，省级资金11.16万元。此外，县级安排…经费3.20万元。")? The list ended with its sentence (a
    。 or a line's end; a ； runs it on): the parts
    after it are other money, not a share of this total."""
    parts = breakdown.parts
    for k in range(2, len(parts)):
        if not _CUES.full_stop.search(text[parts[k - 1].span[1] : parts[k].span[0]]):
            continue  # "中央资金60万元；省级资金40万元；县级资金10万元": a ； runs the list on
        if total([p.interval(places) for p in parts[:k]]).overlaps(stated):
            return True
    return False


def _total_finding(
    ctx: AuditContext, breakdown: Breakdown, summed: Interval, message: str, proven: bool, tied: bool = False
) -> Finding:
    t = breakdown.total
    return ctx.relation_finding(
        "TOTAL_MISMATCH",
        message,
        _span(t, breakdown.parts),
        expected=show_value(summed.mid, t),
        found=t.text,
        proven=proven,
        quote=quote_of(ctx.doc.text, t),
        tied=tied,
    )


_WAN = Decimal(10000)


def _exact(member: Statement) -> bool:
    """A stated value; a total said of a moment (截至8月底…75.20亿元，其中：…) is one too, its parts being of the
    same moment."""
    return member.exact_claim or (member.role == "timed" and member.hedge is None and member.high is None)


def _unit_slip(breakdown: Breakdown) -> tuple[Statement, str] | None:
    """The one member written in 元 (or 万元) that, read in the other unit, makes the parts sum to the total:
    "补助471.23元，其中中央补助189.63万元、地方财政补助281.6万元" (471.23 万元 = 189.63 + 281.6)."""
    members = [breakdown.total, *breakdown.parts]
    if breakdown.total.kind != "amount":
        return None
    fixes = []
    for member in members:
        for factor, shown in _readings(member, breakdown):
            other = replace(member, value=member.value * factor, factor=member.factor * factor)
            whole = other if member is breakdown.total else breakdown.total
            parts = [other if p is member else p for p in breakdown.parts]
            exact = list_places(
                [whole, *parts]
            )  # the slip must give the total at the finest written precision
            if total([p.interval(exact) for p in parts]).overlaps(whole.interval(exact)):
                fixes.append((member, shown))
    return fixes[0] if len(fixes) == 1 else None


def _readings(member: Statement, breakdown: Breakdown) -> list[tuple[Decimal, str]]:
    """The other units a member may have meant, as factors on its value: 元 for 万元 and the reverse; a total in
    万元 may be 亿元 too ("项目总投资2.36万元（其中：中央12,000.00万元、省级8,000.00万元…）": 2.36亿元)."""
    if member.unit == "元":
        return [(_WAN, "万元")]
    if member.unit in ("万元", "万"):
        wider = [(_WAN, "亿元")] if member is breakdown.total else []
        return [(1 / _WAN, "元"), *wider]
    return []


def _slip_finding(
    ctx: AuditContext, breakdown: Breakdown, slip: tuple[Statement, str], proven: bool
) -> Finding:
    member, unit = slip
    raw = show_written(member, "")
    t = breakdown.total
    written = "、".join(p.text for p in breakdown.parts[:6])
    if member is t:
        message = f"总数 {t.text} 单位疑为{unit}：所列各项（{written}）之和与 {raw}{unit} 相符"
    else:
        message = f"所列一项 {member.text} 单位疑为{unit}：按 {raw}{unit} 计，各项（{written}）之和与总数 {t.text} 相符"
    return ctx.relation_finding(
        "UNIT_SUSPECT",
        message,
        _span(t, breakdown.parts),
        expected=f"{raw}{unit}",
        found=member.text,
        proven=proven,
        quote=quote_of(ctx.doc.text, member),
    )


def _span(total: Statement, parts: tuple[Statement, ...]) -> tuple[int, int]:
    """The total with its parts when they sit in its sentence; a list of the same paragraph found apart from
    its total ("…共计671037万元。…其余583808万元") is part of what disagrees, so the span covers it too."""
    if total.sentence is not None and all(
        p.sentence is not None and p.sentence.para_start == total.sentence.para_start for p in parts
    ):
        return min(total.span[0], parts[0].span[0]), max(total.span[1], parts[-1].span[1])
    return span_of(total, *parts)


def _with_cuts(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Is an item of the list a cut (调减, 核减, 追减, 收回…) rather than an addition? Not a 收回 among the shares of a
    left-over amount ("年末未使用资金45.30万元，其中结转下年使用38.00万元，结余收回财政7.80万元"): where the rest went,
    each share of it, so they still make it."""
    members = (breakdown.total, *breakdown.parts)
    start, end = min(m.span[0] for m in members), max(m.span[1] for m in members)
    disposed = breakdown.total.field == "unspent" and all(p.field == "unspent" for p in breakdown.parts)
    return any(
        not (disposed and _CUES.returned.fullmatch(m.group()))
        for m in _CUES.cut.finditer(ctx.doc.text, start, end)
    )


def _whole_within(ctx: AuditContext, breakdown: Breakdown, places: int) -> bool:
    """Is the run no single split of the whole: its last part restates the total the parts before it make ("…5项
    …上述五项合计9,324.56万元" read with the restated total as a sixth part), or it lists flows, an outflow among
    them, beside a stock ("累计312人，其中新接收148人、解除矫正136人，年末在册176人")? A sum above the total then
    proves nothing."""
    parts = breakdown.parts
    stated = breakdown.total.interval()
    if len(parts) >= 3 and parts[-1].interval().overlaps(stated):
        if total([p.interval(places) for p in parts[:-1]]).overlaps(stated):
            return True
    text = ctx.doc.text
    return any(_CUES.outflow.search(text[_item_start(text, p) : p.span[0]]) for p in parts)


def _per_unit(ctx: AuditContext, breakdown: Breakdown) -> Interval | bool | None:
    """None when no part is a figure per unit (各, 每…); else the parts' sum with each per-unit figure times the
    count its item writes before 各/每 ("3个中心镇各配置2辆" is 6辆), or False when an item writes no such count
    (what the list sums to is then unknown)."""
    text, found, shares = ctx.doc.text, False, []
    for part in breakdown.parts:
        share = part.interval()
        head = text[_item_start(text, part) : part.span[0]]
        if _CUES.per_period.search(head):
            return False  # "162个行政村每月放映一场": a month's worth per unit, not a share of the whole
        each = _CUES.each.search(head)
        if each is not None:
            found = True
            if each.group("count") is None:
                return False
            share = share.scaled(Decimal(each.group("count")))
        shares.append(share)
    return total(shares) if found else None


def _per_unit_finding(ctx: AuditContext, breakdown: Breakdown, summed: Interval) -> Finding:
    """A list of per-unit figures whose counts times figures miss the whole: how the writer counted is a reading,
    so a doubt."""
    t = breakdown.total
    message = f"按所列各单位数量×每单位数计，合计 {show_interval(summed, t)}，与文中总数 {t.text} 不符"
    return _total_finding(ctx, breakdown, summed, message, False)


def _item_start(text: str, part: Statement) -> int:
    """Where the part's own item starts: after the last list mark before it."""
    start = part.sentence.start if part.sentence is not None else max(0, part.span[0] - 20)
    head = text[start : part.span[0]]
    return start + max(head.rfind(mark) for mark in "、，,；;：:") + 1


def _sibling_splits(breakdown: Breakdown, places: int) -> str | None:
    """Does the run of parts fall into consecutive groups of two or more that each make up the total (two splits of
    one whole written in one run: by kind, then by completion)? "all" when every group does, "first" when only a
    leading group does and two or more items are left (another split of it that does not add up: a doubt, not a
    proof). "共计100万元，其中A 60万元，B 40万元，C 20万元" leaves one item: no split, still a proof."""
    stated, run, size, groups = breakdown.total.interval(), [], 0, 0
    for part in breakdown.parts:
        run.append(part.interval(places))
        size += 1
        if size >= 2 and total(run).overlaps(stated):
            run, size, groups = [], 0, groups + 1
    if groups >= 2 and not run:
        return "all"
    return "first" if groups >= 1 and size >= 2 else None  # one item left over is no split of a whole


def _broken_figure(ctx: AuditContext, total: Statement) -> bool:
    """ "预算支出910.4" then, after a page break, "2、7万元,其中…": an unnamed total on a line right after one that
    ends mid-figure (a digit or a point, no punctuation) is the broken figure's tail (910.47), not a total."""
    if total.sentence is None or _named(ctx, total):
        return False
    line_start = ctx.doc.text.rfind("\n", 0, total.span[0])
    return bool(_CUES.figure_cut.search(ctx.doc.text[max(0, line_start - 40) : line_start + 1]))


def _named(ctx: AuditContext, total: Statement) -> bool:
    """Do words before the total in its sentence say what it is (not only a list marker, or nothing)?"""
    if total.sentence is None:
        return True
    return bool(_CUES.unnamed.sub("", ctx.doc.text[total.sentence.start : total.span[0]]))
