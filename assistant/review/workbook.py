"""The review workbook: a sheet with one row per report and a sheet with every finding (quote, location),
each with a frozen header and an autofilter so a reviewer can sort and filter in Excel, WPS or LibreOffice.

openpyxl (the ``office`` extra) is imported only here.
"""

from __future__ import annotations

from pathlib import Path

from assistant.errors import InputError

from .batch import ReportRecord, shown_names

SUMMARY_HEADER = ("文件", "单位", "年度", "项目数", "错误", "提醒", "状态", "主要发现")
FINDINGS_HEADER = (
    "文件",
    "单位",
    "级别",
    "结论",
    "代码",
    "位置",
    "章节",
    "项目",
    "说明",
    "原文",
    "应为",
    "文中",
)
_SEVERITY = {"error": "错误", "warning": "提醒", "info": "说明"}
_VERDICT = {"false": "不符", "missing": "缺失", "uncertain": "存疑"}
_SUMMARY_WIDTHS = (40, 28, 8, 8, 8, 8, 24, 90)
_FINDINGS_WIDTHS = (40, 28, 8, 8, 22, 18, 24, 28, 70, 70, 16, 16)


def write_review_workbook(records: list[ReportRecord], path: Path) -> Path:
    """Write the two sheets to ``path`` (.xlsx); returns the path."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
    except ImportError as exc:  # pragma: no cover - the office extra is not installed
        raise InputError.single("写出 Excel 需要安装 Excel 支持：pip install 'jixiao[office]'") from exc
    shown = shown_names([record.file for record in records])
    book = Workbook()
    summary = book.active
    summary.title = "审核汇总"
    summary.append(SUMMARY_HEADER)
    for record in records:
        summary.append(
            (
                shown[record.file],
                record.unit or "",
                record.year or "",
                record.projects,
                record.errors,
                record.warnings,
                record.status,
                record.first_findings(),
            )
        )
    findings = book.create_sheet("全部发现")
    findings.append(FINDINGS_HEADER)
    for record in records:
        for f in record.findings:
            findings.append(
                (
                    shown[record.file],
                    record.unit or "",
                    _SEVERITY.get(f["severity"], f["severity"]),
                    _VERDICT.get(f["verdict"], f["verdict"]),
                    f["code"],
                    f.get("location") or "",
                    f.get("section") or "",
                    f.get("project") or "",
                    f["message"],
                    f["quote"],
                    f.get("expected") or "",
                    f.get("found") or "",
                )
            )
    bold = Font(bold=True)
    for sheet, widths in ((summary, _SUMMARY_WIDTHS), (findings, _FINDINGS_WIDTHS)):
        for column, width in enumerate(widths, 1):
            sheet.column_dimensions[sheet.cell(1, column).column_letter].width = width
            sheet.cell(1, column).font = bold
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # a quote is text, never a formula
                cell.alignment = Alignment(
                    vertical="top", wrap_text=isinstance(cell.value, str) and len(cell.value) > 30
                )
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
