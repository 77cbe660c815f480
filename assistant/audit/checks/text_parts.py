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
with no figure: "，其余资金统筹用于…", "，其余为…"), or led by 主要用于/主要包括,
says it names some parts only: short of the total, no finding. So does a 其中 of counts summing to under half the
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
A run of parts summing above the total that is no single split of it is no finding: its last part restating the
total the others make (a restated total read as one more part, "上述五项合计…"), or flows with an outflow among them
beside a stock ("累计312人，其中新接收148人、解除136人，年末在册176人").
A list with a cut among its items (下达…1.53万元,其中:…补偿资金调减2.66万元,造林补助2.42万元…) is no sum of additions:
the total may be the net of additions and cuts, so no finding either way.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, show_interval, show_value, span_of
from ..prose.interval import total
from ..prose.model import Statement, list_places
from ..prose.parts import Breakdown
from ..prose.parts_rules import compatible, down_to_holder, levels_only
from ..prose.places import all_places, name_before, named_places
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(
    also=("TOTAL_MISMATCH", "COUNT_MISMATCH", "UNIT_SUSPECT"),
    basis="text",
)
def check(ctx: AuditContext) -> list[Finding]:
    facts = ctx.facts
    findings: list[Finding] = [f for b in facts.breakdowns if b.items for f in _counted_items(ctx, b)]
    for listed in facts.breakdowns:
        breakdown = _own_kind(listed)
        members = [breakdown.total, *breakdown.parts]
        places = list_places(
            list(breakdown.parts)
        )  # one list is written at one precision; the total at its own
        summed = total([p.interval(places) for p in breakdown.parts])
        stated = breakdown.total.interval()
        facts.mark(*members)
        if summed.overlaps(stated) or _with_cuts(ctx, breakdown) or _other_things_counted(ctx, breakdown):
            continue
        if _each_a_place(ctx, breakdown):
            continue
        if _broken_figure(ctx, breakdown.total):
            continue
        split = _sibling_splits(breakdown, places)
        if split == "all":
            continue  # "三级指标12个，其中产出7个、效益4个、满意度1个，全部完成的11个，部分完成的1个": two splits
        above = stated.below(summed)
        if above and _whole_within(ctx, breakdown, places):
            continue  # "累计312人，其中新接收148人、解除矫正136人，年末在册176人": 136 + 176 make it; not one split
        slip = _unit_slip(breakdown)
        if slip is not None and not above and (_etc(ctx, breakdown) or _main_ones(ctx, breakdown)):
            # "主要用于：A 260.00万元，B 89.20元，C 130.80万元" under 480万元: a list that says it names the main parts
            # only, yet makes the total exactly with one unit read as the others': a doubt about that unit
            findings.append(_slip_finding(ctx, breakdown, slip, False))
            continue
        if slip is not None and not above and levels_only(breakdown.parts):
            # "资金312.48万元，其中：中央275.68万元，省级36.80元": levels that stop above the local one may leave a
            # share unlisted, but not one that the slip's unit makes exactly zero: the sum proves the unit
            findings.append(_slip_finding(ctx, breakdown, slip, all(m.exact_claim for m in members)))
            continue
        if not above and (breakdown.unread or _unread_figure(ctx, breakdown) or _listed_on(ctx, breakdown)):
            continue  # an item not read as a part may make up the rest: only a sum above the total is proven
        if (
            not above
            and not breakdown.exhaustive
            and levels_only(breakdown.parts)
            and not _to_holder(ctx, breakdown)
        ):
            continue  # levels that stop above the local one: the local share is simply not listed
        if not above and _nested_split(ctx, breakdown):
            continue  # "其中80万元…作了分配：甲8万、乙6万…": the parts after the colon split that part, not the total
        if not above and not breakdown.exhaustive and _nearer_whole(ctx, breakdown):
            continue  # "收入318.26万元，支出314.93万元，…其中项目支出47.74万元，年末结余3.33万元": whose share is a reading
        if not above and _one_year_of_many(ctx, breakdown):
            continue  # "截至2024年底累计完成412万画幅；其中2024年当年…完成98万画幅": one year's share of all years
        if not above and _etc(ctx, breakdown):
            continue  # "其中中央资金200万元，省级资金60万元等": the list says it names some parts only
        if not above and _runs_on(ctx, breakdown):
            continue  # "…其他收入14.22万元，⏎上年结转32.04万元。": the line broke the list, not its end
        if not above and not breakdown.exhaustive and breakdown.cue == "共":
            continue  # counts found apart, tied by what they count only: none says the rest is not elsewhere
        if not above and _more_counted(ctx, breakdown):
            continue  # "年初预算项目73个,…经费15690.38万元,具体包括:A…、B…" with eleven named: some of them only
        if not above and not breakdown.exhaustive and _main_ones(ctx, breakdown):
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
        findings.append(
            ctx.relation_finding(
                "TOTAL_MISMATCH",
                f"所列 {len(breakdown.parts)} 项（{written}）之和为 {show_interval(summed, t)}，"
                f"{relation}文中总数 {t.text}{partial}",
                _span(t, breakdown.parts),
                expected=show_value(summed.mid, t),
                found=t.text,
                proven=proven,
                quote=quote_of(ctx.doc.text, t),
            )
        )
    return findings


_WAN = Decimal(10000)


def _exact(member: Statement) -> bool:
    """A stated value; a total said of a moment (截至8月底…75.20亿元，其中：…) is one too, its parts being of the
    same moment."""
    return member.exact_claim or (member.role == "timed" and member.hedge is None and member.high is None)


def _etc(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Does 等 follow the last part ("…省级资金60万元等。"), or close the enumeration it ends after items named
    without an amount ("…展览36.20万元、群众文化活动、场馆运行维护等。"), or does the rest of the money follow with no
    amount ("…，其余用于管理员培训等。")? The list then says it names some of its parts only."""
    end = breakdown.parts[-1].span[1]
    text = ctx.doc.text
    return bool(
        _CUES.etc_after.match(text, end)
        or _CUES.etc_after_items.match(text, end)
        or _CUES.rest_unamounted.match(text, end)  # "…，其余用于礼堂管理员培训等。"
    )


def _runs_on(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Does the line break right after the last part's comma ("…其他收入14.22万元，⏎上年结转32.04万元。")? Text
    copied from a PDF keeps the page's line breaks, which end a sentence here; a clause mark before the break says
    the list goes on in the next line, unread as a part of it."""
    return bool(_CUES.runs_on.match(ctx.doc.text, breakdown.parts[-1].span[1]))


def _more_counted(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Does the total's sentence count, before the list, more items (个, 项) than the list names? "我局年初预算项目
    73个,预算项目经费15690.38万元,具体包括:A…、B…" naming eleven says it names some of the 73 only.
    Not when the items carry counts of that unit themselves ("项目共计10个,…其中“优”的项目6个…50万元;“良”的项目4个
    …40万元"): the buckets are then all of the counted items.
    Nor when the items are fund sources ("12项民生工程共需筹集资金73.6亿元,其中中央…,省级…,市县…"): they split the
    money by who pays, not by item."""
    total, first, last = breakdown.total, breakdown.parts[0], breakdown.parts[-1]
    if total.kind != "amount" or any(
        p.subject is not None and p.subject.kind == "source" for p in breakdown.parts
    ):
        return False
    counted = [
        s
        for s in ctx.facts.in_sentence(total.sentence)
        if s.kind == "count" and s.unit in ("个", "项") and s.span[1] <= first.span[0]
    ]
    return any(
        c.value > len(breakdown.parts)
        and not any(
            s.kind == "count" and s.unit == c.unit and c.span[1] <= s.span[0] < last.span[1]
            for s in ctx.facts.statements
        )
        for c in counted
    )


def _nearer_whole(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Does an amount stand between the total and its list that some part can be a share of ("全年收入318.26万元，
    支出314.93万元，预算执行率98.95%，其中项目支出47.74万元，年末结余3.33万元，“三公”经费5.07万元")? Each item may then
    split the amount of its own 口径 (项目支出 the 支出, 结余 the 收入): that the list is one total's parts is a
    reading, and falling short of it proves nothing."""
    total, first = breakdown.total, breakdown.parts[0]
    if first.sentence is not total.sentence:
        return False  # "下达4,386万元，其中中央…，省级…。…分配至6个县，分别为：…": that sentence's 其中 is its own
    return any(
        s.kind == "amount"
        and s.role == "value"
        and total.span[1] <= s.span[0]
        and s.span[1] <= first.span[0]
        and any(compatible(s, p) for p in breakdown.parts)
        for s in ctx.facts.in_sentence(total.sentence)
    )


def _one_year_of_many(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Is the total summed over years (累计, 以来) and its list led by one year ("截至2024年底累计投入1288万元，其中
    2024年当年投入356万元"): the parts are that year's, a share of the whole only, short of it by the other years."""
    total, first = breakdown.total, breakdown.parts[0]
    sentence = total.sentence
    if sentence is None or first.span[0] <= total.span[1]:
        return False
    head = ctx.doc.text[sentence.start : total.span[0]]
    clause = _CUES.clause_mark.split(head)[-1]  # "累计投入…万元，全年完成50个": the 累计 of another clause
    return bool(_CUES.cumulative_total.search(clause) or _CUES.since_year.search(head)) and bool(
        _CUES.one_year_lead.search(ctx.doc.text[total.span[1] : first.span[0]])
    )


def _main_ones(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Is the paragraph of the total led by a line announcing its main items ("主要税种收入完成情况："), or does the
    first part's own sentence say the list names the main uses ("资金主要用于图书购置48.30万元、…")?"""
    sentence, first = breakdown.total.sentence, breakdown.parts[0]
    if sentence is None:
        return False
    if _CUES.main_lead.search(ctx.doc.text[max(0, sentence.para_start - 40) : sentence.para_start]):
        return True
    own = first.sentence
    return own is not None and bool(_CUES.main_uses.search(ctx.doc.text[own.start : first.span[0]]))


def _to_holder(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Do the levels run from 中央 down to the level that issues or holds the money (``down_to_holder``)? Then the
    list is every level that can pay into it, and a shortfall is a doubt like any other 其中 list's."""
    first, last = breakdown.total.sentence, breakdown.parts[-1].sentence
    if first is None or last is None:
        return False
    return down_to_holder(breakdown.parts, ctx.doc.text[first.start : last.end], ctx.doc.text)


def _nested_split(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Does a part open a list of its own ("其中80万元洪涝灾害资金作了分配：水东8万、狸桥6万…")? A colon after a word
    that splits money, with the parts after it adding up to no more than that part: they are its shares, and the
    list says nothing of the rest of the total."""
    text = ctx.doc.text
    parts = breakdown.parts
    for k, part in enumerate(parts[:-1]):
        between = text[part.span[1] : parts[k + 1].span[0]]
        if not _CUES.opens_own_list.search(between):
            continue
        rest = total([p.interval() for p in parts[k + 1 :]])
        if not part.interval().below(rest):
            return True
    return False


def _unit_slip(breakdown: Breakdown) -> tuple[Statement, str] | None:
    """The one member written in 元 (or 万元) that, read in the other unit, makes the parts sum to the total:
    "补助471.23元，其中中央补助189.63万元、地方财政补助281.6万元" (471.23 万元 = 189.63 + 281.6)."""
    members = [breakdown.total, *breakdown.parts]
    if breakdown.total.kind != "amount":
        return None
    fixes = []
    for member in members:
        if member.unit == "元":
            other, shown = replace(member, value=member.value * _WAN, factor=member.factor * _WAN), "万元"
        elif member.unit in ("万元", "万"):
            other, shown = replace(member, value=member.value / _WAN, factor=member.factor / _WAN), "元"
        else:
            continue
        whole = other if member is breakdown.total else breakdown.total
        parts = [other if p is member else p for p in breakdown.parts]
        exact = list_places([whole, *parts])  # the slip must give the total at the finest written precision
        if total([p.interval(exact) for p in parts]).overlaps(whole.interval(exact)):
            fixes.append((member, shown))
    return fixes[0] if len(fixes) == 1 else None


def _slip_finding(
    ctx: AuditContext, breakdown: Breakdown, slip: tuple[Statement, str], proven: bool
) -> Finding:
    member, unit = slip
    raw = format(member.raw.normalize(), "f")
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


def _counted_items(ctx: AuditContext, breakdown: Breakdown) -> list[Finding]:
    """ "资金614.015万元，实施项目10个，分别是：(1)…(9)…": the count before a numbered list against its items."""
    t = breakdown.total
    first = breakdown.parts[0].span[0]
    counts = [
        s
        for s in ctx.facts.in_sentence(t.sentence)
        if s.kind == "count"
        and s.role == "value"
        and s.unit in ("个", "项")
        and s.span[1] <= first
        and (s.extra.get("noun", "").startswith("项目") or ctx.doc.text[s.span[0] - 2 : s.span[0]] == "项目")
    ]
    if not counts:
        return []
    count = counts[-1]
    ctx.facts.mark(count)
    if count.value == breakdown.items:
        return []
    return [
        ctx.relation_finding(
            "COUNT_MISMATCH",
            f"文中写 {count.text}，其后逐项列出的是 {breakdown.items} 项",
            span_of(count, *breakdown.parts),
            expected=f"{breakdown.items}个",
            found=count.text,
            proven=count.exact_claim,
            quote=quote_of(ctx.doc.text, count),
        )
    ]


def _span(total: Statement, parts: tuple[Statement, ...]) -> tuple[int, int]:
    """The total with its parts when they sit in its sentence; a list of the same paragraph found apart from
    its total ("…共计671037万元。…其余583808万元") is part of what disagrees, so the span covers it too."""
    if total.sentence is not None and all(
        p.sentence is not None and p.sentence.para_start == total.sentence.para_start for p in parts
    ):
        return min(total.span[0], parts[0].span[0]), max(total.span[1], parts[-1].span[1])
    return span_of(total, *parts)


def _with_cuts(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Is an item of the list a cut (调减, 核减, 追减, 收回…) rather than an addition?"""
    members = (breakdown.total, *breakdown.parts)
    start, end = min(m.span[0] for m in members), max(m.span[1] for m in members)
    return bool(_CUES.cut.search(ctx.doc.text, start, end))


def _other_things_counted(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Do the parts count another thing than the total ("5个…项目" against "10个标段")? Each part names its noun right
    after its count, and none of those nouns is in the total's sentence before it or in the words after it (up to
    the next number). A part whose whole noun ends as the total's does count the total's kind.

    The noun here is the ``counted_noun`` cue, the first two characters after the count, not the statement's
    ``extra["noun"]``: that one is the whole noun when plain to see, so it runs on into the words after it
    ("10个标段招标" → 标段招标, absent from the total's "分为10个标段") and is None past four characters
    ("5个特大型地质灾害…"); the head of two characters is what the total's words can be searched for."""
    if breakdown.total.kind != "count":
        return False
    # "共有10个机构单位，其中3个行政部门…和7个事业单位": a part's noun ending as the total's (单位) counts its kind
    head = (breakdown.total.extra.get("noun") or "")[-2:]
    if len(head) == 2 and any((p.extra.get("noun") or "").endswith(head) for p in breakdown.parts):
        return False
    text = ctx.doc.text
    nouns = [_CUES.counted_noun.match(text, p.span[1]) for p in breakdown.parts]
    if not all(nouns):
        return False
    total = breakdown.total
    after = _CUES.up_to_number.match(text, total.span[1])
    before = text[total.sentence.start : total.span[0]] if total.sentence else ""
    words = before + (
        after.group() if after else ""
    )  # "实施项目15个" and "5个…项目" both name what they count
    return bool(words) and not any(n.group() in words for n in nouns if n)


def _own_kind(breakdown: Breakdown) -> Breakdown:
    """ "涉及6个乡镇，分别为：城关镇12个村、…，共计48个村": a count of another noun (乡镇) among counts of the
    total's own (村) is no part of it: the parts of the total's noun only, when two or more are."""
    total = breakdown.total
    noun = total.extra.get("noun") or ""
    if total.kind != "count" or not noun:
        return breakdown
    nouns = [p.extra.get("noun") or "" for p in breakdown.parts]
    own = tuple(p for p, n in zip(breakdown.parts, nouns, strict=True) if n == noun)
    others = [n for n in nouns if n != noun]
    if len(own) < 2 or not others or not all(others):
        return breakdown
    return replace(breakdown, parts=own)


def _each_a_place(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """ "涉及9个乡镇，分别为：东岗镇6个、石桥镇5个…": the total counts places and each part follows the name of one
    place of that kind: each part is that place's figure of something else (centres built there), no share of the
    places ("覆盖12个村，其中城关镇5个、…" is one: towns are no villages).
    A list naming as many distinct places of the counted kind as the count ("26个饭堂分布于8个街道，其中东湖街道5个、
    西江街道4个…" with eight streets named) names the counted places one by one, even where each name ends with the
    noun itself (a split by kind, "山区乡镇8个，平原乡镇5个" of 12个乡镇, names fewer kinds than the count)."""
    total = breakdown.total
    if total.kind != "count":
        return False
    noun = total.extra.get("noun") or ""
    names = [name_before(ctx.doc.text, p.span[0]) for p in breakdown.parts]
    if named_places(noun, names):
        return True
    return (
        len(names) >= 3
        and total.value == len(names)
        and len(set(names)) == len(names)
        and all_places(noun, names)
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


def _unread_figure(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """ "其中副研究馆员1人,图书资料馆4员人,助理馆员2人": a digit between the parts that no statement holds is an
    item the copy garbled; the parts read are not all of them."""
    first, last = breakdown.parts[0], breakdown.parts[-1]
    held = [s.span for s in ctx.facts.statements if first.span[0] <= s.span[0] and s.span[1] <= last.span[1]]
    return any(
        not any(a <= m.start() < b for a, b in held)
        for m in _CUES.garbled_figure.finditer(ctx.doc.text, first.span[0], last.span[1])
    )


def _listed_on(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """ "其中猪148.2万头、牛12.6万头、羊38.5万只、禽87.1万羽": the enumeration goes on after the last part read with
    another item and its figure (in another unit, so not summed): the parts read are not all of the list."""
    last = breakdown.parts[-1]
    if last.sentence is None:
        return False
    rest = ctx.doc.text[last.span[1] : last.sentence.end]
    found = _CUES.listed_on.match(rest)
    if found is None:
        return False
    lead = rest[: found.group(0).index("、")]
    # "（中央和省级补助172万元，本级配套3万元）、图书馆…": a bracket closed there ends the list; the next item is outside
    return lead.count("）") + lead.count(")") <= lead.count("（") + lead.count("(")


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
