"""Scores → an .xlsx workbook: a 汇总 sheet with totals, one 项目支出绩效自评表 per project in the rule set's layout
(national, 四川 or 云南), and a 案例信息 sheet so that ``xlsx_import`` reads the workbook back to the same case.

Cells hold values (no formulas) and exactly the numbers the core computed; Decimals are written as numbers when
15 significant digits hold them (else as text), with number formats that show the precision they were written at.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assistant.models import YUAN_PER_WAN, Indicator
from assistant.scoring import IndicatorScore, ProjectScore, UnitScore

BODY_FONT = "宋体"
TITLE_FONT = "黑体"
GB2312 = 134  # font charset, so Excel/WPS pick the Chinese face
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
DASH = "—"
SUMMARY_SHEET = "汇总"
INFO_SHEET = "案例信息"


@dataclass(frozen=True)
class FormLayout:
    """One 自评表 variant: block labels, funds columns and indicator columns (header, field, width)."""

    fund_label: str
    fund_columns: tuple[
        str, ...
    ]  # budget_initial, budget, executed, then the layout's order of 分值/执行率/得分/原因
    goal_label: str
    indicator_label: str
    indicator_columns: tuple[tuple[str, str, float], ...]
    kind_symbols: dict[str, str] | None  # None: 指标性质 folded into 年度指标值 ('≥95%')


_NATIONAL_FUNDS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
LAYOUTS = {
    "national": FormLayout(
        "项目资金",
        _NATIONAL_FUNDS,
        "年度总体目标",
        "绩效指标",
        (
            ("一级指标", "level1", 10),
            ("二级指标", "level2", 12),
            ("三级指标", "name", 24),
            ("年度指标值", "target", 14),
            ("实际完成值", "actual", 14),
            ("分值", "points", 8),
            ("得分", "score", 9),
            ("偏差原因分析及改进措施", "note", 32),
        ),
        None,
    ),
    "yunnan": FormLayout(
        "项目资金",
        _NATIONAL_FUNDS,
        "年度总体目标",
        "绩效指标",
        (
            ("一级指标", "level1", 10),
            ("二级指标", "level2", 12),
            ("三级指标", "name", 24),
            ("指标性质", "kind", 8),
            ("指标值", "target", 12),
            ("度量单位", "unit", 9),
            ("实际完成值", "actual", 12),
            ("分值", "points", 8),
            ("得分", "score", 9),
            ("偏差原因分析及改进措施", "note", 30),
        ),
        {"≥": "≧", "≤": "≦", "=": "═", "定性": "定性"},
    ),
    "sichuan": FormLayout(
        "项目预算执行情况",
        ("年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"),
        "年度总体目标完成情况",
        "绩效指标完成情况",
        (
            ("一级指标", "level1", 10),
            ("二级指标", "level2", 12),
            ("三级指标", "name", 24),
            ("指标性质", "kind", 8),
            ("指标值", "target", 12),
            ("度量单位", "unit", 9),
            ("完成值", "actual", 12),
            ("权重", "points", 8),
            ("得分", "score", 9),
            ("未完成原因分析", "note", 30),
        ),
        {"≥": "≥", "≤": "≤", "=": "=", "定性": "定性"},
    ),
}
TIER_COLUMN = ("评价档次", "tier", 16)
LABEL_WIDTH = 14
FUND_LABEL_WIDTH = 19
AMOUNT_WIDTH = 14


def export_xlsx_bytes(unit: UnitScore) -> bytes:
    """The whole workbook as .xlsx bytes (for ``jixiao draft --format xlsx`` and the UI's download)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "jixiao"
    money = MoneyFormat.for_unit(unit)
    write_summary(workbook.create_sheet(SUMMARY_SHEET), unit, money)
    layout = LAYOUTS.get(unit.ruleset.layout, LAYOUTS["national"])
    names: set[str] = {SUMMARY_SHEET, INFO_SHEET}
    for project in unit.projects:
        sheet = workbook.create_sheet(_sheet_name(project, names))
        ProjectSheet(sheet, unit, project, layout, money).write()
    write_info(workbook.create_sheet(INFO_SHEET), unit)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- values and formats -------------------------------------------------------------------------------


def number(value: Decimal) -> Decimal | str:
    """A Decimal as a cell value: a number when Excel's 15 significant digits hold it exactly, else text."""
    if len(value.as_tuple().digits) > 15:
        return format(value, "f")
    return value


def places_of(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def decimal_format(places: int, grouping: bool = False) -> str:
    head = "#,##0" if grouping else "0"
    return head + ("." + "0" * places if places else "")


def written_format(value: Decimal) -> str:
    """The number format showing a value with the decimals it was filed with (62.3205 → '0.0000', 356 → '0')."""
    exponent = value.as_tuple().exponent
    return decimal_format(max(0, -exponent) if isinstance(exponent, int) else 0)


@dataclass(frozen=True)
class MoneyFormat:
    """Amounts in the case's unit, each shown with the decimals it was filed with (元: at least 分)."""

    unit: str

    @classmethod
    def for_unit(cls, unit: UnitScore) -> MoneyFormat:
        return cls(unit.case.money_unit)

    def cell(self, value_wan: Decimal | None) -> tuple[Decimal | str | None, str | None]:
        """(cell value, number format) for an amount held in 万元."""
        if value_wan is None:
            return None, None
        if self.unit == "元":
            value = (value_wan * YUAN_PER_WAN).normalize()
            places = max(2, places_of(value))
        else:
            value = value_wan
            exponent = value.as_tuple().exponent
            places = max(0, -exponent) if isinstance(exponent, int) else 0
        return number(value), decimal_format(min(places, 6), grouping=True)


def _sheet_name(project: ProjectScore, taken: set[str]) -> str:
    """'1-项目名称' cut to Excel's 31 characters, without the characters Excel forbids, unique."""
    base = re.sub(r"[\[\]:*?/\\'：]", "_", f"{project.index}-{project.project.name}")[:31]
    name, counter = base, 2
    while name in taken:
        suffix = f"({counter})"
        name, counter = base[: 31 - len(suffix)] + suffix, counter + 1
    taken.add(name)
    return name


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


# --- sheets -------------------------------------------------------------------------------------------


class SheetWriter:
    """Small helpers over a worksheet: write a styled cell, merge a range, frame a block with borders."""

    def __init__(self, sheet: Worksheet, widths: list[float]) -> None:
        self.sheet = sheet
        self.widths = widths
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.sheet_view.showGridLines = False
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True

    def put(
        self,
        row: int,
        col: int,
        value: Any,
        *,
        bold: bool = False,
        align: Alignment = CENTER,
        number_format: str | None = None,
        last_col: int | None = None,
        last_row: int | None = None,
        size: float = 11,
        font: str = BODY_FONT,
    ) -> None:
        cell = self.sheet.cell(row=row, column=col)
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # officer text is never a formula
        cell.font = Font(name=font, size=size, bold=bold, charset=GB2312)
        cell.alignment = align
        if number_format:
            cell.number_format = number_format
        if (last_col and last_col > col) or (last_row and last_row > row):
            self.sheet.merge_cells(
                start_row=row, start_column=col, end_row=last_row or row, end_column=last_col or col
            )

    def frame(self, first_row: int, last_row: int, last_col: int) -> None:
        for row in self.sheet.iter_rows(min_row=first_row, max_row=last_row, min_col=1, max_col=last_col):
            for cell in row:
                cell.border = BORDER

    def fit_height(self, row: int, texts: list[tuple[str, int, int]]) -> None:
        """Grow a row so wrapped text shows: (text, first column, last column) for each text cell in it."""
        lines = 1
        for text, first, last in texts:
            width = sum(self.widths[first - 1 : last]) or 10
            lines = max(lines, math.ceil(_display_width(text) / width))
        self.sheet.row_dimensions[row].height = max(20, 15 * lines + 6)


def _form_widths(layout: FormLayout, columns: list[tuple[str, str, float]]) -> list[float]:
    """Indicator widths, widened where the funds block above needs room (row labels, amounts)."""
    widths = [LABEL_WIDTH] + [w for _, _, w in columns]
    widths[1] = max(widths[1], FUND_LABEL_WIDTH)
    for offset, header in enumerate(layout.fund_columns):
        index = 2 + offset
        if index < len(widths):
            need = AMOUNT_WIDTH if offset < 3 else max(9.0, _display_width(header) + 2)
            widths[index] = max(widths[index], need)
    return widths


class ProjectSheet:
    """One project's 自评表 in a layout; rows are appended top to bottom."""

    def __init__(
        self, sheet: Worksheet, unit: UnitScore, project: ProjectScore, layout: FormLayout, money: MoneyFormat
    ) -> None:
        self.unit, self.project, self.layout, self.money = unit, project, layout, money
        columns = list(layout.indicator_columns)
        if any(s.indicator.tier for s in project.indicators):
            columns.append(TIER_COLUMN)
        self.columns = columns
        self.width = 1 + len(columns)
        self.out = SheetWriter(sheet, _form_widths(layout, columns))
        self.rules = unit.ruleset
        self.score_format = decimal_format(self.rules.rounding.score_places)
        self.row = 1

    def write(self) -> None:
        self._titles()
        table_top = self.row
        self._header()
        self._funds()
        self._goal()
        self._indicators()
        self._total()
        self._trailing()
        self.out.frame(table_top, self.row - 1, self.width)

    def _titles(self) -> None:
        case = self.unit.case
        out, last = self.out, self.width
        out.put(1, 1, "项目支出绩效自评表", bold=True, size=16, font=TITLE_FONT, last_col=last)
        out.sheet.row_dimensions[1].height = 30
        out.put(2, 1, f"（{case.year_text}年度）", last_col=last)
        split = max(2, last - 2)
        out.put(3, 1, f"填报单位：{case.unit}", align=LEFT, last_col=split - 1)
        out.put(
            3,
            split,
            f"金额单位：{case.money_unit}",
            align=Alignment(horizontal="right", vertical="center"),
            last_col=last,
        )
        self.row = 4

    def _header(self) -> None:
        p, out, last, r = self.project.project, self.out, self.width, self.row
        out.put(r, 1, "项目名称", bold=True)
        out.put(r, 2, p.name, align=LEFT, last_col=last)
        middle = 2 + (last - 1) // 2
        out.put(r + 1, 1, "主管部门", bold=True)
        out.put(r + 1, 2, p.department or "", align=LEFT, last_col=middle - 1)
        out.put(r + 1, middle, "实施单位", bold=True)
        out.put(r + 1, middle + 1, p.implementer or "", align=LEFT, last_col=last)
        out.fit_height(r + 1, [(p.department or "", 2, middle - 1), (p.implementer or "", middle + 1, last)])
        self.row = r + 2

    def _funds(self) -> None:
        out, last, r = self.out, self.width, self.row
        layout, project = self.layout, self.project
        out.put(r, 1, f"{layout.fund_label}（{self.money.unit}）", bold=True, last_row=r + 4)
        out.put(r, 2, "")
        headers = list(layout.fund_columns)
        for offset, header in enumerate(headers):
            col = 3 + offset
            out.put(r, col, header, bold=True, last_col=last if offset == len(headers) - 1 else None)
        p = project.project
        sources = p.sources.rows() if p.sources else {}
        rows = [
            ("年度资金总额", p),
            ("其中：当年财政拨款", sources.get("当年财政拨款")),
            ("上年结转资金", sources.get("上年结转资金")),
            ("其他资金", sources.get("其他资金")),
        ]
        for index, (label, holder) in enumerate(rows, 1):
            row = r + index
            out.put(row, 2, label, align=LEFT if index > 1 else CENTER, bold=index == 1)
            for offset, header in enumerate(headers):
                col = 3 + offset
                value, fmt, align = self._fund_cell(header, holder, total=index == 1)
                out.put(
                    row,
                    col,
                    value,
                    number_format=fmt,
                    align=align,
                    last_col=last if offset == len(headers) - 1 else None,
                )
            if index == 1 and p.deviation_cause and "原因" in headers:
                out.fit_height(row, [(p.deviation_cause, 3 + headers.index("原因"), last)])
        self.row = r + 5

    def _fund_cell(self, header: str, holder: Any, *, total: bool) -> tuple[Any, str | None, Alignment]:
        rules, project = self.rules, self.project
        money_field = {
            "年初预算数": "budget_initial",
            "年初预算": "budget_initial",
            "全年预算数": "budget",
            "调整后预算数": "budget",
            "全年执行数": "executed",
            "预算执行数": "executed",
        }.get(header)
        if money_field:
            value, fmt = self.money.cell(getattr(holder, money_field) if holder is not None else None)
            return value, fmt, CENTER
        if not total:
            return DASH, None, CENTER
        if header in ("分值", "权重"):
            return number(rules.execution.points), None, CENTER
        if header in ("执行率", "预算执行率"):
            if project.rate_shown is None:
                return DASH, None, CENTER
            return number(project.rate_shown / 100), decimal_format(rules.rounding.rate_places) + "%", CENTER
        if header == "得分":
            return number(project.rate_score), self.score_format, CENTER
        if header == "原因":
            return project.project.deviation_cause or "", None, LEFT
        return None, None, CENTER

    def _goal(self) -> None:
        out, last, r, p = self.out, self.width, self.row, self.project.project
        middle = 2 + (last - 1) // 2
        out.put(r, 1, self.layout.goal_label, bold=True, last_row=r + 1)
        out.put(r, 2, "预期目标", bold=True, last_col=middle - 1)
        out.put(r, middle, "实际完成情况", bold=True, last_col=last)
        out.put(r + 1, 2, p.goal or "", align=LEFT, last_col=middle - 1)
        out.put(r + 1, middle, p.outcome or "", align=LEFT, last_col=last)
        out.fit_height(r + 1, [(p.goal or "", 2, middle - 1), (p.outcome or "", middle, last)])
        self.row = r + 2

    def _indicators(self) -> None:
        out, r = self.out, self.row
        scored = self.project.indicators
        out.put(r, 1, self.layout.indicator_label, bold=True, last_row=r + len(scored))
        for offset, (header, _, _) in enumerate(self.columns):
            out.put(r, 2 + offset, header, bold=True)
        for index, s in enumerate(scored, 1):
            row = r + index
            texts = []
            for offset, (_, field, _) in enumerate(self.columns):
                col = 2 + offset
                value, fmt, align = self._indicator_cell(field, s)
                out.put(row, col, value, number_format=fmt, align=align)
                if isinstance(value, str):
                    texts.append((value, col, col))
            out.fit_height(row, texts)
        self._merge_levels(r + 1, scored)
        self.row = r + 1 + len(scored)

    def _indicator_cell(self, field: str, s: IndicatorScore) -> tuple[Any, str | None, Alignment]:
        ind = s.indicator
        if field in ("level1", "level2"):
            return getattr(ind, field), None, CENTER
        if field == "name":
            return ind.name, None, LEFT
        if field == "kind":
            assert self.layout.kind_symbols is not None
            return self.layout.kind_symbols[ind.kind], None, CENTER
        if field == "unit":
            return (None if ind.is_qualitative else ind.unit), None, CENTER
        if field in ("target", "actual"):
            return self._value_cell(ind, field), None, LEFT if ind.is_qualitative else CENTER
        if field == "points":
            return number(ind.points), None, CENTER
        if field == "score":
            if ind.is_qualitative:
                # the officer's own score, as filed (blank: the core counts 0 and flags it)
                if ind.score is None:
                    return None, None, CENTER
                return number(ind.score), written_format(ind.score), CENTER
            return number(s.score), self.score_format, CENTER
        if field == "note":
            return ind.deviation_note, None, LEFT
        if field == "tier":
            return ind.tier, None, CENTER
        raise ValueError(field)

    def _value_cell(self, ind: Indicator, field: str) -> Any:
        raw = ind.target if field == "target" else ind.actual
        if ind.is_qualitative:
            return None if raw is None else str(raw)
        value = ind.target_value if field == "target" else ind.actual_value
        if value is None:
            return None
        if self.layout.kind_symbols is not None:
            return number(value)
        prefix = {"≥": "≥", "≤": "≤", "=": "＝"}[ind.kind] if field == "target" else ""
        return f"{prefix}{format(value, 'f')}{ind.unit or ''}"

    def _merge_levels(self, first_row: int, scored: list[IndicatorScore]) -> None:
        """Merge runs of equal 一级 (and, inside them, 二级) cells like the printed form."""
        keys = [(s.indicator.level1,) for s in scored]
        self._merge_runs(first_row, keys, 2)
        if any(field == "level2" for _, field, _ in self.columns):
            self._merge_runs(first_row, [(s.indicator.level1, s.indicator.level2) for s in scored], 3)

    def _merge_runs(self, first_row: int, keys: list[tuple[str, ...]], col: int) -> None:
        start = 0
        for index in range(1, len(keys) + 1):
            if index == len(keys) or keys[index] != keys[start]:
                if index - start > 1:
                    self.out.sheet.merge_cells(
                        start_row=first_row + start,
                        start_column=col,
                        end_row=first_row + index - 1,
                        end_column=col,
                    )
                start = index

    def _total(self) -> None:
        out, r, last, project = self.out, self.row, self.width, self.project
        fields = [field for _, field, _ in self.columns]
        points_col, score_col = 2 + fields.index("points"), 2 + fields.index("score")
        out.put(r, 1, "总分", bold=True, last_col=points_col - 1)
        if project.indicators:
            total = sum((s.indicator.points for s in project.indicators), self.rules.execution.points)
        else:
            total = self.rules.weights.total
        out.put(r, points_col, number(total))
        score, fmt = _total_cell(project, self.score_format)
        out.put(r, score_col, score, bold=True, number_format=fmt)
        out.put(r, score_col + 1, project.grade or "", bold=True, last_col=last)
        self.row = r + 1

    def _trailing(self) -> None:
        p, out, last = self.project.project, self.out, self.width
        rows = [("改进措施", p.improvement), ("项目背景", p.background)]
        if "原因" not in self.layout.fund_columns:
            rows.insert(0, ("偏差原因", p.deviation_cause))
        for label, text in rows:
            if not text:
                continue
            out.put(self.row, 1, label, bold=True)
            out.put(self.row, 2, text, align=LEFT, last_col=last)
            out.fit_height(self.row, [(text, 2, last)])
            self.row += 1


def _total_cell(project: ProjectScore, score_format: str) -> tuple[Decimal | str | None, str | None]:
    """A project's total: computed at the rule's precision, or the filed 自评得分 as written."""
    if project.score is None:
        return None, None
    if project.score_source == "self":
        return number(project.score), written_format(project.score)
    return number(project.score), score_format


def write_summary(sheet: Worksheet, unit: UnitScore, money: MoneyFormat) -> None:
    """评分表: one row per project, then 合计 (amounts, overall rate), 平均得分 and the grade counts."""
    layout = LAYOUTS.get(unit.ruleset.layout, LAYOUTS["national"])
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
            (*_total_cell(p, score_format), CENTER),
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
