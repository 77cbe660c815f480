"""A one-row-per-project summary sheet (评分表/汇总表: 序号/项目名称/年初预算数/全年预算数/全年执行数/执行率/得分/等级)
read into project data. Derived columns (执行率, 等级) are not read back: the core recomputes them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assistant.office.xlsx_cells import Cell, Grid, cell_number, label_of, money_unit_in
from assistant.office.xlsx_labels import ColumnMap, first_filled, is_note_row, key_of, map_columns
from assistant.office.xlsx_layouts import (
    DEFAULT_LAYOUT,
    MONEY_FIELDS,
    SUMMARY_COLUMNS,
    SUMMARY_STOP,
    detect_layout,
)
from assistant.office.xlsx_read import FormRead, Issues
from assistant.office.xlsx_values import amount_with_unit, convert_amount


def summary_header(grid: Grid) -> int | None:
    """The row holding a 项目名称 column header next to at least one amount column."""
    for row in range(1, grid.height + 1):
        mapped = map_columns(grid, row, SUMMARY_COLUMNS)
        if "项目名称" in mapped.columns and set(mapped.columns) & set(MONEY_FIELDS):
            return row
    return None


def _merged_header(grid: Grid, row: int) -> tuple[ColumnMap, int]:
    """Header over one row, or two when the amounts sit under a merged group heading ('预算情况')."""
    top = map_columns(grid, row, SUMMARY_COLUMNS)
    below = map_columns(grid, row + 1, SUMMARY_COLUMNS)
    numbers = any(isinstance(cell_number(c), Decimal) for c in grid.filled(row + 1))
    if below.columns and not numbers and "项目名称" not in below.columns:
        columns = {**top.columns, **below.columns}
        headers = {**top.headers, **below.headers}
        return ColumnMap(row + 1, columns, headers), row + 2
    return top, row + 1


def read_summary(
    grid: Grid, header_row: int, issues: Issues, default_unit: str, title_unit: str | None
) -> list[FormRead]:
    """Every project row of a summary table, stopping at 合计 or the notes under it."""
    columns, first_row = _merged_header(grid, header_row)
    table_unit = title_unit
    for cell in grid.filled(header_row):
        if SUMMARY_COLUMNS.get(key_of(cell)) not in MONEY_FIELDS:
            table_unit = money_unit_in(cell.text) or table_unit
    units = {f: money_unit_in(c.text) or table_unit or default_unit for f, c in columns.headers.items()}
    stated = table_unit or next(
        (money_unit_in(c.text) for c in columns.headers.values() if money_unit_in(c.text)), None
    )
    layout = detect_layout({key_of(c) for c in columns.headers.values()})
    reads: list[FormRead] = []
    name_col = columns.columns["项目名称"]
    for row in range(first_row, grid.height + 1):
        first = first_filled(grid, row)
        if first is None:
            continue
        if is_note_row(grid, row) or label_of(first.text).startswith(SUMMARY_STOP):
            break
        name_cell = grid.cell(row, name_col)
        if label_of(name_cell.text).startswith(SUMMARY_STOP):
            break
        cells = {f: grid.cell(row, c) for f, c in columns.columns.items()}
        amounts = [cells[f] for f in (*MONEY_FIELDS, "自评得分") if f in cells]
        serial = cells.get("序号")
        numbered = serial is not None and isinstance(cell_number(serial), Decimal)
        if all(c.blank for c in amounts) and not numbered:
            continue  # a group heading such as '一、部门预算项目'
        reads.append(_read_row(row, cells, units, stated, issues))
        reads[-1].layout = layout
    return reads


def _read_row(
    row: int, cells: dict[str, Cell], units: dict[str, str], stated: str | None, issues: Issues
) -> FormRead:
    data: dict[str, Any] = {}
    where: dict[tuple[Any, ...], str] = {}
    money: dict[str, Cell] = {}
    name_cell = cells["项目名称"]
    where[()] = name_cell.ref
    for field, cell in cells.items():
        if field in ("序号", "执行率", "等级"):
            continue
        where[(field,)] = cell.ref
        if cell.blank:
            if field == "项目名称":
                issues.add(cell, "缺少项目名称")
            continue
        if field in MONEY_FIELDS:
            value = cell_number(cell)
            if isinstance(value, str):
                value = amount_with_unit(value, units[field])
                if value is None:
                    issues.add(cell, f"「{cell.text[:40]}」不是有效的金额数字")
                    continue
            data[field] = convert_amount(value, units[field], "万元")
            money[field] = cell
        elif field == "自评得分":
            value = cell_number(cell, score=True)
            if isinstance(value, str):
                issues.add(cell, f"得分「{value[:40]}」不是数字")
                continue
            data[field] = value
        else:
            data[field] = cell.text
    return FormRead(data, where, name_cell, DEFAULT_LAYOUT, stated, None, money)
