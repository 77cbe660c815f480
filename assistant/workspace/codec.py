"""The session's JSON forms: case data with Decimals as strings, and the drafted report, both exact round trips.

A case is stored as ``Case.to_data()`` (Chinese keys, amounts in the filed unit) and rebuilt through the same
validation as a case file. Indicator values that are plain numbers are kept as Decimals (``canonical_case``),
so a value written "95" and one read as 95 serialise alike and a reloaded case equals the saved one.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, fields
from decimal import Decimal
from typing import Any

from assistant.io import case_from_data
from assistant.models import Case
from assistant.report import Report, Section, Table
from assistant.workspace.fields import canonical_value
from assistant.workspace.intake import check_builtin_references


def to_jsonable(value: Any) -> Any:
    """Plain data with every Decimal as its exact text (no exponent)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value


def canonical_data(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of case data whose plain-number indicator values are Decimals."""
    data = copy.deepcopy(data)
    for project in data.get("项目") or []:
        if not isinstance(project, dict):
            continue
        for indicator in project.get("绩效指标") or []:
            if isinstance(indicator, dict):
                for key in ("年度指标值", "实际完成值"):
                    if key in indicator:
                        indicator[key] = canonical_value(indicator[key])
    return data


def case_data(case: Case) -> dict[str, Any]:
    """The case as JSON-ready data (Chinese keys, filed money unit, Decimals as strings)."""
    return to_jsonable(case.to_data())


def build_case(data: dict[str, Any], source: str = "会话数据") -> Case:
    """Validate data (JSON or Python) as a case like the CLI loader does, built-in rule sets only (see ``intake``);
    problems are a Chinese ``InputError``."""
    return check_builtin_references(case_from_data(canonical_data(data), source), source)


def canonical_case(case: Case) -> Case:
    """The same case as it will read back from a session file."""
    return build_case(case_data(case))


# --- the drafted report ------------------------------------------------------------------------------


def report_to_json(report: Report) -> dict[str, Any]:
    return asdict(report)


def report_from_json(data: dict[str, Any]) -> Report:
    sections = []
    for item in data.get("sections") or []:
        tables = [Table(**_known(Table, t)) for t in item.get("tables") or []]
        section = dict(_known(Section, item))
        section["tables"] = tables
        sections.append(Section(**section))
    values = _known(Report, data)
    values["sections"] = sections
    return Report(**values)


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """Only the keys the dataclass declares (a newer file may carry more)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}
