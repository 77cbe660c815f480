"""Readings that say a list falling short of its total names only some of the total's parts (``text_parts``): no
finding, or no proof. Each is a wording or layout many reports share.

Bad: "其中中央资金200万元，省级资金60万元等" against 300万元 called a contradiction (等 says the list is partial).
Good: silent for 等 after the last part (or after items named without an amount, or the rest named with no figure:
"，其余用于…"), a list led by 主要用于/主要包括 or under a line "主要…：", a line break after the last part's comma (a
PDF cut the list), more items counted before the list than it names, an amount between the total and its list that
a part may split, one year's share of a total over years (累计…，其中2024年当年…), a part opening a list of its own
(其中80万元…作了分配：…), a digit between the parts no statement holds (a garbled item), the enumeration going
on after the last part read, and a total whose own clause counts or names more members than the list holds ("…1,200万元
和…380万元，三批合计2,030万元" with the first batch in the paragraph before; "“三公”经费和会议费、培训费合计16.85万元"
after the last two only). Levels from 中央 down to the money's holder (``parts_levels.down_to_holder``) are every
level that can pay: short of the total, a doubt like any 其中 list.
"""

from __future__ import annotations

from itertools import pairwise

from ...numbers.numerals import parse_chinese_numeral
from ..context import AuditContext
from ..cues import cues
from ..prose.interval import total
from ..prose.model import Statement
from ..prose.parts import Breakdown
from ..prose.parts_levels import down_to_holder
from ..prose.parts_rules import compatible

_CUES = cues(__name__)


def etc(ctx: AuditContext, breakdown: Breakdown) -> bool:
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


def runs_on(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Does the line break right after the last part's comma ("…其他收入14.22万元，⏎上年结转32.04万元。")? Text
    copied from a PDF keeps the page's line breaks, which end a sentence here; a clause mark before the break says
    the list goes on in the next line, unread as a part of it."""
    return bool(_CUES.runs_on.match(ctx.doc.text, breakdown.parts[-1].span[1]))


def more_counted(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Does the total's sentence count, before the list, more items (个, 项) than the list names? "我局年初预算项目
    73个,预算项目经费15690.38万元,具体包括:A…、B…" naming eleven says it names some of the 73 only.
    Not when the items carry counts of that unit themselves ("项目共计10个,…其中“优”的项目6个…50万元;“良”的项目4个
    …40万元"): the buckets are then all of the counted items.
    Nor when the items are fund sources ("12项民生工程共需筹集资金73.6亿元,其中中央…,省级…,市县…"): they split the
    money by who pays, not by item."""
    total, last = breakdown.total, breakdown.parts[-1]
    if total.kind != "amount" or any(
        p.subject is not None and p.subject.kind == "source" for p in breakdown.parts
    ):
        return False
    return any(
        c.value > len(breakdown.parts)
        and not any(
            s.kind == "count" and s.unit == c.unit and c.span[1] <= s.span[0] < last.span[1]
            for s in ctx.facts.statements
        )
        for c in _items_counted(ctx, breakdown)
    )


def _items_counted(ctx: AuditContext, breakdown: Breakdown) -> list[Statement]:
    """The counts of items (个, 项) the total's sentence states before the list ("项目共计113个")."""
    return [
        s
        for s in ctx.facts.in_sentence(breakdown.total.sentence)
        if s.kind == "count" and s.unit in ("个", "项") and s.span[1] <= breakdown.parts[0].span[0]
    ]


def counts_close(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Does each item carry a count of the things the total's sentence counts, the counts adding up to it ("项目共计
    113个…其中“优”的项目79个…3038.38万元;“良”的项目11个…201.9万元,“中”的项目3个…7万元,“差”的项目20个…218.07万元")?
    The list is then the whole by its own figures, not by reading."""
    total, parts = breakdown.total, breakdown.parts
    bounds = [total.span[1], *(p.span[1] for p in parts)]
    for whole in _items_counted(ctx, breakdown):
        inner = [
            [
                s
                for s in ctx.facts.statements
                if s.kind == "count" and s.unit == whole.unit and low <= s.span[0] < high
            ]
            for low, high in pairwise(bounds)
        ]
        if all(len(i) == 1 for i in inner) and sum(i[0].value for i in inner) == whole.value:
            return True
    return False


def nearer_whole(ctx: AuditContext, breakdown: Breakdown) -> bool:
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


def one_year_of_many(ctx: AuditContext, breakdown: Breakdown) -> bool:
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


def main_ones(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Is the paragraph of the total led by a line announcing its main items ("主要税种收入完成情况："), or does the
    first part's own sentence say the list names the main uses ("资金主要用于图书购置48.30万元、…")?"""
    sentence, first = breakdown.total.sentence, breakdown.parts[0]
    if sentence is None:
        return False
    if _CUES.main_lead.search(ctx.doc.text[max(0, sentence.para_start - 40) : sentence.para_start]):
        return True
    own = first.sentence
    return own is not None and bool(_CUES.main_uses.search(ctx.doc.text[own.start : first.span[0]]))


def selection(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Does the list say it picks out some members only: the largest or the main ones ("累计发放986.40万元。按县区分，
    发放较多的有东城区215.60万元、西湖县198.30万元", "排名前三的是…", "其中重点支持…", "例如…"), or rank them after the
    last part ("…，位居全市前两位")? Whatever splits the list is written with (按县区分, 分别为), a selection is no
    full split: short of the total it says nothing."""
    total, first, last = breakdown.total, breakdown.parts[0], breakdown.parts[-1]
    own = first.sentence
    if own is None:
        return False
    start = total.span[1] if total.sentence is own and total.span[1] <= first.span[0] else own.start
    text = ctx.doc.text
    return bool(
        _CUES.selection_lead.search(text[start : first.span[0]])
        or _CUES.selection_after.match(text[last.span[1] : last.span[1] + 24])
    )


def to_holder(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Do the levels run from 中央 down to the level that issues or holds the money (``down_to_holder``)? Then the
    list is every level that can pay into it, and a shortfall is a doubt like any other 其中 list's."""
    first, last = breakdown.total.sentence, breakdown.parts[-1].sentence
    if first is None or last is None:
        return False
    return down_to_holder(breakdown.parts, ctx.doc.text[first.start : last.end], ctx.doc.text)


def nested_split(ctx: AuditContext, breakdown: Breakdown) -> bool:
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


def unread_figure(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """ "其中副研究馆员1人,图书资料馆4员人,助理馆员2人": a digit between the parts that no statement holds is an
    item the copy garbled; the parts read are not all of them."""
    first, last = breakdown.parts[0], breakdown.parts[-1]
    held = [s.span for s in ctx.facts.statements if first.span[0] <= s.span[0] and s.span[1] <= last.span[1]]
    return any(
        not any(a <= m.start() < b for a, b in held)
        for m in _CUES.garbled_figure.finditer(ctx.doc.text, first.span[0], last.span[1])
    )


def listed_on(ctx: AuditContext, breakdown: Breakdown) -> bool:
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


def more_members(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Does the total's own clause count ("三批合计", "以上5项共计") or name ("“三公”经费和会议费、培训费合计") more
    members than the list holds? The rest were stated elsewhere (a batch in the paragraph before, a kind in the
    section above): the list read is not the whole, so its sum falling short proves nothing."""
    text, total = ctx.doc.text, breakdown.total
    start = max(text.rfind(mark, 0, total.span[0]) for mark in "，,。；;：:\n") + 1
    start = max(start, breakdown.parts[-1].span[1] if breakdown.parts[-1].span[1] <= total.span[0] else start)
    clause = text[start : total.span[0]]
    counted = _CUES.members_counted.search(clause)
    if counted is not None:
        try:
            value = (
                int(counted.group("n"))
                if counted.group("n").isdigit()
                else int(parse_chinese_numeral(counted.group("n")))
            )
        except ValueError:
            return False
        return value > len(breakdown.parts)
    named = _CUES.members_named.search(clause)
    if named is None or any(ch.isdigit() for ch in named.group("names")):
        return False
    return len(_CUES.member_join.split(named.group("names"))) > len(breakdown.parts)
