"""Invariants of the scoring core, checked with hypothesis over all shipped rule sets and formula variants."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.models import Case, Indicator, Project, format_amount
from assistant.rules import RuleSet, available_rulesets, load_ruleset
from assistant.scoring import score_execution, score_indicator, score_project

PROFILE = settings(max_examples=200, deadline=None)


def _variants() -> list[RuleSet]:
    shipped = [load_ruleset(rid) for rid in available_rulesets()]
    national = load_ruleset("national_2020")
    symmetric = national.model_copy(
        update={"quantitative": national.quantitative.model_copy(update={"equal_formula": "symmetric"})}
    )
    integer = national.model_copy(
        update={"rounding": national.rounding.model_copy(update={"score_places": 0})}
    )
    return [*shipped, symmetric, integer]


RULESETS = _variants()
rulesets = st.sampled_from(RULESETS)


def hundredths(low: int, high: int) -> st.SearchStrategy[D]:
    """Decimals with two places in [low/100, high/100]."""
    return st.integers(low, high).map(lambda n: D(n).scaleb(-2))


# 分值 usually has at most two decimals, but nothing stops 3.335 or 7.5 under an integer-display rule set.
points_st = st.one_of(hundredths(0, 10000), st.integers(0, 1000000).map(lambda n: D(n).scaleb(-4)))
values_st = hundredths(-10000, 100000)
amounts_st = st.integers(0, 10**10).map(lambda n: D(n).scaleb(-4))  # 万元 with 4 decimals


def quantitative(kind: str, target: D, actual: D, points: D) -> Indicator:
    return Indicator.model_validate(
        {
            "一级指标": "产出指标",
            "三级指标": "指标",
            "指标性质": kind,
            "年度指标值": target,
            "实际完成值": actual,
            "分值": points,
        }
    )


@st.composite
def indicators(draw: st.DrawFn) -> Indicator:
    kind = draw(st.sampled_from(["≥", "≤", "=", "定性", "≧", "≦", "═"]))
    points = draw(points_st)
    level1 = draw(st.sampled_from(["产出指标", "效益指标", "满意度指标"]))
    if kind == "定性":
        data = {"一级指标": level1, "三级指标": "定性", "指标性质": "定性", "分值": points}
        if draw(st.booleans()):
            data["得分"] = points * draw(st.integers(0, 100)) / 100
            data["评价档次"] = draw(st.sampled_from(["达成年度指标", "部分达成", "未达成", None]))
        return Indicator.model_validate({k: v for k, v in data.items() if v is not None})
    ind = quantitative(kind, draw(values_st), draw(values_st), points)
    return ind.model_copy(update={"level1": level1})


@PROFILE
@given(ind=indicators(), rules=rulesets)
def test_indicator_score_within_zero_and_points(ind, rules):
    s = score_indicator(ind, rules)
    assert D(0) <= s.score <= ind.points
    assert s.trace.result == s.score
    assert s.score in (rules.round_score(s.score), ind.points)  # at display precision, or exactly 分值


@PROFILE
@given(
    kind=st.sampled_from(["≥", "≧", "正向"]),
    target=values_st,
    a=values_st,
    b=values_st,
    points=points_st,
    rules=rulesets,
)
def test_forward_score_non_decreasing_in_actual(kind, target, a, b, points, rules):
    low, high = sorted((a, b))
    s_low = score_indicator(quantitative(kind, target, low, points), rules).score
    s_high = score_indicator(quantitative(kind, target, high, points), rules).score
    assert s_low <= s_high


@PROFILE
@given(
    kind=st.sampled_from(["≤", "≦", "反向"]),
    target=values_st,
    a=values_st,
    b=values_st,
    points=points_st,
    rules=rulesets,
)
def test_negative_score_non_increasing_in_actual(kind, target, a, b, points, rules):
    low, high = sorted((a, b))
    s_low = score_indicator(quantitative(kind, target, low, points), rules).score
    s_high = score_indicator(quantitative(kind, target, high, points), rules).score
    assert s_low >= s_high


@PROFILE
@given(target=hundredths(1, 100000), actual=values_st, points=points_st, rules=rulesets)
def test_over_achievement_flag_matches_threshold(target, actual, points, rules):
    s = score_indicator(quantitative("≥", target, actual, points), rules)
    shown = rules.round_rate(actual / target * 100)
    assert s.completion_shown == shown
    assert s.over_achieved == (shown >= rules.quantitative.over_achievement_percent)
    assert s.over_achieved == any(f.code == "OVER_ACHIEVED" for f in s.flags)


totals_st = st.integers(0, 1000000).map(lambda n: D(n).scaleb(-4))  # 0.0000 … 100.0000


@PROFILE
@given(a=totals_st, b=totals_st, rules=rulesets)
def test_grade_monotonic_in_total(a, b, rules):
    order = [band.name for band in rules.grades]  # best first
    low, high = sorted((a, b))
    assert order.index(rules.grade_for(high)) <= order.index(rules.grade_for(low))


@PROFILE
@given(total=totals_st, rules=rulesets)
def test_grade_band_holds_the_shown_total(total, rules):
    grade = rules.grade_for(total)
    band = next(b for b in rules.grades if b.name == grade)
    shown = rules.round_score(total)
    assert shown >= band.min
    better = rules.grades[: rules.grades.index(band)]
    assert all(shown < b.min for b in better)


@PROFILE
@given(budget=amounts_st, executed=amounts_st, rules=rulesets)
def test_execution_score_is_capped_rate_times_points(budget, executed, rules):
    project = Project.model_validate({"项目名称": "甲", "全年预算数": budget, "全年执行数": executed})
    rate, score, trace, _ = score_execution(project, rules)
    points = rules.execution.points
    assert D(0) <= score <= points
    assert trace.result == score
    if budget == 0:
        assert rate is None
        assert score == (points if executed == 0 else D(0))
    else:
        assert rate == executed / budget * 100
        exact = min(rate, D(100)) / 100 * points
        assert abs(score - exact) <= D(1).scaleb(-rules.rounding.score_places) / 2


@st.composite
def projects(draw: st.DrawFn) -> Project:
    inds = draw(st.lists(indicators(), max_size=6))
    data = {
        "项目名称": "甲",
        "全年预算数": draw(amounts_st),
        "全年执行数": draw(amounts_st),
        "绩效指标": [i.model_dump(by_alias=True, exclude_none=True) for i in inds],
    }
    if draw(st.booleans()):
        data["自评得分"] = draw(hundredths(0, 10000))
    return Project.model_validate(data)


@PROFILE
@given(project=projects(), rules=rulesets)
def test_project_total_is_sum_of_rounded_components(project, rules):
    p = score_project(project, rules)
    if p.indicators:
        assert p.score_source == "indicators"
        components = [p.rate_score, *(s.score for s in p.indicators)]
        assert p.rate_score == rules.round_score(p.rate_score)
        assert all(s.score in (rules.round_score(s.score), s.indicator.points) for s in p.indicators)
        assert p.score == sum(components, D(0))
        assert p.score <= p.rate_score + sum((s.indicator.points for s in p.indicators), D(0))
        assert p.grade == rules.grade_for(p.score)
    elif project.self_score is not None:
        assert p.score == project.self_score
        assert (p.score > p.max_plausible) == any(f.code == "SELF_SCORE_IMPLAUSIBLE" for f in p.flags)
    else:
        assert p.score is None and p.grade is None


@PROFILE
@given(
    yuan=st.lists(st.integers(0, 10**12).map(lambda n: D(n).scaleb(-2)), min_size=3, max_size=3),
)
def test_yuan_amounts_round_trip(yuan):
    budget, executed, initial = yuan
    case = Case.model_validate(
        {
            "单位名称": "测试局",
            "年度": 2023,
            "金额单位": "元",
            "项目": [{"项目名称": "甲", "年初预算数": initial, "全年预算数": budget, "全年执行数": executed}],
        }
    )
    project = case.projects[0]
    assert project.budget * 10000 == budget
    assert D(format_amount(project.budget, "元")) == budget
    assert "E" not in format_amount(project.executed, "元")
    data = case.to_data()["项目"][0]
    assert data["全年预算数"] == budget and "E" not in str(data["全年预算数"])
    assert data["年初预算数"] == initial and "E" not in str(data["年初预算数"])
    assert Case.model_validate(case.to_data()) == case
