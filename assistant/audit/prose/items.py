"""The numbered item of a paragraph a figure is written under: "(1)…3万元。(2)援宁经费50万元", "一是…合计75万元；二是
…合计3624.71万元", "①…②…".

Why: figures under two different numbers of one paragraph's list are two items, each its own quantity; neither
restates the other, nor the whole the list is of, and a 口径 word of one item says nothing of the next one's
figure.

Also the head of a line ("4、育肥猪保险:…", "青阳县申请…"): not an item in that sense. Lines opened by different
names may be the items of a list written one a line or the sections of a report, which may restate one figure; so
two numbered items prove two quantities (``other_items``), two line heads only make it doubtful
(``other_line_heads``).
"""

from __future__ import annotations

import re

from assistant.numbers.scan import SPACED_THOUSANDS

from ..cues import cues
from .model import Statement

_CUES = cues(__name__)


def _last_label(text: str, statement: Statement) -> re.Match[str] | None:
    if statement.sentence is None:
        return None
    found = list(_CUES.label.finditer(text, statement.sentence.para_start, statement.span[0]))
    return found[-1] if found else None


def item_of(text: str, statement: Statement) -> str | None:
    """The label (“2”, “二”, “②”) of the last numbered item opened before ``statement`` in its paragraph."""
    last = _last_label(text, statement)
    return (last.group("n") or last.group("n2") or last.group("n3")) if last else None


def heads_item(text: str, statement: Statement, others: list[Statement]) -> bool:
    """Is ``statement`` the first amount of its numbered item ("；三是小学教育支出，…，合计676.47万元")? Then it is
    that item's own figure, whatever 合计 or 共 it is written with, not a sum of the items before."""
    last = _last_label(text, statement)
    return last is not None and not any(
        o.kind == "amount" and last.end() <= o.span[0] < statement.span[0] for o in others
    )


def other_items(text: str, a: Statement, b: Statement) -> bool:
    """Are ``a`` and ``b`` written under two different numbers of one paragraph's list?"""
    if a.sentence is None or b.sentence is None or a.sentence.para_start != b.sentence.para_start:
        return False
    first, second = item_of(text, a), item_of(text, b)
    return first is not None and second is not None and first != second


def other_item_lines(text: str, a: Statement, b: Statement) -> bool:
    """Are ``a`` and ``b`` on two lines of one section each opened by its own number ("1.某镇片区，…投资1 236.50万元；"
    / "2.某镇片区，…投资986.20万元；", "项目一：…" / "项目二：…"), or one on such a line and the other summing the items
    ("两个项目全年预算合计…")? For a repeat, such lines state different quantities; for other relations the lines may
    be two aspects of one project ("(1)资金到位情况…" / "(2)资金执行情况…")."""
    if a.sentence is None or b.sentence is None or a.sentence.para_start == b.sentence.para_start:
        return False
    if _item_and_sum(text, a, b) or _item_and_sum(text, b, a):
        return True
    names = _item_heading(text, a), _item_heading(text, b)
    if names[0] is not None and names[1] is not None:
        # "（一）城乡最低生活保障资金。…" and "（二）临时救助资金。…": two items' lines
        return names[0] != names[1]
    if (a.sentence.section, a.sentence.subsection) != (b.sentence.section, b.sentence.subsection):
        return False
    first, second = _line_number(text, a), _line_number(text, b)
    return first is not None and second is not None and first != second


def _item_and_sum(text: str, item: Statement, summed: Statement) -> bool:
    """ "项目一：…全年预算数598.00万元" and "两个项目全年预算合计808.00万元"; "（一）城乡最低生活保障资金。全年预算
    28,640.00万元" under 二、 and "4个项目全年预算合计36,600.00万元" under 一、: a figure on a line opened by an item's
    number (or outline mark and name) and a figure whose clause sums several items are one item's and the sum over
    the items, in whatever sections they are written (unless the item's clause sums items too)."""
    return (
        (_line_number(text, item) is not None or _item_heading(text, item) is not None)
        and _sums_items(text, summed)
        and not _sums_items(text, item)
    )


def _item_heading(text: str, statement: Statement) -> str | None:
    """The item a line of ``statement`` (or the subheading above it) opens with: an outline mark and the name of a
    money or a project, ending at a stop, a colon or the line's end ("（一）城乡最低生活保障资金。全年预算…" → 城乡最低生活保障资金, "2、教师培训项目：…"),
    or any other name run in before a stop and the line's text ("（二）非遗传承活动。预算43.00万元…" → 非遗传承活动);
    None for an aspect heading ("（一）资金到位情况。", "（二）资金使用。": one project's figures under two aspects
    may restate one another)."""
    sentence = statement.sentence
    assert sentence is not None
    found = _CUES.item_heading.match(text, sentence.para_start)
    if found is None and sentence.subsection is not None:
        # "（一）学生营养改善计划资金⏎全年预算1,500.00万元…": the heading a line of its own above the figures
        found = _CUES.item_heading.match(text, sentence.subsection.start)
    return (found.group("name") or found.group("run")) if found else None


def _sums_items(text: str, statement: Statement) -> bool:
    """Does the clause of ``statement`` say it sums several items ("两个项目全年预算合计808.00万元", "上述3个子项目共支出…"),
    or open with the word of a sum (the line "合计：年初预算数260.00万元，执行数255.00万元" below items written one a
    line)?"""
    head = text[statement.sentence.start : statement.span[0]]  # type: ignore[union-attr]
    return _CUES.items_summed.search(head) is not None


def _line_number(text: str, statement: Statement) -> str | None:
    """The item number the line of ``statement`` opens with ("2." of "2.金洞镇片区，…"), if any."""
    found = _CUES.line_number.match(text, statement.sentence.para_start)  # type: ignore[union-attr]
    return found.group(1) if found else None


def other_items_alike(text: str, a: Statement, b: Statement) -> bool:
    """Are ``a`` and ``b`` under two different labels of one style ("(1)…" and "(2)…")? Labels of two styles
    ("(一)…项目目标完成情况 1.…" and "(2)…" in a flattened copy) are an outline's levels: neither sets the two apart."""
    if a.sentence is None or b.sentence is None or a.sentence.para_start != b.sentence.para_start:
        return False
    first, second = _last_label(text, a), _last_label(text, b)
    if first is None or second is None:
        return False
    return _style(first) == _style(second) and item_of(text, a) != item_of(text, b)


def _style(label: re.Match[str]) -> tuple[str | None, bool]:
    """How a label is written: which form (（n）, ①, n是) and whether in Arabic digits."""
    number = label.group("n") or label.group("n2") or label.group("n3")
    return label.lastgroup, number.isdigit()


def row_name(text: str, statement: Statement) -> str | None:
    """The name cell of the flattened row ``statement`` stands in ("项目名称：A，预算数：…，执行数：…；项目名称：B，…"
    gives A for A's figures): the last such name before it in its paragraph, with no sentence's end between."""
    if statement.sentence is None:
        return None
    found = list(_CUES.row_name.finditer(text, statement.sentence.para_start, statement.span[0]))
    if not found or "。" in text[found[-1].end() : statement.span[0]]:
        return None
    return found[-1].group("name").strip()


def other_rows(text: str, a: Statement, b: Statement) -> bool:
    """Are ``a`` and ``b`` cells of two flattened rows named apart ("项目名称：A，预算数：3,200.00万元；项目名称：B，
    预算数：680.00万元")? Two rows' cells of one column are two quantities, never one written again."""
    first, second = row_name(text, a), row_name(text, b)
    return first is not None and second is not None and first != second


def in_table_row(text: str, statement: Statement) -> bool:
    """Is ``statement`` in a row of cells ("…围栏120米。 | 已建成…", "外贸进出口总额 25 亿人民币 17.5 28.6")? Its
    column (指标值, 实际完成, 权重…) says which quantity it is, not its words; the form checks compare rows."""
    start = text.rfind("\n", 0, statement.span[0]) + 1
    end = text.find("\n", statement.span[1])
    # an amount whose thousands a space sets off ("2 180.00 万元") is one number, as the number reader takes it
    line = SPACED_THOUSANDS.sub("0", text[start : len(text) if end < 0 else end])
    return "|" in line or _CUES.bare_cells.search(line) is not None


def restarted_list(text: str, a: Statement, b: Statement) -> bool:
    """Does a numbered list start again between ``a`` and ``b`` in one paragraph ("1、…2、外贸进出口总额17.5亿元。…
    1、…2、外贸进出口总额28.6亿元。", a flattened row of 目标 and 完成情况)? Then they are two lists' items, the
    plan and the outcome, or two years: two quantities."""
    if a.sentence is None or b.sentence is None or a.sentence.para_start != b.sentence.para_start:
        return False
    first, second = sorted((a, b), key=lambda s: s.span[0])
    return _CUES.list_start.search(text, first.span[1], second.span[0]) is not None


def line_head_of(text: str, statement: Statement) -> str | None:
    """The name a line opens with, numbered ("4、育肥猪保险:…县级财政补贴15%为237.99万元" → 育肥猪保险) or a place
    ("青阳县申请基础养老金补贴…" → 青阳县)."""
    line_start = text.rfind("\n", 0, statement.span[0]) + 1
    found = _CUES.line_head.match(text, line_start)
    return (found.group("name") or found.group("place")) if found else None


def sentence_place(text: str, statement: Statement) -> str | None:
    """The place a sentence (or a clause after ；) opens with ("西河县支出30万元，执行率75%" → 西河县, "某某自治县：下达…，
    执行率88.50%" → 某某自治县, a list of places a line each): its figures are that place's."""
    if statement.sentence is None:
        return None
    found = _CUES.sentence_place.match(text, statement.sentence.start)
    return found.group("place") if found else None


def sentence_scope(text: str, statement: Statement) -> str | None:
    """What a sentence (or a clause after ；) says its figures are of: the place it opens with, or the money it
    heads with a colon, a line each ("中央资金：预算1,200.00万元，支出…，执行率98.87%；" and "县级资金：…执行率84.20%";
    "项目资金合计：…"): one source's or the whole's figures, each its own quantity."""
    place = sentence_place(text, statement)
    if place is not None or statement.sentence is None:
        return place
    found = _CUES.sentence_label.match(text, statement.sentence.start)
    return found.group("label") if found else None


def other_line_heads(text: str, a: Statement, b: Statement) -> bool:
    """Are ``a`` and ``b`` written on two lines opened by different names ("2、油菜保险:…" and "4、育肥猪保险:…",
    "贵池区…" and "青阳县…")?
    Such lines may be items of one list (each its own quantity) or sections of the report (restating one): a
    difference between them is a doubt, not a proof."""
    first, second = line_head_of(text, a), line_head_of(text, b)
    return first is not None and second is not None and first != second


def one_item_line(text: str, a: Statement, b: Statement) -> bool:
    """Is one of ``a``, ``b`` on a line a name opens as an item of a list ("1.现代农业产业园建设：…其中中央4,752.16万元",
    "（二）非遗传承活动。预算43.00万元"), among two or more such lines, and the other on a line no name opens ("中央资金支出7,170.46万元", the items'
    sum)? The first is that item's figure, the second the whole's: two quantities."""
    first, second = _numbered_head(text, a), _numbered_head(text, b)
    if (first is None) != (second is None):
        heads = {
            m.group("name")
            for line in text.splitlines()
            if (m := _CUES.line_head.match(line)) and m.group("name")
        }
        if len(heads) >= 2:
            return True
    # "（一）代表性传承人传习补助。…预算32.00万元" and "（二）非遗传承活动。预算43.00万元" below "…专项资金预算75.00万元":
    # lines opened by two or more items' headings, and a figure on no such line, the whole's
    if (
        a.sentence is None
        or b.sentence is None
        or (_item_heading(text, a) is None) == (_item_heading(text, b) is None)
    ):
        return False
    items = {
        m.group("name") or m.group("run")
        for line in text.splitlines()
        if (m := _CUES.item_heading.match(line))
    }
    return len(items) >= 2


def _numbered_head(text: str, statement: Statement) -> str | None:
    line_start = text.rfind("\n", 0, statement.span[0]) + 1
    found = _CUES.line_head.match(text, line_start)
    return found.group("name") if found else None


def places_line_by_line(text: str) -> bool:
    """Does the text report two or more places a line each ("贵池区申请…", "青阳县申请…")? Then a figure without
    its place may be any one place's."""
    places = set()
    for line in text.splitlines():
        found = _CUES.line_head.match(line)
        if found and found.group("place"):
            places.add(found.group("place"))
    return len(places) >= 2


def list_after(text: str, para_start: int) -> tuple[int, int] | None:
    """The span of the numbered lines right after a paragraph that ends in a colon ("各小区情况如下：" then "1.…",
    "2.…"): the list details that paragraph, so its figures are the parts of the paragraph's; None when no such
    list follows."""
    end = text.find("\n", para_start)
    if end < 0 or not text[para_start:end].rstrip().endswith(("：", ":")):
        return None
    stop = end
    while stop + 1 < len(text) and _CUES.line_number.match(text, stop + 1):
        following = text.find("\n", stop + 1)
        stop = len(text) if following < 0 else following
    return (end + 1, stop) if stop > end else None
