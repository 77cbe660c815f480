"""COUNT_MISMATCH from the text alone: a count against the items its lead-in announces, in any layout
(``prose.enumeration``): "共5个子项目：⏎1.…⏎6.…", "分配下达至7个乡镇，分配结果如下：⏎长安镇180万元；⏎…（6 lines）",
"共实施水毁修复项目12个，分布在11个乡镇，具体为：⏎1.…⏎11.…".

Why: a report that counts things and then names them gives the reviewer two numbers of one quantity: the count and
the items. Which layout the names come in is the writer's habit, not the slip's, so one check reads every layout.

The items must be of what is counted: names of places for a count of places (each ends in a character of the noun:
"长安镇" for 乡镇; "岗南镇河道堤防修复" is no 镇), anything but a source of money for a count of projects, and,
for a count of anything else ("主要用于3个方面：⏎1.…⏎4.…", "开展了4项工作：（1）…；（2）…；（3）…。"),
items numbered 1, 2, 3… one a line or inline. Then:
- more items than the count: an error when the items are numbered or the count's noun ends every name (nothing of
  the list is a reading), else a warning;
- fewer: an error when each item carries one amount and together they make exactly a total the text states
  (``listed_total``: no item and no money is left out), a warning when the lead-in says only some may follow (a
  place may be counted that got none of the money); else a warning when the lead-in says the list is whole (如下,
  分别为, 具体为, a colon right after the noun); silent when it may name only some (其中, 主要, 包括, …等).
  A count of places or bodies then a plain 包括： whose items each stand as their own clause, each named as one of
  the counted kind ("5家县级医疗机构，包括：A医院，新建发热门诊；B医院，…", ；-split or numbered; no 等, no two places
  in one item, no two items of one body's units) is read as whole: a mismatch either way is a warning.
A 、-list holding 和/及/与 may write two names as one: its count is a doubt at most. Items each in the count's own
unit split it ("48处，具体为：城关镇5处、…"), unless the count counts places and each item is one by its own name
("涉及9个乡镇，分别为：东岗镇6个、…"); items split by ， only ("其中城关镇45.00万元，河口镇38.50万元") are read as named
places only (kinds of projects read alike), and items in the next sentence ("…6个乡镇。其中…") are a doubt at most.
Items numbered in Chinese ("（一）…（八）", "一是…；五是…") count as numbered; lines numbered like headings
("（一）…") short of the count are read only when their amounts make a sum the text writes (a doubt: they may be the
next headings). Items that each name what was done at one place of the counted kind ("9所学校，具体安排如下：⏎（一）
城关镇中心小学教学楼维修加固，168.50万元；…"), each place once, count those places: a doubt at most. A count opening
its line with 以上/上述 sums up the lines above it up to the line that announces them ("…：⏎长安镇：42.00万元⏎…⏎
以上6个乡镇合计…").
Bad: 将资金分配下达至7个乡镇，分配结果如下：⏎长安镇180万元；…（six towns, 850万元 as stated above）.
Good: the same with 6个乡镇; "覆盖12个乡镇，其中：甲镇、乙镇为重点乡镇" (some named, not all).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.enumeration import Enumeration, announced_items, item_name, restated_items
from ..prose.evidence import quote_of
from ..prose.listed_total import listed_amounts, listed_total, stated_sum
from ..prose.model import Statement
from ..prose.places import all_places, named_places, place_endings, places_opening, sub_units
from ..prose.subjects import source_label
from ..registry import check_unit
from .table_items import table_items

_CUES = cues(__name__)
_TAIL_REACH = (
    8  # characters after a count's noun that may name, once, what each listed place has ("综合文化站")
)
_PROJECT_NOUNS = ("项目", "子项目", "工程", "任务", "")


@check_unit(also=("COUNT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for count in ctx.facts.statements:
        if not _a_count(count):
            continue
        listed = announced_items(text, count) or _glued_list(ctx, count)
        if listed is None:
            # "下属事业单位5个。下属事业单位分别为：…": a later sentence names the noun again and lists them
            listed = restated_items(text, count.span, count.unit, _noun(text, count, None))
        if listed is None:
            # "共7家，完成情况见下表。" then a table numbering its rows 1, 2, 3… and closing them with 合计
            listed = table_items(text, count)
        if listed is None:
            continue
        noun = _noun(text, count, listed)
        names = _tail_shared(text, count, noun, [item_name(text, span) for span in listed.items])
        if _split_by_number(ctx, count, listed, noun, names):
            continue
        fits = _of_the_noun(noun, names, listed.numbered)
        if listed.included and not (fits and place_endings(noun) and not sub_units(noun, names)):
            # after 包括： only places or bodies of the counted kind, one each, are read as the whole; numbered
            # items or lines of anything else may still name only some ("3项工作，包括：（1）…（4）…": more is a slip)
            if not (listed.numbered or listed.layout == "lines"):
                continue
            listed = replace(listed, partial=True, included=False)
        # "9所农村学校，具体安排如下：⏎（一）城关镇中心小学教学楼维修加固，168.50万元；…": each item what was done at
        # one place of the kind, which its name opens with — a reading, so a doubt at most
        opening = None if fits else places_opening(noun, names)
        if (
            listed.layout == "commas"
            and not named_places(noun, names)
            and (listed.partial or opening is None)
        ):
            # "其中道路工程120万元，桥梁工程80万元": parts split by ， may be kinds, not the items — unless a list
            # said whole names what was done at one place of the kind each ("分别为：甲镇中心学校…维修，…")
            continue
        if not (fits or opening) or _nearer_count_names_them(ctx, count, listed, names):
            continue
        if listed.restated and _money_short(ctx, count, listed):
            continue
        items = len(listed.items)
        ctx.facts.mark(count)
        if items == count.value:
            continue
        finding = _finding(ctx, count, listed, noun, items, doubt=opening is not None)
        if finding is not None:
            yield finding


def _tail_shared(text: str, count: Statement, noun: str, names: list[str]) -> list[str]:
    """ "12个乡镇综合文化站…：城关镇、…、三合镇综合文化站": the words after the count's noun written once, on the last
    name only, are every name's; the last name without them is the place, as the others are."""
    if not noun or not text.startswith(noun, count.span[1]) or len(names) < 2:
        return names
    after = text[count.span[1] + len(noun) : count.span[1] + len(noun) + _TAIL_REACH]
    last = names[-1]
    for k in range(len(after), 1, -1):
        tail = after[:k]
        if last.endswith(tail) and len(last) > k and not any(n.endswith(tail) for n in names[:-1]):
            return [*names[:-1], last[:-k]]
    return names


def _glued_list(ctx: AuditContext, count: Statement) -> Enumeration | None:
    """ "全县14个乡镇154个村卫生室…，分别为：⏎甲镇15个，12.00万元；⏎…": a count of places glued by its noun alone
    to a count of what they hold, whose list splits that second count by place (each item a place and its number
    of it): the items are the first count's places, one each."""
    text = ctx.doc.text
    noun = count.extra.get("noun", "")
    if not noun or place_endings(noun) is None:
        return None
    glued = next(
        (
            s
            for s in ctx.facts.statements
            if s.kind == "count"
            and s.span[0] == count.span[1] + len(noun)
            and text.startswith(noun, count.span[1])
        ),
        None,
    )
    listed = None if glued is None else announced_items(text, glued)
    if glued is None or listed is None:
        return None
    names = [item_name(text, span) for span in listed.items]
    if not _split_by_number(ctx, glued, listed, _noun(text, glued, listed), names):
        return None
    return listed


def _split_by_number(
    ctx: AuditContext, count: Statement, listed: Enumeration, noun: str, names: list[str]
) -> bool:
    """Whether each item writes a number in the count's own unit ("48处，具体为：城关镇5处、龙泉镇6处…",
    "指标33个，分别为数量指标23个、…"): the items split the count's number, they are not its items — unless the
    count counts places and every item is named as one of them ("涉及8个乡镇，分别为：东岗镇6个、石桥镇5个…"):
    then each item is a place counted, with a number of something else, unless the numbers add up to the count."""
    own = [
        [s for s in _statements_in(ctx, span) if s.kind == "count" and s.unit == count.unit]
        for span in listed.items
    ]
    if not all(own):
        return False
    if not named_places(noun, names):
        return True
    return sum(found[0].value for found in own) == count.value


def _money_short(ctx: AuditContext, count: Statement, listed: Enumeration) -> bool:
    """Whether a list announced apart from its count carries amounts that make no total the text states: a place
    may be left out of it (one that got no money), so it proves nothing of the count."""
    spans = list(listed.items)
    return listed_amounts(ctx, spans) is not None and listed_total(ctx, count, spans) is None


def _statements_in(ctx: AuditContext, span: tuple[int, int]) -> list[Statement]:
    return [s for s in ctx.facts.statements if span[0] <= s.span[0] and s.span[1] <= span[1]]


def _nearer_count_names_them(
    ctx: AuditContext, count: Statement, listed: Enumeration, names: list[str]
) -> bool:
    """ "奖补项目18个，其中…3个，覆盖7个乡镇，分别为城关镇、…": another count between this one and the lead-in's
    end whose kind of place the names are, or any count there when this one counts no projects, owns the list."""
    nearer = [s for s in _statements_in(ctx, listed.lead) if s.kind == "count" and s is not count]
    if not nearer:
        return False
    if place_endings(_noun(ctx.doc.text, count, listed)) is not None:
        return True
    return any(
        _of_the_noun(s.extra.get("noun", ""), names) and place_endings(s.extra.get("noun", ""))
        for s in nearer
    )


def _a_count(count: Statement) -> bool:
    return (
        count.kind == "count"
        and count.origin == "prose"
        and count.exact_claim
        and bool(_CUES.counted_units.match(count.unit or ""))
        and count.value == int(count.value)
    )


def _noun(text: str, count: Statement, listed: Enumeration | None) -> str:
    """What the count counts: the noun after it ("7个乡镇"), or the one right before it ("项目12个")."""
    lead = "" if listed is None or listed.restated else text[slice(*listed.lead)]
    after = count.extra.get("noun") or _bare(lead, long=listed is not None and listed.included)
    if after:
        return after
    before = _CUES.noun_before.search(text, max(0, count.span[0] - 12), count.span[0])
    return before.group("noun") if before else ""


def _bare(lead: str, long: bool = False) -> str:
    """The noun a lead-in opens with, its bracketed note dropped ("乡镇（街道）" → 乡镇); a longer one too when it is a
    kind of body (``long``: "县级医疗机构，包括：")."""
    noun = ""
    for char in lead:
        if not ("\u4e00" <= char <= "\u9fff"):
            break
        noun += char
    return noun if len(noun) <= 4 or (long and place_endings(noun)) else ""


def _of_the_noun(noun: str, names: list[str], numbered: bool = False) -> bool:
    """Whether the listed names are things of the counted kind: places of a count of places, no sources of money
    for a count of projects; for a count of anything else ("3个方面：⏎1.…⏎4.…", "4项工作：（1）…；（2）…；（3）…。"),
    items numbered 1, 2, 3… one a line or inline."""
    if not all(names) or any(source_label(name) for name in names):
        return False
    if place_endings(noun) is not None:
        return all_places(noun, names)
    return noun in _PROJECT_NOUNS or noun.endswith(_PROJECT_NOUNS[:-1]) or numbered


def _finding(
    ctx: AuditContext, count: Statement, listed: Enumeration, noun: str, items: int, doubt: bool = False
) -> Finding | None:
    text = ctx.doc.text
    whole = listed_total(ctx, count, list(listed.items))
    if items > count.value:
        proven = listed.numbered or whole is not None or place_endings(noun) is not None
        proven = proven and not listed.apart  # "4个乡镇和1个街道。其中…": the list may be both counts'
    elif whole is not None:
        # after 其中 a place may be counted that got no money of the list: a doubt
        proven = not listed.partial
    elif listed.headed:
        # "（一）…" lines may be the report's next headings: short of the count only when their amounts make a sum
        # the text writes elsewhere (a doubt: that sum is not named the list's whole)
        if listed.partial or stated_sum(ctx, list(listed.items)) is None:
            return None
        proven = False
    elif not listed.partial:
        proven = False
    else:
        return None
    how = "逐行列出" if listed.layout == "lines" else "列出"
    message = f"文中写 {count.text}，其{'前' if listed.above else '后'}{how}的是 {items} 项"
    if whole is not None:
        ctx.facts.mark(whole)
        message += f"；各项金额合计正等于文中所写 {whole.text}" + (
            ""
            if items > count.value
            else "，所列若非全部（“其中”“主要”），则不矛盾"
            if listed.partial
            else "，所列应已齐全"
        )
    if listed.included:
        message += "（“包括”后各项分列、未写“等”，若为全部则与所写数量不一致）"
    return ctx.relation_finding(
        "COUNT_MISMATCH",
        message,
        count.span,
        expected=f"{items}{count.unit}",
        found=count.text,
        proven=proven and not doubt and not listed.included,  # 包括 may name only some
        quote=quote_of(text, count),
    )
