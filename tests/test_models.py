"""The case model: Chinese keys and English aliases, number parsing, validation, 元 ↔ 万元."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from pydantic import ValidationError

from assistant.models import Case, Indicator, Project, format_amount, parse_plain_number


def case(projects: list[dict[str, Any]], **extra: Any) -> Case:
    return Case.model_validate({"单位名称": "测试局", "年度": 2023, "项目": projects, **extra})


def project(**extra: Any) -> dict[str, Any]:
    return {"项目名称": "甲", "全年预算数": "100", "全年执行数": "90", **extra}


def indicator(**extra: Any) -> dict[str, Any]:
    return {
        "一级指标": "产出指标",
        "三级指标": "培训人次",
        "年度指标值": 100,
        "实际完成值": 90,
        "分值": 10,
        **extra,
    }


def errors_of(exc: ValidationError) -> list[str]:
    return [str(e["msg"]) for e in exc.errors()]


# --- parse_plain_number ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (95, D(95)),
        (D("62.3205"), D("62.3205")),
        ("95%", D(95)),
        ("95％", D(95)),
        ("１２", D(12)),
        ("1,200.5", D("1200.5")),
        ("≥95", D(95)),
        ("≧ 95", D(95)),
        ("≤3", D(3)),
        ("-5", D(-5)),
        (" 7 ", D(7)),
    ],
)
def test_parse_plain_number_reads_form_cells(raw, expected):
    assert parse_plain_number(raw) == expected


@pytest.mark.parametrize("raw", [None, True, 1.5, "", "好", "95分", "1e3", D("NaN"), D("Infinity"), "1.2.3"])
def test_parse_plain_number_refuses_non_numbers(raw):
    assert parse_plain_number(raw) is None


# --- keys, aliases, normalisation --------------------------------------------------------------------


def test_chinese_and_english_keys_give_the_same_case():
    zh = case([project(年初预算数="80", 绩效指标=[indicator()])], 评分规则="sichuan")
    en = Case.model_validate(
        {
            "unit": "测试局",
            "year": 2023,
            "rules": "sichuan",
            "projects": [
                {
                    "name": "甲",
                    "budget_initial": "80",
                    "budget": "100",
                    "executed": "90",
                    "indicators": [
                        {"level1": "产出指标", "name": "培训人次", "target": 100, "actual": 90, "points": 10}
                    ],
                }
            ],
        }
    )
    assert zh == en
    assert en.projects[0].budget_initial == D(80)


def test_defaults():
    c = case([project()])
    assert c.rules == "national_2020"
    assert c.money_unit == "万元"
    assert c.projects[0].budget_initial is None
    assert c.projects[0].indicators == []


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("≥", "≥"),
        ("≧", "≥"),
        (">=", "≥"),
        (">", "≥"),
        ("正向", "≥"),
        ("正向指标", "≥"),
        ("≤", "≤"),
        ("≦", "≤"),
        ("<=", "≤"),
        ("反向指标", "≤"),
        ("=", "="),
        ("═", "="),
        ("＝", "="),
        ("等于", "="),
        (" ≦ ", "≤"),
    ],
)
def test_kind_synonyms(written, kind):
    assert Indicator.model_validate(indicator(指标性质=written)).kind == kind


def test_qualitative_synonym_needs_no_numbers():
    i = Indicator.model_validate(
        {"一级指标": "满意度指标", "三级指标": "满意度", "指标性质": "定性指标", "分值": 10}
    )
    assert i.is_qualitative
    assert i.kind == "定性"


def test_unknown_kind_is_refused():
    with pytest.raises(ValidationError) as err:
        Indicator.model_validate(indicator(指标性质="约等于"))
    assert err.value.errors()[0]["type"] == "literal_error"


def test_text_is_stripped():
    c = case([project(项目名称="  甲项目 ")])
    assert c.projects[0].name == "甲项目"


def test_money_accepts_strings_ints_and_fullwidth():
    p = Project.model_validate(project(全年预算数="１,２００.５", 全年执行数=100))
    assert p.budget == D("1200.5")
    assert p.executed == D(100)


@pytest.mark.parametrize("bad", ["50%", "五十", "", "1e3"])
def test_money_refuses_non_amounts(bad):
    with pytest.raises(ValidationError) as err:
        Project.model_validate(project(全年预算数=bad))
    assert "不是有效的金额数字" in errors_of(err.value)[0]


@pytest.mark.parametrize("field", ["全年预算数", "全年执行数", "年初预算数"])
def test_negative_money_is_refused(field):
    with pytest.raises(ValidationError) as err:
        Project.model_validate(project(**{field: "-0.01"}))
    [e] = err.value.errors()
    assert e["type"] == "greater_than_equal"
    assert e["loc"] == (field,)


def test_nan_money_is_refused():
    with pytest.raises(ValidationError) as err:
        Project.model_validate(project(全年预算数=D("NaN")))
    assert err.value.errors()[0]["type"] == "finite_number"


@pytest.mark.parametrize("missing", ["项目名称", "全年预算数", "全年执行数"])
def test_missing_required_project_field(missing):
    data = project()
    del data[missing]
    with pytest.raises(ValidationError) as err:
        Project.model_validate(data)
    assert [(e["type"], e["loc"]) for e in err.value.errors()] == [("missing", (missing,))]


def test_unknown_field_is_refused():
    with pytest.raises(ValidationError) as err:
        Project.model_validate(project(预算执行率="90%"))
    assert err.value.errors()[0]["type"] == "extra_forbidden"


def test_case_needs_at_least_one_project():
    with pytest.raises(ValidationError):
        case([])


@pytest.mark.parametrize("year", [1989, 2101])
def test_year_range(year):
    with pytest.raises(ValidationError):
        case([project()], 年度=year)


# --- indicator validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "label"), [("年度指标值", "年度指标值"), ("实际完成值", "实际完成值")])
def test_quantitative_indicator_needs_both_values(field, label):
    data = indicator()
    del data[field]
    with pytest.raises(ValidationError) as err:
        Indicator.model_validate(data)
    assert errors_of(err.value) == [f"Value error, 定量指标「培训人次」缺少{label}"]


def test_quantitative_value_must_be_a_number():
    with pytest.raises(ValidationError) as err:
        Indicator.model_validate(indicator(实际完成值="基本完成"))
    assert "实际完成值「基本完成」不是数字" in errors_of(err.value)[0]


def test_indicator_values_keep_what_was_written():
    i = Indicator.model_validate(indicator(年度指标值="≥95%", 实际完成值="96.5%"))
    assert i.target == "≥95%"
    assert i.target_value == D(95)
    assert i.actual_value == D("96.5")


def test_float_values_become_exact_decimals():
    i = Indicator.model_validate(indicator(实际完成值=96.5, 分值=7.5))
    assert i.actual_value == D("96.5")
    assert i.points == D("7.5")


@pytest.mark.parametrize("kind", ["≥", "≤", "=", "定性"])
def test_score_above_points_is_refused_for_every_kind(kind):
    with pytest.raises(ValidationError) as err:
        Indicator.model_validate(indicator(指标性质=kind, 得分=11))
    assert "得分 11 超过分值 10" in errors_of(err.value)[0]


@pytest.mark.parametrize("points", ["-1", "100.01"])
def test_points_range(points):
    with pytest.raises(ValidationError):
        Indicator.model_validate(indicator(分值=points))


# --- duplicates --------------------------------------------------------------------------------------


def test_duplicate_project_names_are_refused():
    with pytest.raises(ValidationError) as err:
        case([project(), project(项目名称="乙"), project()])
    assert "项目名称「甲」重复（第 1 个和第 3 个项目）" in errors_of(err.value)[0]


def test_names_equal_after_stripping_are_duplicates():
    with pytest.raises(ValidationError):
        case([project(项目名称="甲"), project(项目名称=" 甲 ")])


# --- 元 and 万元 --------------------------------------------------------------------------------------


def yuan_case() -> Case:
    return case(
        [
            project(
                年初预算数="623205",
                全年预算数="1000000",
                全年执行数="623205.50",
                资金来源={
                    "当年财政拨款": {"全年预算数": "600000", "全年执行数": "423205.50"},
                    "上年结转资金": {"全年预算数": "400000", "全年执行数": "200000"},
                },
            )
        ],
        金额单位="元",
    )


def test_yuan_case_is_stored_in_wan():
    p = yuan_case().projects[0]
    assert p.budget_initial == D("62.3205")
    assert p.budget == D(100)
    assert p.executed == D("62.320550")
    assert p.sources is not None
    assert p.sources.appropriation is not None
    assert p.sources.appropriation.budget == D(60)
    assert p.sources.carry_over is not None
    assert p.sources.carry_over.executed == D(20)


def test_yuan_case_to_data_shows_amounts_as_filed():
    data = yuan_case().to_data()
    assert data["金额单位"] == "元"
    p = data["项目"][0]
    assert format(p["年初预算数"], "f") == "623205"
    assert format(p["全年预算数"], "f") == "1000000"
    assert str(p["全年预算数"]) == "1000000"  # never 1E+6
    assert str(p["全年执行数"]) == "623205.5"
    assert str(p["资金来源"]["上年结转资金"]["全年预算数"]) == "400000"
    assert str(p["资金来源"]["当年财政拨款"]["全年执行数"]) == "423205.5"


def test_yuan_case_round_trips_through_to_data():
    original = yuan_case()
    again = Case.model_validate(original.to_data())
    assert again == original


def test_wan_case_to_data_keeps_amounts():
    c = case([project(全年预算数="62.3205", 全年执行数="18.6932")])
    data = c.to_data()
    assert data["项目"][0]["全年预算数"] == D("62.3205")
    assert data["单位名称"] == "测试局"
    assert "绩效指标" in data["项目"][0]
    assert Case.model_validate(data) == c


@pytest.mark.parametrize(
    ("wan", "unit", "shown"),
    [
        ("62.3205", "万元", "62.3205"),
        ("62.3205", "元", "623205"),
        ("100", "元", "1000000"),
        ("0.000050", "元", "0.5"),
        ("0", "元", "0"),
        ("289.9965", "万元", "289.9965"),
        ("1E+2", "万元", "100"),
    ],
)
def test_format_amount(wan, unit, shown):
    assert format_amount(D(wan), unit) == shown


def test_format_amount_of_converted_yuan_case():
    p = yuan_case().projects[0]
    assert format_amount(p.budget, "元") == "1000000"
    assert format_amount(p.executed, "元") == "623205.5"
    assert format_amount(p.budget) == "100"
