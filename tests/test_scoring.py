"""The deterministic scoring: every formula, boundary, edge case and rule-set difference, checked by hand."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from assistant.models import Case, Indicator, Project
from assistant.rules import RuleSet, load_ruleset
from assistant.scoring import (
    score_case,
    score_execution,
    score_indicator,
    score_project,
)

NATIONAL = load_ruleset("national_2020")
EXEC20 = load_ruleset("exec20")
SICHUAN = load_ruleset("sichuan")
YUNNAN = load_ruleset("yunnan")


def ind(
    target: Any = 100,
    actual: Any = 100,
    points: Any = 10,
    kind: str = "≥",
    level1: str = "产出指标",
    **extra: Any,
) -> Indicator:
    data = {"一级指标": level1, "三级指标": extra.pop("name", "指标"), "指标性质": kind, "分值": points}
    if kind != "定性":
        data |= {"年度指标值": target, "实际完成值": actual}
    data |= extra
    return Indicator.model_validate(data)


def qual(points: Any = 10, score: Any = None, tier: str | None = None, **extra: Any) -> Indicator:
    data: dict[str, Any] = {
        "一级指标": "满意度指标",
        "三级指标": "群众满意度",
        "指标性质": "定性",
        "分值": points,
    }
    if score is not None:
        data["得分"] = score
    if tier is not None:
        data["评价档次"] = tier
    return Indicator.model_validate(data | extra)


def proj(
    budget: Any = 100, executed: Any = 100, indicators: list[dict] | None = None, **extra: Any
) -> Project:
    data = {"项目名称": extra.pop("name", "甲项目"), "全年预算数": budget, "全年执行数": executed, **extra}
    if indicators is not None:
        data["绩效指标"] = indicators
    return Project.model_validate(data)


def row(level1: str, points: Any, name: str | None = None, **extra: Any) -> dict[str, Any]:
    """An indicator row that is exactly met (full points)."""
    return {
        "一级指标": level1,
        "三级指标": name or f"{level1}{points}",
        "指标性质": "≥",
        "年度指标值": 1,
        "实际完成值": 1,
        "分值": points,
        **extra,
    }


def codes(flags) -> list[str]:
    return [f.code for f in flags]


def with_quant(rules: RuleSet, **changes: Any) -> RuleSet:
    return rules.model_copy(update={"quantitative": rules.quantitative.model_copy(update=changes)})


# --- 预算执行率 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("budget", "executed", "rate_shown", "national", "exec20"),
    [
        ("100", "100", "100.00", "10.00", "20.00"),
        ("100", "86.25", "86.25", "8.63", "17.25"),  # 10 × 0.8625 = 8.625 → 8.63 (half up, not 8.62)
        ("100000", "29995.27", "30.00", "3.00", "6.00"),  # 29.99527% → 30.00; 2.999527 → 3.00
        ("3", "1", "33.33", "3.33", "6.67"),  # 33.333…%; 20 × 0.3333… = 6.666… → 6.67
        ("62.3205", "18.6932", "30.00", "3.00", "6.00"),  # the seed's 干部人事档案数字化建设: 29.99527%
        ("100", "0", "0.00", "0.00", "0.00"),
    ],
)
def test_execution_rate_and_score(budget, executed, rate_shown, national, exec20):
    for rules, expected in ((NATIONAL, national), (EXEC20, exec20), (SICHUAN, national), (YUNNAN, national)):
        p = score_project(proj(budget, executed, self_score=50), rules)
        assert str(p.rate_shown) == rate_shown
        assert str(p.rate_score) == expected, rules.id


def test_execution_rate_is_exact_before_display():
    rate, score, _, flags = score_execution(proj("100000", "29995.27"), NATIONAL)
    assert rate == D("29.99527")
    assert score == D("3.00")
    assert flags == []


def test_execution_trace_writes_the_real_numbers():
    _, _, trace, _ = score_execution(proj("100", "86.25"), NATIONAL)
    assert trace.inputs == {"全年预算数": "100", "全年执行数": "86.25", "分值": "10"}
    assert trace.formula == "10 × min(86.25%, 100%) = 8.63"
    assert "全年执行数 ÷ 全年预算数" in trace.rule
    assert trace.result == D("8.63")


def test_exec20_trace_uses_20_points():
    _, _, trace, _ = score_execution(proj("100", "30"), EXEC20)
    assert trace.formula == "20 × min(30.00%, 100%) = 6.00"


def test_sichuan_trace_names_its_rate_definition():
    _, _, trace, _ = score_execution(proj("100", "30"), SICHUAN)
    assert "预算执行数 ÷ 调整后预算数" in trace.rule


def test_executed_over_budget_is_capped_and_warned():
    rate, score, trace, flags = score_execution(proj("100", "120"), NATIONAL)
    assert rate == D(120)
    assert score == D("10.00")
    assert trace.formula == "10 × min(120.00%, 100%) = 10.00"
    assert codes(flags) == ["EXECUTED_OVER_BUDGET"]
    assert flags[0].severity == "warning"
    assert "120.00%" in flags[0].message


def test_zero_budget_nothing_spent_scores_full_with_info():
    for rules, full in ((NATIONAL, D(10)), (EXEC20, D(20))):
        rate, score, trace, flags = score_execution(proj("0", "0"), rules)
        assert rate is None
        assert score == full
        assert codes(flags) == ["BUDGET_ZERO"]
        assert flags[0].severity == "info"
        assert "满分" in flags[0].message
        assert trace.result == full


def test_zero_budget_with_zero_policy():
    rules = NATIONAL.model_copy(
        update={"execution": NATIONAL.execution.model_copy(update={"zero_budget": "zero"})}
    )
    rate, score, _, flags = score_execution(proj("0", "0"), rules)
    assert (rate, score) == (None, D(0))
    assert "0分" in flags[0].message


def test_zero_budget_with_spending_is_an_error_and_scores_zero():
    p = score_project(proj("0", "5", self_score=90), NATIONAL)
    assert p.rate is None and p.rate_shown is None
    assert p.rate_score == D(0)
    assert "EXECUTED_WITHOUT_BUDGET" in codes(p.flags)
    flag = next(f for f in p.flags if f.code == "EXECUTED_WITHOUT_BUDGET")
    assert flag.severity == "error"
    assert "5" in flag.message
    assert p.max_plausible == D(90)
    assert p.deviations == []


def test_project_added_mid_year_uses_full_year_budget():
    p = score_project(proj("50", "45", 年初预算数="0", self_score=90), NATIONAL)
    assert p.project.budget_initial == D(0)
    assert p.rate == D(90)
    assert p.rate_score == D("9.00")
    assert "BUDGET_ZERO" not in codes(p.flags)
    assert p.deviations == []  # 90% is not below 90%


# --- quantitative formulas --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "target", "actual", "points", "expected", "formula"),
    [
        # 正向 ≥
        ("≥", "100", "100", "20", "20.00", "20"),
        ("≥", "100", "150", "20", "20.00", "20"),
        ("≥", "200", "180", "30", "27.00", "30 × 180 ÷ 200 = 27.00"),
        ("≥", "3", "2", "10", "6.67", "10 × 2 ÷ 3 = 6.67"),
        ("≥", "95%", "85.5%", "10", "9.00", "10 × 85.5 ÷ 95 = 9.00"),
        ("≥", "8", "-2", "10", "0.00", "10 × -2 ÷ 8 = 0.00"),
        ("≥", "0", "5", "10", "10.00", "10"),
        # 反向 ≤ (national: ratio)
        ("≤", "100", "80", "10", "10.00", "10"),
        ("≤", "100", "100", "10", "10.00", "10"),
        ("≤", "100", "120", "10", "8.33", "10 × 100 ÷ 120 = 8.33"),
        ("≤", "3", "4", "15", "11.25", "15 × 3 ÷ 4 = 11.25"),
        ("≤", "100", "250", "10", "4.00", "10 × 100 ÷ 250 = 4.00"),
        ("≤", "0", "1", "10", "0.00", "0 = 0.00"),
        ("≤", "0", "0", "10", "10.00", "10"),
        # 等于 = (forward)
        ("=", "100", "100", "10", "10.00", "10"),
        ("=", "100", "90", "10", "9.00", "10 × 90 ÷ 100 = 9.00"),
        ("=", "100", "110", "10", "10.00", "10"),
        ("=", "0", "0", "10", "10.00", "10"),
        ("=", "0", "-1", "10", "10.00", "10"),
        ("=", "0", "1", "10", "0.00", "0 = 0.00"),
    ],
)
def test_quantitative_formulas_national(kind, target, actual, points, expected, formula):
    s = score_indicator(ind(target, actual, points, kind), NATIONAL)
    assert str(s.score) == expected
    assert s.trace.formula == formula
    assert s.trace.result == s.score
    assert s.missed == (s.score < D(points))


@pytest.mark.parametrize(
    ("actual", "ratio", "linear"),
    [
        ("100", "10.00", "10.00"),
        ("110", "9.09", "9.00"),  # 10×100/110 = 9.0909…; 10×(1−0.1) = 9
        ("120", "8.33", "8.00"),
        ("150", "6.67", "5.00"),
        ("200", "5.00", "0.00"),  # linear reaches 0 at twice the target
        ("250", "4.00", "0.00"),  # linear would be −5: floored at 0
    ],
)
def test_negative_ratio_versus_linear(actual, ratio, linear):
    i = ind("100", actual, "10", "≤")
    assert str(score_indicator(i, NATIONAL).score) == ratio
    assert str(score_indicator(i, EXEC20).score) == linear
    assert str(score_indicator(i, with_quant(NATIONAL, negative_formula="linear")).score) == linear


def test_linear_trace_shows_formula_with_numbers():
    s = score_indicator(ind("100", "120", "10", "≤"), EXEC20)
    assert s.trace.formula == "10 × (1 − (120 − 100) ÷ 100) = 8.00"
    assert "线性" in s.trace.rule
    assert s.trace.inputs == {"指标性质": "≤", "年度指标值": "100", "实际完成值": "120", "分值": "10"}


def test_ratio_trace_rule_and_inputs():
    s = score_indicator(ind("100", "120", "10", "≤", name="投诉次数"), NATIONAL)
    assert s.trace.rule == "反向指标：超过年度指标值，按 指标值÷实际值 得分"
    assert s.trace.inputs["实际完成值"] == "120"
    assert codes(s.flags) == ["INDICATOR_MISSED"]
    assert "投诉次数" in s.flags[0].message
    assert s.flags[0].indicator == "投诉次数"


def test_forward_trace_rule():
    s = score_indicator(ind("200", "180", "30"), NATIONAL)
    assert s.trace.rule == "正向指标：未达到年度指标值，按完成比例得分"
    assert s.trace.inputs == {"指标性质": "≥", "年度指标值": "200", "实际完成值": "180", "分值": "30"}


def test_full_score_trace():
    s = score_indicator(ind("100", "100", "20"), NATIONAL)
    assert s.trace.rule == "正向指标：实际完成值达到年度指标值，得满分"
    assert s.trace.result == D("20.00")
    assert s.flags == []
    assert not s.missed


@pytest.mark.parametrize(
    ("actual", "expected"), [("125", "8.00"), ("80", "8.00"), ("100", "10.00"), ("-5", "0.00")]
)
def test_equal_symmetric_formula(actual, expected):
    rules = with_quant(NATIONAL, equal_formula="symmetric")
    s = score_indicator(ind("100", actual, "10", "="), rules)
    assert str(s.score) == expected


def test_equal_symmetric_trace():
    s = score_indicator(ind("100", "125", "10", "="), with_quant(NATIONAL, equal_formula="symmetric"))
    assert s.trace.formula == "10 × 100 ÷ 125 = 8.00"


def test_equal_symmetric_negative_target_scores_zero_without_crashing():
    rules = with_quant(NATIONAL, equal_formula="symmetric")
    assert score_indicator(ind("-5", "-3", "10", "="), rules).score == D(0)
    assert score_indicator(ind("-5", "-5", "10", "="), rules).score == D(10)


def test_score_never_rounds_above_points():
    # 分值 3.335 met in full: 3.335, not 3.34 (half up at two places would exceed the points).
    assert score_indicator(ind("100", "100", "3.335"), NATIONAL).score == D("3.335")
    assert score_indicator(qual("3.335", "3.335", "达成"), NATIONAL).score == D("3.335")
    integer = NATIONAL.model_copy(
        update={"rounding": NATIONAL.rounding.model_copy(update={"score_places": 0})}
    )
    assert score_indicator(ind("100", "100", "7.5"), integer).score == D("7.5")
    assert str(score_indicator(ind("100", "90", "7.5"), integer).score) == "7"  # 6.75 → 7
    assert str(score_indicator(ind("100", "70", "7.5"), integer).score) == "5"  # 5.25 → 5


def test_yunnan_symbols_score_like_national():
    for symbol, canonical in (("≧", "≥"), ("≦", "≤"), ("═", "=")):
        yunnan = score_indicator(ind("100", "120" if canonical == "≤" else "80", "10", symbol), YUNNAN)
        national = score_indicator(ind("100", "120" if canonical == "≤" else "80", "10", canonical), NATIONAL)
        assert yunnan.indicator.kind == canonical
        assert yunnan.score == national.score
    assert str(score_indicator(ind("100", "120", "10", "≦"), YUNNAN).score) == "8.33"
    assert str(score_indicator(ind("100", "80", "10", "≧"), YUNNAN).score) == "8.00"
    assert str(score_indicator(ind("100", "80", "10", "═"), YUNNAN).score) == "8.00"


# --- over-achievement --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "actual", "flagged", "shown"),
    [
        ("≥", "130", True, "130.00"),
        ("≥", "129.99", False, "129.99"),
        ("≥", "200", True, "200.00"),
        ("=", "130", True, "130.00"),
        ("=", "129.99", False, "129.99"),
        ("≥", "129.995", True, "130.00"),  # judged at display precision, like grades and rates
        ("≥", "129.994", False, "129.99"),
    ],
)
def test_over_achievement_threshold(kind, actual, flagged, shown):
    s = score_indicator(ind("100", actual, "10", kind), NATIONAL)
    assert s.score == D(10)
    assert s.over_achieved is flagged
    assert ("OVER_ACHIEVED" in codes(s.flags)) is flagged
    assert str(s.completion_shown) == shown
    assert s.completion == D(actual)
    if flagged:
        assert f"{shown}%" in s.flags[0].message
        assert s.flags[0].severity == "warning"


def test_negative_indicators_are_never_over_achieved():
    s = score_indicator(ind("100", "10", "10", "≤"), NATIONAL)
    assert not s.over_achieved
    assert s.completion is None


def test_over_achievement_needs_explanation():
    p = score_project(
        proj(indicators=[row("产出指标", 60, 年度指标值=100, 实际完成值=150), row("效益指标", 30)]), NATIONAL
    )
    assert p.deviations == ["指标「产出指标60」超额完成（150.00%）"]
    assert "EXPLANATION_MISSING" in codes(p.flags)


def test_over_achievement_explained_in_the_indicator_row():
    p = score_project(
        proj(
            indicators=[
                row(
                    "产出指标",
                    60,
                    年度指标值=100,
                    实际完成值=150,
                    偏差原因分析及改进措施="目标偏低，明年调高",
                ),
                row("效益指标", 30),
            ]
        ),
        NATIONAL,
    )
    assert p.needs_explanation
    assert "EXPLANATION_MISSING" not in codes(p.flags)


# --- a 得分 the officer typed -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "differs"),
    [("8.5", False), ("8.50", False), ("9", False), ("8", True), ("8.4", True), ("8.49", True)],
)
def test_given_score_compared_at_written_precision_half_up(given, differs):
    # computed 10 × 85 ÷ 100 = 8.50; written as an integer that is "9" under ROUND_HALF_UP.
    s = score_indicator(ind("100", "85", "10", 得分=given), NATIONAL)
    assert s.score == D("8.50")
    assert ("SCORE_DIFFERS" in codes(s.flags)) is differs


def test_given_score_differs_message():
    s = score_indicator(ind("100", "85", "10", 得分="7", name="培训人次"), NATIONAL)
    flag = next(f for f in s.flags if f.code == "SCORE_DIFFERS")
    assert flag.message == "指标「培训人次」填报得分 7，按规则应为 8.50，已按规则计分"


# --- qualitative ------------------------------------------------------------------------------------


def test_qualitative_keeps_score_inside_band():
    s = score_indicator(qual(10, "8.5", "达成年度指标"), NATIONAL)
    assert s.score == D("8.50")
    assert s.tier == "达成年度指标"
    assert not s.missed
    assert s.flags == []
    assert s.trace.formula == "8.50"
    assert s.trace.inputs["评价档次"] == "达成年度指标"


@pytest.mark.parametrize(
    ("score", "tier", "ok"),
    [
        ("10", "达成年度指标", True),
        ("8", "达成年度指标", True),
        ("7.99", "达成年度指标", False),
        ("7.99", "部分达成并具有一定效果", True),
        ("8", "部分达成并具有一定效果", False),
        ("6", "部分达成并具有一定效果", True),
        ("5.99", "部分达成并具有一定效果", False),
        ("5.99", "未达成且效果较差", True),
        ("0", "未达成且效果较差", True),
        ("6", "未达成且效果较差", False),
    ],
)
def test_qualitative_band_boundaries_national(score, tier, ok):
    s = score_indicator(qual(10, score, tier), NATIONAL)
    assert ("QUAL_SCORE_OUT_OF_BAND" in codes(s.flags)) is not ok
    assert s.score == D(score)  # the officer's score is kept either way
    assert s.tier == tier


def test_qualitative_out_of_band_message_gives_band_in_points():
    s = score_indicator(qual(10, "7", "达成年度指标"), NATIONAL)
    flag = next(f for f in s.flags if f.code == "QUAL_SCORE_OUT_OF_BAND")
    assert flag.severity == "error"
    assert "得分应在 8.00–10.00 分之间，填报 7 分" in flag.message


def test_exec20_qualitative_tiers_80_50():
    # 5/10 = 50%: 部分达成 under exec20 (50–80) but below that band under national (60–80).
    assert codes(score_indicator(qual(10, "5", "部分达成"), EXEC20).flags) == ["INDICATOR_MISSED"]
    national = score_indicator(qual(10, "5", "部分达成"), NATIONAL)
    assert "QUAL_SCORE_OUT_OF_BAND" in codes(national.flags)
    assert "6.00–8.00" in next(f.message for f in national.flags if f.code == "QUAL_SCORE_OUT_OF_BAND")
    assert "QUAL_SCORE_OUT_OF_BAND" in codes(score_indicator(qual(10, "4.99", "部分达成"), EXEC20).flags)
    assert score_indicator(qual(10, "4.99"), EXEC20).tier == "未达成且效果较差"
    assert score_indicator(qual(10, "5"), EXEC20).tier == "部分达成并具有一定效果"


def test_qualitative_tier_inferred_from_score_when_not_chosen():
    assert score_indicator(qual(10, "6"), NATIONAL).tier == "部分达成并具有一定效果"
    assert score_indicator(qual(10, "9"), NATIONAL).tier == "达成年度指标"
    assert score_indicator(qual(20, "11.9"), NATIONAL).tier == "未达成且效果较差"


def test_qualitative_lower_tier_is_missed():
    s = score_indicator(qual(10, "7", "部分达成"), NATIONAL)
    assert s.missed
    assert codes(s.flags) == ["INDICATOR_MISSED"]


def test_qualitative_missing_score_is_an_error_scoring_zero():
    s = score_indicator(qual(10, None, "达成年度指标"), NATIONAL)
    assert s.score == D(0)
    assert s.missed
    assert codes(s.flags) == ["QUAL_SCORE_MISSING"]
    assert s.flags[0].severity == "error"
    assert s.trace.rule == "定性指标：未填写得分，按0分计"


def test_qualitative_unknown_tier_is_an_error():
    s = score_indicator(qual(10, "9", "优秀"), NATIONAL)
    assert "QUAL_TIER_UNKNOWN" in codes(s.flags)
    assert "优秀" in s.flags[0].message
    assert s.tier == "达成年度指标"  # falls back to the band the score lies in


def test_qualitative_score_rounded_for_display():
    assert str(score_indicator(qual(10, "8.625", "达成"), NATIONAL).score) == "8.63"


# --- weights ----------------------------------------------------------------------------------------


def weight_flags(rows: list[dict], rules: RuleSet) -> list[str]:
    p = score_project(proj(indicators=rows), rules)
    return [c for c in codes(p.flags) if c.startswith("WEIGHTS")]


def test_default_weights_raise_nothing():
    rows = [
        row("产出指标", 30, "数量"),
        row("产出指标", 20, "质量"),
        row("效益指标", 30),
        row("满意度指标", 10),
    ]
    assert weight_flags(rows, NATIONAL) == []
    assert weight_flags(rows, YUNNAN) == []


def test_missing_satisfaction_points_go_to_output():
    assert weight_flags([row("产出指标", 60), row("效益指标", 30)], NATIONAL) == []


def test_adjusted_weights_are_info():
    p = score_project(proj(indicators=[row("产出指标", 50), row("效益指标", 40)]), NATIONAL)
    flag = next(f for f in p.flags if f.code == "WEIGHTS_ADJUSTED")
    assert flag.severity == "info"
    assert "产出指标 50、效益指标 40" in flag.message
    assert "产出指标 60、效益指标 30" in flag.message  # the default after reassignment
    assert p.score == D(100)


def test_weights_not_summing_to_100_is_an_error():
    p = score_project(proj(indicators=[row("产出指标", 50), row("效益指标", 30)]), NATIONAL)
    flag = next(f for f in p.flags if f.code == "WEIGHTS_NOT_100")
    assert flag.severity == "error"
    assert flag.message == "指标分值合计 80 + 执行率分值 10 = 90，应为 100"
    assert "WEIGHTS_ADJUSTED" not in codes(p.flags)
    assert p.score == D(90)


def test_weights_over_100_is_an_error():
    rows = [row("产出指标", 60), row("效益指标", 30), row("满意度指标", 10)]
    assert weight_flags(rows, NATIONAL) == ["WEIGHTS_NOT_100"]


def test_sichuan_free_90_split_has_no_default_weight_info():
    assert weight_flags([row("产出指标", 70), row("效益指标", 20)], SICHUAN) == []
    assert weight_flags([row("产出指标", 90)], SICHUAN) == []
    assert weight_flags([row("产出指标", 70), row("效益指标", 10)], SICHUAN) == ["WEIGHTS_NOT_100"]
    # the same free split under national is an adjustment worth mentioning
    assert weight_flags([row("产出指标", 70), row("效益指标", 20)], NATIONAL) == ["WEIGHTS_ADJUSTED"]


def test_exec20_weights():
    assert weight_flags([row("产出指标", 40), row("效益指标", 30), row("满意度指标", 10)], EXEC20) == []
    assert weight_flags([row("产出指标", 50), row("效益指标", 30)], EXEC20) == []  # 满意度 10 → 产出
    assert weight_flags([row("产出指标", 50), row("效益指标", 30), row("满意度指标", 10)], EXEC20) == [
        "WEIGHTS_NOT_100"
    ]


# --- project totals, self-score, sources, explanations -----------------------------------------------


def full_project(**extra: Any) -> Project:
    return proj(
        "100",
        "86.25",
        [
            row("产出指标", 30, "培训人次", 年度指标值=200, 实际完成值=180),  # 27.00
            row("产出指标", 20, "合格率", 年度指标值="95%", 实际完成值="95%"),  # 20.00
            {**row("效益指标", 15, "覆盖率", 年度指标值=100, 实际完成值=90), "指标性质": "="},  # 13.50
            {**row("效益指标", 15, "投诉次数", 年度指标值=3, 实际完成值=4), "指标性质": "≤"},  # 11.25
            row("满意度指标", 10, "满意度", 年度指标值=90, 实际完成值=88),  # 9.777… → 9.78
        ],
        **extra,
    )


def test_project_total_is_sum_of_rounded_components():
    p = score_project(full_project(), NATIONAL)
    assert [str(s.score) for s in p.indicators] == ["27.00", "20.00", "13.50", "11.25", "9.78"]
    assert p.rate_score == D("8.63")
    assert p.score == D("90.16")  # 8.63 + 27 + 20 + 13.5 + 11.25 + 9.78
    assert p.grade == "优"
    assert p.score_source == "indicators"
    assert not [f for f in p.flags if f.code.startswith("WEIGHTS")]


def test_project_deviations_list_every_reason():
    p = score_project(full_project(), NATIONAL)
    assert p.deviations == [
        "预算执行率 86.25% 低于 90%",
        "指标「培训人次」未达成",
        "指标「覆盖率」未达成",
        "指标「投诉次数」未达成",
        "指标「满意度」未达成",
    ]
    assert "EXPLANATION_MISSING" in codes(p.flags)
    explained = score_project(full_project(偏差原因="采购延期", 改进措施="加快进度"), NATIONAL)
    assert "EXPLANATION_MISSING" not in codes(explained.flags)
    assert explained.needs_explanation


def test_self_score_differs_from_indicators():
    p = score_project(full_project(self_score="95"), NATIONAL)
    flag = next(f for f in p.flags if f.code == "SELF_SCORE_DIFFERS")
    assert flag.message == "填报自评得分 95，按指标计算为 90.16"
    assert p.score == D("90.16")
    same = score_project(full_project(self_score="90.16"), NATIONAL)
    assert "SELF_SCORE_DIFFERS" not in codes(same.flags)


@pytest.mark.parametrize(
    ("rules", "self_score", "implausible", "max_plausible"),
    [
        (NATIONAL, "93", False, "93.00"),
        (NATIONAL, "94", True, "93.00"),
        (NATIONAL, "93.01", True, "93.00"),
        (EXEC20, "86", False, "86.00"),  # 100 − (20 − 6)
        (EXEC20, "87", True, "86.00"),
    ],
)
def test_self_score_implausibility_at_30_percent(rules, self_score, implausible, max_plausible):
    p = score_project(proj("100", "30", self_score=self_score), rules)
    assert p.score_source == "self"
    assert p.score == D(self_score)
    assert str(p.max_plausible) == max_plausible
    assert ("SELF_SCORE_IMPLAUSIBLE" in codes(p.flags)) is implausible
    if implausible:
        flag = next(f for f in p.flags if f.code == "SELF_SCORE_IMPLAUSIBLE")
        assert flag.severity == "error"
        assert f"超过可能的最高分 {max_plausible}" in flag.message


def test_seed_like_30_percent_project():
    p = score_project(proj("62.3205", "18.6932", self_score="90"), NATIONAL)
    assert str(p.rate_shown) == "30.00"  # 29.99527% at 2 places, half up
    assert p.rate_score == D("3.00")
    assert p.max_plausible == D("93.00")
    assert "SELF_SCORE_IMPLAUSIBLE" not in codes(p.flags)
    assert p.grade == "优"
    assert p.deviations == ["预算执行率 30.00% 低于 90%"]


@pytest.mark.parametrize(
    ("self_score", "grade"),
    [("90", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"), ("60", "中"), ("59.99", "差")],
)
def test_project_grade_boundaries(self_score, grade):
    assert score_project(proj(self_score=self_score), NATIONAL).grade == grade


def test_no_indicators_and_no_self_score():
    p = score_project(proj(), NATIONAL)
    assert p.score is None and p.grade is None and p.score_source is None
    assert "SCORE_MISSING" in codes(p.flags)


def test_rate_just_below_threshold_at_display_precision():
    # 89.995% is shown as 90.00%: not "below 90%"; 89.994% is shown as 89.99%: below.
    assert score_project(proj("100000", "89995", self_score=90), NATIONAL).deviations == []
    assert score_project(proj("100000", "89994", self_score=90), NATIONAL).deviations == [
        "预算执行率 89.99% 低于 90%"
    ]


def sources(total: tuple, *rows: tuple) -> Project:
    names = ["当年财政拨款", "上年结转资金", "其他资金"]
    data = {
        name: {"年初预算数": r[0], "全年预算数": r[1], "全年执行数": r[2]}
        for name, r in zip(names, rows, strict=False)
    }
    return proj(total[1], total[2], 年初预算数=total[0], 资金来源=data, self_score=90)


def test_sources_that_add_up():
    p = score_project(sources(("80", "100", "90"), ("50", "60", "55.5"), ("30", "40", "34.5")), NATIONAL)
    assert "SOURCES_MISMATCH" not in codes(p.flags)


def test_sources_that_do_not_add_up():
    p = score_project(sources(("80", "100", "90"), ("50", "60", "55"), ("30", "40", "34.5")), NATIONAL)
    mismatches = [f for f in p.flags if f.code == "SOURCES_MISMATCH"]
    assert len(mismatches) == 1
    assert mismatches[0].severity == "error"
    assert mismatches[0].message == "资金来源各项全年执行数合计 89.5，与年度资金总额 90 不符"


def test_sources_initial_budget_checked_too():
    p = score_project(sources(("80", "100", "90"), ("40", "60", "55.5"), ("30", "40", "34.5")), NATIONAL)
    messages = [f.message for f in p.flags if f.code == "SOURCES_MISMATCH"]
    assert messages == ["资金来源各项年初预算数合计 70，与年度资金总额 80 不符"]


# --- the unit ---------------------------------------------------------------------------------------


def two_project_case(**extra: Any) -> Case:
    return Case.model_validate(
        {
            "单位名称": "测试局",
            "年度": 2023,
            "项目": [
                {
                    "项目名称": "甲",
                    "年初预算数": 80,
                    "全年预算数": 100,
                    "全年执行数": "86.25",
                    "绩效指标": [
                        row("产出指标", 60, 年度指标值=200, 实际完成值=180),  # 54.00
                        row("效益指标", 30),  # 30.00
                    ],
                },
                {"项目名称": "乙", "全年预算数": 50, "全年执行数": 50, "自评得分": 95},
                {"项目名称": "丙", "全年预算数": 10, "全年执行数": 3, "自评得分": "59.99"},
            ],
            **extra,
        }
    )


def test_unit_totals():
    unit = score_case(two_project_case())
    assert unit.ruleset.id == "national_2020"
    assert [p.score for p in unit.projects] == [D("92.63"), D(95), D("59.99")]
    assert [p.grade for p in unit.projects] == ["优", "优", "差"]
    assert [p.index for p in unit.projects] == [1, 2, 3]
    assert unit.budget == D(160)
    assert unit.executed == D("139.25")
    assert str(unit.rate_shown) == "87.03"  # 139.25 / 160 = 87.03125%
    assert unit.budget_initial == D(80)
    assert unit.grade_counts == {"优": 2, "良": 0, "中": 0, "差": 1}
    assert str(unit.mean_score) == "82.54"  # (92.63 + 95 + 59.99) / 3 = 82.54
    assert [p.project.name for p in unit.needing_explanation] == ["甲", "丙"]


def test_unit_uses_case_rules_unless_given():
    unit = score_case(two_project_case(评分规则="exec20"))
    assert unit.ruleset.id == "exec20"
    assert unit.projects[0].rate_score == D("17.25")
    assert score_case(two_project_case(评分规则="exec20"), NATIONAL).ruleset.id == "national_2020"


def test_unit_with_zero_total_budget():
    case = Case.model_validate(
        {"单位名称": "测试局", "年度": 2023, "项目": [{"项目名称": "甲", "全年预算数": 0, "全年执行数": 0}]}
    )
    unit = score_case(case)
    assert unit.rate is None and unit.rate_shown is None
    assert unit.mean_score is None
    assert unit.budget_initial is None
    assert unit.grade_counts == {"优": 0, "良": 0, "中": 0, "差": 0}


def test_unknown_rule_set_in_case_is_an_input_error():
    from assistant.errors import InputError

    with pytest.raises(InputError, match="未知的评分规则「atlantis」"):
        score_case(two_project_case(评分规则="atlantis"))


def test_unit_flags_iterate_with_their_project():
    unit = score_case(two_project_case())
    pairs = [(p.project.name, f.code) for p, f in unit.flags]
    assert ("甲", "INDICATOR_MISSED") in pairs
    assert all(f in p.flags for p, f in unit.flags)
