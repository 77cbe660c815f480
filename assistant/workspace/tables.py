"""Flat rows with Chinese column names for the UI's tables, and which data field each editable column is.

Rows are lists of dicts of display strings (amounts in the unit the officer filed in). The column tables
below are the one place that says which columns exist, which can be edited and where an edit lands.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assistant.models import Case, format_amount
from assistant.scoring import IndicatorScore, UnitScore, fmt
from assistant.workspace.fields import display

# Project table: column → data key (None = read only).
PROJECT_COLUMNS: dict[str, str | None] = {
    "序号": None,
    "项目名称": "项目名称",
    "年初预算数": "年初预算数",
    "全年预算数": "全年预算数",
    "全年执行数": "全年执行数",
    "偏差原因": "偏差原因",
    "改进措施": "改进措施",
    "自评得分": "自评得分",
    "年度总体目标": "年度总体目标",
    "实际完成情况": "实际完成情况",
}
# Indicator table: column → data key (None = read only). 得分 is the score the officer filed (any indicator);
# 计算得分 is what the rules give, shown beside it.
INDICATOR_COLUMNS: dict[str, str | None] = {
    "项目": None,
    "一级指标": "一级指标",
    "二级指标": "二级指标",
    "三级指标": "三级指标",
    "指标性质": "指标性质",
    "年度指标值": "年度指标值",
    "度量单位": "度量单位",
    "实际完成值": "实际完成值",
    "分值": "分值",
    "得分": "得分",
    "评价档次": "评价档次",
    "偏差原因分析及改进措施": "偏差原因分析及改进措施",
    "计算得分": None,
}


def project_rows(case: Case) -> list[dict[str, str]]:
    money = case.money_unit
    rows = []
    for index, p in enumerate(case.projects, 1):
        rows.append(
            {
                "序号": str(index),
                "项目名称": p.name,
                "年初预算数": format_amount(p.budget_initial, money) if p.budget_initial is not None else "",
                "全年预算数": format_amount(p.budget, money),
                "全年执行数": format_amount(p.executed, money),
                "偏差原因": p.deviation_cause or "",
                "改进措施": p.improvement or "",
                "自评得分": display(p.self_score),
                "年度总体目标": p.goal or "",
                "实际完成情况": p.outcome or "",
            }
        )
    return rows


def indicator_positions(case: Case, project: int | None = None) -> list[tuple[int, int]]:
    """(project, indicator) for each row of ``indicator_rows`` (all projects, or one)."""
    chosen = range(len(case.projects)) if project is None else [project]
    return [(p, k) for p in chosen for k in range(len(case.projects[p].indicators))]


def indicator_rows(unit: UnitScore, project: int | None = None) -> list[dict[str, str]]:
    rows = []
    for p, k in indicator_positions(unit.case, project):
        ps = unit.projects[p]
        ind = ps.project.indicators[k]
        rows.append(
            {
                "项目": ps.project.name,
                "一级指标": ind.level1,
                "二级指标": ind.level2,
                "三级指标": ind.name,
                "指标性质": ind.kind,
                "年度指标值": display(ind.target),
                "度量单位": ind.unit or "",
                "实际完成值": display(ind.actual),
                "分值": display(ind.points),
                "得分": display(ind.score),
                "评价档次": ind.tier or "",
                "偏差原因分析及改进措施": ind.deviation_note or "",
                "计算得分": fmt(_rule_score(ps.indicators[k])),
            }
        )
    return rows


def _rule_score(s: IndicatorScore) -> Decimal:
    return s.rule_score if s.rule_score is not None else s.score


def _percent(value: Decimal | None) -> str:
    return f"{fmt(value)}%" if value is not None else "—"


def score_rows(unit: UnitScore) -> list[dict[str, str]]:
    """执行率, 执行率得分, 得分, 等级 and the 自评表's own 总分 per project, then a 合计 row (total rate, mean
    score, grade counts)."""
    rows = [
        {
            "项目": ps.project.name,
            "执行率": _percent(ps.rate_shown),
            "执行率得分": fmt(ps.rate_score),
            "得分": fmt(ps.score) if ps.score is not None else "—",
            "等级": ps.grade or "—",
            "自评表总分": display(ps.project.self_score) or "—",
        }
        for ps in unit.projects
    ]
    counts = "、".join(f"{name}{n}个" for name, n in unit.grade_counts.items() if n)
    rows.append(
        {
            "项目": "合计",
            "执行率": _percent(unit.rate_shown),
            "执行率得分": "",
            "得分": f"平均 {fmt(unit.mean_score)}" if unit.mean_score is not None else "—",
            "等级": counts or "—",
            "自评表总分": "",
        }
    )
    return rows


def chart_rows(unit: UnitScore) -> list[dict[str, Any]]:
    """Budget and executed amount per project as Decimals in the filed money unit (convert to plot)."""
    money = unit.case.money_unit
    return [
        {
            "项目": ps.project.name,
            "全年预算数": Decimal(format_amount(ps.project.budget, money)),
            "全年执行数": Decimal(format_amount(ps.project.executed, money)),
        }
        for ps in unit.projects
    ]
