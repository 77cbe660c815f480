"""What the sheet readers return: problems found at cells (``Issues``) and a project read with the cell each
field came from (``FormRead``). The readers are ``xlsx_project`` (a form) and ``xlsx_summary`` (a 评分表 row).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from assistant.errors import InputError, Problem
from assistant.office.xlsx_cells import Cell
from assistant.office.xlsx_layouts import DEFAULT_LAYOUT, Layout

Loc = tuple[Any, ...]


class Issues:
    """Problems found while reading, each at a cell; raised together so the officer can fix them in one go."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, cell: Cell | None, message: str) -> None:
        self.problems.append(Problem(message, self.file, cell.ref if cell else None))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(list(self.problems))


@dataclass
class FormRead:
    """A project as read from a form: case data (Chinese keys, money in 万元) and where each field came from."""

    data: dict[str, Any]
    where: dict[Loc, str]
    anchor: Cell
    layout: Layout = DEFAULT_LAYOUT
    stated_unit: str | None = None
    execution_points: Decimal | None = None
    money_cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.data.get("项目名称") or "")
