"""Matching a form's labels on a grid: a label cell's key, a value written beside or inside it, a header row's columns.

What the labels are lives in ``xlsx_layouts``; reading blocks of a form in ``xlsx_project`` / ``xlsx_summary``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.office.xlsx_cells import Cell, Grid, label_of, normalise
from assistant.office.xlsx_layouts import ALL_LABELS, NOTE_ROW, TOTAL_LABELS, TRAILING_FIELDS


def key_of(cell: Cell) -> str:
    return label_of(cell.text) if isinstance(cell.value, str) else ""


def inline_value(
    cell: Cell, labels: tuple[str, ...] | dict[str, str] | frozenset[str]
) -> tuple[str, str] | None:
    """'项目名称：某某项目' in one cell → ('项目名称', '某某项目')."""
    if not isinstance(cell.value, str):
        return None
    match = re.match(r"^\s*([^:：]{1,20}?)\s*[:：]\s*(.*)$", cell.text, re.S)
    if match and label_of(match.group(1)) in labels:
        return label_of(match.group(1)), match.group(2).strip()
    return None


def value_right_of(grid: Grid, cell: Cell, stop: int | None = None) -> Cell | None:
    """The first non-blank cell right of a label that is not itself a label (merged value cells included)."""
    for other in grid.filled(cell.row, cell.col + 1, stop):
        if key_of(other) in ALL_LABELS:
            return None
        return other
    return None


def first_filled(grid: Grid, row: int) -> Cell | None:
    cells = grid.filled(row)
    return cells[0] if cells else None


def is_note_row(grid: Grid, row: int) -> bool:
    """'注：…', '填表人：…' and similar lines under a table."""
    first = first_filled(grid, row)
    return bool(first and isinstance(first.value, str) and NOTE_ROW.match(normalise(first.text)))


@dataclass(frozen=True)
class ColumnMap:
    """Header row of a table: field → column, plus the cells for error messages."""

    row: int
    columns: dict[str, int]
    headers: dict[str, Cell]

    def get(self, field: str) -> int | None:
        return self.columns.get(field)


def map_columns(grid: Grid, row: int, names: dict[str, str], start: int = 1) -> ColumnMap:
    columns: dict[str, int] = {}
    headers: dict[str, Cell] = {}
    for cell in grid.filled(row, start):
        field = names.get(key_of(cell))
        if field and field not in columns:
            columns[field] = cell.col
            headers[field] = cell
    return ColumnMap(row, columns, headers)


def is_block_end(grid: Grid, row: int) -> bool:
    """A row that ends a table: the 总分 row, a trailing 偏差原因/改进措施 row, or a note under the form."""
    first = first_filled(grid, row)
    if first is None:
        return False
    key = key_of(first)
    return (
        key in TOTAL_LABELS
        or key in TRAILING_FIELDS
        or bool(inline_value(first, TRAILING_FIELDS))
        or is_note_row(grid, row)
    )
