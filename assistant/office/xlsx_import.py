"""Excel 自评表 workbooks → ``Case``: project forms (one per sheet, or stacked), a summary 评分表, a 案例信息 sheet.

Sheets are classified by their labels, read by ``xlsx_project`` / ``xlsx_summary``, merged by 项目名称 (a form wins
over its summary row, and the two must agree on amounts), and validated by the case model; every problem is
reported as ``文件，Sheet1!D7：原因``. Amounts are read in 万元 and written back in the unit the workbook used.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.errors import InputError, Problem
from assistant.forms.case import drop_redundant_totals
from assistant.limits import check_number_ranges
from assistant.models import UNIT_PENDING, YUAN_PER_WAN, Case
from assistant.office.xlsx_case_info import Found, TitleFacts, read_meta, title_cells, title_facts
from assistant.office.xlsx_cells import Cell, Grid, normalise, read_grids
from assistant.office.xlsx_labels import key_of
from assistant.office.xlsx_layouts import MONEY_FIELDS, PROJECT_NAME, first_layout, rules_for
from assistant.office.xlsx_project import project_starts, read_project
from assistant.office.xlsx_read import FormRead, Issues
from assistant.office.xlsx_summary import read_summary, summary_header
from assistant.validation import CASE_WORDING, validation_error
from assistant.vocabulary import BUDGET, EXECUTED, INDICATOR_NAME

DEFAULT_MONEY_UNIT = "万元"
# Headers only a project form prints: its indicator table's, and its funds block's budget and executed columns.
_FORM_HEADERS = frozenset({INDICATOR_NAME.key, *BUDGET.names, *EXECUTED.names})


def load_case_xlsx(
    path: str | Path,
    *,
    unit: str | None = None,
    year: int | None = None,
    rules: str | None = None,
    money_unit: str | None = None,
    identity: str = "required",
) -> Case:
    """Read a 自评表 workbook as a case; keyword values fill in what the workbook does not state.

    The unit is the 填报单位 (or a 案例信息 sheet, or the title); failing those, the 实施单位 — or else the
    主管部门 — that every form names alike. ``identity="pending"`` (scoring) accepts a workbook that names no unit
    or year (the unit becomes 【待补充：单位名称】)."""
    path = Path(path)
    source = str(path)
    grids = [g for g in read_grids(path) if g.height]
    if not grids:
        raise InputError.single("工作簿是空的：没有任何工作表内容", file=source)
    issues = Issues(source)
    default_unit = money_unit or DEFAULT_MONEY_UNIT
    forms: list[FormRead] = []
    summary: list[FormRead] = []
    meta: dict[str, Found] = {}
    titles = TitleFacts()
    for grid in grids:
        starts = project_starts(grid)
        header = summary_header(grid)
        if starts:
            facts = title_facts(title_cells(grid, range(1, starts[0].row)))
            _extend(titles, facts)
            title_unit = str(facts.money_units[0].value) if facts.money_units else None
            for index, label in enumerate(starts):
                end = starts[index + 1].row - 1 if index + 1 < len(starts) else grid.height
                forms.append(read_project(grid, label, end, issues, default_unit, title_unit))
        if header is not None:
            facts = title_facts(title_cells(grid, range(1, header)))
            _extend(titles, facts)
            title_unit = str(facts.money_units[0].value) if facts.money_units else None
            summary += read_summary(grid, header, issues, default_unit, title_unit)
        if not starts and header is None and not _complain_if_form_without_name(grid, issues):
            meta = {**read_meta(grid), **meta}
    issues.raise_if_any()
    if not forms and not summary:
        raise InputError.single(
            "工作簿中没有找到项目支出绩效自评表（需有「项目名称」及 年初预算数/全年预算数/全年执行数 等表头）"
            "或一行一个项目的评分表",
            file=source,
        )
    projects = _merge(forms, summary, issues)
    issues.raise_if_any()
    data = _case_data(
        projects,
        meta,
        titles,
        issues,
        unit=unit or _agreed_unit(projects),
        year=year,
        rules=rules,
        money_unit=money_unit,
        pending=identity == "pending",
    )
    issues.raise_if_any()
    case = _validate(data, projects, source)
    drop_redundant_totals(case)
    return case


def _extend(into: TitleFacts, facts: TitleFacts) -> None:
    into.years += facts.years
    into.units += facts.units
    into.money_units += facts.money_units


def _complain_if_form_without_name(grid: Grid, issues: Issues) -> bool:
    """A sheet with an indicator table or funds header but no 项目名称 is a broken form, not an unrelated sheet."""
    for row in range(1, grid.height + 1):
        for cell in grid.filled(row):
            if key_of(cell) in _FORM_HEADERS:
                issues.add(cell, f"工作表「{grid.name}」像是自评表，但没有找到「{PROJECT_NAME[0]}」")
                return True
    return False


def _merge(forms: list[FormRead], summary: list[FormRead], issues: Issues) -> list[FormRead]:
    """Forms by name; summary rows add projects that have no form and must agree with those that do."""
    by_name: dict[str, FormRead] = {}
    for form in forms:
        if form.name in by_name:
            issues.add(form.anchor, f"项目名称「{form.name}」重复（另见 {by_name[form.name].anchor.ref}）")
            continue
        by_name[form.name] = form
    ordered: list[FormRead] = []
    seen_summary: dict[str, FormRead] = {}
    for row in summary:
        if row.name in seen_summary:
            issues.add(
                row.anchor, f"评分表中项目名称「{row.name}」重复（另见 {seen_summary[row.name].anchor.ref}）"
            )
            continue
        seen_summary[row.name] = row
        form = by_name.get(row.name)
        if form is None:
            ordered.append(row)
            continue
        for name in MONEY_FIELDS:
            given, filed = row.data.get(name), form.data.get(name)
            if given is not None and filed is not None and given != filed:
                issues.add(
                    row.money_cells[name],
                    f"评分表中「{row.name}」的{name} {_show(given)} 万元与项目表 {form.money_cells[name].ref} 的 "
                    f"{_show(filed)} 万元不一致",
                )
        ordered.append(form)
    listed = {id(f) for f in ordered}
    ordered += [f for f in by_name.values() if id(f) not in listed]
    return ordered


def _show(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _pick(
    label: str, given: Any, meta: Found | None, found: list[Found], issues: Issues, *, conflict: bool = False
) -> Any:
    if meta is not None:
        return meta.value
    values = {str(f.value): f for f in found}
    if conflict and len(values) > 1:
        first, second = list(values.values())[:2]
        issues.add(
            second.cell,
            f"工作簿中的{label}不一致：{first.cell.ref} 为「{first.value}」，此处为「{second.value}」",
        )
    if found:
        return found[0].value
    return given


def _case_data(
    projects: list[FormRead],
    meta: dict[str, Found],
    titles: TitleFacts,
    issues: Issues,
    *,
    unit: str | None,
    year: int | None,
    rules: str | None,
    money_unit: str | None,
    pending: bool = False,
) -> dict[str, Any]:
    source = issues.file
    unit_name = _pick("单位名称", unit, meta.get("单位名称"), titles.units, issues)
    known = len(issues.problems)
    year_value = _year(
        _pick("年度", year, meta.get("年度"), titles.years, issues, conflict=True), meta, issues
    )
    if year_value is None and len(issues.problems) == known and not pending:
        issues.problems.append(
            Problem(
                "未能识别年度：请在标题写明“（2023年度）”，或在「案例信息」工作表填写年度，"
                "或在导入时指定（命令行 --year；网页上传时填写“年度”）",
                source,
            )
        )
    if not unit_name and pending:
        unit_name = UNIT_PENDING
    if not unit_name:
        issues.problems.append(
            Problem(
                "未能识别单位名称：请在表头写明“填报单位：某某单位”，或增加「案例信息」工作表填写单位名称，"
                "或在导入时指定（命令行 --unit-name；网页上传时填写“单位名称”）",
                source,
            )
        )
    stated = [Found(p.stated_unit, p.anchor) for p in projects if p.stated_unit]
    chosen_unit = _pick("金额单位", money_unit, meta.get("金额单位"), stated + titles.money_units, issues)
    chosen_unit = str(chosen_unit or DEFAULT_MONEY_UNIT)
    if "评分规则" in meta:
        rules_value = _rules_id(str(meta["评分规则"].value), meta["评分规则"].cell, issues)
    elif rules:
        rules_value = rules
    else:
        layout = first_layout(p.layout for p in projects)
        points = next((p.execution_points for p in projects if p.execution_points is not None), None)
        rules_value = rules_for(layout, points)
    data: dict[str, Any] = {
        "单位名称": unit_name,
        "年度": year_value,
        "评分规则": rules_value,
        "金额单位": chosen_unit,
        "项目": [_scaled(p.data, chosen_unit) for p in projects],
    }
    for key in ("主管部门", "单位概况", "报告提纲"):
        if key in meta and str(meta[key].value).strip():
            data[key] = str(meta[key].value).strip()
    return data


def _agreed_unit(projects: list[FormRead]) -> str | None:
    """The 实施单位 every form names alike, else the 主管部门 they all share (a national form has no 填报单位)."""
    for key in ("实施单位", "主管部门"):
        names = {str(p.data.get(key) or "").strip() for p in projects}
        if len(names) == 1 and (name := names.pop()):
            return name
    return None


def _year(value: Any, meta: dict[str, Found], issues: Issues) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    match = re.search(r"(?:19|20)\d{2}", normalise(str(value)))
    if match:
        return int(match.group(0))
    cell = meta["年度"].cell if "年度" in meta else None
    issues.add(cell, f"年度「{value}」不是有效的年份")
    return None


def _rules_id(value: str, cell: Cell, issues: Issues) -> str:
    """A rule set given by id or by its displayed name ('财预〔2020〕10号 单位自评（全国默认）')."""
    from assistant.rules import available_rulesets, load_ruleset

    ids = available_rulesets()
    if value in ids or value.lower().endswith((".yaml", ".yml")):  # a deployment's own rule file, by path
        return value
    for rid in ids:
        if load_ruleset(rid).name == value:
            return rid
    issues.add(cell, f"未知的评分规则「{value}」，可选：{'、'.join(ids)}")
    return value


def _scaled(project: dict[str, Any], money_unit: str) -> dict[str, Any]:
    """Project data with amounts (read in 万元) in the case's unit."""
    if money_unit != "元":
        return project
    scaled = dict(project)
    for key in MONEY_FIELDS:
        if isinstance(scaled.get(key), Decimal):
            scaled[key] = scaled[key] * YUAN_PER_WAN
    if isinstance(scaled.get("资金来源"), dict):
        scaled["资金来源"] = {name: _scaled(row, money_unit) for name, row in scaled["资金来源"].items()}
    return scaled


def _validate(data: dict[str, Any], projects: list[FormRead], source: str) -> Case:
    """Validate through the case model; each error names the cell its field was read from."""
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        raise validation_error(
            exc, data, source, CASE_WORDING, model=Case, cell_of=lambda loc: _cell_for(loc, projects)
        ) from exc
    # Before anything scores: out-of-range numbers would overflow exact arithmetic.
    return check_number_ranges(case, source, lambda loc: _cell_for(loc, projects))


def _cell_for(loc: tuple[Any, ...], projects: list[FormRead]) -> str | None:
    if len(loc) < 2 or loc[0] != "项目" or not isinstance(loc[1], int) or loc[1] >= len(projects):
        return None
    where = projects[loc[1]].where
    rest = tuple(loc[2:])
    while rest not in where and rest:
        rest = rest[:-1]
    return where.get(rest)
