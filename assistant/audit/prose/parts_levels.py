"""Listed amounts that are the shares of government levels (中央, 省级, 市级…): when such a list is the whole of its
total though nothing says so — the levels run down to the local one, or to the level that holds the money.

Apart from ``parts_rules`` (what else makes listed amounts parts of a total): one concern, the levels' order.
"""

from __future__ import annotations

import re

from ..cues import cues
from .model import Statement

_CUES = cues(__name__)
_LEVELS = ("中央资金", "自治区资金", "省级资金", "市级资金", "县级资金", "区级资金", "本级资金")
_LOCAL = frozenset({"县级资金", "区级资金", "本级资金"})


def levels_only(parts: tuple[Statement, ...] | list[Statement]) -> bool:
    """Are the parts the shares of distinct government levels (中央, 省级, 市级…)?"""
    names = [p.subject.name if p.subject is not None and p.subject.kind == "source" else None for p in parts]
    return None not in names and len(set(names)) == len(names) and all(n in _LEVELS for n in names)


def down_to_local(parts: list[Statement]) -> bool:
    """ "其中省级配套…，市级配套…，县级配套…": distinct government levels, in order, ending at the local one —
    most likely every level that paid, though the text does not say so."""
    if not levels_only(parts):
        return False
    names = [p.subject.name for p in parts if p.subject is not None]
    order = [_LEVELS.index(n) for n in names]  # type: ignore[arg-type]
    return order == sorted(order) and names[-1] in _LOCAL


# A level's rank: the money of a level holds its own share and those of the levels above it.
_RANK = {"中央资金": 0, "自治区资金": 1, "省级资金": 1, "市级资金": 2, "县级资金": 3, "区级资金": 3}
_WORD_RANK = {"中央": 0, "自治区": 1, "省": 1, "市": 2, "县": 3, "区": 3}
# the level of a place by how its name ends (自治区 before 区)
_PLACE_RANK = (
    ("自治区", 1),
    ("省", 1),
    ("市", 2),
    ("州", 2),
    ("盟", 2),
    ("地区", 2),
    ("县", 3),
    ("区", 3),
    ("旗", 3),
)


def down_to_holder(parts: tuple[Statement, ...] | list[Statement], words: str, text: str = "") -> bool:
    """ "省财政厅下达补助资金57.5万元(其中中央…，省级…)", "中央、省级财政投入资金1476万元(其中中央…、省级…)", "预算共
    投入10441万元。其中中央…，省级…，用于全省…": levels in order from 中央 down to the level that issues or holds the
    money (named in ``words``, the sentences of the total and its parts) are every level that can pay into it.
    When those sentences name no level, the report's own level stands for the holder (``own_level``: 填报单位
    邵阳市…中心 with 全市 in its text, a province's report that says 全省 and 我省)."""
    if not levels_only(parts):
        return False
    ranks = [_RANK.get(p.subject.name) for p in parts if p.subject is not None]
    if None in ranks or ranks[0] != 0 or ranks != sorted(ranks):
        return False
    named = _CUES.named_levels.search(words)
    if named is not None:
        listed = {_WORD_RANK[w] for w in re.findall("中央|自治区|省|市|县|区", named.group(0))}
        return listed == set(ranks)  # type: ignore[arg-type]
    held = {_WORD_RANK[m.group("level") or m.group("own")] for m in _CUES.holder_level.finditer(words)}
    return ranks[-1] in (held or own_level(text))


def listed_own_level(parts: list[Statement], words: str) -> bool:
    """Does ``words`` (the clause before a 本级 amount) name the level of its 本级 ("市本级安排…60万元") and is that
    level among the parts already ("其中中央…、省级…、市级…")? Then 本级 is that listed level's own share, no level
    below the list."""
    named = _CUES.named_own_level.findall(words)
    ranks = {_RANK.get(p.subject.name) for p in parts if p.subject is not None}
    return bool(named) and _WORD_RANK[named[-1]] in ranks


def own_level(text: str) -> set[int]:
    """The report's own government level: the one level its holder words name (全省/我省/省财政厅…, 全县/我县…)
    when they all name the same one; none when they name two (a county's report that cites 全省 and 我县). With no
    holder word, the level of the place that opens the report's title ("常德市卫生健康委员会2023年…报告": 市)."""
    held = {_WORD_RANK[m.group("level") or m.group("own")] for m in _CUES.holder_level.finditer(text)}
    if held:
        return held if len(held) == 1 else set()
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    place = _CUES.title_place.match(title)
    if place is None:
        return set()
    level = next(rank for ends, rank in _PLACE_RANK if place.group(0).endswith(ends))
    return {level}
