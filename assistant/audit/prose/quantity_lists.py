"""Lists that follow a count and the words that open them: the cue after a count's noun (即, 分别为: "4个乡镇，分别为："
or "12个乡镇（街道）服务站标准化建设，分别为：…"), and items each a name with its own quantity ("A水库186万元、B水库
142万元"). Read by the count checks (``checks.text_lists``, ``checks.text_counted_apart``, ``checks.text_shared_out``),
so a list after a count is read alike wherever its count is checked.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..cues import cues
from .model import Statement
from .name_lists import list_parts, list_up_to_its_end
from .places import named_places, place_endings
from .subjects import source_label

_CUES = cues(__name__)


def quantity_list(
    text: str, count: Statement
) -> tuple[int, str, tuple[re.Pattern[str], str, list[str]]] | None:
    """The items after a count's cue, each a name and its quantity (``quantity_items``), with where the list starts
    and its words; None for a list 等 ends ("A水库186万元、B水库142万元等": some of them) or no such list."""
    cue = _CUES.cue.match(text[count.span[1] : count.span[1] + 40])
    if cue is None and count.sentence is not None:
        cue = cue_after(text, count.span, count.sentence.end)  # "9个乡镇，改造里程分别为：甲镇6.8公里、…"
    if cue is None:
        return None
    start = count.span[1] + cue.end()
    stretch = _CUES.list_stop.split(text[start : start + 600])[0]
    closed = _CUES.closing_sum.search(stretch)
    if closed is not None:  # "…凹里村工程41.00万元，合计总投资218.60万元，资金来源为…": its sum ends the list
        stretch = stretch[: closed.start()]
    plain = _CUES.bracketed.sub("", _CUES.bracketed.sub("", stretch))
    if plain.rstrip(" \u3000").endswith("等"):
        return None
    found = quantity_items(plain, count.unit or "", (count.extra.get("noun", ""), count.value), members=True)
    return None if found is None else (start, stretch, found)


def quantity_items(
    plain: str, unit: str, places: tuple[str, Decimal] | None = None, members: bool = False
) -> tuple[re.Pattern[str], str, list[str]] | None:
    """The items of a list each a name and its quantity: split by ；, else by 、 or ， when each quantity is money
    given to a thing, not a source of the money ("A水库186万元、B水库142万元"; with the separator's name). Items
    counted in the count's own unit ("指标33个，分别为数量指标23个、质量指标2个…") break the count down: their sum is
    its check, not their number — unless the count counts places (``places``: its noun and value) and every item
    is named as one ("涉及9个乡镇，分别为：东岗镇6个、石桥镇5个…"): each item is then a place with its own figure,
    unless the figures, all in the count's unit, add up to the count. After a count's cue (``members``), items split
    by 、 or ， that each carry a figure of one other kind, not money, are the counted members too ("共改造老旧小区5个，
    分别为：东城小区120户、西城小区85户…") — unless a name is of its figure's kind ("脱贫户120户": kinds, not members)."""
    for split, mark in ((_CUES.item_split, "分号"), (_CUES.name_split, "顿号"), (_CUES.comma_split, "逗号")):
        segments = [p.strip(" \u3000") for p in split.split(plain)]
        if segments and not segments[-1]:
            segments.pop()
        found = [_CUES.quantity_item.fullmatch(p) for p in segments]
        if len(segments) < 2 or not all(found):
            continue
        matched = [m for m in found if m is not None]
        if places is not None and named_places(places[0], [m.group("name") for m in matched]):
            figures = [Decimal(re.sub("[, ]", "", m.group("n"))) for m in matched if m.group("unit") == unit]
            return (
                None
                if len(figures) == len(matched) and sum(figures) == places[1]
                else (split, mark, segments)
            )
        if any(m.group("unit") == unit for m in matched):
            return None
        if mark == "分号":
            return split, mark, segments
        # sources of the money ("中央资金300万元、县级资金80万元") are no items
        money = [m for m in found if m is not None and _CUES.money_unit.fullmatch(m.group("unit"))]
        if len(money) == len(found) and not any(source_label(m.group("name")) for m in money):
            return split, mark, segments
        if members and not money and len({m.group("unit") for m in matched}) == 1:
            if not any(m.group("name").endswith(m.group("unit")[-1]) for m in matched):
                return split, mark, segments
    return None


def item_spans(text: str, start: int, stretch: str, split: re.Pattern[str]) -> list[tuple[int, int]]:
    """Where each item of ``stretch`` (written at ``start``) stands, split as its list was."""
    spans, at = [], start
    for piece in split.split(stretch):
        spans.append((at, at + len(piece)))
        at += len(piece) + 1
    return [(a, b) for a, b in spans if text[a:b].strip()]


def cue_after(text: str, span: tuple[int, int], end: int) -> re.Match[str] | None:
    """The words after a count that open its list: the noun and 即/分别为 ("4个乡镇，分别为："), or the noun, what is
    done there and 分别为 ("12个乡镇（街道）服务站标准化建设，分别为：A镇、…、L乡") — the latter only when every listed
    name ends in a character of the noun (镇, 乡, 道 of 乡镇（街道）): then the names are the counted things, not
    what was done in them."""
    words = text[span[1] : end]
    cue = _CUES.cue.match(words)
    if cue is not None:
        return cue
    far = _CUES.cue_after_words.match(words)
    if far is None:
        return None
    listed = list_up_to_its_end(words[far.end() :])
    closed = _CUES.closing_sum.search(listed)  # "…河西镇6.1公里，合计43.8公里": the sum is no item
    listed = listed if closed is None else listed[: closed.start()]
    names = [_name_of(n.strip(" \u3000。")) for n in list_parts(listed)]
    if len(names) < 2 or not all(names):
        return None
    # the noun is the words' opening of one to four characters ("12家预算单位纳入评价范围，分别是：县教育局、…"):
    # each name ends in one of its characters or in one of its kind's (局 of 单位)
    nouns = [_CUES.bracketed.sub("", words[:k]) for k in range(1, 5)] + [far.group("noun")]
    # a longer noun of a kind of place or body ("5个公共文化场馆实施免费开放，分别为县图书馆、…、…展示中心")
    nouns += [n for n in (_CUES.bracketed.sub("", words[:k]) for k in range(5, 9)) if place_endings(n)]
    for noun in nouns:
        kind = (place_endings(noun) or "") + noun
        if all(n[-1] in kind for n in names):
            return far
    return None


def _name_of(item: str) -> str:
    """An item's name, its one figure set aside ("龙门镇6.8公里" → 龙门镇): the place each figure is given for."""
    found = _CUES.quantity_item.fullmatch(item)
    return found.group("name") if found else item
