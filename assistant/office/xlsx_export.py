"""Scores → an .xlsx workbook: a 汇总 sheet with totals, one 项目支出绩效自评表 per project in the rule set's layout
(``xlsx_form``), and a 案例信息 sheet so that ``xlsx_import`` reads the workbook back to the same case.

Cells hold values (no formulas) and exactly the numbers the core computed; Decimals are written as numbers when
15 significant digits hold them (else as text), with number formats that show the precision they were written at
(``xlsx_sheet``).
"""

from __future__ import annotations

import io
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from assistant.office.xlsx_form import ProjectSheet
from assistant.office.xlsx_layouts import layout_of
from assistant.office.xlsx_sheet import (
    CENTER,
    DASH,
    LEFT,
    TITLE_FONT,
    MoneyFormat,
    SheetWriter,
    decimal_format,
    number,
    total_cell,
)
from assistant.scoring import ProjectScore, UnitScore

SUMMARY_SHEET = "汇总"
INFO_SHEET = "案例信息"


def export_xlsx_bytes(unit: UnitScore) -> bytes:
    """The whole workbook as .xlsx bytes (for ``jixiao draft --format xlsx`` and the UI's download)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "jixiao"
    money = MoneyFormat.for_unit(unit)
    write_summary(workbook.create_sheet(SUMMARY_SHEET), unit, money)
    layout = layout_of(unit.ruleset.layout)
    names: set[str] = {SUMMARY_SHEET, INFO_SHEET}
    for project in unit.projects:
        sheet = workbook.create_sheet(_sheet_name(project, names))
        ProjectSheet(sheet, unit, project, layout, money).write()
    write_info(workbook.create_sheet(INFO_SHEET), unit)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_name(project: ProjectScore, taken: set[str]) -> str:
    """'1-项目名称' cut to Excel's 31 characters, without the characters Excel forbids, unique."""
    base = re.sub(r"[\[\]:*?/\\'：]", "_", f"{project.index}-{project.project.name}")[:31]
    name, counter = base, 2
    while name in taken:
        suffix = f"({counter})"
        name, counter = base[: 31 - len(suffix)] + suffix, counter + 1
    taken.add(name)
    return name


def write_summary(sheet: Worksheet, unit: UnitScore, money: MoneyFormat) -> None:
    """评分表: one row per project, then 合计 (amounts, overall rate), 平均得分 and the grade counts."""
    layout = layout_of(unit.ruleset.layout)
    funds = layout.fund_columns
    headers = [
        "序号",
        "项目名称",
        f"{funds[0]}（{money.unit}）",
        f"{funds[1]}（{money.unit}）",
        f"{funds[2]}（{money.unit}）",
        "执行率",
        "执行率得分",
        "自评得分",
        "等级",
    ]
    widths = [6, 40, 16, 16, 16, 10, 10, 10, 8]
    out = SheetWriter(sheet, widths)
    last = len(headers)
    case, rules = unit.case, unit.ruleset
    rate_format = decimal_format(rules.rounding.rate_places) + "%"
    score_format = decimal_format(rules.rounding.score_places)
    out.put(
        1,
        1,
        f"{case.unit}{case.year_text}年度项目支出绩效自评汇总表",
        bold=True,
        size=16,
        font=TITLE_FONT,
        last_col=last,
    )
    out.sheet.row_dimensions[1].height = 30
    out.put(2, 1, f"评分规则：{rules.name}", align=LEFT, last_col=last - 3)
    out.put(
        2,
        last - 2,
        f"金额单位：{money.unit}",
        align=Alignment(horizontal="right", vertical="center"),
        last_col=last,
    )
    for col, header in enumerate(headers, 1):
        out.put(3, col, header, bold=True)
    out.fit_height(3, [(h, c, c) for c, h in enumerate(headers, 1)])
    row = 4
    for p in unit.projects:
        rate = number(p.rate_shown / 100) if p.rate_shown is not None else DASH
        values: list[tuple[Any, str | None, Alignment]] = [
            (p.index, None, CENTER),
            (p.project.name, None, LEFT),
            (*money.cell(p.project.budget_initial), CENTER),
            (*money.cell(p.project.budget), CENTER),
            (*money.cell(p.project.executed), CENTER),
            (rate, rate_format, CENTER),
            (number(p.rate_score), score_format, CENTER),
            (*total_cell(p, score_format), CENTER),
            (p.grade or "", None, CENTER),
        ]
        for col, (value, fmt, align) in enumerate(values, 1):
            out.put(row, col, value, number_format=fmt, align=align)
        out.fit_height(row, [(p.project.name, 2, 2)])
        row += 1
    out.put(row, 1, "合计", bold=True, last_col=2)
    totals = [unit.budget_initial, unit.budget, unit.executed]
    for col, value in enumerate(totals, 3):
        shown, fmt = money.cell(value)
        out.put(row, col, shown, bold=True, number_format=fmt)
    rate = number(unit.rate_shown / 100) if unit.rate_shown is not None else DASH
    out.put(row, 6, rate, bold=True, number_format=rate_format)
    for col in range(7, last + 1):
        out.put(row, col, None)
    out.put(row + 1, 1, "平均得分", bold=True, last_col=7)
    out.put(
        row + 1,
        8,
        number(unit.mean_score) if unit.mean_score is not None else None,
        bold=True,
        number_format=score_format,
    )
    out.put(row + 1, 9, None)
    out.frame(3, row + 1, last)
    counts = "，".join(f"{name} {count} 个" for name, count in unit.grade_counts.items())
    out.put(
        row + 2,
        1,
        f"注：共 {len(unit.projects)} 个项目，等级分布：{counts}。执行率 = {rules.execution.definition}。",
        align=LEFT,
        last_col=last,
    )


def write_info(sheet: Worksheet, unit: UnitScore) -> None:
    """Case-level facts no 自评表 carries, so that re-importing the workbook restores the same case."""
    case = unit.case
    out = SheetWriter(sheet, [14, 90])
    rows = [
        ("单位名称", case.unit),
        ("年度", case.year),
        ("评分规则", case.rules),
        ("金额单位", case.money_unit),
        ("主管部门", case.department),
        ("单位概况", case.background),
        ("报告提纲", case.outline),
    ]
    out.put(1, 1, "项目", bold=True)
    out.put(1, 2, "内容", bold=True)
    row = 2
    for label, value in rows:
        if value is None or value == "":
            continue
        out.put(row, 1, label, bold=True)
        out.put(row, 2, value, align=LEFT)
        if isinstance(value, str):
            out.fit_height(row, [(value, 2, 2)])
        row += 1
    out.frame(1, row - 1, 2)
    out.put(
        row + 1,
        1,
        "说明：本表供 jixiao 重新导入时识别案例信息；评分规则可填规则 id 或名称。",
        align=LEFT,
        last_col=2,
    )
