"""The fact sheet: keys, display formatting under the rule set, slot filling and the prompt JSON."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from assistant.errors import JixiaoError
from assistant.facts import FactSheet, UnknownSlotError, build_facts, clean_note, count_cn, self_name
from assistant.io import case_from_data, load_case
from assistant.scoring import score_case
from tests.conftest import SEED_CASE


@pytest.fixture(scope="module")
def seed() -> FactSheet:
    return build_facts(score_case(load_case(SEED_CASE)))


def yuan_case() -> dict:
    """A case filed in 元, with indicators of every kind, a zero budget and an unscored project."""
    return {
        "单位名称": "某县教育局",
        "年度": 2023,
        "金额单位": "元",
        "项目": [
            {
                "项目名称": "学生营养改善计划",
                "年初预算数": 1000000,
                "全年预算数": 1200000,
                "全年执行数": "960000.50",
                "资金来源": {
                    "当年财政拨款": {"年初预算数": 1000000, "全年预算数": 1000000, "全年执行数": 800000},
                    "上年结转资金": {"全年预算数": 200000, "全年执行数": "160000.50"},
                },
                "绩效指标": [
                    {
                        "一级指标": "产出指标",
                        "三级指标": "受益学生人数",
                        "指标性质": "≥",
                        "年度指标值": 5000,
                        "度量单位": "人",
                        "实际完成值": 4500,
                        "分值": 50,
                    },
                    {
                        "一级指标": "效益指标",
                        "三级指标": "营养状况改善",
                        "指标性质": "定性",
                        "年度指标值": "明显改善",
                        "实际完成值": "有所改善",
                        "评价档次": "部分达成并具有一定效果",
                        "分值": 30,
                        "得分": 21,
                    },
                    {
                        "一级指标": "满意度指标",
                        "三级指标": "家长满意度",
                        "年度指标值": "90%",
                        "实际完成值": "95%",
                        "分值": 10,
                    },
                ],
            },
            {"项目名称": "校舍维修项目", "全年预算数": 0, "全年执行数": 0, "自评得分": 95},
            {"项目名称": "教师培训", "全年预算数": 300000, "全年执行数": 300000},
        ],
    }


@pytest.fixture(scope="module")
def yuan() -> FactSheet:
    return build_facts(score_case(case_from_data(yuan_case())))


def test_seed_totals_as_the_score_table_shows_them(seed: FactSheet):
    assert seed["total.projects"] == "14"
    assert seed["total.projects_cn"] == "十四"
    assert seed["total.budget_initial"] == "289.9965"
    assert seed["total.budget"] == "289.9965"
    assert seed["total.executed"] == "244.2092"
    assert seed["total.unspent"] == "45.7873"
    assert seed["total.rate"] == "84.21"
    assert seed["total.mean_score"] == "99.07"
    assert seed["total.needing"] == "1"
    assert seed["total.full_rate"] == "12"
    assert [seed[f"grade_count.{g}"] for g in "优良中差"] == ["14", "0", "0", "0"]


def test_seed_project_facts(seed: FactSheet):
    assert seed["p3.name"] == "干部人事档案数字化建设"
    assert seed["p3.label"] == "干部人事档案数字化建设项目"
    assert seed["p3.budget_initial"] == "62.3205"
    assert seed["p3.budget"] == "62.3205"
    assert seed["p3.executed"] == "18.6932"
    assert seed["p3.unspent"] == "43.6273"
    assert seed["p3.unspent_rate"] == "70.00"
    assert seed["p3.rate"] == "30.00"
    assert seed["p3.rate_score"] == "3.00"
    assert seed["p3.score"] == "90"  # filed by the officer: shown as written
    assert seed["p3.grade"] == "优"
    assert seed["p11.rate"] == "96.35"
    assert seed["p11.unspent_rate"] == "3.65"  # the seed text's "剩余3%" is wrong
    assert seed["p1.rate"] == "100.00"
    assert seed["p10.budget"] == "48.8240"  # one precision for every amount of the report
    assert seed["p1.budget"] == "1.9200" and seed["p2.budget"] == "20.0000"
    assert seed["p11.cause"] == "根据合同进行支付，剩余资金需项目验收合格后给付"


def test_seed_rule_facts(seed: FactSheet):
    assert seed["unit.name"] == "中共新余市渝水区委组织部"
    assert seed["unit.year"] == "2022"
    assert seed["unit.money_unit"] == "万元"
    assert seed["unit.self"] == "我部"
    assert seed["rules.exec_points"] == "10"
    assert seed["rules.indicator_points"] == "90"
    assert seed["rules.weight.产出指标"] == "50"
    assert [seed[f"rules.grade_min.{g}"] for g in "优良中差"] == ["90", "80", "60", "0"]
    assert seed["rules.explain_rate_below"] == "90"


def test_kinds_and_raw_values(seed: FactSheet):
    assert seed.kinds["p3.budget"] == "amount"
    assert seed.kinds["p3.rate"] == "rate"
    assert seed.kinds["p3.score"] == "score"
    assert seed.kinds["total.projects"] == "count"
    assert seed.kinds["p3.name"] == "text"
    assert seed.raw["p3.budget"] == Decimal("62.3205")
    assert seed.raw["total.executed"] == Decimal("244.2092")
    assert seed.raw["p3.rate"] == Decimal("18.6932") / Decimal("62.3205") * 100  # before rounding
    assert set(seed.raw) <= set(seed.values)


def test_absent_data_gives_no_key(seed: FactSheet):
    assert "p1.goal" not in seed
    assert "p1.cause" not in seed
    assert "p1.i1.name" not in seed
    assert "p10.goal" in seed


def test_fill_replaces_slots_and_scopes(seed: FactSheet):
    text = "{{p3.label}}全年执行数{{p3.executed}}{{unit.money_unit}}，预算执行率{{ p3.rate }}%。"
    assert seed.fill(text) == "干部人事档案数字化建设项目全年执行数18.6932万元，预算执行率30.00%。"
    assert seed.fill("{{p.rate}}", scope={"p": "p11"}) == "96.35"
    assert seed.fill("没有占位符的文字。") == "没有占位符的文字。"


def test_unknown_slot_is_a_typed_error_listing_every_unknown_key(seed: FactSheet):
    with pytest.raises(UnknownSlotError) as info:
        seed.fill("{{p99.rate}}、{{total.rate}}、{{nope}}、{{p99.rate}}、{{p1.goal}}")
    err = info.value
    assert isinstance(err, JixiaoError)
    assert err.unknown == ["p99.rate", "nope", "p1.goal"]
    assert "{{p99.rate}}" in str(err) and "{{nope}}" in str(err) and "{{p1.goal}}" in str(err)


def test_yuan_case_shows_amounts_in_yuan_and_computed_scores_at_score_places(yuan: FactSheet):
    assert yuan["unit.money_unit"] == "元"
    assert yuan["unit.self"] == "我局"
    assert yuan["p1.budget"] == "1,200,000.00"  # 元: thousands separators and two decimals
    assert yuan["p1.executed"] == "960,000.50"
    assert yuan.raw["p1.executed"] == Decimal("960000.5")
    assert yuan["p1.src.carry_over.executed"] == "160,000.50"
    assert yuan["p1.src.appropriation.label"] == "当年财政拨款"
    assert yuan["total.budget"] == "1,500,000.00"
    assert yuan["total.executed"] == "1,260,000.50"
    assert yuan.amount_places == 2
    assert yuan["p1.rate"] == "80.00"
    # 45 (4500/5000 × 50) + 21 + 10 + 8 (rate score) = 84, computed: shown at score places
    assert yuan["p1.score"] == "84.00"
    assert yuan["p1.grade"] == "良"
    assert yuan["p1.label"] == "学生营养改善计划项目"
    assert yuan["p2.label"] == "校舍维修项目"  # already ends with 项目


def test_yuan_case_indicator_facts(yuan: FactSheet):
    assert yuan["p1.i1.target"] == "5000"
    assert yuan["p1.i1.actual"] == "4500"
    assert yuan["p1.i1.unit"] == "人"
    assert yuan["p1.i1.completion"] == "90.00"
    assert yuan["p1.i1.score"] == "45.00"
    assert yuan["p1.i1.points"] == "50"
    assert yuan["p1.i2.tier"] == "部分达成并具有一定效果"
    assert yuan["p1.i2.score"] == "21"  # qualitative: as filed
    assert yuan["p1.i2.target"] == "明显改善"
    assert yuan["p1.i3.unit"] == "%"  # written as "90%"
    assert yuan["p1.i3.target"] == "90"
    assert yuan["p1.indicators"] == "3"
    assert yuan["p1.indicators_met"] == "1"


def test_zero_budget_and_unscored_projects(yuan: FactSheet):
    assert "p2.rate" not in yuan and "p2.unspent_rate" not in yuan
    assert yuan["p2.rate_score"] == "10.00"
    assert yuan["p2.score"] == "95"
    assert "p3.score" not in yuan and "p3.grade" not in yuan
    assert yuan["total.unscored"] == "1"
    assert "total.budget_initial" not in yuan  # not every project gives one: no partial sum


def test_to_json_is_the_values_grouped_by_project(seed: FactSheet):
    data = json.loads(json.dumps(seed.to_json(), ensure_ascii=False))
    assert data["total"]["rate"] == "84.21"
    assert data["grade_count"]["优"] == "14"
    assert len(data["projects"]) == 14
    p3 = data["projects"][2]
    assert p3["key"] == "p3"
    assert p3["name"] == "干部人事档案数字化建设"
    for field in ("budget", "executed", "rate", "score", "grade", "unspent_rate"):
        assert p3[field] == seed[f"p3.{field}"]
    assert p3["needs_explanation"] is True
    assert p3["deviations"] and "30.00" in p3["deviations"][0]
    assert data["projects"][10]["cause"] == seed["p11.cause"]
    assert data["projects"][10]["measure"] == "加强资金预算管理"


def test_section_facts_chooses_projects_and_lists_indicators(yuan: FactSheet):
    data = yuan.section_facts([1])
    assert [p["key"] for p in data["projects"]] == ["p1"]
    indicators = data["projects"][0]["indicators"]
    assert [i["key"] for i in indicators] == ["p1.i1", "p1.i2", "p1.i3"]
    assert indicators[0]["missed"] is True and indicators[0]["target"] == "5000"
    assert "i1" not in data["projects"][0]
    assert data["unit"]["name"] == "某县教育局"


@pytest.mark.parametrize(
    ("n", "cn"),
    [
        (0, "零"),
        (7, "七"),
        (10, "十"),
        (14, "十四"),
        (20, "二十"),
        (35, "三十五"),
        (99, "九十九"),
        (100, "100"),
    ],
)
def test_count_cn(n: int, cn: str):
    assert count_cn(n) == cn


@pytest.mark.parametrize(
    ("unit", "name"),
    [
        ("中共新余市渝水区委组织部", "我部"),
        ("某县教育局", "我局"),
        ("某市第一中学", "我单位"),
        ("某区卫健委", "我委"),
        ("安澜市卫生健康委员会", "我委"),
    ],
)
def test_self_name(unit: str, name: str):
    assert self_name(unit) == name


def test_clean_note_drops_yaml_folding_gaps_and_the_final_stop():
    assert clean_note("管理水平， \n  有效提高财政资金使用效益。") == "管理水平，有效提高财政资金使用效益"
    assert clean_note("全年供餐 180 天；") == "全年供餐180天"
    assert clean_note("   ") is None
    assert clean_note(None) is None


# --- money display: one precision per report -------------------------------------------------------


def _two_projects(unit: str, first: str, second: str) -> FactSheet:
    return build_facts(
        score_case(
            case_from_data(
                {
                    "单位名称": "某县档案馆",
                    "年度": 2024,
                    "金额单位": unit,
                    "项目": [
                        {"项目名称": "甲", "全年预算数": first, "全年执行数": first, "自评得分": 100},
                        {"项目名称": "乙", "全年预算数": second, "全年执行数": second, "自评得分": 100},
                    ],
                }
            )
        )
    )


@pytest.mark.parametrize(
    ("unit", "first", "second", "shown", "places"),
    [
        ("万元", "356", "498.638", ("356.000", "498.638"), 3),  # the most decimals any amount has
        ("万元", "12", "3.5", ("12.00", "3.50"), 2),  # at least two
        ("万元", "0.123456", "1", ("0.123456", "1.000000"), 6),  # 0.01 元 needs six decimals of 万元
        ("元", "4860000", "1285000.5", ("4,860,000.00", "1,285,000.50"), 2),
        ("元", "1234.567", "10", ("1,234.567", "10.000"), 3),  # never rounded away
    ],
)
def test_amounts_share_one_precision(unit, first, second, shown, places):
    facts = _two_projects(unit, first, second)
    assert (facts["p1.budget"], facts["p2.budget"]) == shown
    assert facts.amount_places == places
    assert facts.raw["p1.budget"] == Decimal(first)  # the value behind the display is exact


def test_yuan_amounts_in_officer_texts_get_separators():
    assert (
        clean_note("合计35221200.00元，另有1145472元未拨付")
        == "合计35,221,200.00元，另有1,145,472.00元未拨付"
    )
    # standards, 万元 amounts and numbers already grouped are left alone
    assert clean_note("每人1000元，人均2183.64元，结算价款345.3480万元，共1,000元") == (
        "每人1000元，人均2183.64元，结算价款345.3480万元，共1,000元"
    )
