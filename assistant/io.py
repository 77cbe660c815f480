"""Loaders: case files (YAML/JSON) into ``Case``, with every problem reported in Chinese by file, project, field.

Excel 自评表 import lives in ``assistant.office`` (optional dependency); this module stays light so that the
CLI starts fast.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.errors import InputError, Problem
from assistant.models import Case
from assistant.yamlfile import load_yaml

MAX_CASE_BYTES = 20 * 1024 * 1024
CASE_SUFFIXES = (".yaml", ".yml", ".json")

_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不认识的字段（请检查拼写，字段名见 jixiao schema）",
    "decimal_parsing": "不是有效数字",
    "decimal_type": "应为数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为文本",
    "list_type": "应为列表",
    "model_type": "应为键值表（字段: 值）",
    "dict_type": "应为键值表（字段: 值）",
    "too_short": "至少需要一项",
    "string_too_short": "不能为空",
    "finite_number": "不能是无穷大或非数字（NaN）",
    "decimal_max_digits": "数字位数过多",
}


def read_text_file(path: Path, max_bytes: int = MAX_CASE_BYTES) -> str:
    """Read a user's text file as UTF-8 (BOM tolerated), refusing huge or binary files with a clear message."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError.single(
                f"文件过大（{size // 1024} KB，上限 {max_bytes // 1024} KB）", file=str(path)
            )
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError.single("文件不存在", file=str(path)) from exc
    except IsADirectoryError as exc:
        raise InputError.single("这是一个目录，不是文件", file=str(path)) from exc
    except OSError as exc:
        raise InputError.single(f"无法读取文件：{exc.strerror}", file=str(path)) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError.single(
                f"文件不是 UTF-8 或 GB18030 编码的文本（第 {exc.start} 字节处无法解码）", file=str(path)
            ) from exc


def parse_case_text(text: str, source: str, suffix: str = ".yaml") -> Any:
    """Parse YAML or JSON text into plain data with exact decimals."""
    if suffix == ".json":
        try:
            return json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:
            raise InputError.single(
                f"JSON 格式错误：{exc.msg}", file=source, location=f"第 {exc.lineno} 行第 {exc.colno} 列"
            ) from exc
        except ValueError as exc:
            raise InputError.single(str(exc), file=source) from exc
        except RecursionError as exc:
            raise InputError.single("JSON 嵌套层级过深", file=source) from exc
    try:
        return load_yaml(text)
    except RecursionError as exc:
        raise InputError.single("YAML 嵌套层级过深", file=source) from exc
    except Exception as exc:  # yaml.YAMLError, decimal.InvalidOperation
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else None
        problem = getattr(exc, "problem", None) or "无法解析"
        raise InputError.single(f"YAML 格式错误：{problem}", file=source, location=where) from exc


def _reject_constant(name: str) -> Any:
    raise ValueError(f"不支持的数值 {name}（请填写有限数字）")


def case_from_data(data: Any, source: str = "<输入>") -> Case:
    """Validate plain data as a case, converting every validation error into a located Chinese problem."""
    if not isinstance(data, dict):
        raise InputError.single("案例文件顶层应为键值表（单位名称、年度、项目…）", file=source)
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        raise InputError([_problem(err, data, source) for err in exc.errors()]) from exc
    except RecursionError as exc:
        raise InputError.single("数据嵌套层级过深", file=source) from exc


def load_case(path: str | Path) -> Case:
    """Load a case file (.yaml/.yml/.json; .xlsx when the office extra is installed)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from assistant.office import load_case_xlsx  # optional; imported only when needed

        return load_case_xlsx(path)
    if suffix not in CASE_SUFFIXES:
        raise InputError.single(
            f"不支持的案例文件类型「{suffix or '无扩展名'}」，请使用 .yaml、.yml 或 .json", file=str(path)
        )
    text = read_text_file(path)
    return case_from_data(parse_case_text(text, str(path), suffix), str(path))


REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".docx")
MAX_REPORT_BYTES = 5 * 1024 * 1024


def load_report(path: str | Path) -> str:
    """A report's text for the audit: .txt/.md as written, .docx paragraphs and tables in order."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from assistant.office.docx_text import docx_to_text

        return docx_to_text(path)
    if suffix not in REPORT_SUFFIXES:
        raise InputError.single(f"不支持的报告文件类型「{suffix or '无扩展名'}」，请使用 .txt、.md 或 .docx", file=str(path))
    return read_text_file(path, MAX_REPORT_BYTES)


def _problem(err: dict[str, Any], data: dict[str, Any], source: str) -> Problem:
    location = describe_location(err["loc"], data)
    kind = err["type"]
    if kind in ("value_error", "assertion_error"):
        message = str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    elif kind == "greater_than_equal":
        message = "金额不能为负数" if err["ctx"].get("ge") == 0 else f"不能小于 {err['ctx']['ge']}"
    elif kind == "less_than_equal":
        message = f"不能大于 {err['ctx']['le']}"
    elif kind == "literal_error":
        message = f"只能是 {err['ctx']['expected']}"
    else:
        message = _MESSAGES.get(kind, str(err["msg"]))
    given = err.get("input")
    if kind not in ("missing", "model_type") and isinstance(given, str | int | Decimal) and str(given):
        message += f"（填写的是「{str(given)[:40]}」）"
    return Problem(message, source, location)


def describe_location(loc: tuple[Any, ...], data: Any) -> str | None:
    """Turn ('项目', 2, '绩效指标', 0, '分值') into 第3个项目「名称」第1个绩效指标「名称」的字段「分值」."""
    parts: list[str] = []
    node = data
    label = ""
    for key in loc:
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and key < len(node) else None
            name = _name_of(item)
            noun = {"项目": "项目", "projects": "项目", "绩效指标": "绩效指标", "indicators": "绩效指标"}.get(
                label, "条"
            )
            parts.append(f"第{key + 1}个{noun}" + (f"「{name}」" if name else ""))
            node = item
        else:
            label = str(key)
            node = node.get(key) if isinstance(node, dict) else None
            if label not in ("项目", "projects", "绩效指标", "indicators"):
                parts.append(f"字段「{label}」")
    return "".join(parts) or None


def _name_of(item: Any) -> str | None:
    if isinstance(item, dict):
        for key in ("项目名称", "name", "三级指标"):
            if isinstance(item.get(key), str):
                return item[key]
    return None
