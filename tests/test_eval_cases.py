"""The evaluation cases under ``eval_data/``: every case loads and scores cleanly, and hand-computed figures hold.

Every ``eval_data/<case_id>/data.yaml`` is discovered. A case may declare error-severity flags it contains on
purpose with a header comment line ``# 预期错误：CODE、CODE`` (or ``# 预期错误：无``); any other error fails.

The expectations below were worked out by hand from the case files (the arithmetic is written next to each
number), not copied from the scorer's output. Scores are rounded ROUND_HALF_UP to 2 places per component and
the components are summed, as the rule sets say.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest

from assistant.io import load_case
from assistant.rules import load_ruleset
from assistant.scoring import IndicatorScore, ProjectScore, UnitScore, score_case
from tests.conftest import EVAL_DATA

CASE_FILES = sorted(EVAL_DATA.glob("*/data.yaml"))

EDU = "jiaoyu_qingjiang_2023"
HEALTH = "weijian_anlan_2022"
AGRI = "nongye_anning_sichuan_2023"
FOREST = "lincao_siyuan_yunnan_2024"
STREET = "jiedao_guihua_exec20_2024"
HAND_MADE = (EDU, HEALTH, AGRI, FOREST, STREET)
# The officer left the cause empty on purpose here (drafting must show a placeholder).
DELIBERATELY_UNEXPLAINED = {(HEALTH, "家庭医生签约服务经费")}

_EXPECTED_ERRORS = re.compile(r"^#\s*预期错误[:：]\s*(?P<codes>.*)$", re.MULTILINE)


def expected_error_codes(path: Path) -> set[str]:
    match = _EXPECTED_ERRORS.search(path.read_text(encoding="utf-8"))
    if not match:
        return set()
    codes = {c for c in re.split(r"[\s,，、;；]+", match["codes"]) if c}
    return codes - {"无"}


def score(case_id: str) -> UnitScore:
    return score_case(load_case(EVAL_DATA / case_id / "data.yaml"))


def project(unit: UnitScore, name: str) -> ProjectScore:
    (found,) = [p for p in unit.projects if p.project.name == name]
    return found


def indicator(p: ProjectScore, name: str) -> IndicatorScore:
    (found,) = [s for s in p.indicators if s.indicator.name == name]
    return found


def codes(p: ProjectScore, severity: str | None = None) -> list[str]:
    return [f.code for f in p.flags if severity is None or f.severity == severity]


# --- every case -------------------------------------------------------------------------------------


def test_hand_made_cases_are_present():
    found = {path.parent.name for path in CASE_FILES}
    assert set(HAND_MADE) <= found


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.parent.name)
def test_case_loads_and_scores_without_unexpected_errors(path: Path):
    unit = score_case(load_case(path))
    assert unit.projects
    errors = {(p.project.name, f.code) for p in unit.projects for f in p.flags if f.severity == "error"}
    assert {code for _, code in errors} == expected_error_codes(path), errors
    for p in unit.projects:
        assert p.score is not None, p.project.name
        assert p.grade in {band.name for band in unit.ruleset.grades}


@pytest.mark.parametrize("case_id", HAND_MADE)
def test_hand_made_case_is_well_formed(case_id: str):
    """3–6 projects, 4–8 indicators each, weights + execution points = 100, a header comment naming coverage."""
    path = EVAL_DATA / case_id / "data.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ") and "覆盖" in text and "预期错误" in text
    unit = score(case_id)
    rules = unit.ruleset
    assert 3 <= len(unit.projects) <= 6
    assert 2022 <= unit.case.year <= 2024
    assert unit.case.background
    for p in unit.projects:
        proj = p.project
        assert proj.department and proj.implementer and proj.goal and proj.outcome and proj.background
        assert 4 <= len(proj.indicators) <= 8, proj.name
        points = sum((ind.points for ind in proj.indicators), D(0))
        assert points + rules.execution.points == 100, proj.name
        for ind in proj.indicators:
            assert ind.level1 and ind.level2 and ind.name
            if ind.is_qualitative:
                assert ind.score is not None and ind.tier, ind.name
        # every deviation is explained, at project level or on each indicator row, except the deliberate gap
        if (case_id, proj.name) in DELIBERATELY_UNEXPLAINED:
            assert "EXPLANATION_MISSING" in codes(p, "warning")
            continue
        assert "EXPLANATION_MISSING" not in codes(p), proj.name
        if p.rate is not None and p.rate < 90:
            assert proj.deviation_cause and proj.improvement, proj.name
        for s in p.indicators:
            if s.missed or s.over_achieved:
                assert s.indicator.deviation_note or (proj.deviation_cause and proj.improvement), (
                    s.indicator.name
                )


def test_hand_made_cases_cover_the_brief_together():
    units = [score(case_id) for case_id in HAND_MADE]
    assert {u.ruleset.id for u in units} == {"national_2020", "sichuan", "exec20", "yunnan"}
    assert {u.case.money_unit for u in units} == {"万元", "元"}
    projects = [p for u in units for p in u.projects]
    kinds = {s.indicator.kind for p in projects for s in p.indicators}
    assert kinds == {"≥", "≤", "=", "定性"}
    assert any(p.project.budget == 0 and p.project.executed == 0 for p in projects)
    assert any(p.project.budget_initial == 0 and p.project.budget > 0 for p in projects)
    assert any(p.project.sources and len(p.project.sources.rows()) == 3 for p in projects)
    assert any(s.over_achieved and s.indicator.deviation_note for p in projects for s in p.indicators)
    assert any(s.missed and s.indicator.deviation_note for p in projects for s in p.indicators)
    assert any(
        p.rate is not None and p.rate < 90 and p.project.deviation_cause and p.project.improvement
        for p in projects
    )
    assert any(p.rate is not None and p.rate < 90 and p.project.deviation_cause == "" for p in projects)
    assert any(s.indicator.level1 == "满意度指标" for p in projects for s in p.indicators)
    yunnan = (EVAL_DATA / FOREST / "data.yaml").read_text(encoding="utf-8")
    assert all(f"指标性质: {symbol}" in yunnan for symbol in ("≧", "═", "≦"))


# --- 清江县教育体育局 2023（national_2020，万元）-----------------------------------------------------


def test_edu_county_totals():
    unit = score(EDU)
    # 498.6380 + 356 + 46.8250 = 901.4630；491.3000 + 289.5612 + 45.9036 = 826.7648
    assert unit.budget == D("901.4630")
    assert unit.executed == D("826.7648")
    # 826.7648 ÷ 901.4630 = 91.7135…%
    assert unit.rate_shown == D("91.71")
    assert unit.budget_initial == D("824.75")  # 468.75 + 356 + 0
    assert unit.grade_counts == {"优": 3, "良": 0, "中": 0, "差": 0}
    # (98.35 + 93.81 + 98.80) ÷ 3 = 96.9866…
    assert unit.mean_score == D("96.99")


def test_edu_student_aid_sources_and_score():
    p = project(score(EDU), "义务教育阶段家庭经济困难学生生活补助")
    rows = p.project.sources.rows()
    assert set(rows) == {"当年财政拨款", "上年结转资金", "其他资金"}
    # 468.7500 + 23.8880 + 6.0000 = 498.6380；463.1125 + 22.1875 + 6.0000 = 491.3000
    assert sum((r.budget for r in rows.values()), D(0)) == p.project.budget == D("498.638")
    assert sum((r.executed for r in rows.values()), D(0)) == p.project.executed == D("491.3")
    assert "SOURCES_MISMATCH" not in codes(p)
    # 491.3 ÷ 498.638 = 98.5283…% → 10 × 0.985283 = 9.85
    assert p.rate_shown == D("98.53")
    assert p.rate_score == D("9.85")
    assert indicator(p, "因家庭经济困难失学辍学学生人数").score == 15  # ≤ 0, actual 0: full
    assert indicator(p, "初中寄宿生生活补助标准").score == 10  # = 1250, actual 1250
    qual = indicator(p, "学生资助长效保障机制")
    assert (qual.score, qual.tier, qual.missed) == (D("13.5"), "达成年度指标", False)
    # 20 + 10 + 10 + 10 + 15 + 13.5 + 10 = 88.5；+ 9.85 = 98.35
    assert p.score == D("98.35")
    assert p.grade == "优"
    assert p.deviations == []
    assert codes(p) == []


def test_edu_school_repair_low_execution_explained():
    p = project(score(EDU), "中小学校舍维修改造")
    # 289.5612 ÷ 356 = 81.3374…% → 8.13
    assert p.rate_shown == D("81.34")
    assert p.rate_score == D("8.13")
    assert indicator(p, "维修改造校舍面积").score == D("13.58")  # 15 × 10860 ÷ 12000 = 13.575
    assert indicator(p, "单位面积维修改造成本").score == D("9.43")  # ≤, ratio: 10 × 300 ÷ 318 = 9.4339…
    assert indicator(p, "消除校舍安全隐患点").score == D("14.67")  # 15 × 45 ÷ 46 = 14.6739…
    assert indicator(p, "工程竣工验收合格率").indicator.kind == "="
    # 13.58 + 10 + 10 + 5 + 9.43 + 14.67 + 13 + 10 = 85.68；+ 8.13 = 93.81
    assert p.score == D("93.81")
    assert p.grade == "优"
    assert p.needs_explanation
    assert p.deviations[0] == "预算执行率 81.34% 低于 90%"
    assert codes(p).count("INDICATOR_MISSED") == 3
    assert "EXPLANATION_MISSING" not in codes(p)
    # the cause adds up: 345.3480 settled − 289.5612 paid = 55.7868 unpaid; + 10.6520 unused = 66.4388 unspent
    assert D("345.3480") - p.project.executed + D("10.6520") == p.project.budget - p.project.executed


def test_edu_mid_year_project_over_achieved_and_explained_on_the_indicator():
    p = project(score(EDU), "学前教育教师培训及保教质量提升（年中追加）")
    assert p.project.budget_initial == 0
    assert p.project.budget == D("46.825")
    # 45.9036 ÷ 46.825 = 98.0322…% → 9.80
    assert p.rate_shown == D("98.03")
    assert p.rate_score == D("9.80")
    over = indicator(p, "参训幼儿园教师人数")
    assert over.over_achieved and over.score == 20
    assert over.completion == 140  # 168 ÷ 120
    assert "OVER_ACHIEVED" in codes(p, "warning")
    assert p.deviations == ["指标「参训幼儿园教师人数」超额完成（140.00%）"]
    assert "EXPLANATION_MISSING" not in codes(p)
    # 20 + 10 + 10 + 10 + 15 + 14 + 10 = 89；+ 9.80 = 98.80
    assert p.score == D("98.80")


# --- 安澜市卫生健康委员会 2022（national_2020，元）----------------------------------------------------


def test_health_yuan_case_json_totals_in_wan(cli):
    result = cli("score", EVAL_DATA / HEALTH / "data.yaml", "--json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["money_unit"] == "万元"
    totals = data["totals"]
    assert totals["projects"] == 4
    # 36625950.00 + 4860000.00 + 623205 + 1285000.50 = 43394155.50 元 = 4339.41555 万元
    assert D(totals["budget"]) == D("4339.41555")
    # 35275166.36 + 3714528.00 + 598316.40 + 1285000.50 = 40873011.26 元 = 4087.301126 万元
    assert D(totals["executed"]) == D("4087.301126")
    assert totals["rate"] == "94.19"  # 40873011.26 ÷ 43394155.50 = 94.190…%
    assert totals["grades"] == {"优": 3, "良": 1, "中": 0, "差": 0}
    assert totals["mean_score"] == "96.02"  # (97.13 + 89.85 + 99.60 + 97.50) ÷ 4 = 96.02
    assert totals["needing_explanation"] == ["基本公共卫生服务补助资金", "家庭医生签约服务经费"]
    by_name = {p["name"]: p for p in data["projects"]}
    assert D(by_name["严重精神障碍患者救治救助"]["budget"]) == D("62.3205")  # 623205 元
    assert D(by_name["全科医生转岗培训及基层卫生人才培养"]["budget"]) == D("128.50005")  # 1285000.50 元
    assert D(by_name["家庭医生签约服务经费"]["budget"]) == D("486")  # "4,860,000.00" 元
    assert by_name["家庭医生签约服务经费"]["rate"] == "76.43"
    assert by_name["家庭医生签约服务经费"]["grade"] == "良"


def test_health_yuan_amounts_round_trip_as_filed():
    case = load_case(EVAL_DATA / HEALTH / "data.yaml")
    assert case.money_unit == "元"
    data = case.to_data()
    amounts = {p["项目名称"]: p["全年预算数"] for p in data["项目"]}
    assert amounts["严重精神障碍患者救治救助"] == D("623205")
    assert amounts["全科医生转岗培训及基层卫生人才培养"] == D("1285000.50")
    sources = data["项目"][0]["资金来源"]
    assert sources["当年财政拨款"]["全年执行数"] == D("33870416.36")


def test_health_public_health_service():
    p = project(score(HEALTH), "基本公共卫生服务补助资金")
    assert p.project.sources.appropriation.budget == D("3522.12")  # 35221200.00 元
    assert "SOURCES_MISMATCH" not in codes(p)
    # 35275166.36 ÷ 36625950.00 = 96.3119…% → 9.63
    assert p.rate_shown == D("96.31")
    assert p.rate_score == D("9.63")
    missed = indicator(p, "高血压患者基层规范管理服务率")
    assert missed.score == D("9.50")  # 10 × 58.9 ÷ 62 = 9.5
    assert missed.missed and missed.indicator.deviation_note
    # 10 + 10 + 9.50 + 10 + 10 + 15 + 13 + 10 = 87.50；+ 9.63 = 97.13
    assert p.score == D("97.13")
    assert "EXPLANATION_MISSING" not in codes(p)


def test_health_family_doctor_cause_left_empty():
    p = project(score(HEALTH), "家庭医生签约服务经费")
    assert p.project.deviation_cause == ""  # the officer left it empty: drafting must show a placeholder
    assert p.project.improvement
    # 3714528 ÷ 4860000 = 76.4306…% → 7.64
    assert p.rate_shown == D("76.43")
    assert p.rate_score == D("7.64")
    assert indicator(p, "重点人群家庭医生签约覆盖率").score == D("14.32")  # 15 × 71.6 ÷ 75
    assert indicator(p, "签约服务费按季度拨付及时率").score == D("7.89")  # 10 × 75 ÷ 95 = 7.894…
    qual = indicator(p, "重点人群健康管理水平")
    assert (qual.score, qual.tier) == (D("10"), "部分达成并具有一定效果")  # 10/15 = 66.7%, band [60, 80)
    # 14.32 + 10 + 15 + 7.89 + 10 + 15 + 10 = 82.21；+ 7.64 = 89.85
    assert p.score == D("89.85")
    assert p.grade == "良"
    assert codes(p, "warning").count("EXPLANATION_MISSING") == 1
    assert codes(p, "error") == []


def test_health_training_project_without_satisfaction_uses_60_30():
    p = project(score(HEALTH), "全科医生转岗培训及基层卫生人才培养")
    levels = {s.indicator.level1 for s in p.indicators}
    assert "满意度指标" not in levels
    assert "WEIGHTS_ADJUSTED" not in codes(p)  # 产出 60 + 效益 30 is the default when satisfaction is absent
    assert p.rate_shown == D("100.00")
    # 20 + 15 + 15 + 10 + 15 + 12.5 = 87.5；+ 10 = 97.50
    assert p.score == D("97.50")


def test_health_no_explanation_warning_outside_family_doctor():
    unit = score(HEALTH)
    flagged = [p.project.name for p in unit.projects if "EXPLANATION_MISSING" in codes(p)]
    assert flagged == ["家庭医生签约服务经费"]
    assert project(unit, "严重精神障碍患者救治救助").score == D("99.60")  # 90 + 10 × 0.960063 → 9.60


# --- 沱江市安宁区农业农村局 2023（sichuan，万元）---------------------------------------------------------


def test_agri_sichuan_totals():
    unit = score(AGRI)
    assert unit.ruleset.id == "sichuan"
    assert unit.ruleset.execution.points == 10
    for p in unit.projects:
        assert sum((ind.points for ind in p.project.indicators), D(0)) == 90
        assert "WEIGHTS_ADJUSTED" not in codes(p)  # 四川式 has no first-level default split
    # 3579.4880 + 1236.4576 + 86.2350 = 4902.1806；2997.5050 + 1236.4576 + 84.9126 = 4318.8752
    assert unit.budget == D("4902.1806")
    assert unit.executed == D("4318.8752")
    assert unit.rate_shown == D("88.10")  # 4318.8752 ÷ 4902.1806 = 88.1009…%
    assert unit.budget_initial == D("4172.6926")  # 2850 + 1236.4576 + 86.2350
    assert unit.grade_counts == {"优": 3, "良": 0, "中": 0, "差": 0}
    assert unit.mean_score == D("97.73")  # (96.79 + 98.50 + 97.91) ÷ 3 = 97.7333…


def test_agri_farmland_low_execution_and_over_achievement():
    p = project(score(AGRI), "2023年高标准农田建设项目")
    rows = p.project.sources.rows()
    assert sum((r.budget for r in rows.values()), D(0)) == D("3579.4880")
    assert sum((r.executed for r in rows.values()), D(0)) == D("2997.5050")
    assert sum((r.budget_initial for r in rows.values()), D(0)) == p.project.budget_initial == D("2850")
    assert "SOURCES_MISMATCH" not in codes(p)
    # 2997.5050 ÷ 3579.4880 = 83.7412…% → 8.37
    assert p.rate_shown == D("83.74")
    assert p.rate_score == D("8.37")
    assert indicator(p, "新建改造灌排渠道长度").score == D("9.42")  # 10 × 43.8 ÷ 46.5 = 9.419…
    over = indicator(p, "新增高效节水灌溉面积")
    assert over.over_achieved and over.completion == 140 and over.score == 10  # 0.42 ÷ 0.3
    # 20 + 9.42 + 10 + 10 + 10 + 10 + 9 + 10 = 88.42；+ 8.37 = 96.79
    assert p.score == D("96.79")
    assert p.grade == "优"
    assert p.project.deviation_cause and p.project.improvement
    assert "EXPLANATION_MISSING" not in codes(p)


def test_agri_vaccine_loss_negative_ratio():
    unit = score(AGRI)
    p = project(unit, "重大动物疫病强制免疫")
    assert indicator(p, "疫苗损耗率").score == D("8.06")  # 10 × 5 ÷ 6.2 = 8.0645…
    assert p.rate_score == D("9.85")  # 84.9126 ÷ 86.235 = 98.4665…%
    # 25 + 20 + 8.06 + 20 + 15 = 88.06；+ 9.85 = 97.91
    assert p.score == D("97.91")
    assert "EXPLANATION_MISSING" not in codes(p)  # the only deviation is explained on its indicator row
    assert project(unit, "耕地地力保护补贴").score == D("98.50")  # 25+15+10+10+10+8.5+10 = 88.5；+ 10


# --- 思源县林业和草原局 2024（yunnan，万元）------------------------------------------------------------


def test_forest_yunnan_symbols_are_normalised():
    unit = score(FOREST)
    p = project(unit, "森林草原防灭火专项经费")
    assert indicator(p, "半专业扑火队伍人数").indicator.kind == "≥"  # ≧
    assert indicator(p, "森林火灾受害率").indicator.kind == "≤"  # ≦
    assert indicator(p, "县级防火物资储备库建设数量").indicator.kind == "="  # ═


def test_forest_fire_prevention():
    p = project(score(FOREST), "森林草原防灭火专项经费")
    # 191.0468 ÷ 193.278 = 98.8456…% → 9.88
    assert p.rate_shown == D("98.85")
    assert p.rate_score == D("9.88")
    late = indicator(p, "火情处置平均到场时间")
    assert late.score == D("8.82")  # ≦, ratio: 10 × 30 ÷ 34 = 8.8235…
    assert "SCORE_DIFFERS" not in codes(p)  # the officer wrote 9: agrees at integer precision
    assert indicator(p, "重特大森林火灾及人员伤亡").score == 15  # qualitative, 100% of points: top tier
    # 15 + 10 + 10 + 8.82 + 5 + 15 + 15 + 10 = 88.82；+ 9.88 = 98.70
    assert p.score == D("98.70")
    assert "EXPLANATION_MISSING" not in codes(p)


def test_forest_rangers():
    p = project(score(FOREST), "生态护林员补助")
    # 607.8333 ÷ 615 = 98.8346…% → 9.88; unspent 7.1667 = 86 person-months × 10000 ÷ 12 元 ≈ 71666.67 元
    assert p.rate_score == D("9.88")
    assert p.project.budget - p.project.executed == D("7.1667")
    assert indicator(p, "巡护轨迹上传率").score == D("9.71")  # 10 × 87.4 ÷ 90 = 9.7111…
    qual = indicator(p, "管护责任区森林资源保护成效")
    assert (qual.score, qual.tier, qual.missed) == (D("11"), "部分达成并具有一定效果", True)
    # 20 + 10 + 9.71 + 10 + 15 + 11 + 10 = 85.71；+ 9.88 = 95.59
    assert p.score == D("95.59")
    assert "SCORE_DIFFERS" not in codes(p)
    assert "EXPLANATION_MISSING" not in codes(p)


def test_forest_withdrawn_project_budget_zero():
    unit = score(FOREST)
    p = project(unit, "森林抚育补助（资金收回）")
    assert (p.project.budget_initial, p.project.budget, p.project.executed) == (D("42.68"), 0, 0)
    assert p.rate is None and p.rate_shown is None
    assert p.rate_score == 10  # zero_budget: full
    assert [f.severity for f in p.flags if f.code == "BUDGET_ZERO"] == ["info"]
    assert p.deviations == []
    # 30 + 30 + 15 + 12 = 87；+ 10 = 97
    assert p.score == D("97.00")
    # 193.278 + 615 + 0 = 808.278；191.0468 + 607.8333 = 798.8801；÷ = 98.8379…%
    assert unit.budget == D("808.278")
    assert unit.executed == D("798.8801")
    assert unit.rate_shown == D("98.84")
    assert unit.budget_initial == D("844.18")  # 186.5 + 615 + 42.68
    assert unit.mean_score == D("97.10")  # (98.70 + 95.59 + 97.00) ÷ 3 = 97.0966…


# --- 桂花街道办事处 2024（exec20，万元）---------------------------------------------------------------


def test_street_exec20_alley_renovation():
    unit = score(STREET)
    assert unit.ruleset.execution.points == 20
    p = project(unit, "背街小巷环境综合整治")
    # 151.7745 ÷ 168 = 90.3420…% → 20 × 0.903420 = 18.07
    assert p.rate_shown == D("90.34")
    assert p.rate_score == D("18.07")
    # ≤, linear: 15 × (1 − (138 − 120) ÷ 120) = 15 × 0.85 = 12.75
    assert indicator(p, "12345热线市容环境类投诉件数").score == D("12.75")
    qual = indicator(p, "整治后长效管护机制")
    assert (qual.score, qual.tier) == (D("8.25"), "部分达成并具有一定效果")  # 55%, exec20 band [50, 80)
    assert "QUAL_SCORE_OUT_OF_BAND" not in codes(p)
    # 15 + 10 + 5 + 10 + 12.75 + 8.25 + 10 = 71；+ 18.07 = 89.07
    assert p.score == D("89.07")
    assert p.grade == "良"
    assert "EXPLANATION_MISSING" not in codes(p)


def test_street_qualitative_band_depends_on_rule_set():
    """8.25/15 = 55% is 部分达成 under exec20 but below the national 60% floor of that tier."""
    case = load_case(EVAL_DATA / STREET / "data.yaml")
    national = score_case(case, load_ruleset("national_2020"))
    p = project(national, "背街小巷环境综合整治")
    assert "QUAL_SCORE_OUT_OF_BAND" in codes(p, "error")


def test_street_sewer_project_low_execution():
    unit = score(STREET)
    p = project(unit, "老旧小区雨污分流改造")
    assert (p.project.budget_initial, p.project.budget) == (D("230"), D("212.5"))
    # 129.625 ÷ 212.5 = 61% exactly → 20 × 0.61 = 12.20
    assert p.rate_shown == D("61.00")
    assert p.rate_score == D("12.20")
    assert indicator(p, "完成改造小区数").score == D("9.00")  # 15 × 3 ÷ 5
    assert indicator(p, "改造雨污管网长度").score == D("6.26")  # 10 × 4.26 ÷ 6.8 = 6.2647…
    assert indicator(p, "按期完工率").score == D("3.00")  # 5 × 60 ÷ 100
    assert indicator(p, "消除雨污混流点").score == D("10.13")  # 15 × 27 ÷ 40 = 10.125, half up
    assert indicator(p, "改造小区居民满意度").score == D("9.60")  # 10 × 86.4 ÷ 90
    # 9 + 6.26 + 10 + 3 + 10.13 + 10.5 + 9.60 = 58.49；+ 12.20 = 70.69
    assert p.score == D("70.69")
    assert p.grade == "中"
    assert codes(p).count("INDICATOR_MISSED") == 6
    assert "EXPLANATION_MISSING" not in codes(p)


def test_street_totals_and_over_achievement():
    unit = score(STREET)
    p = project(unit, "生活垃圾分类及清洁家园行动")
    over = indicator(p, "入户宣传指导户次")
    assert over.over_achieved and over.completion == 140  # 5600 ÷ 4000
    assert p.score == D("98.00")  # 15 + 10 + 10 + 5 + 15 + 13 + 10 = 78；+ 20
    # 168 + 48.673 + 212.5 = 429.173；151.7745 + 48.673 + 129.625 = 330.0725；÷ = 76.9091…%
    assert unit.budget == D("429.173")
    assert unit.executed == D("330.0725")
    assert unit.rate_shown == D("76.91")
    assert unit.grade_counts == {"优": 1, "良": 1, "中": 1, "差": 0}
    assert unit.mean_score == D("85.92")  # (89.07 + 98.00 + 70.69) ÷ 3 = 85.92
