"""Deterministic scoring under a rule set: 执行率, indicator scores with traces, flags, totals and grades.

Every number is a ``Decimal``. Components are rounded to the rule set's display precision before they are
summed, so a printed table always adds up. Nothing here formats text for reports (see ``facts``/``render``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from assistant.models import Case, Indicator, Project
from assistant.rules import RuleSet, load_ruleset

Severity = Literal["error", "warning", "info"]
HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Flag:
    """Something the officer should look at: a stable code, a severity and a Chinese message."""

    code: str
    severity: Severity
    message: str
    indicator: str | None = None


@dataclass(frozen=True)
class Trace:
    """How a score was reached: the rule applied, its inputs, the formula written out, the result."""

    rule: str
    inputs: dict[str, str]
    formula: str
    result: Decimal


@dataclass
class IndicatorScore:
    indicator: Indicator
    score: Decimal
    trace: Trace
    completion: Decimal | None = None
    completion_shown: Decimal | None = None
    tier: str | None = None
    missed: bool = False
    over_achieved: bool = False
    flags: list[Flag] = field(default_factory=list)
    rule_score: Decimal | None = (
        None  # a quantitative indicator's score by the rules, even when a filed one is kept
    )


@dataclass
class ProjectScore:
    project: Project
    index: int
    rate: Decimal | None
    rate_shown: Decimal | None
    rate_score: Decimal
    rate_trace: Trace
    indicators: list[IndicatorScore]
    score: Decimal | None
    score_source: Literal["indicators", "self", None]
    grade: str | None
    max_plausible: Decimal
    flags: list[Flag] = field(default_factory=list)
    deviations: list[str] = field(default_factory=list)

    @property
    def needs_explanation(self) -> bool:
        """True when the rule set requires a cause and an improvement measure for this project."""
        return bool(self.deviations)


@dataclass
class UnitScore:
    case: Case
    ruleset: RuleSet
    projects: list[ProjectScore]
    budget_initial: Decimal | None
    budget: Decimal
    executed: Decimal
    rate: Decimal | None
    rate_shown: Decimal | None
    grade_counts: dict[str, int]
    mean_score: Decimal | None

    @property
    def needing_explanation(self) -> list[ProjectScore]:
        return [p for p in self.projects if p.needs_explanation]

    @property
    def flags(self) -> Iterable[tuple[ProjectScore, Flag]]:
        for project in self.projects:
            for flag in project.flags:
                yield project, flag


def fmt(value: Decimal) -> str:
    """Plain decimal text for traces and messages (no exponent, no float noise)."""
    return format(value, "f")


def percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    return numerator / denominator * HUNDRED


# --- quantitative formulas ----------------------------------------------------------------------------


def score_quantitative(ind: Indicator, rules: RuleSet) -> IndicatorScore:
    """Score a ≥ / ≤ / = indicator; the trace writes the formula with the actual numbers."""
    target, actual, points = ind.target_value, ind.actual_value, ind.points
    assert target is not None and actual is not None  # guaranteed by Indicator validation
    inputs = {"指标性质": ind.kind, "年度指标值": fmt(target), "实际完成值": fmt(actual), "分值": fmt(points)}
    kind_name = {"≥": "正向指标", "≤": "反向指标", "=": "等于指标"}[ind.kind]

    def full(reason: str) -> tuple[Decimal, str, str]:
        return points, f"{kind_name}：{reason}，得满分", f"{fmt(points)}"

    if ind.kind == "≥":
        if actual >= target:
            raw, rule, formula = full("实际完成值达到年度指标值")
        elif target <= 0:
            raw, rule, formula = full("年度指标值不大于0")
        else:
            raw = points * max(actual, ZERO) / target
            rule = f"{kind_name}：未达到年度指标值，按完成比例得分"
            formula = f"{fmt(points)} × {fmt(actual)} ÷ {fmt(target)}"
    elif ind.kind == "≤":
        if actual <= target:
            raw, rule, formula = full("实际完成值不超过年度指标值")
        elif target <= 0:
            raw, rule, formula = ZERO, f"{kind_name}：年度指标值为0而实际值超出，得0分", "0"
        elif rules.quantitative.negative_formula == "ratio":
            raw = points * target / actual
            rule = f"{kind_name}：超过年度指标值，按 指标值÷实际值 得分"
            formula = f"{fmt(points)} × {fmt(target)} ÷ {fmt(actual)}"
        else:
            raw = max(ZERO, points * (1 - (actual - target) / target))
            rule = f"{kind_name}：超过年度指标值，按超出比例线性扣分（不低于0）"
            formula = f"{fmt(points)} × (1 − ({fmt(actual)} − {fmt(target)}) ÷ {fmt(target)})"
    else:
        if actual == target:
            raw, rule, formula = full("实际完成值等于年度指标值")
        elif target == 0:
            if actual <= 0:
                raw, rule, formula = full("年度指标值为0且实际值不大于0")
            else:
                raw, rule, formula = ZERO, f"{kind_name}：年度指标值为0而实际值大于0，得0分", "0"
        elif rules.quantitative.equal_formula == "symmetric":
            low, high = sorted((max(actual, ZERO), target))
            raw = points * low / high if high > 0 else ZERO  # high is 0 only when target < 0 and actual ≤ 0
            rule = f"{kind_name}：偏离年度指标值，按 较小值÷较大值 得分"
            formula = f"{fmt(points)} × {fmt(low)} ÷ {fmt(high)}"
        elif actual > target:
            raw, rule, formula = full("实际完成值超过年度指标值（按正向口径）")
        else:
            raw = points * max(actual, ZERO) / target
            rule = f"{kind_name}：未达到年度指标值，按完成比例得分"
            formula = f"{fmt(points)} × {fmt(actual)} ÷ {fmt(target)}"

    raw = min(max(raw, ZERO), points)
    score = min(rules.round_score(raw), points)  # rounding half up must not lift a score above 分值
    trace = Trace(rule, inputs, f"{formula} = {fmt(score)}" if formula != fmt(points) else formula, score)
    rule_score = score
    if ind.score is not None and ind.score_kept:  # the officer chose the score filed on the form
        score = min(ind.score, points)
        trace = Trace(
            f"采用自评表填报得分（按规则为 {fmt(rule_score)} 分：{rule}）", inputs, fmt(score), score
        )
    result = IndicatorScore(ind, score, trace, missed=score < points, rule_score=rule_score)
    if ind.kind in ("≥", "=") and target > 0:
        result.completion = percent(actual, target)
        result.completion_shown = rules.round_rate(result.completion)
        threshold = rules.quantitative.over_achievement_percent
        if rules.is_over_achieved(result.completion):
            result.over_achieved = True
            result.flags.append(
                Flag(
                    "OVER_ACHIEVED",
                    "warning",
                    f"指标「{ind.name}」完成值为目标的 {fmt(result.completion_shown)}%，"
                    f"超过 {fmt(threshold)}%，需说明原因（目标值是否偏低）",
                    ind.name,
                )
            )
    if result.missed:
        result.flags.append(
            Flag(
                "INDICATOR_MISSED",
                "warning",
                f"指标「{ind.name}」未达成：目标 {fmt(target)}，完成 {fmt(actual)}，得 {fmt(score)}/{fmt(points)} 分",
                ind.name,
            )
        )
    _check_given_score(ind, score, rules, result.flags)
    return result


def _check_given_score(ind: Indicator, computed: Decimal, rules: RuleSet, flags: list[Flag]) -> None:
    """A 得分 the officer typed for a quantitative indicator must agree at the precision they wrote."""
    if ind.score is None or ind.score_kept:
        return
    places = max(0, -ind.score.as_tuple().exponent)  # type: ignore[operator]
    if rules.round_at(computed, places) != ind.score:
        flags.append(
            Flag(
                "SCORE_DIFFERS",
                "warning",
                f"指标「{ind.name}」填报得分 {fmt(ind.score)}，按规则应为 {fmt(computed)}，已按规则计分",
                ind.name,
            )
        )


def score_qualitative(ind: Indicator, rules: RuleSet) -> IndicatorScore:
    """A qualitative indicator keeps the officer's score; we check it lies inside the chosen tier's band."""
    points = ind.points
    inputs = {
        "指标性质": "定性",
        "分值": fmt(points),
        "评价档次": ind.tier or "",
        "实际完成值": str(ind.actual or ""),
    }
    if ind.score is None:
        trace = Trace("定性指标：未填写得分，按0分计", inputs, "0", ZERO)
        flag = Flag(
            "QUAL_SCORE_MISSING",
            "error",
            f"定性指标「{ind.name}」未填写得分（须在所选档次分值区间内）",
            ind.name,
        )
        return IndicatorScore(ind, ZERO, trace, missed=True, flags=[flag])
    score = min(rules.round_score(ind.score), points)
    share = percent(ind.score, points) if points else HUNDRED
    band_by_score = rules.tier_for(share)
    chosen = rules.tier_named(ind.tier) if ind.tier else None
    flags: list[Flag] = []
    if ind.tier and chosen is None:
        names = "、".join(b.name for b in rules.qualitative_tiers)
        flags.append(
            Flag(
                "QUAL_TIER_UNKNOWN",
                "error",
                f"定性指标「{ind.name}」的评价档次「{ind.tier}」不在规则中（{names}）",
                ind.name,
            )
        )
    elif chosen is not None and chosen != band_by_score:
        low, high = points * chosen.min / HUNDRED, points * chosen.max / HUNDRED
        flags.append(
            Flag(
                "QUAL_SCORE_OUT_OF_BAND",
                "error",
                f"定性指标「{ind.name}」选“{chosen.name}”，得分应在 {fmt(rules.round_score(low))}–"
                f"{fmt(rules.round_score(high))} 分之间，填报 {fmt(ind.score)} 分",
                ind.name,
            )
        )
    tier = (chosen or band_by_score).name
    trace = Trace(f"定性指标：{tier}，得分由评价人在档次区间内确定", inputs, fmt(score), score)
    missed = tier != rules.qualitative_tiers[0].name
    if missed:
        flags.append(
            Flag("INDICATOR_MISSED", "warning", f"定性指标「{ind.name}」评为“{tier}”，未完全达成", ind.name)
        )
    return IndicatorScore(ind, score, trace, tier=tier, missed=missed, flags=flags)


def score_indicator(ind: Indicator, rules: RuleSet) -> IndicatorScore:
    return score_qualitative(ind, rules) if ind.is_qualitative else score_quantitative(ind, rules)


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


def _deviations(rate: Decimal | None, scored: list[IndicatorScore], rules: RuleSet) -> list[str]:
    reasons: list[str] = []
    threshold = rules.deviation.explain_rate_below
    if rules.rate_needs_explanation(rate):
        assert rate is not None
        reasons.append(f"预算执行率 {fmt(rules.round_rate(rate))}% 低于 {fmt(threshold)}%")
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
