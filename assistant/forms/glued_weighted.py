"""Indicator rows of a table whose 权重 stands between the target and the actual (the 重庆 部门整体 table:
指标名称 | 计量单位 | 指标性质 | 指标值 | 指标权重(分) | 全年完成值 | 指标得分(分)), glued without separators:
'…当期任务完成率%901010010国家级公益林管护面积万亩2810810…'.

A row is a name without digits that may end in a measure word (its 计量单位), then one run of digits holding
four numbers: target | 权重 | actual | 得分. Every split of the run into four numbers (``glued.number_ends``: no
leading zeros, at most six decimals) is a candidate under the table's own constraints:

- 0 < 权重 ≤ 100, and below 100 when the run holds several rows (they share the 100 points);
- 0 ≤ 得分 ≤ 权重, and a met target (actual = target, no 指标性质 written) earns more than 0;
- the actual within a tenth and ten times the target (an actual of 0 is not read: no ≤ is written to allow it),
  and a target the actual reaches (read as ≥, as the checks read a target written without 指标性质) earns more
  than 0: the assumptions here that are not the form's own arithmetic, as in ``glued_rows``.

A row is read only when every candidate gives the same four numbers; otherwise it is left unread (uncertain).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .align import Reading
from .glued import number_ends
from .model import Value
from .vocabulary import MEASURE_UNITS

_HUNDRED = Decimal(100)
_TENTH = Decimal("0.1")
_UNITS = sorted(MEASURE_UNITS, key=len, reverse=True)
_MAGNITUDES = "万亿千百"
_ROW = re.compile(r"(?P<name>[^\d.]+?)(?P<digits>\d[\d.]*)")


def split_weighted_rows(text: str, start: int) -> tuple[list[Reading], list[tuple[int, int]]]:
    """The rows of the glued run ``text`` (at ``start`` in the report) every split agrees on, and the spans of
    the stretches that could not be read."""
    matches = list(_ROW.finditer(text))
    several = len(matches) > 1
    rows: list[Reading] = []
    unread: list[tuple[int, int]] = []
    for match in matches:
        name, unit = _name_and_unit(match.group("name").strip())
        figures = _split(match.group("digits"), several)
        if not name or figures is None:
            unread.append((start + match.start(), start + match.end()))
            continue
        at = start + match.start("digits")
        name_at = start + match.start("name") + match.group("name").find(name)
        reading: Reading = {"name": Value(name, name_at, name_at + len(name))}
        if unit:
            unit_at = name_at + len(name)
            reading["unit"] = Value(unit, unit_at, unit_at + len(unit))
        for key, (a, b) in zip(("target", "points", "actual", "score"), figures, strict=True):
            piece = match.group("digits")[a:b]
            reading[key] = Value(piece, at + a, at + b, Decimal(piece), places=_places(piece))
        rows.append(reading)
    tail = matches[-1].end() if matches else 0
    if text[tail:].strip():
        unread.append((start + tail, start + len(text)))
    return rows, unread


def _name_and_unit(words: str) -> tuple[str, str]:
    """A name and the measure word that ends it ('…面积万亩' is 面积 | 万亩; '…完成率%' is 完成率 | %)."""
    for unit in _UNITS:
        if words.endswith(unit) and len(words) > len(unit):
            name = words[: -len(unit)]
            if name[-1] in _MAGNITUDES and len(name) > 1:  # 万亩, 亿元, 千米: the magnitude is the unit's
                name, unit = name[:-1], name[-1] + unit
            return name, unit
    return words, ""


def _split(digits: str, several: bool) -> list[tuple[int, int]] | None:
    """The one split of ``digits`` into target | 权重 | actual | 得分 every candidate agrees on (None otherwise)."""
    found: set[tuple[Decimal, ...]] = set()
    spans: list[tuple[int, int]] = []
    for t_end in number_ends(digits, 0):
        for p_end in number_ends(digits, t_end):
            for a_end in number_ends(digits, p_end):
                for s_end in number_ends(digits, a_end):
                    if s_end != len(digits):
                        continue
                    cut = [(0, t_end), (t_end, p_end), (p_end, a_end), (a_end, s_end)]
                    numbers = tuple(Decimal(digits[a:b]) for a, b in cut)
                    if _fits(*numbers, several):
                        found.add(numbers)
                        spans = cut
    return spans if len(found) == 1 else None


def _fits(target: Decimal, points: Decimal, actual: Decimal, score: Decimal, several: bool) -> bool:
    if not Decimal(0) < points <= _HUNDRED or (several and points == _HUNDRED) or not score <= points:
        return False
    if not target or not actual or not _TENTH <= actual / target <= 10:
        return False
    return not (actual >= target and score == 0)


def _places(piece: str) -> int:
    return len(piece.split(".")[1]) if "." in piece else 0
