"""Case-level facts a workbook may carry: a 案例信息 key/value sheet, and title rows such as
'项目支出绩效自评表（2023年度）', '填报单位：某某局　金额单位：万元' or '某某局2023年度项目支出绩效自评汇总表'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.office.xlsx_cells import Cell, Grid, money_unit_in, normalise
from assistant.office.xlsx_labels import first_filled, inline_value, key_of, value_right_of
from assistant.office.xlsx_layouts import META_KEYS

_YEAR_PATTERNS = (
    re.compile(r"((?:19|20)\d{2})年度"),
    re.compile(r"年度[:：]((?:19|20)\d{2})"),
    re.compile(r"((?:19|20)\d{2})年"),
    re.compile(r"^((?:19|20)\d{2})(?!\d)"),
)
_UNIT_LABEL = re.compile(
    r"(?<!金额)(?<!计量)(?:填报单位|单位名称|评价单位|预算单位|部门名称|部门\(单位\)名称|单位)(?:\(盖章\))?:"
    r"(?P<unit>.+?)(?=金额单位|单位:|填报日期|日期:|年度:|$)"
)
_UNIT_TITLE = re.compile(r"^(?P<unit>[^\d:()]{2,40}?)(?:19|20)\d{2}年度?.*表$")


@dataclass
class Found:
    """A value with the cell it was read from."""

    value: object
    cell: Cell


@dataclass
class TitleFacts:
    years: list[Found] = field(default_factory=list)
    units: list[Found] = field(default_factory=list)
    money_units: list[Found] = field(default_factory=list)


def title_facts(cells: list[Cell]) -> TitleFacts:
    """Year, unit name and money unit stated in title rows (text cells above a form or table)."""
    facts = TitleFacts()
    for cell in cells:
        if not isinstance(cell.value, str):
            continue
        text = normalise(cell.text)
        for pattern in _YEAR_PATTERNS:
            match = pattern.search(text)
            if match:
                facts.years.append(Found(int(match.group(1)), cell))
                break
        match = _UNIT_LABEL.search(text)
        if match and match.group("unit") not in ("万元", "元"):
            facts.units.append(Found(match.group("unit"), cell))
        else:
            match = _UNIT_TITLE.match(text)
            if match and not match.group("unit").startswith(("关于", "项目", "部门")):
                facts.units.append(Found(match.group("unit"), cell))
        unit = money_unit_in(text)
        if unit:
            facts.money_units.append(Found(unit, cell))
    return facts


def title_cells(grid: Grid, rows: range) -> list[Cell]:
    return [cell for row in rows for cell in grid.filled(row)]


def read_meta(grid: Grid) -> dict[str, Found]:
    """A 案例信息 sheet: first column keys (单位名称, 年度, 评分规则, 金额单位, …), values to their right."""
    found: dict[str, Found] = {}
    for row in range(1, grid.height + 1):
        first = first_filled(grid, row)
        if first is None:
            continue
        inline = inline_value(first, META_KEYS)
        if inline and inline[1]:
            found.setdefault(META_KEYS[inline[0]], Found(inline[1], first))
            continue
        key = META_KEYS.get(key_of(first))
        if key is None:
            continue
        value = value_right_of(grid, first)
        if value is not None:
            found.setdefault(key, Found(value.value if key == "年度" else value.text, value))
    return found if len(found) >= 2 else {}
