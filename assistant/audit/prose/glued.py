"""Rows of a 自评表 whose cells the flattening glued together with no separator ("安装坡面水标尺10≥266米≥266米10").

Without separators most cells cannot be told apart, but two things still can: a row whose actual value repeats
its target (a met indicator: the cell text doubled, "≥266米≥266米") between its 分值 and its 得分, and the money
row's 得分 right after the one "%" of its 执行率. Only those are read; everything else stays unread.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .cells import Cell
from .form import IndicatorRow

# label, 分值, target written twice (target = actual), 得分; the label holds no digit and no separator.
_MET_ROW = re.compile(
    r"(?P<label>[^\d\s|:：，,。；;%]{2,40}?)(?P<p>[1-9]\d?)(?P<t>[^\s|]{1,24}?)(?P=t)(?P<s>\d{1,2}(?:\.\d{1,2})?)"
    r"(?![\d%.])"
)
# 预算执行率 | 分值 | — | 执行率% | 得分, glued ("预算执行率10一100%9").
_EXECUTION_ROW = re.compile(
    r"(?P<label>预算执行率)(?P<p>[1-9]\d?)[一—\-/]?(?P<r>\d{1,3}(?:\.\d+)?)%(?P<s>\d{1,2}(?:\.\d{1,2})?)(?![\d%])"
)
# What glued cells leave before a row's name: the level names and the tail of a heading ("分)数量指标").
_LABEL_JUNK = re.compile(r"^.*(?:指标|分\)|分）)|^[、，,.。:：]+")
_FUND_SCORE = re.compile(r"年度资金总额[:：]?(?P<cells>[\d.]+)%(?P<s>\d{1,2}(?:\.\d{1,2})?)(?![\d%.])")


def _cell(text: str, match: re.Match[str], group: str) -> Cell:
    return Cell(match.group(group), match.start(group), match.end(group))


def glued_rows(text: str, start: int, stop: int, group_at) -> list[IndicatorRow]:
    """Met rows and the execution row read from glued cells in ``text[start:stop]``."""
    rows: list[IndicatorRow] = []
    for pattern in (_EXECUTION_ROW, _MET_ROW):
        for match in pattern.finditer(text, start, stop):
            if any(r.start <= match.start() < r.end for r in rows):
                continue
            points, score = _cell(text, match, "p"), _cell(text, match, "s")
            if points.number is None or score.number is None:
                continue
            if "t" in match.groupdict():
                target = _cell(text, match, "t")
                actual = Cell(match.group("t"), match.end("t"), match.end("t") + len(match.group("t")))
            else:
                rate = _cell(text, match, "r")
                target, actual = (
                    Cell("100%", rate.start, rate.start),
                    Cell(rate.text + "%", rate.start, rate.end + 1),
                )
            label = _cell(text, match, "label")
            label = Cell(_LABEL_JUNK.sub("", label.text), label.start, label.end)
            rows.append(
                IndicatorRow(
                    label.text,
                    (target, target.number),
                    (actual, actual.number),
                    (points, points.number),
                    (score, score.number),
                    group_at(label.start),
                    label.start,
                    match.end(),
                    met=True if "t" in match.groupdict() else None,
                )
            )
    return sorted(rows, key=lambda r: r.start)


def glued_fund_score(text: str) -> tuple[Cell, Decimal] | None:
    """The 得分 right after the 执行率 "%" of a glued 年度资金总额 row, when that is all that can be read."""
    match = _FUND_SCORE.search(text)
    if match is None:
        return None
    cell = _cell(text, match, "s")
    return cell, Decimal(cell.text)
