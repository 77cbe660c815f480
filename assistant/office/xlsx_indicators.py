"""The indicator table of a 自评表 (一级/二级/三级指标, 指标性质, 年度指标值, 实际完成值, 分值, 得分…) read row by row.

Merged 一级/二级 cells are filled down, 预算执行率 rows skipped (scored from the funds block), a value and its
unit or comparison split as filed ('≥95%', '100个'); the table ends at the 总分 row or the next block. The rest
of the form is read by ``xlsx_project``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from assistant.office.xlsx_cells import Cell, Grid, cell_number, label_of, normalise
from assistant.office.xlsx_labels import ColumnMap, first_filled, is_block_end, key_of, map_columns
from assistant.office.xlsx_layouts import (
    EXECUTION_ROW_NAMES,
    INDICATOR_COLUMNS,
    INDICATOR_REQUIRED,
    TOTAL_LABELS,
)
from assistant.office.xlsx_read import Issues, Loc
from assistant.office.xlsx_values import SplitValue, split_value


class IndicatorReader:
    """Reads the indicator table under a header row, up to row ``end`` of the form."""

    def __init__(self, grid: Grid, end: int, issues: Issues) -> None:
        self.grid, self.end, self.issues = grid, end, issues
        self.rows: list[dict[str, Any]] = []  # each indicator's data, Chinese keys
        self.where: dict[Loc, str] = {}  # ("绩效指标", i, field) → the cell it was read from
        self.headers: set[str] = set()  # the header labels as written (to tell the form's layout)
        self.kinds: list[str] = []  # 指标性质 as written (云南 marks)
        self.total_row: int | None = None
        self.columns: ColumnMap | None = None

    def read(self, header: Cell) -> int:
        """Read the table under its header row; the last row read (the 总分 row when there is one)."""
        columns = map_columns(self.grid, header.row, INDICATOR_COLUMNS)
        self.headers = {key_of(c) for c in columns.headers.values()}
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
                self.total_row, self.columns = row, columns
                return row
            if is_block_end(self.grid, row):
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
        self.rows.append({})
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
                self.rows[index][name] = value

        return put

    def _split(self, cell: Cell) -> SplitValue:
        value = cell_number(cell)
        if isinstance(value, Decimal):
            return SplitValue(None, value, None)
        if value is None:
            return SplitValue(None, None, None)
        return split_value(value)
