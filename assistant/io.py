"""Loaders: case files (YAML/JSON) into ``Case``, with every problem reported in Chinese by file, project, field.

Validation errors are worded by ``assistant.validation`` and numbers checked against ``assistant.limits``, both
shared with the Excel 自评表 import in ``assistant.office`` (optional dependency, imported only for .xlsx); this
module stays light so that the CLI starts fast.
"""

from __future__ import annotations

import codecs
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from assistant.errors import InputError, Problem
from assistant.limits import check_number_ranges
from assistant.models import UNIT_PENDING, Case
from assistant.validation import CASE_WORDING, validation_error
from assistant.yamlfile import MAX_DIGITS, load_yaml, yaml_input_error

if TYPE_CHECKING:
    from assistant.pdf_text import PagedText

MAX_CASE_BYTES = 20 * 1024 * 1024
CASE_SUFFIXES = (".yaml", ".yml", ".json")

_JUNK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_JSON_MESSAGES = (
    ("Expecting value", "此处缺少值（或有多余的逗号）"),
    ("Expecting property name enclosed in double quotes", "字段名应使用英文双引号（或有多余的逗号）"),
    ("Expecting ',' delimiter", "缺少逗号"),
    ("Expecting ':' delimiter", "缺少冒号"),
    ("Unterminated string", "字符串没有结束的引号"),
    ("Invalid control character", "字符串中有不允许的控制字符（如换行或 Tab）"),
    ("Invalid \\escape", "字符串中有无效的转义（\\）"),
    ("Invalid \\uXXXX escape", "字符串中有无效的 \\u 转义"),
    ("Extra data", "JSON 内容结束后还有多余内容"),
)


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
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Windows 记事本 "Unicode"
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError.single("文件是 UTF-16 编码，但内容已损坏，无法解码", file=str(path)) from exc
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
            return json.loads(
                text,
                parse_float=_json_decimal,
                parse_int=_json_int,
                parse_constant=_reject_constant,
                object_pairs_hook=_json_object,
            )
        except json.JSONDecodeError as exc:
            message = next((cn for en, cn in _JSON_MESSAGES if exc.msg.startswith(en)), exc.msg)
            raise InputError.single(
                f"JSON 格式错误：{message}", file=source, location=f"第 {exc.lineno} 行第 {exc.colno} 列"
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
        raise yaml_input_error(exc, source) from exc


def _reject_constant(name: str) -> Any:
    raise ValueError(f"不支持的数值 {name}（请填写有限数字）")


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"数字位数过多（{len(text)} 位）：{text[:20]}…")
    return int(text)


def _json_decimal(text: str) -> Decimal:
    if len(text) > MAX_DIGITS + 10:
        raise ValueError(f"数字位数过多（{len(text)} 位）：{text[:20]}…")
    return Decimal(text)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"字段「{key}」在同一处重复出现，请只保留一处")
        out[key] = value
    return out


def case_from_data(data: Any, source: str = "<输入>") -> Case:
    """Validate plain data as a case, converting every validation error into a located Chinese problem."""
    if data is None:  # an empty file, or one of only comments and blank lines
        raise InputError.single("案例文件为空（应写有单位名称、年度、项目…）", file=source)
    if not isinstance(data, dict):
        raise InputError.single("案例文件顶层应为键值表（单位名称、年度、项目…）", file=source)
    try:
        data = clean_strings(data)
        case = Case.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, data, source, CASE_WORDING, model=Case) from exc
    except RecursionError as exc:
        raise InputError.single("数据嵌套层级过深", file=source) from exc
    check_references(case, source)
    return check_number_ranges(case, source)


def check_references(case: Case, source: str = "<输入>") -> None:
    """评分规则 and 报告提纲 name a shipped id or a YAML file: anything else is refused here, naming the file."""
    from assistant.rules import available_rulesets

    problems = []
    named = [("评分规则", case.rules, available_rulesets)]
    if case.outline:
        from assistant.drafting.outline import available_outlines

        named.append(("报告提纲", case.outline, available_outlines))
    for label, value, known in named:
        if value.lower().endswith((".yaml", ".yml")):
            continue  # a deployment's own file, read (and checked) when used
        ids = known()
        if value not in ids:
            problems.append(
                Problem(
                    f"未知的{label}「{value[:40]}」，可选：{'、'.join(ids)}（或给出 YAML 文件路径）",
                    source,
                    f"字段「{label}」",
                )
            )
    if problems:
        raise InputError(problems)


def clean_strings(data: Any, _done: dict[int, Any] | None = None) -> Any:
    """``data`` with invisible junk removed from every text and key: control characters (Word's \\x07, \\x0b…),
    lone surrogates (from JSON ``\\ud800``) and the non-characters U+FFFE/U+FFFF; Word and Excel cannot hold them.

    A list or mapping reached twice (a YAML alias) is cleaned once and stays shared, so "billion laughs" aliases
    cost nothing here either.
    """
    if isinstance(data, str):
        return _JUNK.sub("", data)
    if not isinstance(data, dict | list):
        return data
    done = {} if _done is None else _done
    if id(data) in done:
        return done[id(data)]
    if isinstance(data, dict):
        cleaned: Any = {}
        done[id(data)] = cleaned
        for key, value in data.items():
            cleaned[clean_strings(key, done)] = clean_strings(value, done)
    else:
        cleaned = []
        done[id(data)] = cleaned
        cleaned.extend(clean_strings(item, done) for item in data)
    return cleaned


Identity = Literal["required", "pending"]


def load_case(
    path: str | Path, *, unit: str | None = None, year: int | None = None, identity: Identity = "required"
) -> Case:
    """Load a case file (.yaml/.yml/.json; .xlsx when the office extra is installed; a 自评表 in a .txt, .md,
    .docx or .pdf report).

    ``unit``/``year`` (单位名称/年度) fill in what the file does not state: a 自评表 workbook often names
    neither; a value the file does state wins. With ``identity="pending"`` (scoring, drafting) a unit name
    that is still missing becomes 【待补充：单位名称】 and a missing year stays empty instead of an error.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from assistant.office import load_case_xlsx  # optional; imported only when needed

        # range-checked there, each problem at its cell
        return load_case_xlsx(path, unit=unit, year=year, identity=identity)
    if suffix in REPORT_SUFFIXES:
        return _case_from_report(path, unit, year, identity)
    if suffix not in CASE_SUFFIXES:
        raise InputError.single(
            f"不支持的案例文件类型「{suffix or '无扩展名'}」，请使用 .yaml、.yml、.json、Excel 自评表 .xlsx"
            "（旧版 .xls 请先另存为 .xlsx）或含自评表的报告（.txt、.md、.docx、.pdf）",
            file=str(path),
        )
    text = read_text_file(path)
    data = parse_case_text(text, str(path), suffix)
    if isinstance(data, dict):
        for names, value in ((("单位名称", "unit"), unit), (("年度", "year"), year)):
            if value is not None and not any(data.get(name) not in (None, "") for name in names):
                data[names[0]] = value
        _identity(data, identity)
    return _with_year(case_from_data(data, str(path)), str(path), identity)


def _with_year(case: Case, source: str, identity: Identity) -> Case:
    """A case that must name its year (drafting, checking) is refused without one, once all else is valid."""
    if identity == "required" and case.year is None:
        raise InputError.single("缺少必填字段", file=source, location="字段「年度」")
    return case


def _identity(data: dict[str, Any], identity: Identity) -> None:
    """A missing unit name becomes the pending mark when the caller accepts one (scoring)."""
    if identity == "pending" and all(data.get(name) in (None, "") for name in ("单位名称", "unit")):
        data["单位名称"] = UNIT_PENDING


def _case_from_report(path: Path, unit: str | None, year: int | None, identity: Identity) -> Case:
    """The 自评表 in a report (text, Word or PDF) as a case: one project per form."""
    from assistant.forms import read_forms
    from assistant.forms.case import case_data

    forms = read_forms(load_report(path))
    data = case_data(forms, unit=unit, year=year)
    if not data.get("项目"):
        raise InputError.single(
            "文件中没有找到可读取的项目支出绩效自评表（需有项目名称、资金表 年度资金总额 行）", file=str(path)
        )
    if identity == "required":
        problems = [
            Problem(message, str(path))
            for key, message in (
                (
                    "单位名称",
                    "未能识别单位名称：请在自评表写明填报单位或实施单位，或在导入时指定（命令行 --unit-name）",
                ),
                ("年度", "未能识别年度：请在标题写明“（2023年度）”，或在导入时指定（命令行 --year）"),
            )
            if key not in data
        ]
        if problems:
            raise InputError(problems)
    _identity(data, identity)
    from assistant.forms.case import drop_redundant_totals

    case = _with_year(case_from_data(data, str(path)), str(path), identity)
    drop_redundant_totals(case)  # a 总分 the indicators reproduce, dropped as the workbook import does
    return case


REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf")
MAX_REPORT_BYTES = 5 * 1024 * 1024


def load_report(path: str | Path) -> str:
    """A report's text for the audit: .txt/.md as written, .docx paragraphs and tables in order, a PDF's text
    layer (pages in order)."""
    return load_report_pages(path).text


def load_report_pages(path: str | Path) -> PagedText:
    """A report's text with where each page starts (PDF); other files are one page."""
    from assistant.pdf_text import PagedText

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if not path.is_file():
            raise InputError.single("文件不存在", file=str(path))
        from assistant.pdf_text import pdf_to_text  # optional; pdfplumber loads only here

        return pdf_to_text(path)
    if suffix == ".docx":
        from assistant.office.docx_text import docx_to_text

        return PagedText(docx_to_text(path))
    if suffix not in REPORT_SUFFIXES:
        raise InputError.single(
            f"不支持的报告文件类型「{suffix or '无扩展名'}」，请使用 .txt、.md、.docx 或 .pdf", file=str(path)
        )
    return PagedText(read_text_file(path, MAX_REPORT_BYTES))
