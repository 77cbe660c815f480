"""Rule sets as data: the four shipped rule sets, grade bands, qualitative tiers, rounding, loading errors."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from assistant.errors import InputError
from assistant.rules import RULESET_DIR, RuleSet, available_rulesets, load_ruleset

SHIPPED = ["exec20", "national_2020", "sichuan", "yunnan"]


def load_ruleset_path(rid: str):
    return RULESET_DIR / f"{rid}.yaml"


def test_four_rule_sets_ship():
    assert available_rulesets() == SHIPPED


@pytest.mark.parametrize("rid", SHIPPED)
def test_each_rule_set_loads_with_its_id(rid):
    rules = load_ruleset(rid)
    assert rules.id == rid
    assert rules.weights.total == D(100)
    assert rules.rounding.mode == "ROUND_HALF_UP"
    assert (rules.rounding.rate_places, rules.rounding.score_places) == (2, 2)


def test_default_is_national():
    assert load_ruleset().id == "national_2020"


def test_national_settings():
    rules = load_ruleset("national_2020")
    assert rules.execution.points == D(10)
    assert rules.indicator_points == D(90)
    assert rules.quantitative.negative_formula == "ratio"
    assert rules.weights.default == {"产出指标": D(50), "效益指标": D(30), "满意度指标": D(10)}
    assert rules.weights.reassign_missing == {"满意度指标": "产出指标"}
    assert [(b.name, b.min) for b in rules.qualitative_tiers] == [
        ("达成年度指标", D(80)),
        ("部分达成并具有一定效果", D(60)),
        ("未达成且效果较差", D(0)),
    ]


def test_exec20_differs_from_national():
    rules = load_ruleset("exec20")
    assert rules.execution.points == D(20)
    assert rules.indicator_points == D(80)
    assert rules.quantitative.negative_formula == "linear"
    assert [b.min for b in rules.qualitative_tiers] == [D(80), D(50), D(0)]
    assert rules.weights.default == {"产出指标": D(40), "效益指标": D(30), "满意度指标": D(10)}


def test_sichuan_has_no_default_split():
    rules = load_ruleset("sichuan")
    assert rules.layout == "sichuan"
    assert rules.execution.points == D(10)
    assert rules.weights.default == {}
    assert rules.weights.reassign_missing == {}


def test_yunnan_scores_like_national():
    yunnan, national = load_ruleset("yunnan"), load_ruleset("national_2020")
    assert yunnan.layout == "yunnan"
    for part in ("execution", "weights", "quantitative", "qualitative_tiers", "grades", "rounding"):
        assert getattr(yunnan, part) == getattr(national, part), part


# --- grades ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100", "优"),
        ("90", "优"),
        ("90.00", "优"),
        ("89.99", "良"),
        ("80", "良"),
        ("79.99", "中"),
        ("60", "中"),
        ("59.99", "差"),
        ("0", "差"),
    ],
)
@pytest.mark.parametrize("rid", SHIPPED)
def test_grade_boundaries(rid, total, grade):
    assert load_ruleset(rid).grade_for(D(total)) == grade


def test_grade_judged_at_display_precision():
    rules = load_ruleset()
    # 89.995 is shown as 90.00 (ROUND_HALF_UP), 89.994 as 89.99.
    assert rules.grade_for(D("89.995")) == "优"
    assert rules.grade_for(D("89.994")) == "良"


# --- rounding ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [("8.625", "8.63"), ("8.615", "8.62"), ("8.6249", "8.62"), ("2.999527", "3.00"), ("7", "7.00")],
)
def test_round_score_half_up(value, shown):
    assert str(load_ruleset().round_score(D(value))) == shown


@pytest.mark.parametrize(
    ("value", "shown"), [("29.99527", "30.00"), ("84.2105", "84.21"), ("86.625", "86.63"), ("100", "100.00")]
)
def test_round_rate_half_up(value, shown):
    assert str(load_ruleset().round_rate(D(value))) == shown


def test_half_even_mode_is_honoured(tmp_path):
    text = load_ruleset_path("national_2020").read_text(encoding="utf-8")
    custom = tmp_path / "even.yaml"
    custom.write_text(
        text.replace("id: national_2020", "id: even").replace("mode: ROUND_HALF_UP", "mode: ROUND_HALF_EVEN"),
        encoding="utf-8",
    )
    rules = load_ruleset(str(custom))
    assert rules.id == "even"
    assert str(rules.round_score(D("8.625"))) == "8.62"
    assert str(rules.round_score(D("8.635"))) == "8.64"


# --- qualitative tiers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rid", "share", "tier"),
    [
        ("national_2020", "100", "达成年度指标"),
        ("national_2020", "80", "达成年度指标"),
        ("national_2020", "79.99", "部分达成并具有一定效果"),
        ("national_2020", "60", "部分达成并具有一定效果"),
        ("national_2020", "59.99", "未达成且效果较差"),
        ("national_2020", "0", "未达成且效果较差"),
        ("exec20", "80", "达成年度指标"),
        ("exec20", "79.99", "部分达成并具有一定效果"),
        ("exec20", "60", "部分达成并具有一定效果"),
        ("exec20", "50", "部分达成并具有一定效果"),
        ("exec20", "49.99", "未达成且效果较差"),
    ],
)
def test_tier_for_share(rid, share, tier):
    assert load_ruleset(rid).tier_for(D(share)).name == tier


def test_tier_named_accepts_full_and_short_names():
    rules = load_ruleset()
    assert rules.tier_named("达成年度指标").min == D(80)
    assert rules.tier_named("部分达成").min == D(60)
    assert rules.tier_named("未达成").min == D(0)
    assert rules.tier_named("优秀") is None


# --- loading errors ----------------------------------------------------------------------------------


def test_unknown_rule_set_lists_the_known_ones():
    with pytest.raises(InputError) as err:
        load_ruleset("atlantis")
    message = str(err.value)
    assert "未知的评分规则「atlantis」" in message
    for rid in SHIPPED:
        assert rid in message


def test_custom_rule_set_with_unknown_key_is_refused(tmp_path):
    text = load_ruleset_path("national_2020").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text + "\nbonus: 5\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_ruleset(str(bad))
    assert "评分规则文件有误" in str(err.value)
    assert "bonus" in str(err.value)


def test_custom_rule_set_with_unordered_grades_is_refused(tmp_path):
    bad = tmp_path / "unordered.yaml"
    bad.write_text(
        "id: x\nname: x\nexecution: {points: 10}\n"
        "qualitative_tiers: [{name: a, min: 0}]\n"
        "grades: [{name: 差, min: 0}, {name: 优, min: 90}]\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_ruleset(str(bad))
    assert "grades 须按下限从高到低排列" in str(err.value)


def test_custom_rule_set_that_is_not_yaml(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_ruleset(str(bad))
    assert "不是有效的 YAML" in str(err.value)


def test_missing_custom_rule_set_file(tmp_path):
    with pytest.raises(InputError) as err:
        load_ruleset(str(tmp_path / "absent.yaml"))
    assert "无法读取评分规则文件" in str(err.value)


def test_rule_set_is_frozen():
    rules = load_ruleset()
    with pytest.raises(ValueError):
        rules.id = "other"  # type: ignore[misc]
    assert isinstance(rules, RuleSet)
