"""Rows of a 自评表 whose cells the flattening glued together with no separator ("安装坡面水标尺10≥266米≥266米10").

Without separators most cells cannot be told apart, but two things still can: a row whose actual value repeats
its target (a met indicator: the cell text doubled, "≥266米≥266米") between its 分值 and its 得分, and the money
row's 得分 right after the one "%" of its 执行率. Only those are read; everything else stays unread.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..cues import cues
from .cells import Cell
from .form import IndicatorRow

_CUES = cues(__name__)


def _cell(text: str, match: re.Match[str], group: str) -> Cell:
    return Cell(match.group(group), match.start(group), match.end(group))


def glued_rows(text: str, start: int, stop: int, group_at) -> list[IndicatorRow]:
    """Met rows and the execution row read from glued cells in ``text[start:stop]``."""
    rows: list[IndicatorRow] = []
    for pattern in (_CUES.execution_row, _CUES.met_row):
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
            label = Cell(_CUES.label_junk.sub("", label.text), label.start, label.end)
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
    match = _CUES.fund_score.search(text)
    if match is None:
        return None
    cell = _cell(text, match, "s")
    return cell, Decimal(cell.text)
