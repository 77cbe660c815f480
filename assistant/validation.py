"""The one translator from pydantic validation errors to Chinese problems naming file, item and field.

Every strict model a user fills goes through here: case files (``io``), 自评表 workbooks (``office``), report
outlines (``drafting.outline``), rule sets (``rules``) and the chat agent's tool arguments (``chat.tools``).
A ``Wording`` says how that input names its parts (字段 or 参数; which lists hold 项目, 绩效指标 or 章节 and which
key names an item), so one table of messages serves them all. The limits of exact arithmetic are checked in
``limits``; file reading and YAML/JSON syntax errors live in ``io`` and ``yamlfile``.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError

from assistant.errors import InputError, Problem
from assistant.vocabulary import MONEY_TERMS


@dataclass(frozen=True)
class Wording:
    """How one kind of input names its parts in messages."""

    key: str = "字段"  # what a key is called: 字段 in files, 参数 in tool calls
    lists: Mapping[str, str] = field(default_factory=dict)  # list key → noun of its items (项目 → 项目)
    name_keys: tuple[str, ...] = ()  # keys whose text names an item (项目名称, id)
    money_keys: frozenset[str] = frozenset()  # keys holding amounts: a negative one is "金额不能为负数"
    patterns: Mapping[str, str] = field(default_factory=dict)  # regex → what it asks for, in words


PLAIN = Wording()
# Case files and workbooks: 第2个项目「名称」第1个绩效指标「名称」字段「分值」.
CASE_WORDING = Wording(
    lists={"项目": "项目", "projects": "项目", "绩效指标": "绩效指标", "indicators": "绩效指标"},
    name_keys=("项目名称", "name", "三级指标"),
    money_keys=frozenset(name for term in MONEY_TERMS for name in (*term.names, term.attr)),
)
_NOT_SHOWN = ("missing", "model_type", "dict_type", "model_attributes_type", "extra_forbidden")
_MESSAGES = {
    "missing": "缺少必填{field}",
    "decimal_parsing": "不是有效数字",
    "decimal_type": "应为数字",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文本",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "model_type": "应为键值表（{field}: 值）",
    "model_attributes_type": "应为键值表（{field}: 值）",
    "dict_type": "应为键值表（{field}: 值）",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "string_too_short": "不能为空",
    "string_too_long": "过长（最多 {max_length} 个字符）",
    "finite_number": "不能是无穷大或非数字（NaN）",
    "decimal_max_digits": "数字位数过多",
    "decimal_max_places": "小数位数过多",
    "invalid_key": "{field}名应为文本",
    "less_than_equal": "不能大于 {le}",
    "less_than": "应小于 {lt}",
    "greater_than": "应大于 {gt}",
    "literal_error": "只能是 {expected}",
    "enum": "只能是 {expected}",
    "string_pattern_mismatch": "格式不对（应符合 {pattern}）",
}


def problems_from(
    exc: ValidationError,
    data: Any,
    source: str | None,
    wording: Wording = PLAIN,
    *,
    model: type[BaseModel] | None = None,
    cell_of: Callable[[tuple[Any, ...]], str | None] | None = None,
) -> list[Problem]:
    """Each error of ``exc`` as a Chinese ``Problem``: what is wrong, in ``source``, at which item and field.

    ``data`` is what was validated (to name items by their 项目名称 or id); ``model`` the model it was validated
    as (to list the known fields when one is misspelt); ``cell_of`` maps an error's location to where the field
    was read from (a workbook cell), which then leads the problem's location.
    """
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        location = describe_location(loc, data, wording)
        cell = cell_of(loc) if cell_of else None
        if cell:
            location = f"{cell}（{location}）" if location else cell
        problems.append(Problem(message_for(err, wording, model), source, location))
    return problems


def validation_error(
    exc: ValidationError, data: Any, source: str | None, wording: Wording = PLAIN, **kw: Any
) -> InputError:
    """``problems_from`` as one ``InputError`` (raise it ``from exc``)."""
    return InputError(problems_from(exc, data, source, wording, **kw))


def message_for(
    err: Mapping[str, Any], wording: Wording = PLAIN, model: type[BaseModel] | None = None
) -> str:
    """One error's message in Chinese, with the value given when it helps (never English)."""
    kind = err["type"]
    ctx = {"field": wording.key, **(err.get("ctx") or {})}
    loc = tuple(err.get("loc") or ())
    if kind in ("value_error", "assertion_error"):
        message = str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    elif kind == "extra_forbidden":
        known = known_fields(model, loc[:-1]) if model else []
        message = f"不认识的{wording.key}（请检查拼写" + (f"；可用：{'、'.join(known)}）" if known else "）")
    elif kind == "greater_than_equal":
        negative = ctx.get("ge") == 0
        money = bool(loc) and str(loc[-1]) in wording.money_keys
        message = ("金额不能为负数" if money else "不能为负数") if negative else f"不能小于 {ctx['ge']}"
    elif kind == "string_pattern_mismatch" and ctx.get("pattern") in wording.patterns:
        message = wording.patterns[ctx["pattern"]]
    elif kind == "too_short" and ctx.get("min_length") == 1:
        message = "至少需要一项"
    elif kind in _MESSAGES:
        message = _MESSAGES[kind].format(**ctx)
    else:
        message = "填写的值不符合要求"
    given = err.get("input")
    if kind not in _NOT_SHOWN and isinstance(given, str | int | Decimal) and str(given):
        message += f"（填写的是「{str(given)[:40]}」）"
    return message


def describe_location(loc: tuple[Any, ...], data: Any, wording: Wording = PLAIN) -> str | None:
    """('项目', 2, '绩效指标', 0, '分值') → 第3个项目「名称」第1个绩效指标「名称」字段「分值」."""
    parts: list[str] = []
    node = data
    label = ""
    for at, key in enumerate(loc):
        if isinstance(key, int) and isinstance(node, dict):  # a number used as a key
            parts.append(f"{wording.key}「{key}」")
            node = node.get(key)
        elif isinstance(key, int):
            item = node[key] if isinstance(node, list | tuple) and key < len(node) else None
            name = _name_of(item, wording.name_keys)
            parts.append(f"第{key + 1}个{wording.lists.get(label, '条')}" + (f"「{name}」" if name else ""))
            node = item
        else:
            label = str(key)
            node = node.get(key) if isinstance(node, dict) else None
            if label not in wording.lists or at == len(loc) - 1:  # a list itself is named as a field
                parts.append(f"{wording.key}「{label}」")
    return "".join(parts) or None


def known_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the model accepts at ``loc`` (their Chinese names where the model has them)."""
    current: type[BaseModel] | None = model
    for key in loc:
        if current is None:
            return []
        if isinstance(key, int):
            continue
        info = _field_named(current, str(key))
        current = _model_in(info.annotation) if info else None
    if current is None:
        return []
    return [info.serialization_alias or name for name, info in current.model_fields.items()]


def _field_named(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        aliases = getattr(info.validation_alias, "choices", None) or [info.validation_alias]
        if key == name or key in aliases or key == info.serialization_alias:
            return info
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``X | None``, ``list[X]``, ``tuple[X, ...]`` or ``Annotated[X, …]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list, tuple, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def _name_of(item: Any, keys: tuple[str, ...]) -> str | None:
    if isinstance(item, dict):
        for key in keys:
            if isinstance(item.get(key), str):
                return item[key]
    return None
