"""Indicator values as officers file them ('≥95%', '100个', '≤30天', '不少于4300人', '30天以内') split into the
case model's 指标性质 / 年度指标值 / 度量单位, and amounts with a unit suffix converted between 元 and 万元.

Pure functions on text; cell positions and error reporting stay with the callers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.models import YUAN_PER_WAN
from assistant.office.xlsx_cells import normalise, text_number

# Longest first so that '不低于' wins over '低于' and '>=' over '>'.
_PREFIXES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "≥": "≥",
            "≧": "≥",
            ">=": "≥",
            ">": "≥",
            "不低于": "≥",
            "不少于": "≥",
            "不小于": "≥",
            "大于等于": "≥",
            "大于或等于": "≥",
            "至少": "≥",
            "达到": "≥",
            "大于": "≥",
            "高于": "≥",
            "多于": "≥",
            "超过": "≥",
            "≤": "≤",
            "≦": "≤",
            "<=": "≤",
            "<": "≤",
            "不高于": "≤",
            "不超过": "≤",
            "不多于": "≤",
            "不大于": "≤",
            "小于等于": "≤",
            "小于或等于": "≤",
            "至多": "≤",
            "控制在": "≤",
            "小于": "≤",
            "低于": "≤",
            "少于": "≤",
            "=": "=",
            "═": "=",
            "==": "=",
            "等于": "=",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("及以上", "≥"),
    ("以上", "≥"),
    ("及以下", "≤"),
    ("以下", "≤"),
    ("以内", "≤"),
    ("之内", "≤"),
)
_BAD_UNIT = re.compile(r"[\d,，。；;:：、!！?？]")
MAX_UNIT_CHARS = 10


@dataclass(frozen=True)
class SplitValue:
    """A filed value: its comparison (≥ ≤ = or None), its number (None when it is prose) and its unit."""

    kind: str | None
    number: Decimal | None
    unit: str | None


def split_value(text: str) -> SplitValue:
    """'≥95%' → (≥, 95, %); '100个' → (None, 100, 个); '30天以内' → (≤, 30, 天); prose → (None, None, None)."""
    key = normalise(text)
    kind = None
    for word, symbol in _PREFIXES:
        if key.startswith(word):
            kind, key = symbol, key[len(word) :]
            break
    for word, symbol in _SUFFIXES:
        if key.endswith(word):
            kind, key = kind or symbol, key[: -len(word)]
            break
    parsed = text_number(key)
    if parsed is None:
        return SplitValue(None, None, None)
    number, unit = parsed
    if len(unit) > MAX_UNIT_CHARS or _BAD_UNIT.search(unit):
        return SplitValue(None, None, None)
    return SplitValue(kind, number, unit or None)


def amount_with_unit(text: str, sheet_unit: str) -> Decimal | None:
    """'62.3205', '62.3205万元' or '623205元' as an amount in the sheet's unit; None if it is no amount."""
    parsed = text_number(text)
    if parsed is None:
        return None
    number, unit = parsed
    if unit == "" or unit == sheet_unit:
        return number
    if unit == "万元" and sheet_unit == "元":
        return number * YUAN_PER_WAN
    if unit == "元" and sheet_unit == "万元":
        return number / YUAN_PER_WAN
    return None


def convert_amount(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Exact 元 ↔ 万元 conversion (Decimal shifts, never floats)."""
    if from_unit == to_unit:
        return value
    return value / YUAN_PER_WAN if to_unit == "万元" else value * YUAN_PER_WAN
