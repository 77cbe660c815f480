"""Piped tables read by column: each column of bare figures up to a row that closes it (合计/小计/总计/总分), with
the unit its header or the table's 单位 line gives; rows whose cells name their figure (分值10 | 得分9.30) read by
that name, whatever the cells' count.

Why: a table's figures are written bare ("| 318.45 |"): the number reader sees no unit and no kind, so no relation
among them reaches a check. A column and its closing row are a whole and its parts the layout states outright.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..cues import cues

_CUES = cues(__name__)
_FIGURE = re.compile(r"^\s*(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)\s*$")
_UNIT_REACH = 4  # lines above a table where its 单位 line may stand


@dataclass(frozen=True)
class ColumnCell:
    """A bare figure of a column: its span, its text, its value as written and its decimals."""

    start: int
    end: int
    text: str
    value: Decimal
    places: int


@dataclass(frozen=True)
class ColumnTotal:
    """A closing cell and the cells of its column it closes; ``unit`` is the written unit ('万元', '元', '分').
    ``total`` None: a column of money the table does not close, all of its cells (``header``: the table's first
    line), whose whole the prose above may state."""

    total: ColumnCell | None
    parts: tuple[ColumnCell, ...]
    unit: str
    header: int = -1


def column_totals(text: str) -> Iterator[ColumnTotal]:
    """Every closing cell of every piped table, with the figures of its column since the header or the last close."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    n = 0
    while n < len(lines):
        if not _piped(lines[n]):
            n += 1
            continue
        first = n
        while n < len(lines) and _piped(lines[n]):
            n += 1
        yield from _table(lines, starts, first, n)
        yield from _named(lines, starts, first, n)


def _piped(line: str) -> bool:
    """A table row: a line opened by a pipe, or one whose cells two pipes part (名称 | 分值 | 得分) with no pipe
    at its ends."""
    return (
        line.lstrip().startswith("|")
        or line.count(" | ") >= 2
        or ("|" in line and bool(_CUES.rule.match(line)))
    )


def _row(line: str, offset: int) -> list[tuple[int, str]]:
    """The cells of a piped line with their offsets in the text; a row with no opening pipe ends in a cell (an
    empty one after its last pipe)."""
    cells: list[tuple[int, str]] = []
    opened = line.lstrip().startswith("|")
    pos = line.index("|") + 1 if opened else 0
    pieces = line[pos:].split("|")
    for piece in pieces[:-1] if opened and line.rstrip().endswith("|") else pieces:
        cells.append((offset + pos, piece))
        pos += len(piece) + 1
    return cells


def _table(lines: list[str], starts: list[int], first: int, stop: int) -> Iterator[ColumnTotal]:
    rows = [_row(lines[k], starts[k]) for k in range(first, stop) if not _CUES.rule.match(lines[k])]
    if len(rows) < 4:
        return
    header = [piece for _, piece in rows[0]]
    above = "\n".join(lines[max(0, first - _UNIT_REACH) : first])
    table_unit = _CUES.unit_line.search(above)
    for col in range(1, len(header)):
        unit = _unit(header[col], table_unit.group(1) if table_unit else None)
        if unit is None:
            continue
        run: list[ColumnCell] = []
        whole = True  # every row read, none closing: the column is open
        for row in rows[1:]:
            if len(row) != len(header):
                run, whole = [], False
                continue
            cell = _cell(*row[col])
            closing = any(
                _CUES.closing.search(piece) or _CUES.score_whole.match(piece.strip())
                for _, piece in row[:col]
            )
            if closing and cell is not None and len(run) >= 2:
                yield ColumnTotal(cell, tuple(run), unit)
            if closing or cell is None:
                run, whole = [], False
            else:
                run.append(cell)
        if whole and len(run) >= 2 and unit != "分":
            yield ColumnTotal(None, tuple(run), unit, first)


def _named(lines: list[str], starts: list[int], first: int, stop: int) -> Iterator[ColumnTotal]:
    """Rows whose cells name their figure (得分9.30, 得分：8.50): a column by that name, closed by the row opened
    by 合计/总分, however many cells each row has."""
    run: dict[str, list[ColumnCell]] = {}
    for k in range(first, stop):
        row = _row(lines[k], starts[k])
        if not row:
            continue
        closing = bool(_CUES.closing.search(row[0][1]) or _CUES.score_whole.match(row[0][1].strip()))
        for start, piece in row[1:]:
            m = _CUES.named_cell.match(piece)
            if m is None or _CUES.score_header.search(m.group(1)) is None:
                continue
            cell = _cell(start + m.start(2), m.group(2))
            if cell is None:
                continue
            parts = run.setdefault(m.group(1), [])
            if closing and len(parts) >= 2:
                yield ColumnTotal(cell, tuple(parts), "分")
            if closing:
                parts.clear()
            else:
                parts.append(cell)


def _unit(header: str, table_unit: str | None) -> str | None:
    """The unit a column's figures are in: its header's, else the table's for a column of money; scores by 得分."""
    own = _CUES.header_unit.search(header)
    if own:
        return own.group(1)
    if _CUES.score_header.search(header):
        return "分"
    if table_unit and _CUES.money_header.search(header):
        return table_unit
    return None


def _cell(start: int, piece: str) -> ColumnCell | None:
    m = _FIGURE.match(piece)
    if m is None:
        return None
    raw = m.group(1)
    value = Decimal(raw.replace(",", ""))
    places = len(raw.split(".")[1]) if "." in raw else 0
    return ColumnCell(start + m.start(1), start + m.end(1), raw, value, places)
