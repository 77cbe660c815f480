"""One project's 自评表 on a worksheet (national, 四川 or 云南 layout) read into case data with cell references.

Blocks are found by their labels, not by fixed positions: header (项目名称/主管部门/实施单位), funds (年初预算数 …
with 年度资金总额 and 其中 rows), 年度总体目标, the indicator table (read by ``xlsx_indicators``) and the 总分 row,
then trailing rows (偏差原因/改进措施/项目背景). Amounts come back in 万元 whatever the sheet used.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assistant.office.xlsx_cells import Cell, Grid, cell_number, label_of, money_unit_in, normalise
from assistant.office.xlsx_indicators import IndicatorReader
from assistant.office.xlsx_labels import (
    ColumnMap,
    first_filled,
    inline_value,
    is_block_end,
    key_of,
    map_columns,
    value_right_of,
)
from assistant.office.xlsx_layouts import (
    FUND_COLUMNS,
    FUND_ROWS,
    GOAL_ACTUAL,
    GOAL_EXPECTED,
    GOAL_LABELS,
    HEADER_FIELDS,
    MONEY_FIELDS,
    PROJECT_NAME,
    SUMMARY_COLUMNS,
    TOTAL_LABELS,
    TRAILING_FIELDS,
    detect_layout,
)
from assistant.office.xlsx_read import FormRead, Issues, Loc
from assistant.office.xlsx_values import amount_with_unit, convert_amount


def project_starts(grid: Grid) -> list[Cell]:
    """Label cells '项目名称' that open a form (a summary table's 项目名称 column header does not)."""
    starts: list[Cell] = []
    for row in range(1, grid.height + 1):
        for cell in grid.filled(row):
            if key_of(cell) in PROJECT_NAME or inline_value(cell, PROJECT_NAME):
                headers = {SUMMARY_COLUMNS.get(key_of(c)) for c in grid.filled(row)}
                if not headers & set(MONEY_FIELDS):
                    starts.append(cell)
                break
    return starts


def _find_row(grid: Grid, rows: range, keys: tuple[str, ...] | dict[str, str]) -> Cell | None:
    for row in rows:
        for cell in grid.filled(row):
            if key_of(cell) in keys or inline_value(cell, keys):
                return cell
    return None


def _label_value(grid: Grid, label: Cell, keys: tuple[str, ...] | dict[str, str]) -> tuple[str | None, Cell]:
    """The text a label cell introduces: inline ('项目名称：X') or in the next cell to the right."""
    inline = inline_value(label, keys)
    if inline and inline[1]:
        return inline[1], label
    value = value_right_of(grid, label)
    if value is None:
        return None, grid.cell(label.row, label.col + 1)
    return value.text, value


class ProjectReader:
    """Reads rows ``start``..``end`` of a grid as one project form."""

    def __init__(
        self,
        grid: Grid,
        start: int,
        end: int,
        issues: Issues,
        default_unit: str,
        stated_unit: str | None = None,
    ) -> None:
        self.grid, self.start, self.end = grid, start, end
        self.issues = issues
        self.default_unit = default_unit
        self.data: dict[str, Any] = {}
        self.where: dict[Loc, str] = {}
        self.money_cells: dict[str, Cell] = {}
        self.stated_unit = stated_unit
        self.execution_points: Decimal | None = None
        self.fund_headers: set[str] = set()
        self.indicator_headers: set[str] = set()
        self.kinds: list[str] = []

    @property
    def rows(self) -> range:
        return range(self.start, self.end + 1)

    def put(self, loc: Loc, value: Any, cell: Cell) -> None:
        """Record a field's cell (even when blank, so a missing value is reported where it belongs)."""
        self.where[loc] = cell.ref
        if value is None or value == "":
            return
        node = self.data
        for key in loc[:-1]:
            node = node.setdefault(key, {})
        node[loc[-1]] = value

    def read(self, label: Cell) -> FormRead:
        name, name_cell = _label_value(self.grid, label, PROJECT_NAME)
        self.where[()] = name_cell.ref
        self.put(("项目名称",), name, name_cell)
        if not name:
            self.issues.add(name_cell, "缺少项目名称（「项目名称」右侧单元格为空）")
        funds = self._find_funds_header()
        goal = _find_row(self.grid, self.rows, GOAL_LABELS)
        indicators = _find_row(self.grid, self.rows, ("三级指标",))
        block_rows = [c.row for c in (funds, goal, indicators) if c is not None]
        first_block = min([r for r in block_rows] + [self.end + 1])
        self._read_header_fields(range(self.start, first_block))
        if funds is None:
            self.issues.add(label, "未找到资金表头（年初预算数/全年预算数/全年执行数）")
        else:
            stop = min([r for r in block_rows if r > funds.row] + [self.end + 1])
            self._read_funds(funds, stop)
        if goal is not None:
            stop = indicators.row if indicators and indicators.row > goal.row else self.end + 1
            self._read_goal(goal, stop)
        last = max(block_rows, default=self.start)
        if indicators is not None:
            table = IndicatorReader(self.grid, self.end, self.issues)
            last = table.read(indicators)
            self.indicator_headers, self.kinds = table.headers, table.kinds
            self.where.update(table.where)
            if table.rows:
                self.data["绩效指标"] = table.rows
            if table.total_row is not None:
                self._read_total(table.total_row, table.columns)
        else:
            for row in range(last + 1, self.end + 1):
                first = first_filled(self.grid, row)
                if (
                    first is not None
                    and key_of(first) in TOTAL_LABELS
                    and key_of(first) not in ("合计", "总计")
                ):
                    self._read_total(row, None)
                    last = row
                    break
        self._read_trailing(last + 1)
        layout = detect_layout(self.fund_headers | self.indicator_headers, self.kinds)
        return FormRead(
            self.data,
            self.where,
            name_cell,
            layout,
            self.stated_unit,
            self.execution_points,
            self.money_cells,
        )

    # --- header -----------------------------------------------------------------------------------

    def _read_header_fields(self, rows: range) -> None:
        for row in rows:
            for cell in self.grid.filled(row):
                keys = HEADER_FIELDS
                key = key_of(cell)
                inline = inline_value(cell, keys)
                if key in keys or inline:
                    target = keys[key] if key in keys else keys[inline[0]]  # type: ignore[index]
                    text, where = _label_value(self.grid, cell, keys)
                    self.put((target,), text, where)
                unit = money_unit_in(cell.text) if isinstance(cell.value, str) else None
                if unit and self.stated_unit is None and ("单位" in normalise(cell.text)):
                    self.stated_unit = unit

    # --- funds ------------------------------------------------------------------------------------

    def _find_funds_header(self) -> Cell | None:
        for row in self.rows:
            mapped = map_columns(self.grid, row, FUND_COLUMNS)
            if len([f for f in MONEY_FIELDS if f in mapped.columns]) >= 2:
                return self.grid.cell(row, min(mapped.columns.values()))
        return None

    def _read_funds(self, header: Cell, stop: int) -> None:
        columns = map_columns(self.grid, header.row, FUND_COLUMNS)
        self.fund_headers = {key_of(c) for c in columns.headers.values()}
        block_unit = None
        for cell in self.grid.filled(header.row):
            block_unit = block_unit or money_unit_in(cell.text)
        block_unit = block_unit or self.stated_unit
        self.stated_unit = block_unit
        units = {
            f: money_unit_in(c.text) or block_unit or self.default_unit for f, c in columns.headers.items()
        }
        first_money = min(columns.columns[f] for f in MONEY_FIELDS if f in columns.columns)
        seen_total = False
        for row in range(header.row + 1, stop):
            money = [self.grid.cell(row, columns.columns[f]) for f in MONEY_FIELDS if f in columns.columns]
            labels = [c for c in self.grid.filled(row, 1, first_money) if isinstance(c.value, str)]
            if not labels and all(c.blank for c in money):
                continue
            label = labels[-1] if labels else None
            source = self._fund_row_kind(label, seen_total)
            if source == "?":
                self.issues.add(
                    label,
                    f"无法识别的资金行「{label.text if label else ''}」"
                    "（应为 年度资金总额、当年财政拨款、上年结转资金 或 其他资金）",
                )
                continue
            seen_total = seen_total or source is None
            base: Loc = () if source is None else ("资金来源", source)
            if source is not None and all(c.blank for c in money):
                continue  # an empty 其中 row: that source is not used
            for name in MONEY_FIELDS:
                col = columns.get(name)
                if col is None:
                    continue
                cell = self.grid.cell(row, col)
                self.put((*base, name), self._money(cell, units[name]), cell)
                if source is None:
                    self.money_cells[name] = cell
            if source is None:
                self._read_execution_extras(row, columns)
        if not seen_total:
            self.issues.add(header, "资金表缺少「年度资金总额」行")

    def _fund_row_kind(self, label: Cell | None, seen_total: bool) -> str | None:
        """None for the 年度资金总额 row, a FundSources key for a 其中 row, '?' when unrecognised."""
        if label is None:
            return "?" if seen_total else None
        key = label_of(label.text).removeprefix("其中").lstrip(":")
        for source, names in FUND_ROWS:
            if key in names:
                return source
        for source, names in FUND_ROWS[1:]:
            if any(name in key for name in names[:3]):
                return source
        return "?" if seen_total else None

    def _read_execution_extras(self, row: int, columns: ColumnMap) -> None:
        col = columns.get("分值")
        if col is not None:
            points = cell_number(self.grid.cell(row, col), score=True)
            if isinstance(points, Decimal):
                self.execution_points = points
        col = columns.get("原因")
        if col is not None:
            cell = self.grid.cell(row, col)
            if not cell.blank:
                self.put(("偏差原因",), cell.text, cell)

    def _money(self, cell: Cell, unit: str) -> Decimal | None:
        value = cell_number(cell)
        if value is None or value == "无":
            return None
        if isinstance(value, str):
            amount = amount_with_unit(value, unit)
            if amount is None:
                self.issues.add(cell, f"「{value[:40]}」不是有效的金额数字")
                return None
            value = amount
        return convert_amount(value, unit, "万元")

    # --- goal -------------------------------------------------------------------------------------

    def _read_goal(self, label: Cell, stop: int) -> None:
        expected = actual = None
        header_row = None
        for row in range(label.row, min(label.row + 2, stop)):
            for cell in self.grid.filled(row, label.col + 1):
                key = key_of(cell)
                inline = inline_value(cell, GOAL_EXPECTED + GOAL_ACTUAL)
                if inline and inline[1]:
                    loc = "年度总体目标" if inline[0] in GOAL_EXPECTED else "实际完成情况"
                    self.put((loc,), inline[1], cell)
                elif key in GOAL_EXPECTED:
                    expected, header_row = cell, row
                elif key in GOAL_ACTUAL:
                    actual, header_row = cell, row
        if "年度总体目标" in self.data or "实际完成情况" in self.data:
            return
        if header_row is None:
            text, where = _label_value(self.grid, label, GOAL_LABELS)
            self.put(("年度总体目标",), text, where)
            return
        value_row = next((r for r in range(header_row + 1, stop) if not self.grid.row_blank(r)), None)
        if value_row is None or is_block_end(self.grid, value_row):
            return
        bounds = sorted(c.col for c in (expected, actual) if c is not None)
        for header in (expected, actual):
            if header is None:
                continue
            later = [b for b in bounds if b > header.col]
            cells = self.grid.filled(value_row, header.col, later[0] if later else None)
            loc = "年度总体目标" if header is expected else "实际完成情况"
            if cells:
                self.put((loc,), cells[0].text, cells[0])

    # --- indicators -------------------------------------------------------------------------------

    # --- total and trailing rows ------------------------------------------------------------------

    def _read_total(self, row: int, columns: ColumnMap | None) -> None:
        cell = None
        if columns is not None and columns.get("得分") is not None:
            candidate = self.grid.cell(row, columns.columns["得分"])
            cell = None if candidate.blank else candidate
        if cell is None:
            numeric = [c for c in self.grid.filled(row) if isinstance(cell_number(c, score=True), Decimal)]
            cell = numeric[-1] if numeric else None
        if cell is None:
            return
        value = cell_number(cell, score=True)
        if isinstance(value, str):
            self.issues.add(cell, f"总分「{value[:40]}」不是数字")
            return
        self.put(("自评得分",), value, cell)

    def _read_trailing(self, start: int) -> None:
        for row in range(start, self.end + 1):
            first = first_filled(self.grid, row)
            if first is None:
                continue
            key = key_of(first)
            inline = inline_value(first, TRAILING_FIELDS)
            if key in TRAILING_FIELDS or inline:
                target = TRAILING_FIELDS[key] if key in TRAILING_FIELDS else TRAILING_FIELDS[inline[0]]  # type: ignore[index]
                text, where = _label_value(self.grid, first, TRAILING_FIELDS)
                self.put((target,), text, where)


def read_project(
    grid: Grid, label: Cell, end: int, issues: Issues, default_unit: str, title_unit: str | None = None
) -> FormRead:
    """Read the form that starts at a '项目名称' label and ends at row ``end``."""
    return ProjectReader(grid, label.row, end, issues, default_unit, title_unit).read(label)
