"""Readable rich tables in Chinese for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from assistant.models import format_amount
from assistant.scoring import UnitScore, fmt

_SEVERITY = {"error": ("错误", "bold red"), "warning": ("提醒", "yellow"), "info": ("说明", "dim")}


def print_unit_score(unit: UnitScore, console: Console | None = None) -> None:
    """Print the project table, unit totals and every flag, amounts in the unit the case was filed in."""
    console = console or Console()
    money = unit.case.money_unit
    table = Table(
        title=f"{unit.case.unit} {unit.case.year_text}年度 项目支出绩效自评（{unit.ruleset.name}）",
        show_lines=False,
    )
    for header, justify in (
        ("序号", "right"),
        ("项目名称", "left"),
        (f"全年预算数({money})", "right"),
        (f"全年执行数({money})", "right"),
        ("执行率(%)", "right"),
        ("执行率得分", "right"),
        ("总分", "right"),
        ("等级", "center"),
        ("提示", "right"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for p in unit.projects:
        errors = sum(f.severity == "error" for f in p.flags)
        warnings = sum(f.severity == "warning" for f in p.flags)
        hint = " ".join(
            part
            for part in (
                f"[red]{errors}错[/]" if errors else "",
                f"[yellow]{warnings}提醒[/]" if warnings else "",
            )
            if part
        )
        table.add_row(
            str(p.index),
            p.project.name,
            format_amount(p.project.budget, money),
            format_amount(p.project.executed, money),
            fmt(p.rate_shown) if p.rate_shown is not None else "—",
            fmt(p.rate_score),
            fmt(p.score) if p.score is not None else "—",
            p.grade or "—",
            hint,
        )
    table.add_section()
    table.add_row(
        "",
        f"合计（{len(unit.projects)}个项目）",
        format_amount(unit.budget, money),
        format_amount(unit.executed, money),
        fmt(unit.rate_shown) if unit.rate_shown is not None else "—",
        "",
        f"均分 {fmt(unit.mean_score)}" if unit.mean_score is not None else "",
        "",
        "",
    )
    console.print(table)
    grades = "，".join(f"{name} {count} 个" for name, count in unit.grade_counts.items())
    console.print(f"等级分布：{grades}")
    needing = unit.needing_explanation
    if needing:
        console.print(
            f"需说明偏差原因的项目（{len(needing)} 个）：" + "、".join(p.project.name for p in needing)
        )
    for p in unit.projects:
        for flag in p.flags:
            label, style = _SEVERITY[flag.severity]
            console.print(f"[{style}]{label}[/] [{flag.code}] {p.project.name}：{flag.message}")
