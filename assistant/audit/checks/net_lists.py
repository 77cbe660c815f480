"""COUNT_MISMATCH net: a count ("9个乡镇", "7所学校", "维修项目9处", "下辖11个行政村") against the items enumerated
right after it, read by form rather than by the sentence's words.

Why: writers forget an item (or add one) when they copy a list, and the lead-in to the list comes in endless
wordings (分别为, 即, 包括, 为：, a bracket, a colon and one item a line, a table whose rows are the items). The
statement readers take some of those wordings; this net takes the count from the raw number mentions, finds the
list that opens within the count's sentence (a bracket, a colon or a 分别为-like word) and counts its items by
their shape: 、/；-separated short names, or lines one per item (numbered or not, table rows without the header or
合计 row).

Bad: "全县14个乡镇，分别为：甲镇、乙镇、…" naming 13; "共维修水厂5处：⏎1.东岭水厂…⏎4.…" (four lines).
Good: silent when the list says it is partial (其中, 主要, 部分, 重点, 如, 等 at its end or after an item), when the
items are not names of the counted kind, or when the count and the list agree. A 重点/主要 glued to the count
("8个重点乡镇新建…检查站，分别为…") names the kind counted: its list is the whole of that kind.
An error only when every item's name ends as the counted noun ends (镇/乡/街道 of 乡镇, 校/学 of 学校, 村 of 村) and
the lead-in is one that announces the whole list (分别为, 即, 具体为, a colon, a bracket); otherwise a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from assistant.numbers import find_numbers
from assistant.numbers.model import NumberMention

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.enumeration import restated_items
from ..registry import check_unit
from .net_list_money import MONEY_REACH, each_writes_amount, last_item, money_lead
from .net_list_names import (
    LAST_JOIN,
    NAME,
    NUMBERING,
    common_tail,
    item_name,
    item_style,
    joined_last,
    kind_endings,
    kind_pattern,
    of_kind,
    place_kind,
    shared_tail,
)
from .net_list_shares import shared_lines

_CUES = cues(__name__)
_CLASSIFIERS = frozenset("个所处家座项名")
_LEAST, _MOST = 3, 30  # counts this net reads: fewer items are too few to call a list, more are tables
_NAME_MOST = 14  # characters of one name in a 、-run ("甲镇甲镇中心小学")
_LEAD_REACH = 24  # characters from the count to the word or mark that opens its list
_LINES_REACH = 40  # lines below a colon that may hold the items
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]+)"
)
_COMPARED = re.compile(r"[，,](?:较|比|同比|与)[^，,：:]*")  # "，较上年（6所）增加3所": a comparison, no list
_TOTAL_ROW = re.compile(r"合计|小计|总计|共计|总体|^\s*$")


@check_unit(also=("COUNT_MISMATCH",), basis="text", net=True)
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for count in find_numbers(text):
        if count.kind != "count" or count.unit not in _CLASSIFIERS or count.places or count.hedge:
            continue
        if not _LEAST <= count.value <= _MOST:
            continue
        if _COMPARED.search(text[max(0, count.start - 12) : count.start].rsplit("。", 1)[-1]):
            continue  # the change against another year ("较上年增加3所"), not the count of the list
        noun = _noun(text, count)
        if noun is None:
            continue
        opened = _opening(text, count) or _restated(text, count, noun) or _shared(text, count, noun)
        if opened is None:
            continue
        at, whole, named, places, money = opened
        restated = named and not whole  # a later sentence's list: its own lead-in, not this clause's words
        items = _items(text, at, money, kind_endings(noun))
        if items is None or len(items) < _LEAST or len(items) == count.value:
            continue
        if money and not each_writes_amount(text, at, [end for _, end in items]):
            continue
        endings = kind_endings(noun)
        items = shared_tail(items, noun)
        alike = bool(endings) and all(of_kind(n, endings) for n, _ in items)
        if not alike and _own_counts(text, at, items, count.unit or ""):
            continue
        # a list its lead-in names as the whole set of the counted things (分别为, 分别位于, a restating sentence):
        # its items are what the count counts whatever their names' endings
        loose = endings or not _same_form(text, at, items)
        if not alike and not restated and (_new_clause(text[count.end : at]) or (loose and not named)):
            continue
        if not alike and not _named_whole(text, at, items, noun, places):
            continue
        if not restated and _own_subject("" if money else text[count.end : at], noun):
            continue
        span = (count.start, items[-1][1])
        names = "、".join(n for n, _ in items[:15])
        yield ctx.relation_finding(
            "COUNT_MISMATCH",
            f"文中写{_written(text, count, noun)}，其后逐一列出的是 {len(items)} 个（{names}）",
            span,
            expected=f"{len(items)}{count.unit}",
            found=count.text,
            proven=alike and whole,
            quote=text[count.start : min(items[-1][1], count.start + 160)],
        )


def _noun(text: str, count: NumberMention) -> str | None:
    """What the count counts: the noun after it ("9个乡镇"), else the words right before it ("维修项目9处")."""
    if count.noun:
        return count.noun
    # "15所义务教育学校": a counted kind with words of its own ahead of it, read up to the kind's name
    own = _CUES.own_kind.match(text[count.end : count.end + 12])  # "8个重点乡镇": 重点's 点 is no 监测点
    skip = len(own.group()) if own else 0
    reach = 8 + skip
    ahead = re.match(r"[\u4e00-\u9fff]{2,}", text[count.end : count.end + reach])
    for k in range(skip + 1 if skip else 2, len(ahead.group()) + 1 if ahead else 0):
        words = ahead.group()[:k]
        if words[-1] in "的按在为和与及" or kind_endings(words):
            # the first kind named is the one counted ("9个服务站按街道…" counts 服务站, no 街道)
            if place_kind(words) and len(kind_endings(words)) > 1:
                longer = ahead.group()[: k + 1]  # "重点乡镇", not "重点乡"
                return longer if k > 2 and longer.endswith("乡镇") else words
            break
    before = NAME.match(text[max(0, count.start - 8) : count.start][::-1])
    words = re.sub(r"(?:共计?|合计|总计|累计|达|有)$", "", before.group()[::-1] if before else "")
    return words[-6:] or None


def _written(text: str, count: NumberMention, noun: str) -> str:
    """The count as written with its noun, after it ("5个公共文化场馆") or before it ("维修项目9处")."""
    after = NAME.match(text[count.end : count.end + 8])
    if after is None or not after.group().startswith(noun):
        return noun + count.text
    return count.text + (noun if len(noun) > 1 else after.group()[:6])


def _opening(text: str, count: NumberMention) -> tuple[int, bool, bool, bool, bool] | None:
    """Where the count's list opens (after 分别为/即/：/（ within its clause), whether the lead-in says whole, and
    whether it names the list as the counted set itself (分别为, 具体为, 分别位于; not a bare colon or 包括), and
    whether the items are the places the things stand in (分别位于), not their names, and whether the lead-in is the
    set's money (``net_list_money``: then it may be longer and write amounts)."""
    stop = len(text)
    for mark in "。\n":
        found = text.find(mark, count.end)
        stop = min(stop, found if found >= 0 else stop)
    reach = text[count.end : min(stop + 1, count.end + MONEY_REACH)]
    for m in _CUES.opener.finditer(reach):
        lead = reach[: m.start()]
        money = m.group() not in "（(" and money_lead(lead)
        if m.start() >= _LEAD_REACH and not money:
            return None
        if m.group() in "（(" and ("，" in lead or "、" not in reach[m.end() :].split("）")[0]):
            if "、" not in text[count.end + m.end() : count.end + m.end() + 40].split("）")[0]:
                continue
            return None
        opener = _CUES.lead_in.match(reach, m.start())
        assert opener is not None
        lead = _COMPARED.sub("", lead)
        if re.search(r"^[^（(]*[)）]", lead):
            return None  # "（目标4座），分别为…": a count in a bracket is a note, the list is the sentence's
        # "8个重点乡镇新建…，分别为": 重点 glued to the count names the counted kind, no part of it
        own = _CUES.own_kind.match(lead)
        if _CUES.partial.search(lead[own.end() if own else 0 :] + opener.group()) or (
            re.search(r"\d", lead) and not money
        ):
            return None
        whole = opener.group("word") not in ("包括", "包含")
        named = whole and bool(opener.group("word")) and opener.group("word") != "为"
        return count.end + opener.end(), whole, named, opener.group("word") == "分别位于", money
    return None


def _restated(text: str, count: NumberMention, noun: str) -> tuple[int, bool, bool, bool, bool] | None:
    """A later sentence that names the counted noun again and announces its whole list ("下属事业单位5个。下属事业
    单位分别为：…", "…12个乡镇综合文化站…。受益文化站为：…"): where its list opens."""
    listed = restated_items(text, (count.start, count.end), count.unit, noun)
    if listed is None or listed.partial or listed.layout == "lines":
        return None  # lines announced later may be one part of the count's set (their sum short of its total)
    return listed.lead[1], False, True, False, False


def _shared(text: str, count: NumberMention, noun: str) -> tuple[int, bool, bool, bool, bool] | None:
    """Lines below a later "各<kind>…：" whose figures make a figure of the count's sentence (``net_list_shares``)."""
    at = shared_lines(text, count, noun)
    return None if at is None else (at, False, True, False, False)


def _items(
    text: str, at: int, money: bool = False, endings: tuple[str, ...] = ()
) -> list[tuple[str, int]] | None:
    """The list's items as (name, end): inline up to the sentence's end or the bracket's close, else lines below.
    ``money``: priced items, the last of which may follow a comma."""
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[at:line_end]
    if rest.strip(" \u3000"):
        if text[at - 1] in "（(":
            close = re.search(r"[)）]", rest)
            if close is None:
                return None
            return _inline(text, at, at + close.start())
        stop = re.search(r"[。]", rest)
        below = text[line_end + 1 :].split("。", 1)[0]
        if stop is None and not rest.rstrip().endswith(("；", ";")) and "、" in below.split("\n", 1)[0]:
            return None  # "…、质量监督⏎股、安全生产股。": the list runs over a broken line
        return _inline(text, at, at + (stop.start() if stop else len(rest)), money, endings)
    return _lines(text, line_end + 1)


def _inline(
    text: str, start: int, end: int, money: bool = False, endings: tuple[str, ...] = ()
) -> list[tuple[str, int]] | None:
    """Items split by 、 (or by ；/， when each writes a figure); None for a list that says it is partial.
    ``endings``: the counted kind's name endings, by which ；-groups of 、-names may be read one name an item."""
    words = text[start:end].replace(
        ";", "；"
    )  # a copy's ASCII semicolon ends an item as the full-width one does
    if "；" not in words and "、" in words:
        cut = start + len(re.split(r"，|,(?!\d{3})", words, maxsplit=1)[0])  # not 1,200's comma
        closing = last_item(text, cut, end) if money and cut < end else None
        end = cut if closing is None else closing
        words = text[start:end] if closing is None else f"{text[start:cut]}、{text[cut + 1 : end]}"
    if re.search(r"等|…|\.\.\.", words) or _CUES.more.match(text[end : end + 8]):
        return None
    mark = "；" if "；" in words else ("、" if "、" in words else "，")
    parts = words.split(mark)
    if mark == "；" and any("、" in p for p in parts):
        names = [q.strip() for p in parts for q in p.split("、")]
        if len(common_tail(parts)) < 2 and not (endings and all(_of_kind(q, endings) for q in names)):
            # "甲镇A小学、B中学；乙镇C小学": groups by place, each a 、-run of names of the counted kind
            return None  # "甲村、乙村道路硬化；丙村饮水工程": works that may each name several things
        # "甲街道A社区、B社区照料中心；乙镇C村照料中心；…": groups closed by the counted thing's name, each naming
        # its items by 、
        parts = [q for p in parts for q in p.split("、")]
        mark = "、"
    if re.search(r"[一二两三四五六七八九十]+[个所家处项类]", parts[-1]):
        return None  # "…、民政三个领域": the list counts itself, in another noun
    if mark == "、" and len(parts) > 1:
        parts[-1:] = re.split(LAST_JOIN, parts[-1], maxsplit=1)
    if len({s for s in map(item_style, parts) if s}) > 1:
        return None  # "（1）…；2、…；（3）…": items numbered two ways are no one list
    items, pos = [], start
    for part in parts:
        if _CUES.list_sum.match(part):
            break  # "…，合计76.85万元": the list's own sum closes it, no item
        name = item_name(part) or (part.strip() if endings and _of_kind(part, endings) else None)
        if name is None:
            return None
        pos = text.find(part, pos) + len(part)
        items.append((name, pos))
    return items


def _of_kind(words: str, endings: tuple[str, ...]) -> bool:
    """One name of the counted kind, no more words (a work done there is no name: "甲村道路硬化")."""
    name = NAME.fullmatch(words.strip(" \u3000。；"))
    return name is not None and len(name.group()) <= _NAME_MOST and of_kind(name.group(), endings)


def _named_whole(text: str, at: int, items: list[tuple[str, int]], noun: str, places: bool) -> bool:
    """A list read by its lead-in alone (its names ending otherwise than the counted noun) must close the sentence
    ("…、丁馆。", not "…、丁科，戊场。"), not end in a join that may sit inside a name, and name places one each
    when the noun is of a place kind."""
    closed = text[items[-1][1] : items[-1][1] + 1] in ("。", "；", ";", "\n", "")
    return closed and not joined_last(text[at : items[-1][1]]) and (places or not place_kind(noun))


def _lines(text: str, start: int) -> list[tuple[str, int]] | None:
    """One item a line below a colon: numbered lines, lines ending in ；/，/。, or table rows (header and 合计 out)."""
    items: list[tuple[str, int]] = []
    pos, table, header, numbered = start, False, True, ""
    for _ in range(_LINES_REACH):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip(" \u3000")
        if not line:
            break
        if line.startswith("|"):
            table = True
            cells = [c.strip() for c in line.strip("|").split("|")]
            if re.fullmatch(r"[-:| ]+", line) or header or _TOTAL_ROW.search(cells[0]):
                header = header and not re.fullmatch(r"[-:| ]+", line)
                pos = end + 1
                continue
            name = item_name(cells[0]) or (item_name(cells[1]) if len(cells) > 1 else None)
        elif table or (_HEADING.match(line) and not NUMBERING.match(line)):
            break
        elif not items and _HEADING.match(line) and not _closed_run(text, pos, line):
            return None
        else:
            if re.search(r"等[。；]?$|…", line) or _TOTAL_ROW.search(line[:4]):
                break
            style = item_style(line)
            if items and numbered != style:
                break
            numbered = numbered if items else style
            name = item_name(line)
        if name is None:
            break
        items.append((name, end))
        pos = end + 1
        if not table and line.endswith("。") and len(items) > 1:
            break
    if not items or _CUES.more.match(text[pos : pos + 8]):
        return None
    return items


def _closed_run(text: str, start: int, first: str) -> bool:
    """Heading-style items ("（一）…") may be the report's own headings running on past what the text shows: their
    run is closed only by a heading of the level above ("二、…") on the first line after a line ending in 。."""
    if not re.match(r"^\s*[（(][一二三四五六七八九十]{1,3}[)）]", first):
        return False
    after = re.search(r"。\s*\n\s*(\S[^\n]*)", text[start:])
    if after is None or item_style(after.group(1)) == item_style(first):
        return False
    # prose lines may stand between the run and the heading ("…。⏎工程均已验收。⏎三、…"): the first heading decides
    rest = (line.strip() for line in text[start + after.start(1) :].split("\n"))
    heading = next((line for line in rest if _HEADING.match(line) or NUMBERING.match(line)), "")
    return re.match(r"[一二三四五六七八九十]{1,3}、", heading) is not None


def _same_form(text: str, start: int, items: list[tuple[str, int]]) -> bool:
    """Items of one form: names sharing an ending among themselves (甲水厂, 乙水厂…), or each item writing a
    figure of its own (rows with a name and figures)."""
    if len({n[-1] for n, _ in items}) == 1:
        return True
    starts = [start, *(end for _, end in items[:-1])]
    return all(re.search(r"\d", text[a:b]) for a, (_, b) in zip(starts, items, strict=True))


def _own_counts(text: str, start: int, items: list[tuple[str, int]], unit: str) -> bool:
    """Items that each count the thing again ("1.渠道类项目7个…"): kinds with counts of their own, not one item each."""
    return bool(re.search(rf"\d+{unit}", text[start : items[0][1]])) and all(
        re.search(rf"\d+{unit}", text[a:b]) for (_, a), (_, b) in pairwise(items)
    )


def _own_subject(lead: str, noun: str) -> bool:
    """A clause between the count's clause and the list that names the counted kind afresh ("全镇共有12个村，本年度
    选定…的村庄，分别为："): the list is of that set, not of the count's; "各乡镇…分别为" names the same set."""
    kind = rf"(?:{re.escape(noun)}|{kind_pattern(noun)})"
    later = "，".join(re.split(r"[，,；;]", lead)[1:])
    return re.search(kind, re.sub(rf"(?:各|每个?|该|这些?|此|上述){kind}", "", later)) is not None


def _new_clause(lead: str) -> bool:
    """Words after the count that start a clause of their own before the list ("，建设点位落在以下村：")."""
    clause = lead.rsplit("，", 1)[-1] if "，" in lead else ""
    return bool(NAME.match(_CUES.whole_opener.sub("", clause)))
