"""Writing cells of a 自评表 workbook: fonts, borders and merges (``SheetWriter``), and each value with the number
format that shows the precision it was filed or computed at (amounts, rates, scores).

The project form lives in ``xlsx_form``; the workbook, its 汇总 and 案例信息 sheets in ``xlsx_export``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assistant.models import YUAN_PER_WAN
from assistant.scoring import ProjectScore, UnitScore

BODY_FONT = "宋体"
TITLE_FONT = "黑体"
GB2312 = 134  # font charset, so Excel/WPS pick the Chinese face
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
DASH = "—"


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


def total_cell(project: ProjectScore, score_format: str) -> tuple[Decimal | str | None, str | None]:
    """A project's total: computed at the rule's precision, or the filed 自评得分 as written."""
    if project.score is None:
        return None, None
    if project.score_source == "self":
        return number(project.score), written_format(project.score)
    return number(project.score), score_format


def display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


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
            lines = max(lines, math.ceil(display_width(text) / width))
        self.sheet.row_dimensions[row].height = max(20, 15 * lines + 6)
