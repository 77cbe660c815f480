"""The limits of exact scoring: numbers too large or too finely divided are refused before anything scores.

Decimal arithmetic in scoring keeps 28 significant digits: 1e11 万元 is 1000 万亿元, and no amount, target or
score needs more than 10 decimal places. Case files (``io``) and workbooks (``office``) are checked here after
validation; the workbook reader names the cell each number came from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from assistant.errors import InputError, Problem
from assistant.models import YUAN_PER_WAN, Case, parse_plain_number

MAX_MAGNITUDE = Decimal("1e11")
MAX_PLACES = 10
_MONEY_ATTRS = ("budget_initial", "budget", "executed")


def check_number_ranges(
    case: Case, source: str = "<输入>", cell_of: Callable[[tuple[Any, ...]], str | None] | None = None
) -> Case:
    """Refuse numbers too large or too finely divided for exact scoring (a typo, not a budget).

    ``cell_of`` maps a field's location (("项目", 0, "全年预算数"), as in validation errors) to where it was
    read from, e.g. a workbook cell, which then leads the problem's location.
    """
    problems = []
    for loc, where, value, money in _numbers(case, (), ""):
        if not value.is_finite() or value == 0:
            continue
        # Amounts filed in 元 were divided by 10000: count their places as written.
        places = MAX_PLACES - 4 if money and case.money_unit == "元" else MAX_PLACES
        written = value * YUAN_PER_WAN if money and case.money_unit == "元" else value
        if abs(value) >= MAX_MAGNITUDE:
            message = "数值过大，超出可处理的范围，请检查是否多写了位数"
        elif written.normalize().as_tuple().exponent < -places:  # type: ignore[operator]
            message = f"小数位数过多（最多 {places} 位），请检查"
        else:
            continue
        cell = cell_of(loc) if cell_of else None
        problems.append(Problem(message, source, f"{cell}（{where}）" if cell else where))
    if problems:
        raise InputError(problems)
    return case


def _numbers(
    model: BaseModel, loc: tuple[Any, ...], where: str
) -> Iterator[tuple[tuple[Any, ...], str, Decimal, bool]]:
    """Every number in a case model: its location as a key path and in words (第2个项目「甲」字段「全年预算数」),
    its value, whether it is money."""
    for attr, info in type(model).model_fields.items():
        value = getattr(model, attr)
        label = info.serialization_alias or attr
        if isinstance(value, str) and attr in ("target", "actual"):
            value = parse_plain_number(value)
        if isinstance(value, Decimal):
            yield (*loc, label), f"{where}字段「{label}」", value, attr in _MONEY_ATTRS
        elif isinstance(value, BaseModel):
            yield from _numbers(value, (*loc, label), f"{where}字段「{label}」")
        elif isinstance(value, list):
            noun = {"projects": "项目", "indicators": "绩效指标"}.get(attr, "条")
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    name = getattr(item, "name", None)
                    head = f"{where}第{index + 1}个{noun}" + (f"「{name}」" if name else "")
                    yield from _numbers(item, (*loc, label, index), head)
