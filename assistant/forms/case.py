"""自评表 read from text as case data, so that ``jixiao score 自评表.txt`` scores it as it would the workbook.

A form becomes one project: its 年度资金总额 row the project's amounts, its 其中 rows the 资金来源, its
indicator rows the 绩效指标 (a 其中 sub-item without 分值 is left out), its 总分 the 自评得分 when the indicators
do not reproduce it. Which rule set fits comes from the form (预算执行情况（20分） picks the 20-point one).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assistant.models import YUAN_PER_WAN, Case

from .model import Form, FormIndicator, Value

# Fund sub-rows the case model knows, by the reader's row label.
SOURCE_KEYS = {
    "当年财政拨款": "当年财政拨款",
    "财政资金": "当年财政拨款",
    "上年结转资金": "上年结转资金",
    "其他资金": "其他资金",
}
_QUALITATIVE_KINDS = ("定性", "定性指标")
_BEFORE = ("前", "以前", "之前")


def case_data(
    forms: list[Form], *, unit: str | None = None, year: int | None = None, rules: str | None = None
) -> dict[str, Any]:
    """Case data (Chinese keys) for the forms that have amounts; amounts in the first form's unit."""
    usable = [f for f in forms if project_name(f) and _amounts(f)]
    money_unit = usable[0].money_unit if usable else "万元"
    data: dict[str, Any] = {
        "单位名称": unit or next((f.unit_name for f in usable if f.unit_name), None),
        "年度": year or next((f.year for f in usable if f.year), None),
        "评分规则": rules or rules_for_forms(usable),
        "金额单位": "元" if money_unit == "元" else "万元",
        "项目": [project_data(f, money_unit) for f in usable],
    }
    return {k: v for k, v in data.items() if v is not None}


def project_name(form: Form) -> str | None:
    return form.name or (form.unit_name if form.kind == "department" else None)


def _amounts(form: Form) -> dict[str, Decimal]:
    total = form.fund()
    if total is None:
        return {}
    budget = total.number("budget_net") if "budget_net" in total.cells else total.number("budget")
    named = {
        "年初预算数": total.number("budget_initial"),
        "全年预算数": budget,
        "全年执行数": total.number("executed"),
    }
    return {k: v for k, v in named.items() if v is not None}


def project_data(form: Form, money_unit: str = "万元") -> dict[str, Any]:
    """One form as a project of the case (amounts converted to ``money_unit``)."""
    factor = _factor(form.money_unit, money_unit)
    data: dict[str, Any] = {"项目名称": project_name(form)}
    if form.department:
        data["主管部门"] = form.department
    if form.implementer:
        data["实施单位"] = form.implementer
    data.update({k: v * factor for k, v in _amounts(form).items()})
    sources = {}
    for row in form.sources:
        key = SOURCE_KEYS.get(row.label)
        budget, executed = row.number("budget"), row.number("executed")
        if key and budget is not None and executed is not None and key not in sources:
            source = {"全年预算数": budget * factor, "全年执行数": executed * factor}
            if row.number("budget_initial") is not None:
                source["年初预算数"] = row.number("budget_initial") * factor  # type: ignore[operator]
            sources[key] = source
    if sources:
        data["资金来源"] = sources
    if form.goal:
        data["年度总体目标"] = form.goal
    if form.outcome:
        data["实际完成情况"] = form.outcome
    indicators = [d for d in (indicator_data(i) for i in form.indicators) if d is not None]
    if indicators:
        data["绩效指标"] = indicators
    if form.total is not None and form.total.number is not None:
        data["自评得分"] = form.total.number
    return data


def indicator_data(ind: FormIndicator) -> dict[str, Any] | None:
    """An indicator row as case data; None for a row without 分值 (a 其中 sub-item)."""
    if ind.points is None or ind.points.number is None:
        return None
    kind = indicator_kind(ind)
    data: dict[str, Any] = {
        "一级指标": ind.level1 or "产出指标",
        "二级指标": ind.level2,
        "三级指标": ind.name,
        "指标性质": kind,
        "分值": ind.points.number,
    }
    if kind == "定性":
        data["年度指标值"] = _text(ind.target)
        data["实际完成值"] = _text(ind.actual)
    else:
        assert ind.target is not None and ind.actual is not None
        data["年度指标值"] = ind.target.number
        data["实际完成值"] = ind.actual.number
        unit = ind.unit or ind.target.unit or ind.actual.unit
        if unit:
            data["度量单位"] = "%" if ind.target.percent else unit
    if ind.score is not None and ind.score.number is not None:
        data["得分"] = ind.score.number
    if ind.note:
        data["偏差原因分析及改进措施"] = ind.note
    return {k: v for k, v in data.items() if v not in (None, "")}


def indicator_kind(ind: FormIndicator) -> str:
    """≥ ≤ = or 定性: the 指标性质 column, else the target's operator; 定性 when target or actual is prose."""
    from .values import canonical_op

    target, actual = ind.target, ind.actual
    if ind.kind and ind.kind.replace(" ", "") in _QUALITATIVE_KINDS:
        return "定性"
    if target is None or actual is None or target.number is None or actual.number is None:
        return "定性"
    if _calendar(target) or _calendar(actual):
        return "定性"  # '2019年' / '2020年', '12月': a deadline met or missed, not a quantity to prorate
    written = canonical_op(ind.kind) if ind.kind else None
    if written in ("≥", "≤", "="):
        return written
    if target.op in ("≥", "≤", "="):
        return target.op
    if target.unit and target.unit.endswith(_BEFORE):
        return "≤"  # "9月前": by September
    return "≥"


def _calendar(value: Value) -> bool:
    """A calendar year (2019年) or month (12月, and its parts: 10月底前, 12月中旬) written as the value."""
    number, unit = value.number, value.unit
    if number is None or not unit or number != number.to_integral_value():
        return False
    if unit == "年":
        return 1900 <= number <= 2100
    return unit.startswith("月") and 1 <= number <= 12


def _text(value: Value | None) -> str | None:
    return value.text if value is not None and value.text else None


def _factor(source: str, target: str) -> Decimal:
    if source == target:
        return Decimal(1)
    return YUAN_PER_WAN if target == "元" else Decimal(1) / YUAN_PER_WAN


def rules_for_forms(forms: list[Form]) -> str:
    """The shipped rule set for the forms' layout and 执行率 分值 (20 分 → the 20-point set)."""
    from assistant.rules import rules_for_layout

    layouts = {f.layout for f in forms}
    layout = "sichuan" if "sichuan" in layouts else "yunnan" if "yunnan" in layouts else "national"
    points = next((p for p in (_execution_points(f) for f in forms) if p is not None), None)
    return rules_for_layout(layout, points)


def _execution_points(form: Form) -> Decimal | None:
    total = form.fund()
    points = total.number("points") if total is not None else None
    return points if points is not None else form.execution_points


def drop_redundant_totals(case: Case) -> None:
    """A form's 总分 that its indicators reproduce (at the precision written) adds nothing; keep only disagreements.

    The scorer compares a filed 自评得分 exactly, so an integer 总分 of 86 over indicators that sum to 86.2 would
    otherwise raise a false alarm.
    """
    from assistant.rules import load_ruleset
    from assistant.scoring import score_project

    rules = load_ruleset(case.rules)
    for project in case.projects:
        if project.self_score is None or not project.indicators:
            continue
        computed = score_project(project, rules).score
        places = max(0, -project.self_score.as_tuple().exponent)  # type: ignore[operator]
        if computed is not None and rules.round_at(computed, places) == project.self_score:
            project.self_score = None
