"""Project and unit scores: 执行率, indicator totals, weight and source checks, deviations, grades."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from assistant.models import Case, Project
from assistant.rules import RuleSet, load_ruleset

from .indicators import score_indicator
from .results import ZERO, Flag, IndicatorScore, ProjectScore, Trace, UnitScore, fmt, percent

# --- execution rate -----------------------------------------------------------------------------------


def score_execution(project: Project, rules: RuleSet) -> tuple[Decimal | None, Decimal, Trace, list[Flag]]:
    """执行率 (raw percent, None when 全年预算数 is 0), its score, a trace and flags."""
    points, cap = rules.execution.points, rules.execution.cap
    budget, executed = project.budget, project.executed
    inputs = {"全年预算数": fmt(budget), "全年执行数": fmt(executed), "分值": fmt(points)}
    flags: list[Flag] = []
    if budget == 0:
        if executed > 0:
            flags.append(
                Flag(
                    "EXECUTED_WITHOUT_BUDGET",
                    "error",
                    f"全年预算数为0，但全年执行数为 {fmt(executed)}，请核对",
                )
            )
            return None, ZERO, Trace("全年预算数为0而有执行数，执行率得0分", inputs, "0", ZERO), flags
        full = rules.execution.zero_budget == "full"
        score = points if full else ZERO
        flags.append(
            Flag(
                "BUDGET_ZERO",
                "info",
                f"全年预算数为0，执行率不适用，执行率得分按规则计{'满分' if full else '0分'}",
            )
        )
        return None, score, Trace("全年预算数为0，执行率不适用", inputs, fmt(score), score), flags
    rate = percent(executed, budget)
    if executed > budget:
        flags.append(
            Flag(
                "EXECUTED_OVER_BUDGET",
                "warning",
                f"全年执行数 {fmt(executed)} 超过全年预算数 {fmt(budget)}（执行率 {fmt(rules.round_rate(rate))}%），请核对",
            )
        )
    score = rules.execution_score(rate)
    rule = f"预算执行率 = {rules.execution.definition}；得分 = min(执行率, {fmt(cap)}%) × 分值"
    formula = f"{fmt(points)} × min({fmt(rules.round_rate(rate))}%, {fmt(cap)}%) = {fmt(score)}"
    return rate, score, Trace(rule, inputs, formula, score), flags


# --- projects and the unit ----------------------------------------------------------------------------


def _level1_key(name: str, known: Iterable[str]) -> str:
    for key in known:
        if name[:2] == key[:2]:
            return key
    return name


def _check_weights(project: Project, scored: list[IndicatorScore], rules: RuleSet) -> list[Flag]:
    flags: list[Flag] = []
    indicator_points = sum((s.indicator.points for s in scored), ZERO)
    total = indicator_points + rules.execution.points
    if total != rules.weights.total:
        flags.append(
            Flag(
                "WEIGHTS_NOT_100",
                "error",
                f"指标分值合计 {fmt(indicator_points)} + 执行率分值 {fmt(rules.execution.points)} = {fmt(total)}，"
                f"应为 {fmt(rules.weights.total)}",
            )
        )
        return flags
    defaults = dict(rules.weights.default)
    if not defaults:
        return flags
    actual: dict[str, Decimal] = {}
    for s in scored:
        key = _level1_key(s.indicator.level1, defaults)
        actual[key] = actual.get(key, ZERO) + s.indicator.points
    for missing, target in rules.weights.reassign_missing.items():
        if missing not in actual and missing in defaults:
            defaults[target] = defaults.get(target, ZERO) + defaults.pop(missing)
    if {k: v for k, v in actual.items() if v} != {k: v for k, v in defaults.items() if v}:
        shown = "、".join(f"{k} {fmt(v)}" for k, v in actual.items())
        expected = "、".join(f"{k} {fmt(v)}" for k, v in defaults.items())
        flags.append(
            Flag(
                "WEIGHTS_ADJUSTED",
                "info",
                f"一级指标分值为 {shown}，与默认权重（{expected}）不同，请确认已说明调整理由",
            )
        )
    return flags


def _check_sources(project: Project) -> list[Flag]:
    if not project.sources or not project.sources.rows():
        return []
    rows = project.sources.rows().values()
    flags = []
    for label, attr in (
        ("年初预算数", "budget_initial"),
        ("全年预算数", "budget"),
        ("全年执行数", "executed"),
    ):
        total = getattr(project, attr)
        parts = [getattr(row, attr) for row in rows]
        if total is None or any(p is None for p in parts):
            continue
        summed = sum(parts, ZERO)
        if summed != total:
            flags.append(
                Flag(
                    "SOURCES_MISMATCH",
                    "error",
                    f"资金来源各项{label}合计 {fmt(summed)}，与年度资金总额 {fmt(total)} 不符",
                )
            )
    return flags


def low_rate_reason(rate: Decimal | None, rules: RuleSet) -> str | None:
    """Why a project must explain its execution ("预算执行率 30.00% 低于 90%"), or None when it need not."""
    if rate is None or not rules.rate_needs_explanation(rate):
        return None
    return f"预算执行率 {fmt(rules.round_rate(rate))}% 低于 {fmt(rules.deviation.explain_rate_below)}%"


def _deviations(rate: Decimal | None, scored: list[IndicatorScore], rules: RuleSet) -> list[str]:
    low = low_rate_reason(rate, rules)
    reasons: list[str] = [low] if low else []
    for s in scored:
        if s.missed and rules.deviation.explain_missed_indicator:
            reasons.append(f"指标「{s.indicator.name}」未达成")
        if s.over_achieved and rules.deviation.explain_over_achievement:
            reasons.append(
                f"指标「{s.indicator.name}」超额完成（{fmt(rules.round_rate(s.completion or ZERO))}%）"
            )
    return reasons


def score_project(project: Project, rules: RuleSet, index: int = 1) -> ProjectScore:
    """Score one project: from its indicators when it has them, else from its filed 自评得分."""
    rate, rate_score, rate_trace, flags = score_execution(project, rules)
    scored = [score_indicator(ind, rules) for ind in project.indicators]
    for s in scored:
        flags.extend(s.flags)
    max_plausible = rules.weights.total - (rules.execution.points - rate_score)
    score: Decimal | None
    if scored:
        flags.extend(_check_weights(project, scored, rules))
        score = sum((s.score for s in scored), rate_score)
        source: Literal["indicators", "self", None] = "indicators"
        if project.self_score is not None and project.self_score != score:
            flags.append(
                Flag(
                    "SELF_SCORE_DIFFERS",
                    "warning",
                    f"填报自评得分 {fmt(project.self_score)}，按指标计算为 {fmt(score)}",
                )
            )
    elif project.self_score is not None:
        score, source = project.self_score, "self"
        if score > max_plausible:
            flags.append(
                Flag(
                    "SELF_SCORE_IMPLAUSIBLE",
                    "error",
                    f"自评得分 {fmt(score)} 超过可能的最高分 {fmt(max_plausible)}"
                    f"（执行率得分 {fmt(rate_score)}/{fmt(rules.execution.points)}，其余指标满分）",
                )
            )
    else:
        score, source = None, None
        flags.append(Flag("SCORE_MISSING", "error", "项目既无绩效指标也无自评得分，无法评分"))
    flags.extend(_check_sources(project))
    deviations = _deviations(rate, scored, rules)
    if deviations and not (project.deviation_cause and project.improvement):
        noted = all(s.indicator.deviation_note for s in scored if s.missed or s.over_achieved)
        if not (noted and not rules.rate_needs_explanation(rate)):
            flags.append(
                Flag(
                    "EXPLANATION_MISSING",
                    "warning",
                    f"需说明偏差原因和改进措施（{'；'.join(deviations)}），但尚未填写"
                    + "、".join(
                        label
                        for label, given in (
                            ("偏差原因", project.deviation_cause),
                            ("改进措施", project.improvement),
                        )
                        if not given
                    ),
                )
            )
    return ProjectScore(
        project=project,
        index=index,
        rate=rate,
        rate_shown=rules.round_rate(rate) if rate is not None else None,
        rate_score=rate_score,
        rate_trace=rate_trace,
        indicators=scored,
        score=score,
        score_source=source,
        grade=rules.grade_for(score) if score is not None else None,
        max_plausible=max_plausible,
        flags=flags,
        deviations=deviations,
    )


def score_case(case: Case, rules: RuleSet | None = None) -> UnitScore:
    """Score every project of a case and the unit totals, under the case's rule set unless one is given."""
    rules = rules or load_ruleset(case.rules)
    projects = [score_project(p, rules, i) for i, p in enumerate(case.projects, 1)]
    initials = [p.budget_initial for p in case.projects if p.budget_initial is not None]
    budget = sum((p.budget for p in case.projects), ZERO)
    executed = sum((p.executed for p in case.projects), ZERO)
    rate = percent(executed, budget) if budget else None
    counts = {band.name: 0 for band in rules.grades}
    for p in projects:
        if p.grade:
            counts[p.grade] += 1
    scores = [p.score for p in projects if p.score is not None]
    mean = rules.round_score(sum(scores, ZERO) / len(scores)) if scores else None
    return UnitScore(
        case=case,
        ruleset=rules,
        projects=projects,
        budget_initial=sum(initials, ZERO) if initials else None,
        budget=budget,
        executed=executed,
        rate=rate,
        rate_shown=rules.round_rate(rate) if rate is not None else None,
        grade_counts=counts,
        mean_score=mean,
    )
