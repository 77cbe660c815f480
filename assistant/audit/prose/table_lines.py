"""The lines of a table copied as text, read one way for every reader of tables (money tables, tables of products,
indicator rows, score tables): a row line split into its cells, and the text as one cell a line with the runs of
title lines and the rows of a table written one cell a line.

Why one reader: each table reader had its own splitter and its own one-cell-a-line reader, and a fix to one (the
outer pipes, a blank cell kept in place, a long run of short lines read in linear time) did not reach the others.
What differs between them is a parameter here: which marks split a row, which blank cells at its ends are dropped,
which lines are titles and which groups of lines are rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from ..cues import cues
from .cells import Cell

_CUES = cues(__name__)


def line_spans(text: str) -> list[tuple[int, int]]:
    """Each line of the text (split at line feeds) as its start and end offsets, the line feed left out."""
    spans, at = [], 0
    for line in text.split("\n"):
        spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def line_cells(text: str) -> list[Cell]:
    """Each line of the text as one cell (stripped, with its span): a table written one cell a line. A line that is
    one amount with its thousands set apart by spaces ("2 361.80") is that amount: a cell holds one figure."""
    lines, at = [], 0
    for line in text.split("\n"):
        value = line.strip()
        joined = _CUES.spaced_amount.fullmatch(value) is not None
        lines.append(Cell(value, at + len(line) - len(line.lstrip()), at + len(line.rstrip()), spaced=joined))
        at += len(line) + 1
    return lines


def row_cells(
    line: str,
    start: int,
    separator: re.Pattern[str],
    *,
    edges: Literal["none", "outer", "all"] = "outer",
    blank_at_end: bool = False,
    spaced: bool = False,
) -> list[Cell]:
    """The cells of one row line (``line`` starts at offset ``start``) between the matches of ``separator``, each
    stripped, with its span. ``edges``: the blank cells at the row's ends dropped, none, the one outside each outer
    pipe ("| 合计 | 100 |"), or all of them. A blank cell inside the row keeps its column ("| 合计 | | 100 |"); it
    stands at its piece's start, or its end with ``blank_at_end``. With ``spaced``, digits in groups of three set
    apart by single spaces are one amount ("1 086.30": the row's cells are set apart by pipes or tabs)."""
    cells, position = [], 0
    for match in [*separator.finditer(line), None]:
        end = match.start() if match is not None else len(line)
        piece = line[position:end]
        value = piece.strip()
        lead = piece.index(value) if value else (len(piece) if blank_at_end else 0)
        at = start + position + lead
        joined = spaced and _CUES.spaced_amount.fullmatch(value) is not None
        cells.append(Cell(value, at, at + len(value), spaced=joined))
        position = match.end() if match is not None else len(line)
    if edges == "outer":
        if cells and not cells[0].text:
            cells = cells[1:]
        if cells and not cells[-1].text:
            cells = cells[:-1]
    elif edges == "all":
        while cells and not cells[0].text:
            cells.pop(0)
        while cells and not cells[-1].text:
            cells.pop()
    return cells


def title_run_ends(lines: list[Cell], title: Callable[[Cell], bool]) -> list[int]:
    """For each line, where the run of ``title`` lines it stands in ends (itself when it is no title line): read
    once, so a long run of short lines is not scanned again from each of its lines."""
    ends = [len(lines)] * (len(lines) + 1)
    for k in range(len(lines) - 1, -1, -1):
        ends[k] = ends[k + 1] if title(lines[k]) else k
    return ends


def stacked_rows(
    lines: list[Cell], start: int, width: int, row: Callable[[list[Cell]], bool]
) -> tuple[list[list[Cell]], int]:
    """The rows of a table written one cell a line from line ``start``: groups of ``width`` lines, read while each
    is a ``row``; and the line after the last."""
    rows, j = [], start
    while j + width <= len(lines) and row(lines[j : j + width]):
        rows.append(lines[j : j + width])
        j += width
    return rows, j
