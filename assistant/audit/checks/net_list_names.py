"""The names of a count's list for net_lists: how an item is named and numbered, which names are of the counted
kind (乡镇 → 甲镇, 乙乡; 学校 → …学, …校), and the joins and shared tails that decide how many names a list holds.

Why: kept apart from the net's reading of counts and lead-ins so each stays small; these helpers read names only.
"""

from __future__ import annotations

import re

_NAME_LONGEST = 16  # characters of an item's name
NUMBERING = re.compile(
    r"^\s*(?:\d{1,2}[\.、．]|[（(]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十]{1,3}[)）])\s*"
)
NAME = re.compile(r"^[\u4e00-\u9fff·×]+")  # × stands for a name left out ("××镇")
LAST_JOIN = re.compile(r"(?<=[\u4e00-\u9fff×]{2})(?:以及|和|及|与)(?=[\u4e00-\u9fff×]{2})")  # "甲、乙和丙"
# the endings of the names of the things a noun counts ("乡镇" → 甲镇, 乙乡, 丙街道)
_FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("小区", ()),  # a housing estate: named anyhow (…院, …宿舍), no district
    ("乡镇", ("镇", "乡", "街道", "办事处")),
    ("镇", ("镇", "乡", "街道")),
    ("乡", ("镇", "乡", "街道")),
    ("街道", ("街道", "镇", "乡")),
    ("学校", ("学", "校", "园")),
    ("校", ("学", "校", "园")),
    ("中小学", ("学", "校")),
    ("村", ("村", "社区")),
    ("社区", ("社区", "村")),
    ("县", ("县", "区", "市")),
    ("区", ("区", "县")),
)


def item_style(line: str) -> str:
    """How a line is numbered ("1." → "0.", "（1）" → "（0）"), empty when it is not: a list keeps one style."""
    marker = NUMBERING.match(line)
    return re.sub(r"\d+|[一二三四五六七八九十]+|[①-⑳]", "0", marker.group().strip()) if marker else ""


def item_name(part: str) -> str | None:
    """The name an item opens with, numbering left out; None for a part that is no short name."""
    part = NUMBERING.sub("", part.strip(" \u3000；;，,。"))
    found = NAME.match(part)
    if found is None:
        return None
    name = (
        re.split(r"[的共计新实完投安建改维补发]", found.group(), maxsplit=1)[0]
        if len(found.group()) > 8
        else found.group()
    )
    return name[:_NAME_LONGEST] if len(name) >= 2 else None


def shared_tail(items: list[tuple[str, int]], noun: str) -> list[tuple[str, int]]:
    """The last item writing the counted noun for every item ("甲村、乙村、丙村供水工程"): its name without it."""
    name, end = items[-1]
    if len(noun) >= 2 and name.endswith(noun) and len(name) - len(noun) >= 2:
        return [*items[:-1], (name[: -len(noun)], end)]
    return items


def place_kind(noun: str) -> bool:
    """A noun of a place kind (乡镇, 村, 学校, 县…): its things have names that end as it does."""
    return bool(next((endings for tail, endings in _FAMILIES if noun.endswith(tail)), ()))


def of_kind(name: str, endings: tuple[str, ...]) -> bool:
    """A name of the counted kind: it ends as the kind ends, or opens with such a name and then says the work
    done there ("甲镇中心学校教学楼维修"); not a name of another place in it ("甲镇乙村" is a village)."""
    if any(name.endswith(e) for e in endings):
        return True
    kind = "|".join(map(re.escape, endings))
    head = re.match(rf"^.{{2,8}}?(?:{kind})", name)
    rest = name[head.end() :] if head else ""
    return bool(rest) and not any(rest.endswith(e) for _, family in _FAMILIES for e in family)


def kind_endings(noun: str) -> tuple[str, ...]:
    """The endings of names of the thing a noun counts; its last character when no family is known."""
    for tail, endings in _FAMILIES:
        if noun.endswith(tail):
            return endings
    last = noun[-1]
    return (last,) if last in "站所院馆场园厂库点室中心" else ()


def kind_pattern(noun: str) -> str:
    """The counted kind as a pattern: its family's name endings, else the noun's last character."""
    return "|".join(map(re.escape, kind_endings(noun) or (noun[-1],)))


def joined_last(words: str) -> bool:
    """A 、-list whose last part was split at 和/及 ("…、全科医生转岗培训及基层卫生人才培养"): the join may be inside one
    long name, so the list's length rests on its names' endings, not on its lead-in alone."""
    return "；" not in words and LAST_JOIN.search(words.rsplit("、", 1)[-1]) is not None


def common_tail(parts: list[str]) -> str:
    """The name every part ends with ("…村日间照料中心", "…社区日间照料中心" → "日间照料中心"), inside each part's
    last name run (not a unit after figures: "…112.60万元", "…34.78万元")."""
    runs = [NAME.match(p.strip(" \u3000。")[::-1]) for p in parts]
    if not all(runs):
        return ""
    names = [r.group()[::-1] for r in runs if r]
    tail = min(names, key=len)
    while tail and not all(n.endswith(tail) for n in names):
        tail = tail[1:]
    return tail if all(len(n) > len(tail) for n in names) else ""
