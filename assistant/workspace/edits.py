"""Edits of the case as plain data: each builds the new case data and says, in Chinese, what it changes.

An ``Edit`` is not applied here: ``Workspace`` validates the new data through the case model, records the
``Change`` and saves. ``where`` and ``old`` let an invalid value be reported at its cell with the value kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from assistant.errors import InputError
from assistant.models import Case
from assistant.vocabulary import LEVEL1_OF
from assistant.workspace import tables
from assistant.workspace.changes import EMPTY
from assistant.workspace.codec import case_data
from assistant.workspace.fields import (
    cell_value,
    display,
    indicator_field,
    project_field,
)
from assistant.workspace.resolve import resolve_indicator, resolve_project

# The unit's own text facts: data key → attribute of ``Case``.
UNIT_TEXT_FIELDS = {
    "单位概况": "background",
    "评价组织": "review_organiser",
    "评价依据": "review_basis",
    "存在问题": "problems",
    "结果应用": "result_use",
    "公开情况": "disclosure",
    "主要经验": "experience",
    "其他说明": "other_notes",
    "组织实施": "implementation",
    "资金管理": "fund_management",
    "制度建设": "rules_in_place",
    "政府采购": "procurement",
    "主要成效": "achievements",
    "成文日期": "signed_on",
}


@dataclass
class Edit:
    """New case data and what it changes; ``where``/``old`` locate the edited value for error messages."""

    data: dict[str, Any]
    description: str
    where: str = ""
    old: Any = None
    kind: str = "edit"


def table_edit(
    case: Case,
    table: Literal["projects", "indicators"],
    row: int,
    column: str,
    value: str,
    project: int | None = None,
) -> Edit:
    """One cell of the project or indicator table (row 0-based; indicators within ``project`` when given)."""
    where = f"第{row + 1}行「{column}」"
    data = case_data(case)
    if table == "projects":
        key = _column_key(tables.PROJECT_COLUMNS, column, where)
        if not 0 <= row < len(case.projects):
            raise InputError.single(f"没有第 {row + 1} 行（共 {len(case.projects)} 个项目）")
        node, owner, unit = data["项目"][row], case.projects[row].name, None
    elif table == "indicators":
        key = _column_key(tables.INDICATOR_COLUMNS, column, where)
        chosen = None if project is None else resolve_project(case, project)
        positions = tables.indicator_positions(case, chosen)
        if not 0 <= row < len(positions):
            raise InputError.single(f"没有第 {row + 1} 行（共 {len(positions)} 个指标）")
        p, k = positions[row]
        node = data["项目"][p]["绩效指标"][k]
        indicator = case.projects[p].indicators[k]
        owner, unit = f"{case.projects[p].name}」指标「{indicator.name}", indicator.unit
    else:
        raise InputError.single(f"未知的表格「{table}」")
    old = node.get(key)
    edit = Edit(data, "", where, old)
    new = _assign(node, key, value, case.money_unit, unit, edit)
    edit.description = f"修改「{owner}」的{key}：{show(old)} → {show(new)}"
    return edit


def field_edit(case: Case, project: str | int, field: str, value: str) -> Edit:
    """One field of a project (by name, 序号 or 0-based index; field in Chinese or English)."""
    p = resolve_project(case, project)
    key = project_field(field)
    name = case.projects[p].name
    data = case_data(case)
    node = data["项目"][p]
    edit = Edit(data, "", f"项目「{name}」的{key}", node.get(key))
    new = _assign(node, key, value, case.money_unit, None, edit)
    edit.description = f"把「{name}」的{key}改为{show(new, key, case.money_unit)}"
    return edit


def indicator_edit(case: Case, project: str | int, indicator: str | int, field: str, value: str) -> Edit:
    """One field of an indicator of a project."""
    p = resolve_project(case, project)
    k = resolve_indicator(case.projects[p], indicator)
    key = indicator_field(field)
    current = case.projects[p].indicators[k]
    data = case_data(case)
    node = data["项目"][p]["绩效指标"][k]
    where = f"项目「{case.projects[p].name}」指标「{current.name}」的{key}"
    edit = Edit(data, "", where, node.get(key))
    new = _assign(node, key, value, case.money_unit, current.unit, edit)
    edit.description = f"把{where}改为{show(new)}"
    return edit


def unit_edit(case: Case, key: str, value: str) -> Edit:
    """One of the unit's own text facts (单位概况, 评价组织 …)."""
    if key not in UNIT_TEXT_FIELDS:
        raise InputError.single(f"单位没有「{key}」这一项，可填写：{'、'.join(UNIT_TEXT_FIELDS)}")
    data = case_data(case)
    edit = Edit(data, "", f"单位的{key}", data.get(key))
    new = _assign(data, key, value, case.money_unit, None, edit)
    edit.description = f"把单位的{key}改为{show(new)}"
    return edit


def sources_edit(case: Case, source: str, project: int | None = None) -> Edit:
    """A project's (default: every project's) whole funding from one source (当年财政拨款 / 上年结转资金 / 其他资金)."""
    data = case_data(case)
    chosen = range(len(case.projects)) if project is None else [project]
    for p in chosen:
        node = data["项目"][p]
        row = {key: node[key] for key in ("年初预算数", "全年预算数", "全年执行数") if key in node}
        node["资金来源"] = {source: row}
    owner = f"全部 {len(case.projects)} 个项目" if project is None else f"「{case.projects[project].name}」"
    return Edit(data, f"把{owner}的资金来源记为{source}", "资金来源")


def indicator_add(case: Case, project: str | int, fields: dict[str, Any]) -> Edit:
    """An indicator added to a project; ``fields`` keyed by Chinese or English names (三级指标, 分值 …)."""
    p = resolve_project(case, project)
    name = case.projects[p].name
    node: dict[str, Any] = {}
    for field, raw in fields.items():
        if raw is None or str(raw).strip() == "":
            continue
        node[indicator_field(str(field))] = raw
    unit = str(node["度量单位"]).strip() if "度量单位" in node else None
    node = {key: cell_value(key, raw, case.money_unit, indicator_unit=unit) for key, raw in node.items()}
    if "一级指标" not in node and node.get("二级指标") in LEVEL1_OF:
        node["一级指标"] = LEVEL1_OF[node["二级指标"]]
    missing = [key for key in ("三级指标", "一级指标", "分值") if key not in node]
    if missing:
        raise InputError.single(
            f"给「{name}」增加指标还缺少：{'、'.join(missing)}"
            "（例如：三级指标：培训人次，一级指标：产出指标，二级指标：数量指标，指标性质：≥，"
            "年度指标值：100，实际完成值：120，度量单位：人次，分值：10）"
        )
    data = case_data(case)
    data["项目"][p].setdefault("绩效指标", []).append(node)
    return Edit(
        data, f"给「{name}」增加绩效指标「{node['三级指标']}」", f"项目「{name}」新增指标", kind="add"
    )


def kept(exc: InputError, where: str, old: Any) -> InputError:
    """The error re-located at the cell, saying the previous value stays."""
    messages = "；".join(p.message for p in exc.problems) or str(exc)
    return InputError.single(f"{messages}，已保留原值「{show(old)}」", location=where)


def show(value: Any, key: str | None = None, money_unit: str = "") -> str:
    """A value as the officer reads it in a description ("（空）" for nothing, amounts with their unit)."""
    if value is None or value == "":
        return EMPTY
    text = display(value)
    return f"{text}{money_unit}" if key in ("年初预算数", "全年预算数", "全年执行数") and money_unit else text


def _column_key(columns: dict[str, str | None], column: str, where: str) -> str:
    if column not in columns:
        raise InputError.single(f"没有「{column}」这一列", location=where)
    key = columns[column]
    if key is None:
        raise InputError.single(f"「{column}」列由系统生成，不能修改", location=where)
    return key


def _assign(
    node: dict[str, Any], key: str, text: Any, money_unit: str, indicator_unit: str | None, edit: Edit
) -> Any:
    """Parse ``text`` for ``key`` and store it in ``node`` (empty clears); errors keep the old value."""
    try:
        value = cell_value(key, text, money_unit, indicator_unit=indicator_unit)
    except InputError as exc:
        raise kept(exc, edit.where, edit.old) from None
    if value is None:
        node.pop(key, None)
    else:
        node[key] = value
    if key == "得分" and "采用填报得分" in node:  # a new filed score has not been chosen over the rules yet
        node.pop("采用填报得分")
    return value
