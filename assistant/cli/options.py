"""Options several commands share: defaults for what a case file may not state (a 自评表 workbook often names
neither the unit nor the year)."""

from __future__ import annotations

from typing import Annotated

import typer

UnitNameOption = Annotated[
    str | None,
    typer.Option(
        "--unit-name", help="单位名称：案例文件（如 Excel 自评表）未写明时使用；文件已写明的以文件为准"
    ),
]
YearOption = Annotated[
    int | None,
    typer.Option("--year", min=1990, max=2100, help="年度：案例文件未写明时使用；文件已写明的以文件为准"),
]
