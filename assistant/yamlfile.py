"""YAML reading that keeps decimals exact: ``62.3205`` becomes ``Decimal('62.3205')``, never a float.

The loader is PyYAML's safe loader (no Python objects; aliases are shared references, so "billion laughs"
documents cost no memory) with three guards for files people write by hand: a key written twice in one
mapping is an error instead of silently keeping the last value, integers longer than ``MAX_DIGITS`` digits
are refused, and a value tagged ``!!float`` that is not a number is located instead of crashing.
``yaml_input_error`` turns PyYAML's English problem text into a Chinese error at its line and column.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from assistant.errors import InputError

try:  # the C loader is several times faster; fall back when PyYAML was built without libyaml
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader

MAX_DIGITS = 30  # no amount or score needs more; Python's int() refuses > 4300 digits with an English error
_MERGE_TAG = "tag:yaml.org,2002:merge"


class DecimalLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader whose floats are Decimals built from the exact text written, refusing duplicate keys."""

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, yaml.Mark] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
                    continue
                first = seen.setdefault(key_node.value, key_node.start_mark)
                if first is not key_node.start_mark:
                    raise ConstructorError(
                        None,
                        None,
                        f"字段「{key_node.value}」重复出现（第 {first.line + 1} 行已写过），请只保留一处",
                        key_node.start_mark,
                    )
        return super().construct_mapping(node, deep)


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = loader.construct_scalar(node).replace("_", "")
    lowered = text.lower()
    if lowered in (".nan", ".inf", "+.inf", "-.inf"):
        return Decimal("NaN") if "nan" in lowered else Decimal(lowered.replace(".", ""))
    if len(text) > MAX_DIGITS + 10:
        raise ConstructorError(None, None, f"数字位数过多（{len(text)} 位）", node.start_mark)
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ConstructorError(None, None, f"「{text[:40]}」不是有效数字", node.start_mark) from None


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    digits = len(str(node.value).replace("_", "").lstrip("+-"))
    if digits > MAX_DIGITS:
        raise ConstructorError(None, None, f"数字位数过多（{digits} 位）", node.start_mark)
    return SafeConstructor.construct_yaml_int(loader, node)  # type: ignore[arg-type]


DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
DecimalLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
# YAML 1.1 reads a bare "=" as its obscure "value" type; on a 自评表 it is the 指标性质 等于.
DecimalLoader.add_constructor("tag:yaml.org,2002:value", lambda loader, node: loader.construct_scalar(node))


def load_yaml(text: str) -> Any:
    """Parse YAML text with exact decimals (safe loader: no Python objects)."""
    return yaml.load(text, Loader=DecimalLoader)


# PyYAML's problem texts (substring → Chinese), most specific first.
_PROBLEMS = (
    ("exceeded maximum nesting depth", "嵌套层级过深"),
    ("found undefined alias", "引用了未定义的锚点（*别名）"),
    ("found duplicate anchor", "锚点（&名称）重复定义"),
    ("found unhashable key", "键不能是列表或键值表"),
    ("could not determine a constructor", "不支持的 YAML 标签（如 !!python/…），请删去"),
    ("mapping values are not allowed", "此处不能出现「: 」（值里有冒号时请给整个值加引号）"),
    ("could not find expected ':'", "缺少「: 」（应为「字段: 值」）"),
    ("found a tab character", "缩进中使用了制表符（Tab），请改用空格"),
    ("found character '\\t'", "使用了制表符（Tab），请改用空格"),
    ("that cannot start any token", "出现了不能作为值开头的字符（如 @、`、%），请给该值加引号"),
    ("found unexpected end of stream", "文件意外结束（引号或括号没有闭合）"),
    ("found unknown escape character", "引号内有无法识别的转义字符（\\），可改用单引号"),
    ("did not find expected ',' or ']'", "方括号 [ ] 列表没有正确闭合"),
    ("did not find expected ',' or '}'", "花括号 { } 没有正确闭合"),
    ("did not find expected key", "缩进不一致，或在键值表中出现了不是「字段: 值」的行"),
    ("did not find expected '-' indicator", "列表缩进不一致（每项应以「- 」开头并对齐）"),
    ("did not find expected node content", "缺少值或格式不完整"),
    ("did not find expected <document start>", "格式错误（顶层不是「字段: 值」的形式）"),
    ("but found another document", "文件中只能有一个 YAML 文档（请删除多余的 ---）"),
    (
        "expected alphabetic or numeric character",
        "锚点或别名（& 或 *）后缺少名称；值以 & 或 * 开头时请加引号",
    ),
    ("control characters are not allowed", "文件含有不允许的控制字符"),
    ("special characters are not allowed", "文件含有不允许的特殊字符"),
)


def yaml_input_error(exc: Exception, source: str, prefix: str = "YAML 格式错误") -> InputError:
    """A YAML syntax error as a Chinese ``InputError`` at its line and column, its message after ``prefix``."""
    mark = getattr(exc, "problem_mark", None)
    where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else None
    problem = yaml_problem_cn(getattr(exc, "problem", None) or getattr(exc, "reason", None))
    return InputError.single(f"{prefix}：{problem}", file=source, location=where)


def yaml_problem_cn(problem: str | None) -> str:
    """PyYAML's English problem in Chinese (our own Chinese problems pass through)."""
    if not problem:
        return "无法解析"
    if not problem.isascii():
        return problem
    for needle, chinese in _PROBLEMS:
        if needle in problem:
            return chinese
    return f"无法解析（{problem}）"
