"""One project's 项目支出绩效自评表 written in its rule set's layout (national, 四川 or 云南), top to bottom:
titles, header, funds block, 年度总体目标, indicator table with merged 一级/二级 cells, 总分 row, trailing texts.

The layouts are data in ``xlsx_layouts``; cell writing and number formats in ``xlsx_sheet``.
"""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from assistant.models import Indicator
from assistant.office.xlsx_layouts import FormLayout
from assistant.office.xlsx_sheet import (
    CENTER,
    DASH,
    LEFT,
    TITLE_FONT,
    MoneyFormat,
    SheetWriter,
    decimal_format,
    display_width,
    number,
    total_cell,
    written_format,
)
from assistant.scoring import IndicatorScore, ProjectScore, UnitScore
from assistant.vocabulary import MONEY_TERMS, POINTS, RATE, SCORE

TIER_COLUMN = ("评价档次", "tier", 16)
LABEL_WIDTH = 14
FUND_LABEL_WIDTH = 19
AMOUNT_WIDTH = 14
# Any name of an amount (年初预算, 调整后预算数…) → the attribute holding it.
_MONEY_ATTR = {word: term.attr for term in MONEY_TERMS for word in term.words}


def _form_widths(layout: FormLayout, columns: list[tuple[str, str, float]]) -> list[float]:
    """Indicator widths, widened where the funds block above needs room (row labels, amounts)."""
    widths = [LABEL_WIDTH] + [w for _, _, w in columns]
    widths[1] = max(widths[1], FUND_LABEL_WIDTH)
    for offset, header in enumerate(layout.fund_columns):
        index = 2 + offset
        if index < len(widths):
            need = AMOUNT_WIDTH if offset < 3 else max(9.0, display_width(header) + 2)
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
        money_field = _MONEY_ATTR.get(header)
        if money_field:
            value, fmt = self.money.cell(getattr(holder, money_field) if holder is not None else None)
            return value, fmt, CENTER
        if not total:
            return DASH, None, CENTER
        if header in POINTS.words:
            return number(rules.execution.points), None, CENTER
        if header in RATE.words:
            if project.rate_shown is None:
                return DASH, None, CENTER
            return number(project.rate_shown / 100), decimal_format(rules.rounding.rate_places) + "%", CENTER
        if header in SCORE.words:
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
        score, fmt = total_cell(project, self.score_format)
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
