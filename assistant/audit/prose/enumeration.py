"""The items a count announces: "分配下达至7个乡镇，分配结果如下：⏎长安镇180万元；⏎…", "共5个子项目：⏎1.…⏎6.…",
"共实施项目12个，分布在11个乡镇，具体为：⏎1.…", "覆盖4个乡镇：甲镇、乙镇、丙乡、丁乡。" — whatever the layout.

Why: reports announce how many things they cover, then name them; a count the names do not match is one of the
commonest slips, and the names come in every layout a writer or a copy gives them (one a line, numbered or not,
inline after a colon, split by ；or 、). Reading the list once, here, lets one check compare any count with its
list, instead of one reader per layout.

A count announces a list when the words after it (its noun, then at most one clause that ends in an announcing
word: 如下, 分别为, 具体为…) end in a colon, or in 分别为/具体为/即 followed by the items on the same line, or when the next
sentence opens with 其中 ("分配至6个乡镇。其中城关镇45.00万元，河口镇…"). The items are:
- on the lines below, when nothing follows the colon on its line: numbered lines in one style counted 1, 2, 3…
  up to the first line that does not go on with the numbering; or lines that each end with ；/，/、 (the last
  with 。), up to the first that does not;
- inline, up to the sentence's end: numbered items, else parts split by ；that each write a figure (a list of
  bare names split by 、 is ``checks.text_lists``'s).
Items may be numbered 1./1、/（1）/①, or in Chinese （一）/一是. A count that opens its line with 以上/上述 takes the
lines right above it, up to the line ending in a colon that announces them ("…如下：⏎长安镇：42.00万元⏎…⏎以上6个乡镇…").
A later sentence may restate the noun and announce the list ("下属事业单位分别为：…"), or a later clause whose words
end in the noun ("按照批复的初步设计，项目年度实施内容如下：⏎1.…" of "建设内容共6项"); numbered lines so announced
count unless the count is of projects (``checks.text_numbered_items`` reads those).
The lead-in says whether the list is meant whole (如下, 分别为, 具体为, 即, a colon right after the noun) or may name
only some (其中, 主要, 包括, 重点, 如, a list ending in 等) — except a plain 包括 and a colon followed by items that
each stand as their own clause (；-split "商州区人民医院，新建发热门诊" or numbered), each naming one thing, none 等,
等等 or …: a reviewer reads that list as whole (``included``; its reader keeps it a doubt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.numbers.numerals import parse_chinese_numeral

from ..cues import cues
from ..headings import heading_of
from .model import Statement

_CUES = cues(__name__)
_MAX_ITEMS = 40  # a list of the things a count counts is short; a longer run is something else
_LONGEST_LINE = 90  # characters of one unnumbered item line: longer lines are paragraphs, not items
_LONGEST_INLINE = 30  # characters of one inline item split by ；
_LONGEST_BARE = 30  # characters of one such item without a figure, in a list said to be whole
_RESTATED_REACH = (
    1500  # characters after a count in which a sentence naming its noun again may list its items
)
_NOUN_REACH = 12  # characters after a count that hold the words naming what it counts ("乡镇综合文化站")
_ITEM_ENDS = ("；", ";", "，", ",", "、")  # how a line of an unnumbered list ends when more items follow
_LAST_ENDS = (*_ITEM_ENDS, "。")  # how its last line may end


@dataclass(frozen=True)
class Enumeration:
    """The items a count's lead-in announces, with what the lead-in says of them."""

    lead: tuple[int, int]  # the words from the count's end to the end of the lead-in
    items: tuple[tuple[int, int], ...]  # each item's span, its number or the mark after it left out
    layout: str  # "lines" (one item a line), "inline" or "commas" (inline, split by ， only)
    partial: bool  # the lead-in or the list says only some may follow; else it says every item follows
    numbered: bool  # the items carry their own numbers 1, 2, 3…
    apart: bool = False  # the items open the next sentence ("…6个乡镇。其中…"): another count may own them
    # numbered like a report's headings ("（一）…"): lines that may be headings, not items
    headed: bool = False
    above: bool = False  # the items stand above the count ("…⏎以上6个乡镇合计…")
    restated: bool = False  # a later sentence names the counted noun again and announces them
    # "5家医疗机构，包括：A医院，…；B医院，…": 包括 and a colon, each item its own clause — read as whole, a doubt
    included: bool = False


def announced_items(text: str, count: Statement) -> Enumeration | None:
    """The list the count's lead-in announces, or None when the words after the count announce none."""
    lead = _CUES.lead_in.match(text, count.span[1])
    if lead is None:
        return _items_above(text, count)
    words = lead.group(0)
    partial = bool(_CUES.some_only.search(words))
    included = partial and _includes_all(words)
    partial = partial and not included
    end = lead.end()
    line_end = _line_end(text, end)
    rest = text[end:line_end]
    colon = lead.group("colon") or lead.group("colon2") or lead.group("colon3")
    cut = False
    if colon and not rest.strip():
        items, numbered = _lines_below(text, line_end)
        layout = "lines"
    elif _CUES.marker.match(rest) and _next_line_numbered(text, line_end, 2):
        # "具体为：1.A；⏎2.B；⏎…": the first item on the lead's line
        items, numbered = _lines_below(text, end)
        layout = "lines"
    else:
        clauses = _clause_items(text, end) if included else None
        if clauses:
            items, numbered, cut, layout = clauses[0], False, clauses[1], "inline"
        else:
            items, numbered, cut, layout = _inline(text, end, bare=not partial)
    if len(items) < 2:
        return None
    partial = partial or bool(_CUES.left_open.search(text[items[-1][0] : items[-1][1]]))
    partial = partial or cut
    if included and (layout == "commas" or not _each_named_alone(text, items)):
        partial, included = True, False  # "包括A、B等" or one item naming two places: may name only some
    apart = lead.group("next") is not None
    first = _CUES.marker.match(text, items[0][0], items[0][1])
    headed = layout == "lines" and first is not None and first.group("z") is not None
    return Enumeration(
        (count.span[1], end), tuple(items), layout, partial, numbered, apart, headed, included=included
    )


def _includes_all(words: str) -> bool:
    """A lead-in of a plain 包括 and a colon ("5家医疗机构，包括："), no word of some only beside it (主要, 其中, 部分):
    items that each stand as their own clause after it are what a reviewer reads as the whole list."""
    found = _CUES.includes_colon.search(words)
    return found is not None and not _CUES.some_only.search(words[: found.start()])


def _clause_items(text: str, start: int) -> tuple[list[tuple[int, int]], bool] | None:
    """Parts split by ；to the sentence's end, each a name then its own clause ("商州区人民医院，新建发热门诊"), and
    whether a line's end stops them short of a sentence's; None when a part is no such clause."""
    found = _CUES.sentence_end.search(text, start)
    words = text[start : found.start() if found else len(text)]
    items = _split(text, start, words, _CUES.semicolon)
    if len(items) < 2 or not all(_CUES.clause_item.fullmatch(text[a:b].strip()) for a, b in items):
        return None
    return items, found is not None and found.group(0) == "\n"


def _each_named_alone(text: str, items: list[tuple[int, int]]) -> bool:
    """Whether each item names one thing ("甲镇和乙镇卫生院" names two) and none leaves the list open (等等, …)."""
    names = [item_name(text, span) for span in items]
    return all(names) and not any(
        _CUES.two_named.search(n) or _CUES.open_item.search(text[a:b])
        for n, (a, b) in zip(names, items, strict=True)
    )


def restated_items(text: str, span: tuple[int, int], unit: str | None, noun: str) -> Enumeration | None:
    """ "下属事业单位5个。下属事业单位分别为：A、B、C、D。", "在全县14个乡镇开发…。⏎…各乡镇岗位开发数如下：甲镇126个、…":
    a later sentence that names the counted noun again and announces its list, within ``_RESTATED_REACH`` and with
    no other count of that noun between (that count would own it). The list is said whole; its items are read as
    a lead-in's are, or split by 、 when each is a name with or without its one figure."""
    reach = text[span[1] : span[1] + _RESTATED_REACH]
    opening = [(f, False) for f in _CUES.restated.finditer(reach)]
    # "按照批复的初步设计，项目年度实施内容如下：" of "建设内容共6项": a clause that ends in the counted noun
    closing = [(f, True) for f in _CUES.restated_clause.finditer(reach)]
    for found, clause in sorted(opening + closing, key=lambda pair: pair[0].start()):
        words = found.group("noun")
        if not (_ends_in_noun(words, noun) if clause else _names_again(text, span, noun, words)):
            continue
        if re.search(rf"\d\s*{unit or ''}{re.escape(noun)}|{re.escape(noun)}\s*\d", reach[: found.start()]):
            return None
        end = span[1] + found.end()
        line_end = _line_end(text, end)
        if not text[end:line_end].strip():
            items, numbered = _lines_below(text, line_end)
            layout = "lines"
        else:
            items, numbered, _, layout = _inline(text, end, bare=True)
            if not items:
                items, layout = _named_parts(text, end), "inline"
        if len(items) < 2 or (numbered and _of_projects(noun)):
            return None  # numbered lines of projects announced later are ``checks.text_numbered_items``'s
        partial = bool(
            _CUES.some_only.search(found.group(0)) or _CUES.left_open.search(text[slice(*items[-1])])
        )
        lead = (span[1] + found.start(), end)
        return Enumeration(lead, tuple(items), layout, partial, numbered, apart=True, restated=True)
    return None


def _names_again(text: str, span: tuple[int, int], noun: str, words: str) -> bool:
    """Whether a restating sentence's words before its cue name what the count counts: they open with its noun
    ("各乡镇岗位开发数" of "14个乡镇"), or with three or more of the words written right before it ("事业单位分别为"
    of "下属事业单位5个", whose noun read alone is only 单位)."""
    bare = _CUES.own_prefix.sub("", words)
    if len(noun) >= 2 and (words.startswith(noun) or bare.startswith(noun)):
        return True
    # "为12个乡镇综合文化站配备…。受益文化站为：": the words end in three or more of those right after the count
    after = text[span[1] : span[1] + _NOUN_REACH]
    if any(words[-k:] in after for k in range(3, len(words) + 1)):
        return True
    before = text[max(0, span[0] - 16) : span[0]]
    return any(before.endswith(w[:k]) for w in (words, bare) for k in range(3, len(w) + 1))


def _ends_in_noun(words: str, noun: str) -> bool:
    """Whether a clause's words before its cue end in the counted noun of two characters or more ("项目年度实施内容"
    of "建设内容共6项"'s 内容): the same things, qualified."""
    return len(noun) >= 2 and words.endswith(noun)


def _of_projects(noun: str) -> bool:
    """A count of projects or works (or of no noun): its numbered lines are ``checks.text_numbered_items``'s."""
    return not noun or noun.endswith(("项目", "工程"))


def _named_parts(text: str, start: int) -> list[tuple[int, int]]:
    """Parts split by 、 to the sentence's end, each a short name with or without one figure ("甲镇126个")."""
    found = _CUES.sentence_end.search(text, start)
    words = text[start : found.start() if found else len(text)]
    items = _split(text, start, words, _CUES.name_mark)
    fine = all(_CUES.named_figure.match(text[a:b].strip()) or _bare_item(text[a:b]) for a, b in items)
    return items if fine else []


def _items_above(text: str, count: Statement) -> Enumeration | None:
    """ "资金分配如下：⏎长安镇：42.00万元⏎…⏎以上6个乡镇合计下达资金280.00万元": a count that opens its line with
    以上/上述 sums up the lines right above it, up to the line that announces them (ending in a colon). Those
    lines are the whole list (the count says so: 以上)."""
    start = text.rfind("\n", 0, count.span[0]) + 1
    if not _CUES.above.fullmatch(text, start, count.span[0]) or start == 0:
        return None
    lines: list[tuple[int, int]] = []
    end = start - 1
    while end > 0 and len(lines) <= _MAX_ITEMS:
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end].strip()
        if line.endswith((":", "：")):
            break  # the lead-in that announces the lines
        if not line or len(line) > _LONGEST_LINE or heading_of(line) is not None:
            return None
        if not _CUES.above_remark.search(line):  # "其中，…合计…", a table's header row: no item
            lines.append((begin, end))
        end = begin - 1
    else:
        return None
    if len(lines) < 2:
        return None
    lines.reverse()
    first = _CUES.marker.match(text, lines[0][0], lines[0][1])
    numbered = first is not None and _number(first) == 1
    if first is not None and (not numbered or len(_numbered(text, lines, _style(first))) != len(lines)):
        return None  # numbered lines that break off: no one list
    lead = (count.span[1], count.span[1])
    return Enumeration(lead, tuple(lines), "lines", False, numbered, above=True)


def item_name(text: str, span: tuple[int, int]) -> str:
    """The words that name an item: its number dropped, up to its first figure or clause mark."""
    words = _CUES.marker.sub("", text[span[0] : span[1]], count=1)
    found = _CUES.name.match(words)
    return found.group(0) if found else ""


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end == -1 else end


def _next_line_numbered(text: str, line_end: int, number: int) -> bool:
    below = text[line_end + 1 : _line_end(text, line_end + 1)]
    found = _CUES.marker.match(below)
    return found is not None and _number(found) == number


def _number(marker: re.Match[str]) -> int | None:
    groups = marker.groupdict()
    digits = groups.get("n") or groups.get("b")
    if digits is not None:
        return int(digits)
    circled = groups.get("c")
    if circled:
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(circled) + 1
    numeral = groups.get("z") or groups.get("y")
    return int(parse_chinese_numeral(numeral)) if numeral else None


def _style(marker: re.Match[str]) -> str:
    """A numbering's style: the marks around its number ("1、", "1.", "（1）", "①", "（一）", "一是")."""
    return _CUES.cn_digits.sub("〇", _CUES.digits.sub("0", marker.group(0).strip()))


def _lines_below(text: str, start: int) -> tuple[list[tuple[int, int]], bool]:
    """The item lines from ``start`` (a line's start or the rest of the lead's line): numbered in one style, or
    each ending with a list's mark."""
    lines: list[tuple[int, int]] = []
    at = start + 1 if text.startswith("\n", start) else start
    while at < len(text) and len(lines) <= _MAX_ITEMS:
        end = _line_end(text, at)
        lines.append((at, end))
        at = end + 1
    lines = [
        (a, b) for a, b in lines if text[a:b].strip()
    ]  # a blank line between items is no end of the list
    if not lines:
        return [], False
    first = _CUES.marker.match(text, lines[0][0], lines[0][1])
    if first is not None and _number(first) == 1:
        return _numbered(text, lines, _style(first)), True
    return _marked_lines(text, lines), False


def _numbered(text: str, lines: list[tuple[int, int]], style: str) -> list[tuple[int, int]]:
    items: list[tuple[int, int]] = []
    for a, b in lines:
        marker = _CUES.marker.match(text, a, b) or _CUES.glued_marker.match(text, a, b)
        if marker is None or _style(marker) != style or _number(marker) != len(items) + 1:
            break
        items.append((a, b))
    return items


def _marked_lines(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    items: list[tuple[int, int]] = []
    for a, b in lines:
        line = text[a:b].strip()
        if len(line) > _LONGEST_LINE or heading_of(line) is not None or _CUES.marker.match(line):
            break
        items.append((a, b))
        if not line.endswith(_ITEM_ENDS):
            break  # "…大坡乡120万元。": the list's last item
    return items if items and text[items[-1][0] : items[-1][1]].strip().endswith(_LAST_ENDS) else []


def _inline(text: str, start: int, bare: bool = False) -> tuple[list[tuple[int, int]], bool, bool, str]:
    """The items on the lead's line, to the sentence's end: numbered, else split by ；when each part writes a figure
    ("长安镇180万元；浮石镇150万元") or, after a lead-in that says the list is whole (``bare``: 分别为, 具体为, 如下),
    is one short clause-free item with or without one ("分别为：A水厂更换水泵2台；B供水站蓄水池清淤；…"; none
    holding a 、, which may join two items: "主要有3个：资金拨付较慢、项目进度滞后；绩效监控不到位"), else split by ，
    when each part is a name then its figure ("其中城关镇45.00万元，河口镇38.50万元"; layout "commas": a clause of
    prose reads alike, so its reader takes it only as named places). A list of bare names split by 、 is
    ``text_lists``'s to read. Also whether the run stops at a line's end short of a sentence's: the list may go on
    below (a copy's broken line), and the layout."""
    found = _CUES.sentence_end.search(text, start)
    end = found.start() if found else len(text)
    cut = found is not None and found.group(0) == "\n"
    words = text[start:end]
    marks = list(_CUES.inline_marker.finditer(words))
    one_style = len({_style(m) for m in marks}) == 1
    if len(marks) >= 2 and one_style and all(_number(m) == k for k, m in enumerate(marks, 1)):
        ends = [m.start() for m in marks[1:]] + [len(words)]
        return [(start + m.start(), start + e) for m, e in zip(marks, ends, strict=True)], True, cut, "inline"
    items = _split(text, start, words, _CUES.semicolon)
    if len(items) >= 2 and all(_item_like(text[a:b], bare) for a, b in items):
        return items, False, cut, "inline"
    items = _split(text, start, words, _CUES.comma)
    if len(items) >= 2 and all(_CUES.named_figure.match(text[a:b].strip()) for a, b in items):
        return items, False, cut, "commas"
    if bare and len(items) >= 2 and all(_bare_item(text[a:b]) for a, b in items):
        # "分别为：甲镇中心学校教学楼维修，乙乡初级中学宿舍改造，…": what was done at each counted place, read by
        # its reader only when each opens with one place of the counted kind
        return items, False, cut, "commas"
    return [], False, cut, "inline"


def _bare_item(part: str) -> bool:
    """A part with no figure, short and whole (no 、 that may join two), of a list said to be whole."""
    part = part.strip()
    return 0 < len(part) <= _LONGEST_BARE and "、" not in part and not _CUES.figure.search(part)


def _split(text: str, start: int, words: str, mark: re.Pattern[str]) -> list[tuple[int, int]]:
    """The spans of the non-blank parts of ``words`` (written at ``start``) between the marks, quotes kept whole."""
    items, at = [], 0
    for part in mark.finditer(_hide_quoted(words)):
        items.append((start + at, start + part.start()))
        at = part.end()
    items.append((start + at, start + len(words)))
    return [(a, b) for a, b in items if text[a:b].strip()]


def _item_like(part: str, bare: bool = False) -> bool:
    """A ；-part that reads as one item of a list: short, one clause, with its figure ("浮石镇150万元") — or, in a
    list said to be whole, without one ("白沙河乡供水站蓄水池清淤及围栏修复")."""
    part = part.strip()
    if _CUES.clause.search(part):
        return False
    if _CUES.figure.search(part):
        return len(part) <= _LONGEST_INLINE
    return bare and 0 < len(part) <= _LONGEST_BARE and "、" not in part  # "A、B；C": a part may hold two


def _hide_quoted(words: str) -> str:
    """The words with what is inside quotes and brackets blanked: a 、 there separates no items."""
    return _CUES.quoted.sub(lambda m: "\ue000" * len(m.group(0)), words)
