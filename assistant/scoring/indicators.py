"""Indicator scores: the ≥ / ≤ / = formulas written out with their numbers, and qualitative tiers."""

from __future__ import annotations

from decimal import Decimal

from assistant.models import Indicator
from assistant.rules import RuleSet

from .results import HUNDRED, ZERO, Flag, IndicatorScore, Trace, fmt, percent


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
    result = IndicatorScore(
        ind, score, trace, missed=score < points, rule_score=rule_score, short=raw < points
    )
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
