"""A batch review for the terminal: one line per report, then where the workbook went."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from .batch import ReportRecord, shown_names


def print_review(records: list[ReportRecord], workbook: Path | None, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=f"批量审核：{len(records)} 份报告")
    for header, justify in (
        ("文件", "left"),
        ("单位", "left"),
        ("年度", "right"),
        ("项目", "right"),
        ("错误", "right"),
        ("提醒", "right"),
        ("状态", "left"),
    ):
        table.add_column(header, justify=justify, overflow="fold")  # type: ignore[arg-type]
    names = shown_names([r.file for r in records])  # below the shared folder: the part that tells them apart
    for r in records:
        errors = f"[bold red]{r.errors}[/]" if r.errors else "0"
        table.add_row(
            names[r.file], r.unit or "", str(r.year or ""), str(r.projects), errors, str(r.warnings), r.status
        )
    console.print(table)
    failed = sum(not r.ok for r in records)
    with_errors = sum(r.errors > 0 for r in records)
    console.print(f"有错误的报告 {with_errors} 份，无法审核 {failed} 份。")
    if workbook is not None:
        console.print(f"已写出审核汇总：{workbook}")
