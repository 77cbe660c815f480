"""Realistic 自评表 workbooks, built with openpyxl the way officers fill them in, for the Excel import tests.

Deliberately independent of ``assistant.office.xlsx_export``: these follow the printed forms with their quirks
(merged cells, labels broken over lines, numbers typed as text, full-width digits, amounts in 元 with thousands
separators, blank rows, notes under the table), so an import bug cannot hide behind a matching export bug.

Each builder takes a scored *twin* (a case from ``eval_data`` reduced to what the form can carry, see ``twin``)
and writes what an officer would file for it: computed 得分 where the case has none, the case's own where it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from assistant.io import case_from_data
from assistant.models import YUAN_PER_WAN, Case
from assistant.scoring import IndicatorScore, ProjectScore, UnitScore, score_case
from assistant.yamlfile import load_yaml

ROOT = Path(__file__).resolve().parent.parent
EVAL_DATA = ROOT / "eval_data"
FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


# --- twins ------------------------------------------------------------------------------------------------


def twin_data(
    case_dir: str,
    *,
    keep_project: tuple[str, ...] = (),
    drop_project: tuple[str, ...] = (),
    drop_indicator: tuple[str, ...] = (),
    only: int | None = None,
) -> dict[str, Any]:
    """An eval case as plain data, reduced to the fields a 自评表 carries (no 单位概况, 背景 …)."""
    data = load_yaml((EVAL_DATA / case_dir / "data.yaml").read_text(encoding="utf-8"))
    for key in ("单位概况", "主管部门", "报告提纲"):
        data.pop(key, None)
    project_keys = {
        "项目名称",
        "主管部门",
        "实施单位",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "资金来源",
        "年度总体目标",
        "实际完成情况",
        "绩效指标",
        "自评得分",
        *keep_project,
    } - set(drop_project)
    projects = []
    for project in data["项目"]:
        project = {k: v for k, v in project.items() if k in project_keys and v != ""}
        for ind in project.get("绩效指标", []):
            for key in drop_indicator:
                ind.pop(key, None)
        projects.append(project)
    data["项目"] = projects if only is None else [projects[only]]
    return data


def twin(case_dir: str, **kwargs: Any) -> Case:
    return case_from_data(twin_data(case_dir, **kwargs), f"{case_dir}（表样孪生）")


def filed_case(case: Case) -> Case:
    """The twin as the form shows it: every quantitative indicator carries the 得分 written on the form."""
    unit = score_case(case)
    filed = case.model_copy(deep=True)
    for project, scored in zip(filed.projects, unit.projects, strict=True):
        for ind, s in zip(project.indicators, scored.indicators, strict=True):
            if not ind.is_qualitative and ind.score is None:
                ind.score = s.score
    return filed


# --- writing helpers ------------------------------------------------------------------------------------


@dataclass
class Style:
    """How this officer types numbers."""

    money_unit: str = "万元"
    text_numbers: bool = False  # numbers stored as text (green-triangle cells)
    fullwidth: bool = False  # typed with a Chinese IME: １２３．４
    blank_rows: bool = True
    notes: bool = True


def amount(value: Decimal | None, style: Style) -> Any:
    if value is None:
        return None
    if style.money_unit == "元":
        value = (value * YUAN_PER_WAN).quantize(Decimal("0.01"))
        text = f"{value:,.2f}"  # '4,687,500.00'
        return text.translate(FULLWIDTH) if style.fullwidth else text
    return plain(value, style)


def plain(value: Decimal, style: Style) -> Any:
    if not style.text_numbers:
        return value
    text = format(value, "f")
    return text.translate(FULLWIDTH) if style.fullwidth else text


class Sheet:
    """Append rows to a worksheet with merges and thin borders, like filling a printed form."""

    def __init__(self, ws: Worksheet, width: int) -> None:
        self.ws, self.width, self.row = ws, width, 1

    def put(
        self, col: int, value: Any, *, to_col: int | None = None, rows: int = 1, border: bool = True
    ) -> None:
        cell = self.ws.cell(row=self.row, column=col, value=value)
        cell.font = Font(name="宋体", size=10)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if border:
            for r in range(self.row, self.row + rows):
                for c in range(col, (to_col or col) + 1):
                    self.ws.cell(row=r, column=c).border = BOX
        if (to_col and to_col > col) or rows > 1:
            self.ws.merge_cells(
                start_row=self.row, start_column=col, end_row=self.row + rows - 1, end_column=to_col or col
            )

    def next(self, count: int = 1) -> None:
        self.row += count

    def title(self, text: str) -> None:
        self.put(1, text, to_col=self.width, border=False)
        self.ws.cell(row=self.row, column=1).font = Font(name="黑体", size=16, bold=True)
        self.next()


def _kind(ind: Any, symbols: dict[str, str]) -> str:
    return symbols.get(ind.kind, ind.kind)


def _filed_score(s: IndicatorScore) -> Decimal | None:
    return (
        s.indicator.score
        if s.indicator.score is not None
        else (None if s.indicator.is_qualitative else s.score)
    )


def _merge_runs(sheet: Sheet, first_row: int, keys: list[Any], col: int) -> None:
    start = 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] != keys[start]:
            if index - start > 1:
                sheet.ws.merge_cells(
                    start_row=first_row + start,
                    start_column=col,
                    end_row=first_row + index - 1,
                    end_column=col,
                )
            start = index


# --- national layout (9 columns), several projects per workbook, one per sheet ---------------------------


def national_workbook(unit: UnitScore, style: Style, *, stacked: bool = False) -> Workbook:
    """全国通用 自评表, one sheet per project (or all stacked on one sheet), amounts in ``style.money_unit``."""
    wb = Workbook()
    wb.remove(wb.active)
    sheet = None
    for p in unit.projects:
        if sheet is None or not stacked:
            sheet = Sheet(wb.create_sheet(f"附表{p.index}"), 9)
        elif sheet.row > 1:
            sheet.next(2)
        _national_form(sheet, unit, p, style)
    return wb


def _national_form(sheet: Sheet, unit: UnitScore, p: ProjectScore, style: Style) -> None:
    case, project = unit.case, p.project
    sheet.title("项目支出绩效自评表")
    sheet.put(1, f"（ {case.year} 年度）", to_col=9, border=False)
    sheet.next()
    if style.blank_rows:
        sheet.next()
    sheet.put(1, f"填报单位（盖章）：{case.unit}", to_col=6, border=False)
    sheet.put(8, f"单位：{style.money_unit}", to_col=9, border=False)
    sheet.next()
    sheet.put(1, "项目名称")
    sheet.put(2, project.name, to_col=9)
    sheet.next()
    sheet.put(1, "主管部门")
    sheet.put(2, project.department, to_col=5)
    sheet.put(6, "实施单位")
    sheet.put(7, project.implementer, to_col=9)
    sheet.next()
    sheet.put(1, f"项目资金\n（{style.money_unit}）", rows=5)
    for col, header in enumerate(("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), 3):
        sheet.put(col, header, to_col=9 if header == "得分" else None)
    sheet.next()
    sources = project.sources.rows() if project.sources else {}
    rate = None if p.rate_shown is None else f"{p.rate_shown.quantize(Decimal(1), ROUND_HALF_UP)}%"
    for label, holder in (
        ("年度资金总额：", project),
        ("  其中：当年财政拨款", sources.get("当年财政拨款")),
        ("        上年结转资金", sources.get("上年结转资金")),
        ("        其他资金", sources.get("其他资金")),
    ):
        sheet.put(2, label)
        for col, attr in ((3, "budget_initial"), (4, "budget"), (5, "executed")):
            sheet.put(col, amount(getattr(holder, attr), style) if holder is not None else None)
        total = holder is project
        sheet.put(6, plain(unit.ruleset.execution.points, style) if total else "—")
        sheet.put(7, rate if total else "—")
        sheet.put(8, p.rate_score if total else "—", to_col=9)
        sheet.next()
    if style.blank_rows:
        sheet.next()
    sheet.put(1, "年度\n总体\n目标", rows=2)
    sheet.put(2, "预期目标", to_col=5)
    sheet.put(6, "实际完成情况", to_col=9)
    sheet.next()
    sheet.put(2, project.goal, to_col=5)
    sheet.put(6, project.outcome, to_col=9)
    sheet.next()
    _national_indicators(sheet, p, style)
    sheet.put(1, "总分", to_col=6)
    sheet.put(7, 100)
    sheet.put(8, plain(p.score, style) if p.score is not None else None)
    sheet.put(9, p.grade)
    sheet.next()
    for label, text in (("偏差原因分析", project.deviation_cause), ("改进措施", project.improvement)):
        if text:
            sheet.put(1, label)
            sheet.put(2, text, to_col=9)
            sheet.next()
    if style.notes:
        sheet.next()
        sheet.put(
            1,
            "注：1.年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金；2.偏离目标的须说明原因。",
            to_col=9,
            border=False,
        )
        sheet.next()
        sheet.put(
            1, "填表人：王芳　　联系电话：0790-6221234　　填报日期：2024年1月20日", to_col=9, border=False
        )
        sheet.next()


def _national_indicators(sheet: Sheet, p: ProjectScore, style: Style) -> None:
    rows = len(p.indicators) + 1 + (1 if style.blank_rows and len(p.indicators) > 2 else 0)
    sheet.put(1, "绩\n效\n指\n标", rows=rows)
    for col, header in enumerate(
        (
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ),
        2,
    ):
        sheet.put(col, header)
    sheet.next()
    first = sheet.row
    keys1, keys2 = [], []
    for index, s in enumerate(p.indicators):
        ind = s.indicator
        if style.blank_rows and index == 2:  # an empty line inside the merged 一级 block
            keys1.append(keys1[-1])
            keys2.append(keys2[-1])
            sheet.next()
        keys1.append(ind.level1)
        keys2.append((ind.level1, ind.level2))
        sheet.put(2, ind.level1)
        sheet.put(3, ind.level2)
        sheet.put(4, ind.name)
        if ind.is_qualitative:
            sheet.put(5, ind.target)
            sheet.put(6, ind.actual)
        else:
            op = {"≥": "≥", "≤": "≤", "=": "＝"}[ind.kind]
            unit = ind.unit or ""
            target = f"{op}{format(ind.target_value, 'f')}{unit}"
            actual = f"{format(ind.actual_value, 'f')}{unit}"
            sheet.put(5, target.translate(FULLWIDTH) if style.fullwidth else target)
            sheet.put(6, actual)
        sheet.put(7, plain(ind.points, style))
        sheet.put(8, _filed_score(s))
        sheet.put(9, ind.deviation_note)
        sheet.next()
    _merge_runs(sheet, first, keys1, 2)
    _merge_runs(sheet, first, keys2, 3)


# --- 四川 layout: label column A holds the row names, 调整后预算数/权重/完成值/未完成原因分析 ---------------------


def sichuan_workbook(unit: UnitScore, style: Style) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    for p in unit.projects:
        sheet = Sheet(wb.create_sheet(f"项目{p.index}"), 11)
        _sichuan_form(sheet, unit, p, style)
    notes = wb.create_sheet("填表说明")
    notes["A1"] = "填表说明：权重合计100分，其中预算执行率10分。"
    return wb


def _sichuan_form(sheet: Sheet, unit: UnitScore, p: ProjectScore, style: Style) -> None:
    case, project = unit.case, p.project
    sheet.title(f"{case.year}年度项目支出绩效自评表")
    sheet.put(1, f"单位名称：{case.unit}", to_col=11, border=False)
    sheet.next()
    sheet.put(1, f"项目名称：{project.name}", to_col=11)
    sheet.next()
    sheet.put(1, "主管部门")
    sheet.put(2, project.department, to_col=5)
    sheet.put(6, "实施单位")
    sheet.put(7, project.implementer, to_col=11)
    sheet.next()
    headers = ("项目资金（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分")
    for col, header in enumerate(headers, 1):
        sheet.put(col, header)
    sheet.put(8, "原因", to_col=11)
    sheet.next()
    sources = project.sources.rows() if project.sources else {}
    for label, holder in (
        ("年度资金总额", project),
        ("其中：财政拨款", sources.get("当年财政拨款")),
        ("上年结转", sources.get("上年结转资金")),
        ("其他资金", sources.get("其他资金")),
    ):
        sheet.put(1, label)
        total = holder is project
        for col, attr in ((2, "budget_initial"), (3, "budget"), (4, "executed")):
            sheet.put(col, amount(getattr(holder, attr), style) if holder is not None else "/")
        sheet.put(5, f"{p.rate_shown}%" if total and p.rate_shown is not None else "/")
        sheet.put(6, "１０" if total and style.fullwidth else (10 if total else "/"))
        sheet.put(7, p.rate_score if total else "/")
        sheet.put(8, project.deviation_cause if total else None, to_col=11)
        sheet.next()
    sheet.put(1, "年度总体目标完成情况", rows=2)
    sheet.put(2, "预期目标", to_col=6)
    sheet.put(7, "实际完成目标", to_col=11)
    sheet.next()
    sheet.put(2, project.goal, to_col=6)
    sheet.put(7, project.outcome, to_col=11)
    sheet.next()
    if style.blank_rows:
        sheet.next()
    for col, header in enumerate(
        ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分"), 1
    ):
        sheet.put(col, header)
    sheet.put(10, "未完成原因分析", to_col=11)
    sheet.next()
    first = sheet.row
    for s in p.indicators:
        ind = s.indicator
        sheet.put(1, ind.level1)
        sheet.put(2, ind.level2)
        sheet.put(3, ind.name)
        sheet.put(4, _kind(ind, {"≥": "正向", "≤": "反向", "=": "＝"}))
        sheet.put(5, ind.target if ind.is_qualitative else plain(ind.target_value, style))
        sheet.put(6, None if ind.is_qualitative else ind.unit)
        sheet.put(7, ind.actual if ind.is_qualitative else plain(ind.actual_value, style))
        sheet.put(8, f"{ind.points}分" if style.text_numbers else ind.points)
        sheet.put(9, _filed_score(s))
        sheet.put(10, ind.deviation_note, to_col=11)
        sheet.next()
    _merge_runs(sheet, first, [s.indicator.level1 for s in p.indicators], 1)
    sheet.put(1, "总分", to_col=7)
    sheet.put(8, 100)
    sheet.put(9, p.score)
    sheet.put(10, p.grade, to_col=11)
    sheet.next()


# --- 云南 layout: one project per workbook, ≧/═/≦, officer's integer scores --------------------------------


def yunnan_workbook(unit: UnitScore, p: ProjectScore, style: Style) -> Workbook:
    wb = Workbook()
    sheet = Sheet(wb.active, 11)
    wb.active.title = "自评表"
    case, project = unit.case, p.project
    sheet.title(f"{case.unit}{case.year}年度项目支出绩效自评表")
    sheet.put(1, "项目名称")
    sheet.put(2, project.name, to_col=11)
    sheet.next()
    sheet.put(1, "主管部门")
    sheet.put(2, project.department, to_col=6)
    sheet.put(7, "实施单位")
    sheet.put(8, project.implementer, to_col=11)
    sheet.next()
    sheet.put(1, "项目资金（万元）", rows=5)
    for col, header in enumerate(("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), 3):
        sheet.put(col, header, to_col=11 if header == "得分" else None)
    sheet.next()
    for label, holder in (
        ("年度资金总额", project),
        ("其中：当年财政拨款", None),
        ("上年结转资金", None),
        ("其他资金", None),
    ):
        sheet.put(2, label)
        for col, attr in ((3, "budget_initial"), (4, "budget"), (5, "executed")):
            sheet.put(col, plain(getattr(holder, attr), style) if holder is not None else None)
        sheet.put(6, 10 if holder else None)
        sheet.put(7, None if holder is None or p.rate_shown is None else p.rate_shown / 100)
        sheet.ws.cell(row=sheet.row, column=7).number_format = "0.00%"
        sheet.put(8, p.rate_score if holder else None, to_col=11)
        sheet.next()
    sheet.put(1, "年度总体目标", rows=2)
    sheet.put(2, "预期目标", to_col=6)
    sheet.put(7, "实际完成情况", to_col=11)
    sheet.next()
    sheet.put(2, project.goal, to_col=6)
    sheet.put(7, project.outcome, to_col=11)
    sheet.next()
    sheet.put(1, "绩效指标", rows=len(p.indicators) + 1)
    for col, header in enumerate(
        (
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ),
        2,
    ):
        sheet.put(col, header)
    sheet.next()
    first = sheet.row
    for s in p.indicators:
        ind = s.indicator
        sheet.put(2, ind.level1)
        sheet.put(3, ind.level2)
        sheet.put(4, ind.name)
        sheet.put(5, _kind(ind, {"≥": "≧", "≤": "≦", "=": "═"}))
        sheet.put(6, ind.target if ind.is_qualitative else ind.target_value)
        sheet.put(7, None if ind.is_qualitative else ind.unit)
        sheet.put(8, ind.actual if ind.is_qualitative else ind.actual_value)
        sheet.put(9, ind.points)
        score = _filed_score(s)
        sheet.put(10, score)
        if score is not None and ind.score is None:
            sheet.ws.cell(row=sheet.row, column=10).number_format = "0.00"
        sheet.put(11, ind.deviation_note)
        sheet.next()
    _merge_runs(sheet, first, [s.indicator.level1 for s in p.indicators], 2)
    sheet.put(1, "总分", to_col=8)
    sheet.put(9, 100)
    sheet.put(
        10, p.score.quantize(Decimal(1), ROUND_HALF_UP) if p.score is not None else None
    )  # filed as integer
    sheet.put(11, p.grade)
    sheet.next()
    return wb


# --- one-row-per-project summary sheets ------------------------------------------------------------------


def seed_scorecard(unit: UnitScore) -> Workbook:
    """The seed report's 评分表 as published: no 年初预算数, no unit name in the title."""
    wb = Workbook()
    ws = wb.active
    ws.title = "评分表"
    ws["A1"] = f"{unit.case.year}区委组织部项目自评分项目自评表"
    ws.merge_cells("A1:E1")
    headers = ("项目名称", "全年预算数(万元)", "全年执行数(万元)", "执行率(%)", "自评得分")
    for col, header in enumerate(headers, 1):
        ws.cell(row=3, column=col, value=header)
    for row, p in enumerate(unit.projects, 4):
        values = (
            p.project.name,
            p.project.budget,
            p.project.executed,
            p.rate_shown.quantize(Decimal(1), ROUND_HALF_UP),
            p.project.self_score,
        )
        for col, value in enumerate(values, 1):
            ws.cell(row=row, column=col, value=value)
    return wb


def summary_workbook(unit: UnitScore, style: Style) -> Workbook:
    """A unit's 汇总表: 序号, amounts in 元 as text, a group heading, 合计 and notes under the table."""
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总表"
    ws["A1"] = f"{unit.case.unit}{unit.case.year}年度项目支出绩效自评评分表"
    ws.merge_cells("A1:H1")
    ws["G2"] = f"金额单位：{style.money_unit}"
    headers = ("序号", "项目名称", "年初预算数", "全年预算数", "全年执行数", "执行率", "得分", "等级")
    for col, header in enumerate(headers, 1):
        ws.cell(row=3, column=col, value=header)
    ws.cell(row=4, column=1, value="一、部门预算项目")
    row = 5
    for p in unit.projects:
        if style.blank_rows and p.index == 3:
            row += 1
        rate = "—" if p.rate_shown is None else f"{p.rate_shown}%"
        values = (
            p.index,
            p.project.name,
            amount(p.project.budget_initial, style),
            amount(p.project.budget, style),
            amount(p.project.executed, style),
            rate,
            plain(p.project.self_score, style),
            p.grade,
        )
        for col, value in enumerate(values, 1):
            ws.cell(row=row, column=col, value=value)
        row += 1
    ws.cell(row=row, column=1, value="合计")
    ws.cell(row=row, column=4, value=amount(unit.budget, style))
    ws.cell(row=row + 2, column=1, value="注：执行率 = 全年执行数 ÷ 全年预算数。")
    return wb


def save(wb: Workbook, path: Path) -> Path:
    wb.save(path)
    return path
