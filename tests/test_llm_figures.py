"""Checking a model's figures through their slots: every example of issue 16, as a table of sentences.

Each row is a section answer (slot text, as the model wrote it) for the seed case or 卫健 case, with the issue
codes the validator must report (or none) and, where a literal number is turned into a slot, the filled text.
Messages are checked for what they promise: true, complete, and saying what to write instead.
"""

from __future__ import annotations

import pytest

from assistant.drafting.keys import suggest_key
from assistant.drafting.slots import FigureReview
from assistant.drafting.validate import SectionValidator
from assistant.facts import build_facts
from assistant.io import load_case
from assistant.scoring import UnitScore, score_case
from tests.conftest import EVAL_DATA, SEED_CASE
from tests.llm_personas import validator_for

WEIJIAN = EVAL_DATA / "weijian_anlan_2022" / "data.yaml"
JIAOYU = EVAL_DATA / "jiaoyu_qingjiang_2023" / "data.yaml"
LINCAO = EVAL_DATA / "lincao_siyuan_yunnan_2024" / "data.yaml"


@pytest.fixture(scope="module")
def seed() -> UnitScore:
    return score_case(load_case(SEED_CASE))


@pytest.fixture(scope="module")
def weijian() -> UnitScore:
    return score_case(load_case(WEIJIAN))


@pytest.fixture(scope="module")
def jiaoyu() -> UnitScore:
    return score_case(load_case(JIAOYU))


def validator(unit: UnitScore, section_id: str) -> SectionValidator:
    """A validator with the audit on, as the drafter builds it, under the outline the issue's answers were
    written for (its 四 and 五 had no 实际完成情况 markers to keep)."""
    return validator_for(unit, section_id)


def review(unit: UnitScore, text: str):
    return FigureReview(build_facts(unit)).review([text])


# --- figures that are right, however they are written ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "filled"),
    [
        # true literal counts and the threshold become slots (total.full_rate, total.needing, the rule)
        (
            "其中，12个项目全年执行数与全年预算数一致，1个项目预算执行率低于90%。",
            "其中，{{total.full_rate}}个项目全年执行数与全年预算数一致，{{total.needing}}个项目预算执行率低于"
            "{{rules.explain_rate_below}}%。",
        ),
        # a literal equal to exactly one fact of the right kind for the sentence's project
        (
            "{{p5.label}}全年预算数15.0816万元，全年执行数15.0816万元，预算执行率100%。",
            "{{p5.label}}全年预算数{{p5.budget}}万元，全年执行数{{p5.executed}}万元，预算执行率{{p5.rate}}%。",
        ),
        # 百分之百 is 100 %
        ("{{p5.label}}预算执行率达到百分之百。", "{{p5.label}}预算执行率达到{{p5.rate}}。"),
        # the project's own goal quoted with its numbers: accepted as it is
        (
            "{{p14.label}}年度总体目标为春节前区领导走访115名离任村党组织书记、主任，每人1000元。",
            "{{p14.label}}年度总体目标为春节前区领导走访115名离任村党组织书记、主任，每人1000元。",
        ),
        # the name written out, with correct quotes where the data has “七一“
        (
            "“七一”表彰经费及大组工网维护费项目全年预算数5.6万元。",
            "“七一”表彰经费及大组工网维护费项目全年预算数{{p8.budget}}万元。",
        ),
    ],
)
def test_right_figures_are_accepted_or_become_slots(seed: UnitScore, text: str, filled: str) -> None:
    result = review(seed, text)
    assert result.issues == []
    assert result.paragraphs == [filled]


@pytest.mark.parametrize(
    "text",
    [
        # counting words inside names and ordinary words are not figures
        "{{p13.label}}（三名工作室）全年预算数{{p13.budget}}{{unit.money_unit}}。",
        "这一项目的剩余资金需待项目验收合格后支付。上述两个项目的偏离原因见第五部分。",
        "{{p5.label}}（8人赴江苏省常州市钟楼区学习）全年执行数{{p5.executed}}{{unit.money_unit}}。",
        # "A、B…的全年预算数分别为x、y…": each figure belongs to its own project, in order
        "{{p12.label}}和{{p13.label}}的全年预算数分别为{{p12.budget}}{{unit.money_unit}}和"
        "{{p13.budget}}{{unit.money_unit}}。",
        # a value shared by a group, written with the first project's slot
        "{{p1.label}}、{{p2.label}}和{{p4.label}}预算执行率均为{{p1.rate}}%，自评得分均为{{p1.score}}分。",
        "除{{p3.label}}和{{p11.label}}外，其余项目自评得分均为{{p1.score}}分。",
        "2022年，{{unit.self}}共实施项目{{total.projects}}个。",
    ],
)
def test_true_prose_has_no_figure_issue(seed: UnitScore, text: str) -> None:
    assert review(seed, text).issues == []


# --- figures that are wrong: each message says what to write ---------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "says"),
    [
        (
            "{{p3.label}}全年执行数{{p3.budget}}{{unit.money_unit}}。",
            "wrong_slot",
            "应为 {{p3.executed}}（18.6932）",
        ),
        ("{{p11.label}}未执行资金{{p11.unspent_rate}}{{unit.money_unit}}。", "wrong_slot", "不是金额"),
        ("{{p12.label}}和{{p13.label}}的全年预算数分别为{{p13.budget}}和{{p12.budget}}。", "wrong_slot", ""),
        ("{{p3.label}}、{{p5.label}}预算执行率均为{{p5.rate}}%。", "wrong_slot", "{{p3.rate}}（30.00）"),
        ("{{p3.label}}预算执行率{{p11.rate}}%。", "wrong_slot", "另一个项目的占位符"),
        ("{{p3.label}}预算执行率35%。", "wrong_number", "应为 {{p3.rate}}（30.00）"),
        ("全年执行数合计244.29万元。", "wrong_number", "应为 {{total.executed}}（244.2092）"),
        (
            "{{p4.label}}春节期间走访慰问各类人才30余人。",
            "literal_number",
            "不是所述项目的事实",
        ),  # 30: p3's rate
        (
            "{{p4.label}}春节期间走访慰问各类人才37人。",
            "literal_number",
            "在事实表和所述项目的填报文字中都没有",
        ),
        (
            "{{p3.label}}未执行资金{{p3.unspent_amount}}{{unit.money_unit}}。",
            "unknown_slot",
            "{{p3.unspent}}",
        ),
    ],
)
def test_wrong_figures_are_reported_with_the_fix(seed: UnitScore, text: str, code: str, says: str) -> None:
    issues = review(seed, text).issues
    assert {i.code for i in issues} == {code}, issues
    assert says in issues[0].message
    assert "事实表中没有这个数" not in issues[0].message


def test_feedback_never_calls_a_fact_missing_nor_hints_an_index(seed: UnitScore) -> None:
    # "8" is p8's index: never a hint. 100 is in the facts (rates, scores): never "not in the facts".
    issues = review(seed, "{{p8.label}}第8届活动预算执行率100%，得分100分，另有8个工作室。").issues
    text = " ".join(i.message for i in issues)
    assert ".index" not in text
    assert "事实表和所述项目的填报文字中都没有「100" not in text


def test_an_unknown_key_is_reported_with_every_other_problem_at_once(seed: UnitScore) -> None:
    v = validator(seed, "completion")
    answer = (
        "{{p3.label}}全年预算数{{p3.budget}}{{unit.money_unit}}，全年执行数{{p3.budget}}{{unit.money_unit}}，"
        "未执行资金{{p3.unspent_amount}}{{unit.money_unit}}。执行率偏低，主要原因是档案数字化加工工作量大。"
    )
    codes = [i.code for i in v.check(answer).issues]
    assert {"unknown_slot", "wrong_slot", "coverage", "unsupported"} <= set(codes)


def test_unknown_keys_get_the_key_they_mean(seed: UnitScore, weijian: UnitScore) -> None:
    facts = build_facts(seed)
    assert "{{p13.name}}" in suggest_key(facts, "p13.title")
    assert "【待补充：偏差原因】" in suggest_key(facts, "p3.cause")  # not filed: the marker, never a key
    assert "{{p11.cause}}" not in suggest_key(facts, "p3.cause")
    assert "{{p3.unspent}}" in suggest_key(facts, "p3.unspent_amount")
    assert "{{p14.goal}}" in suggest_key(facts, "p14.persons")  # no such fact: what the project has
    other = build_facts(weijian)
    assert "{{p2.i5.tier}}" in suggest_key(other, "p2.i5.level")
    assert "{{p4.background}}" in suggest_key(other, "p4.bg")
    assert "{{p3.goal}}" in suggest_key(other, "p3.goals")
    assert "没有给出这项数据" in suggest_key(other, "p2.i5.completion")  # a ≤ indicator has no 完成率


def test_quoted_filed_numbers_pass_but_an_officer_note_cannot_set_a_figure(weijian: UnitScore) -> None:
    quoted = "{{p2.label}}实际完成情况：组建家庭医生团队186个，重点人群签约覆盖率71.6%。"
    assert review(weijian, quoted).issues == []
    claimed = review(weijian, "{{p2.label}}预算执行率71.6%。").issues
    assert [i.code for i in claimed] == ["wrong_number"] and "{{p2.rate}}（76.43）" in claimed[0].message


# --- the whole validator on the issue's sentences ----------------------------------------------------


def test_the_issues_strong_sentences_pass_the_validator(seed: UnitScore) -> None:
    v = validator(seed, "completion")
    paragraphs = [
        "{{unit.year}}年，{{unit.self}}共实施项目{{total.projects}}个，{{grade_count.优}}个项目自评等级均为“优”。"
        "其中，12个项目全年执行数与全年预算数一致，1个项目预算执行率低于90%。",
    ]
    for ps in seed.projects:
        p = f"p{ps.index}"
        paragraphs.append(
            f"{{{{{p}.label}}}}全年预算数{{{{{p}.budget}}}}{{{{unit.money_unit}}}}，"
            f"全年执行数{{{{{p}.executed}}}}{{{{unit.money_unit}}}}，预算执行率{{{{{p}.rate}}}}%，"
            f"自评得分{{{{{p}.score}}}}分，等级为“{{{{{p}.grade}}}}”。"
        )
    paragraphs.append("上述两个项目偏离绩效目标的原因和改进措施见第五部分。")
    candidate = v.check("\n\n".join(paragraphs))
    assert candidate.ok, candidate.issues
    assert "其中，12个项目全年执行数与全年预算数一致，1个项目预算执行率低于90%。" in candidate.paragraphs[0]


@pytest.mark.parametrize(
    ("section", "sentence", "marker"),
    [
        ("completion", "{{p3.label}}执行率偏低，主要原因是档案数字化加工工作量大、验收周期长。", "偏差原因"),
        (
            "deviations",
            "{{p3.label}}偏差原因：【待补充：偏差原因】。改进措施：【待补充：改进措施】下一步，"
            "我部将督促服务单位加快实施进度。",
            "改进措施",
        ),
        ("completion", "{{p5.label}}已按计划完成跟班学习任务。", "实际完成情况"),
        ("completion", "{{p14.label}}走访慰问工作已于春节前完成。", "实际完成情况"),
        ("goals", "{{p3.label}}年度总体目标为实现档案管理信息化。", "绩效目标"),
    ],
)
def test_invented_facts_are_refused_with_the_marker(
    seed: UnitScore, section: str, sentence: str, marker: str
) -> None:
    issues = validator(seed, section).check(sentence).issues
    refusals = [i.message for i in issues if i.code == "unsupported"]
    assert any(f"【待补充：{marker}】" in m for m in refusals), issues


def test_a_blanket_claim_beside_a_missed_project_is_refused(seed: UnitScore) -> None:
    v = validator(seed, "completion")
    issues = v.check("总体来看，各项目均较好地完成了年度绩效目标。").issues
    refusals = [i.message for i in issues if i.code == "unsupported"]
    assert refusals and "干部人事档案数字化建设" in refusals[0]


def test_an_invention_appended_to_filed_text_is_refused(jiaoyu: UnitScore) -> None:
    v = validator(jiaoyu, "deviations")
    issues = v.check("{{p2.label}}改进措施：{{p2.measure}}，同时建立校舍维修项目月调度、季通报制度。").issues
    refusals = [i.message for i in issues if i.code == "unsupported"]
    assert refusals and "月调度" in refusals[0]
    quoted = v.check("{{p2.label}}改进措施：{{p2.measure}}。").issues
    assert not [i for i in quoted if i.code == "unsupported"]


def test_a_figure_after_an_indicators_name_is_that_indicators(weijian: UnitScore) -> None:
    """ "重点人群签约覆盖率达到80%" (target 75): said of the named indicator, even shortened; never turned into an
    unrelated fact that happens to equal it (80 is also 良's lower bound)."""
    wrong = review(weijian, "{{p2.label}}：组建家庭医生团队186个，重点人群签约覆盖率达到80%以上。")
    assert "rules." not in wrong.paragraphs[0]
    assert [i.code for i in wrong.issues] == ["wrong_number"]
    assert (
        "{{p2.i1.target}}（75）" in wrong.issues[0].message
        and "{{p2.i1.actual}}（71.6）" in wrong.issues[0].message
    )
    right = review(weijian, "{{p2.label}}重点人群家庭医生签约覆盖率达到71.6%，签约居民履约服务率达到92%。")
    assert [i.code for i in right.issues] == [
        "wrong_number"
    ]  # 71.6 is right (the outcome says so); 92 is not
    assert "92%" in right.issues[0].message and "{{p2.i3.actual}}（90.4）" in right.issues[0].message


def test_numbers_in_the_filed_outcome_are_not_the_goals_indicator(weijian: UnitScore) -> None:
    """The goal names 每万常住人口全科医生数; the outcome quoted after it ("实际完成情况为完成…45人") speaks in its own
    words: 45人 is not that indicator's value, and a count is never a "%" indicator's."""
    v = validator(weijian, "completion")
    text = (
        "{{p4.label}}年度总体目标为{{p4.goal}}，实际完成情况为完成全科医生转岗培训45人、乡村医生岗位培训318人。"
        "\n\n{{p2.label}}实际完成情况：{{p2.outcome}}。\n\n{{p1.label}}预算执行率{{p1.rate}}%。\n\n{{p3.label}}预算执行率{{p3.rate}}%。"
    )
    audit = [i.message for i in v.check(text).issues if i.code == "audit"]
    assert audit == []


# --- a slot against the officer's own words about the same noun ----------------------------------------


@pytest.fixture(scope="module")
def lincao() -> UnitScore:
    return score_case(load_case(LINCAO))


@pytest.mark.parametrize(
    "text",
    [
        # an indicator's value where the unit's background states the noun with its own number
        "{{unit.name}}所辖全县林地面积{{p2.i2.actual}}万亩，是重点林区县。",
        "截至年底，本县森林覆盖率{{p1.i6.target}}%。",
    ],
)
def test_a_slot_that_contradicts_the_filed_text_is_a_wrong_field(lincao: UnitScore, text: str) -> None:
    issues = review(lincao, text).issues
    assert [i.code for i in issues] == ["wrong_slot"], issues
    assert "填报文字" in issues[0].message


@pytest.mark.parametrize(
    "text",
    [
        "截至年底，本县森林覆盖率{{p1.i6.actual}}%。",  # the same number as the background's
        "{{p1.label}}的年度目标为森林覆盖率{{p1.i6.target}}%。",  # a goal, not the present value
        "森林覆盖率{{p1.i6.target}}%以上。",  # a bound
    ],
)
def test_a_slot_agreeing_with_the_filed_text_or_stating_a_goal_passes(lincao: UnitScore, text: str) -> None:
    assert [i for i in review(lincao, text).issues if i.code == "wrong_slot"] == []


def test_a_result_slot_in_the_goals_section_is_a_wrong_field(lincao: UnitScore) -> None:
    """A goal states the 年度指标值 and 分值: an indicator's achieved value or score there renders a true number
    under the wrong name, which neither the audit nor the 口径 words can tell apart."""
    goals = validator(lincao, "goals")
    wrong = goals.check("{{p2.label}}设“{{p2.i3.name}}”指标，{{p2.i3.actual}}%（{{p2.i3.score}}分）。")
    messages = [i.message for i in wrong.issues if i.code == "wrong_slot"]
    assert any("{{p2.i3.actual}}" in m and "{{p2.i3.target}}" in m for m in messages), wrong.issues
    assert any("{{p2.i3.score}}" in m and "{{p2.i3.points}}" in m for m in messages), wrong.issues
    said = goals.check("{{p2.label}}“{{p2.i3.name}}”年度指标值{{p2.i3.target}}%，实际完成{{p2.i3.actual}}%。")
    assert [i for i in said.issues if i.code == "wrong_slot"] == []


def test_a_sentence_with_an_unknown_slot_is_reported_once(lincao: UnitScore) -> None:
    """An unknown key renders as nothing ("共设置绩效指标个"); the audit must not then call the gap an invented
    goal: the unknown-slot issue already says what to write."""
    goals = validator(lincao, "goals")
    checked = goals.check(
        "{{p3.label}}年度总体目标为{{p3.goal}}，共设置绩效指标{{p3.indicator_total}}个，"
        "其中{{p3.i1.name}}{{p3.i1.target}}{{p3.i1.unit}}（{{p3.i1.points}}分）。"
    )
    codes = [i.code for i in checked.issues]
    assert "unknown_slot" in codes and "unsupported" not in codes, checked.issues
