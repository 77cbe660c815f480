"""Field names as officers say them, and cell values as they type them, mapped onto the case's data.

The case is edited as plain data with Chinese keys (``Case.to_data``: amounts in the unit the officer filed
in), so every edit goes through the same pydantic validation as a loaded file. Here field names are resolved
against the program's one vocabulary (``assistant.vocabulary``: 执行数 → 全年执行数), and typed values parsed:
money with unit conversion ("56000元" into a 万元 case → 5.6), scores, indicator values. Resolving which
project or indicator is meant lives in ``resolve``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from assistant.errors import InputError
from assistant.models import MONEY_KEYS, YUAN_PER_WAN, is_percent, parse_plain_number
from assistant.numbers import find_numbers
from assistant.numbers.numerals import ascii_number
from assistant.vocabulary import INDICATOR_TERMS, POINTS, PROJECT_TERMS, RATE, SCORE, SELF_SCORE

# The data key (Chinese, as in Case.to_data) of each field and the words officers use for it (``vocabulary``).
PROJECT_FIELDS: dict[str, tuple[str, ...]] = {t.key: (t.attr, *t.words) for t in PROJECT_TERMS}
INDICATOR_FIELDS: dict[str, tuple[str, ...]] = {t.key: (t.attr, *t.words) for t in INDICATOR_TERMS}
SCORE_KEYS = (SELF_SCORE.key, POINTS.key, SCORE.key)
REQUIRED_KEYS = ("项目名称", "全年预算数", "全年执行数", "三级指标", "一级指标", "分值")
_PLAIN_DECIMAL = re.compile(r"^-?\d+(?:\.\d+)?$")


def _lookup(table: dict[str, tuple[str, ...]], name: str) -> str | None:
    wanted = name.strip().strip("「」“”\"'")
    for key, words in table.items():
        if wanted == key or wanted in words:
            return key
    return None


def project_field(name: str) -> str:
    """The data key of a project field named in Chinese or English, or a Chinese ``InputError``."""
    key = _lookup(PROJECT_FIELDS, name)
    if key is None:
        if _lookup(INDICATOR_FIELDS, name):
            raise InputError.single(f"「{name}」是绩效指标的字段，请指明是哪个指标")
        if RATE.key in name:  # 预算执行率 too
            raise InputError.single(
                "预算执行率由全年执行数 ÷ 全年预算数计算，不能直接修改；请修改全年执行数或全年预算数"
            )
        raise InputError.single(f"项目没有「{name}」这一项，可修改：{'、'.join(PROJECT_FIELDS)}")
    return key


def indicator_field(name: str) -> str:
    """The data key of an indicator field named in Chinese or English, or a Chinese ``InputError``."""
    key = _lookup(INDICATOR_FIELDS, name)
    if key is None:
        raise InputError.single(f"绩效指标没有「{name}」这一项，可修改：{'、'.join(INDICATOR_FIELDS)}")
    return key


def field_words(table: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """(word, key) pairs, longest word first, for finding a field name inside a sentence."""
    pairs = {(word, key) for key, words in table.items() for word in (key, *words) if not word.isascii()}
    return sorted(pairs, key=lambda pair: -len(pair[0]))


# --- values ------------------------------------------------------------------------------------------


def money_value(text: str, money_unit: str) -> Decimal:
    """An amount typed by the officer, in the case's money unit: "5.6万元", "56000元", "五万六千元", "5.6".

    A number without a unit is taken to be in the case's unit already.
    """
    raw = str(text).strip()
    plain = parse_plain_number(raw)
    if plain is not None and not is_percent(raw):
        return plain
    amounts = [m for m in find_numbers(raw) if m.kind == "amount"]
    if len(amounts) == 1 and amounts[0].hedge is None and amounts[0].high is None:
        wan = amounts[0].value
        return _plain(wan * YUAN_PER_WAN) if money_unit == "元" else _plain(wan)
    raise InputError.single(f"「{raw}」不是有效的金额（可写 5.6、5.6万元 或 56000元）")


def score_value(text: str) -> Decimal:
    """A score or 分值: "90", "90分", "９０"."""
    raw = str(text).strip()
    value = parse_plain_number(raw.removesuffix("分").strip())
    if value is None or is_percent(raw):
        raise InputError.single(f"「{raw}」不是有效的分数")
    return value


def indicator_value(text: str, unit: str | None) -> Decimal | str:
    """A target or actual value: a number (its 度量单位 or % may follow it) stays a number, text stays text."""
    raw = str(text).strip()
    bare = raw
    if unit and bare.endswith(unit) and len(bare) > len(unit):
        bare = bare[: -len(unit)].strip()
    number = parse_plain_number(bare)
    if number is not None and _PLAIN_DECIMAL.match(ascii_number(bare).replace(",", "").rstrip("%")):
        return number
    return raw


def _plain(value: Decimal) -> Decimal:
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value  # type: ignore[operator]


def cell_value(key: str, text: Any, money_unit: str, *, indicator_unit: str | None = None) -> Any:
    """The data value for one field from what the officer typed; empty means "clear" (None)."""
    if text is None:
        return None
    raw = str(text).strip()
    if raw == "":
        return None
    if key in MONEY_KEYS:
        return money_value(raw, money_unit)
    if key in SCORE_KEYS:
        return score_value(raw)
    if key in ("年度指标值", "实际完成值"):
        return indicator_value(raw, indicator_unit)
    return raw


def canonical_value(value: Any) -> Any:
    """A plain-number string ("95") as a Decimal, so the same case always serialises the same way."""
    if isinstance(value, str) and _PLAIN_DECIMAL.match(value.strip()):
        return Decimal(value.strip())
    return value


def display(value: Any) -> str:
    """A data value as table text: Decimals without exponent, None as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
