"""One project's 自评表 on a worksheet (national, 四川 or 云南 layout) read into case data with cell references.

Blocks are found by their labels, not by fixed positions: header (项目名称/主管部门/实施单位), funds (年初预算数 …
with 年度资金总额 and 其中 rows), 年度总体目标, the indicator table (merged 一级/二级 cells filled down) and the
总分 row, then trailing rows (偏差原因/改进措施/项目背景). Amounts come back in 万元 whatever the sheet used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from assistant.errors import Problem
from assistant.office.xlsx_cells import Cell, Grid, cell_number, label_of, money_unit_in, normalise
from assistant.office.xlsx_layouts import (
    EXECUTION_ROW_NAMES,
    FUND_COLUMNS,
    FUND_ROWS,
    GOAL_ACTUAL,
    GOAL_EXPECTED,
    GOAL_LABELS,
    HEADER_FIELDS,
    INDICATOR_COLUMNS,
    INDICATOR_REQUIRED,
    MONEY_FIELDS,
    PROJECT_NAME,
    SUMMARY_COLUMNS,
    TOTAL_LABELS,
    TRAILING_FIELDS,
    ColumnMap,
    Layout,
    detect_layout,
    first_filled,
    inline_value,
    is_note_row,
    key_of,
    map_columns,
    value_right_of,
)
from assistant.office.xlsx_values import amount_with_unit, convert_amount, split_value

Loc = tuple[Any, ...]


class Issues:
    """Problems found while reading, each at a cell; raised together so the officer can fix them in one go."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, cell: Cell | None, message: str) -> None:
        self.problems.append(Problem(message, self.file, cell.ref if cell else None))

    def raise_if_any(self) -> None:
        if self.problems:
            from assistant.errors import InputError

            raise InputError(list(self.problems))


@dataclass
class FormRead:
    """A project as read from a form: case data (Chinese keys, money in 万元) and where each field came from."""

    data: dict[str, Any]
    where: dict[Loc, str]
    anchor: Cell
    layout: Layout = "national"
    stated_unit: str | None = None
    execution_points: Decimal | None = None
    money_cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.data.get("项目名称") or "")


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
            last = self._read_indicators(indicators)
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
        layout = detect_layout(self.fund_headers, self.indicator_headers, self.kinds)
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
        if value_row is None or self._is_block_end(value_row):
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

    def _read_indicators(self, header: Cell) -> int:
        columns = map_columns(self.grid, header.row, INDICATOR_COLUMNS)
        self.indicator_headers = {key_of(c) for c in columns.headers.values()}
        missing = [f for f in INDICATOR_REQUIRED if f not in columns.columns]
        if missing:
            self.issues.add(header, f"绩效指标表头缺少「{'、'.join(missing)}」列")
            return header.row
        level1_col = columns.columns["一级指标"]
        level1 = level2 = ""
        index = 0
        row = header.row
        for row in range(header.row + 1, self.end + 1):
            first = first_filled(self.grid, row)
            if first is None:
                continue
            key = key_of(first)
            if key in TOTAL_LABELS:
                self._read_total(row, columns)
                return row
            if self._is_block_end(row):
                return row - 1
            cells = {f: self.grid.cell(row, c) for f, c in columns.columns.items()}
            previous_level1 = level1
            if not cells["一级指标"].blank:
                level1 = re.sub(r"\s+", "", cells["一级指标"].text)
            if "二级指标" in cells:
                if not cells["二级指标"].blank:
                    level2 = re.sub(r"\s+", "", cells["二级指标"].text)
                elif level1 != previous_level1:
                    level2 = ""
            name_cell = cells["三级指标"]
            values = [
                c for f, c in cells.items() if f not in ("一级指标", "二级指标", "三级指标") and not c.blank
            ]
            if name_cell.blank:
                if values:
                    self.issues.add(name_cell, "缺少三级指标名称")
                continue
            if label_of(name_cell.text) in EXECUTION_ROW_NAMES or label_of(level1) in EXECUTION_ROW_NAMES:
                continue  # 预算执行率 is scored from the funds block
            if not level1:
                self.issues.add(self.grid.cell(row, level1_col), "缺少一级指标")
            self._read_indicator(index, level1, level2, cells)
            index += 1
        return row

    def _read_indicator(self, index: int, level1: str, level2: str, cells: dict[str, Cell]) -> None:
        base: Loc = ("绩效指标", index)
        self.where[base] = cells["三级指标"].ref
        self.data.setdefault("绩效指标", []).append({})
        put = self._indicator_put(index)
        put("一级指标", level1, cells.get("一级指标"))
        put("二级指标", level2, cells.get("二级指标"))
        put("三级指标", cells["三级指标"].label_text, cells["三级指标"])
        target_cell, actual_cell = cells["年度指标值"], cells["实际完成值"]
        kind_text = normalise(cells["指标性质"].text) if "指标性质" in cells else ""
        if kind_text:
            self.kinds.append(kind_text)
        target = self._split(target_cell)
        actual = self._split(actual_cell)
        if kind_text in ("", "定量", "定量指标"):
            if target_cell.blank:
                kind = "≥"
            elif target.number is None:
                kind = "定性"
            else:
                kind = target.kind or "≥"
        else:
            kind = kind_text
        put("指标性质", kind, cells.get("指标性质") or target_cell)
        if kind in ("定性", "定性指标"):
            put("年度指标值", target_cell.text or None, target_cell)
            put("实际完成值", actual_cell.text or None, actual_cell)
        else:
            unit_cell = cells.get("度量单位")
            stated = unit_cell.label_text if unit_cell is not None and not unit_cell.blank else None
            unit = stated or target.unit or actual.unit
            put(
                "年度指标值",
                target.number if target.number is not None else target_cell.text or None,
                target_cell,
            )
            put(
                "实际完成值",
                actual.number if actual.number is not None else actual_cell.text or None,
                actual_cell,
            )
            put("度量单位", unit, unit_cell or target_cell)
            for label, split, cell in (
                ("年度指标值", target, target_cell),
                ("实际完成值", actual, actual_cell),
            ):
                if split.number is None and not cell.blank:
                    self.issues.add(
                        cell,
                        f"定量指标「{cells['三级指标'].label_text}」的{label}「{cell.text[:40]}」不是数字"
                        "（如“≥95%”“100个”；定性指标请在指标性质填“定性”）",
                    )
            for given, cell in ((target.unit, target_cell), (actual.unit, actual_cell)):
                if given and unit and normalise(given) != normalise(unit):
                    self.issues.add(cell, f"单位「{given}」与度量单位「{unit}」不一致")
        for name in ("分值", "得分"):
            cell = cells.get(name)
            if cell is None:
                continue
            value = cell_number(cell, score=True)
            if isinstance(value, str):
                self.issues.add(cell, f"{name}「{value[:40]}」不是数字")
                value = None
            put(name, value, cell)
        for name in ("评价档次", "偏差原因分析及改进措施"):
            cell = cells.get(name)
            if cell is not None:
                put(name, None if cell.blank else cell.text, cell)

    def _indicator_put(self, index: int):
        def put(name: str, value: Any, cell: Cell | None) -> None:
            if cell is not None:
                self.where[("绩效指标", index, name)] = cell.ref
            if value is not None and value != "":
                self.data["绩效指标"][index][name] = value

        return put

    def _split(self, cell: Cell):
        from assistant.office.xlsx_values import SplitValue

        value = cell_number(cell)
        if isinstance(value, Decimal):
            return SplitValue(None, value, None)
        if value is None:
            return SplitValue(None, None, None)
        return split_value(value)

    def _is_block_end(self, row: int) -> bool:
        first = first_filled(self.grid, row)
        if first is None:
            return False
        key = key_of(first)
        return (
            key in TOTAL_LABELS
            or key in TRAILING_FIELDS
            or bool(inline_value(first, TRAILING_FIELDS))
            or is_note_row(self.grid, row)
        )

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
