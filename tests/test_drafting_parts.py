"""What each part of the reference outline says, on the seed, the 万元 and 元 cases and synthetic edge cases.

One group of tests per part: 一 概况/目标/资金, 二 自评组织/方法, 三 结论, 四 完成情况/项目管理, 五 问题/偏差原因,
六 应用和公开, 七 其他, 附件说明和落款, 附件 (汇总表 and the per-project 自评表). Expected sentences are written
out from the case files, not copied from the drafter.
"""

from __future__ import annotations

import pytest
import yaml

from assistant.drafting import Report, draft_template
from assistant.drafting.template import CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER, NO_DEVIATION_REST
from assistant.placeholders import field_of, find_markers
from assistant.scoring import UnitScore
from tests.conftest import EVAL_DATA, SEED_CASE
from tests.drafting_helpers import no_deviation_case, prose, score, single_case

EDU = EVAL_DATA / "jiaoyu_qingjiang_2023" / "data.yaml"
HEALTH = EVAL_DATA / "weijian_anlan_2022" / "data.yaml"
STREET = EVAL_DATA / "jiedao_guihua_exec20_2024" / "data.yaml"


@pytest.fixture(scope="module")
def seed() -> Report:
    return draft_template(score(SEED_CASE))


@pytest.fixture(scope="module")
def edu() -> Report:
    return draft_template(score(EDU))


@pytest.fixture(scope="module")
def health_unit() -> UnitScore:
    return score(HEALTH)


@pytest.fixture(scope="module")
def health(health_unit: UnitScore) -> Report:
    return draft_template(health_unit)


# --- 一、基本情况 -------------------------------------------------------------------------------------


def test_overview_lists_the_projects_once_with_their_background(edu: Report):
    text = prose(edu, "background")
    assert text.startswith("清江县教育体育局是县政府工作部门")
    assert (
        "2023年，我局纳入绩效自评范围的项目支出共3个：义务教育阶段家庭经济困难学生生活补助、中小学校舍维修改造、"
        "学前教育教师培训及保教质量提升（年中追加）。" in text
    )
    assert "中小学校舍维修改造项目：全县部分农村学校校舍建成于上世纪九十年代" in text
    assert "具体实施" not in text  # 实施单位 is told once, under 组织实施


def test_overview_quotes_names_that_contain_a_list_mark(seed: Report):
    text = prose(seed, "background")
    assert "“2022年度下派选调生到村工作中央、省、市财政补助”、“" in text
    assert "“第八届‘新余人才日’活动经费”" in text  # its own quotes turned single inside the list's


def test_goals_give_each_project_without_a_goal_its_own_marker(seed: Report):
    text = prose(seed, "goals")
    assert "党代表活动经费项目的年度总体目标为：每年组织党代表进行培训，提高党员履职能力。" in text
    missing = [line for line in text.split("\n") if "【待补充：" in line]
    filed = yaml.safe_load(SEED_CASE.read_text(encoding="utf-8"))["项目"]
    without = [p["项目名称"] for p in filed if not p.get("年度总体目标")]
    assert len(without) == 10  # 14 projects, 4 of them filed a goal
    # one sentence and one marker per project, reading as finished once the goal takes the marker's place
    assert missing == [f"{name}项目的年度总体目标为：【待补充：年度总体目标】。" for name in without]
    assert "以下项目尚未填报" not in text and "逐个项目" not in text


def test_the_interview_and_the_audit_read_each_project_goal_marker(seed: Report):
    from assistant.audit import audit_text
    from assistant.render.markdown import render_markdown
    from assistant.workspace.interview import _marker_gaps

    unit = score(SEED_CASE)
    markdown = render_markdown(seed)
    asked = {g.project_name for g in _marker_gaps(unit.case, markdown, set()) if g.field == "年度总体目标"}
    assert asked == {ps.project.name for ps in unit.projects if not ps.project.goal}
    left = [f for f in audit_text(markdown, unit).findings if f.code == "PLACEHOLDER_LEFT"]
    # ten markers, one warning naming the ten projects (not ten alike)
    [goals] = [f for f in left if "年度总体目标" in f.message]
    assert goals.message.startswith("报告尚未完成：10 个项目（「2021年度非公有制经济组织")
    assert goals.message.endswith("」）待补充：年度总体目标")
    assert all(f"「{ps.project.name}」" in goals.message for ps in unit.projects if not ps.project.goal)
    assert goals.line == markdown[: markdown.index("【待补充：年度总体目标】")].count("\n") + 1


def test_funds_counts_the_fully_executed_and_details_the_rest(seed: Report):
    text = prose(seed, "funds")
    assert (
        "2022年，我部纳入自评的14个项目年初预算数和全年预算数合计均为289.9965万元（年内未作调整）。" in text
    )
    # no project filed its sources: one sentence and marker each, what to write said in the first
    assert (
        "2021年度非公有制经济组织与社会组织党建市级经费项目的资金来源为："
        "【待补充：资金来源（当年财政拨款、上年结转资金和其他资金金额）】。\n"
        "2021年度基层党建市级经费项目的资金来源为：【待补充：资金来源】。" in text
    )
    assert text.count("【待补充：资金来源") == 14
    assert (
        "全年执行数合计244.2092万元，预算执行率84.21%，未执行资金合计45.7873万元。其中12个项目全年执行数与全年预算数一致；"
        "干部人事档案数字化建设项目全年预算数62.3205万元，全年执行数18.6932万元，预算执行率30.00%，未执行资金43.6273万元，占全年预算数的70.00%；"
        "基层党建信息化平台建设经费项目全年预算数59.2000万元，全年执行数57.0400万元，预算执行率96.35%，未执行资金2.1600万元。"
        in text
    )
    use = (
        prose(seed, "funds_use") if any(s.id == "funds_use" for s in seed.sections) else text.split("\n")[-1]
    )
    assert "党代表活动经费" not in use  # fully executed: counted, not listed


def test_funds_by_source_adjustment_and_year_added(edu: Report):
    text = prose(edu, "funds")
    assert "年初预算数合计824.7500万元，经年中调整，全年预算数合计901.4630万元。" in text
    assert (
        "义务教育阶段家庭经济困难学生生活补助项目年初预算数468.7500万元，年中调整为全年预算数498.6380万元"
        "（其中当年财政拨款468.7500万元、上年结转资金23.8880万元、其他资金6.0000万元），全年执行数491.3000万元"
        "（其中当年财政拨款463.1125万元、上年结转资金22.1875万元、其他资金6.0000万元），预算执行率98.53%"
        in text
    )
    assert (
        "学前教育教师培训及保教质量提升（年中追加）项目年初未安排预算，年中追加后全年预算数46.8250万元"
        in text
    )
    assert "中小学校舍维修改造项目全年预算数356.0000万元" in text  # one precision: 356 shown as 356.0000
    # 资金来源 marked for each project that has none, never silently dropped; one marker per project
    assert (
        "中小学校舍维修改造项目的资金来源为：【待补充：资金来源（当年财政拨款、上年结转资金和其他资金金额）】。\n"
        "学前教育教师培训及保教质量提升（年中追加）项目的资金来源为：【待补充：资金来源】。" in text
    )


def test_money_all_from_one_source_is_said_once_for_the_unit():
    """The interview's answer "全部是当年财政拨款" fills every project's split with one row: one sentence for
    the unit, not fourteen splits that repeat the budgets; only a project with something to tell is detailed."""
    data = yaml.safe_load(SEED_CASE.read_text(encoding="utf-8"))
    for project in data["项目"]:
        project["资金来源"] = {
            "当年财政拨款": {"全年预算数": project["全年预算数"], "全年执行数": project["全年执行数"]}
        }
    data["项目"][0]["资金来源"] = {
        "当年财政拨款": {"全年预算数": "1.5", "全年执行数": "1.5"},
        "上年结转资金": {"全年预算数": "0.42", "全年执行数": "0.42"},
    }
    text = prose(draft_template(score(data)), "funds")
    assert "【待补充：资金来源" not in text
    assert "2021年度基层党建市级经费" in text.split("\n")[1]  # the one-source projects, named once
    assert text.split("\n")[1].endswith("项目资金均为当年财政拨款。")
    assert "（其中当年财政拨款20.0000万元）" not in text and text.count("其中当年财政拨款") == 1
    assert (
        "2021年度非公有制经济组织与社会组织党建市级经费项目全年预算数1.9200万元（其中当年财政拨款1.5000万元"
        in text
    )


def test_funds_in_yuan_with_separators(health: Report):
    text = prose(health, "funds")
    assert "年初预算数合计41,989,405.50元，经年中调整，全年预算数合计43,394,155.50元。" in text
    assert (
        "家庭医生签约服务经费项目全年预算数4,860,000.00元，全年执行数3,714,528.00元，预算执行率76.43%" in text
    )
    assert "43394155.5" not in text and "598316.4元" not in text


# --- 二、绩效自评工作情况 ------------------------------------------------------------------------------


def test_organisation_asks_for_notice_and_team_with_implementers_as_hint(edu: Report):
    lead = prose(edu, "process").split("\n")[0]
    assert lead == (
        "根据【待补充：评价依据（开展本次自评所依据的通知名称和文号）】要求，我局对2023年度3个项目开展绩效自评。"
        "【待补充：评价组织（牵头科室、参与科室和项目实施单位，如清江县学生资助管理中心、"
        "清江县教育体育局计划财务股、清江县教师发展中心）】。"
    )
    # each mark's topic is a field the interview asks for and fills
    assert [field_of(m.label) for m in find_markers(lead)] == [("unit", "评价依据"), ("unit", "评价组织")]


def test_the_officers_own_facts_replace_their_markers():
    """评价依据, 评价组织, 存在问题, 结果应用, 公开情况, 其他说明 as the officer gave them (case file or interview)."""
    data = yaml.safe_load((EVAL_DATA / "jiaoyu_qingjiang_2023" / "data.yaml").read_text(encoding="utf-8"))
    given = {
        "评价依据": "《清江县财政局关于开展2023年度项目支出绩效自评工作的通知》（清财绩〔2024〕3号）",
        "评价组织": "本次自评由计划财务股牵头，基础教育股和各项目实施单位配合，成立绩效自评工作组",
        "存在问题": "部分学校项目档案整理不够规范",
        "结果应用": "自评结果作为2025年预算安排的重要依据",
        "公开情况": "自评报告随2023年度部门决算在县政府门户网站公开",
        "其他说明": "无",
    }
    report = draft_template(score(dict(data, **given)))
    assert prose(report, "process").split("\n")[0] == (
        "根据《清江县财政局关于开展2023年度项目支出绩效自评工作的通知》（清财绩〔2024〕3号）要求，"
        "我局对2023年度3个项目开展绩效自评。本次自评由计划财务股牵头，基础教育股和各项目实施单位配合，成立绩效自评工作组。"
    )
    assert prose(report, "problems").endswith("部分学校项目档案整理不够规范。")
    assert prose(report, "application") == (
        "自评结果作为2025年预算安排的重要依据。\n自评报告随2023年度部门决算在县政府门户网站公开。"
    )
    assert prose(report, "other").endswith("无。")
    for sid in ("process", "problems", "application", "other"):
        assert not any(field_of(m.label) for m in find_markers(prose(report, sid))), sid


def test_method_states_the_rounding_policy(edu: Report, health: Report, seed: Report):
    policy = "项目总分为各项得分保留两位小数后相加之和"
    assert policy in prose(edu, "method") and "金额以万元为单位，保留四位小数。" in prose(edu, "method")
    assert "金额以元为单位，保留两位小数。" in prose(health, "method")
    seed_method = prose(seed, "method")
    assert "未分项填报绩效指标的项目，以项目支出绩效自评表中填报的自评得分为准。" in seed_method
    assert "定性指标" not in seed_method  # no indicator rows: no rule for them


# --- 三、评价情况分析及综合评价结论 --------------------------------------------------------------------


def test_conclusion_names_the_low_execution_project_still_graded_top(seed: Report):
    text = prose(seed, "conclusion")
    assert text.startswith("经自评，我部14个项目平均得分99.07分，自评等级均为“优”。")
    assert (
        "干部人事档案数字化建设项目预算执行率低于90%，预算执行率得分3.00分（分值10分），自评等级仍为“优”"
        "【待核实：该项目未分项填报绩效指标，请对照各项绩效指标完成情况核实自评得分】。" in text
    )
    assert "244.2092" not in text  # the totals are told in 一（三）, not again


def test_conclusion_counts_grades_and_names_the_lower_ones(health: Report, edu: Report):
    text = prose(health, "conclusion")
    assert "经自评，我委4个项目平均得分96.02分，其中“优”3个、“良”1个。" in text
    assert "家庭医生签约服务经费项目自评等级为“良”。" in text
    assert "“中”0个" not in text
    assert (
        "中小学校舍维修改造项目预算执行率低于90%，预算执行率得分8.13分（分值10分），自评等级仍为“优”"
        in prose(edu, "conclusion")
    )


# --- 四、绩效目标完成情况分析 ---------------------------------------------------------------------------


def test_completion_groups_full_marks_projects_in_one_sentence(seed: Report):
    text = prose(seed, "completion")
    paragraphs = text.split("\n")
    grouped = paragraphs[4]
    assert paragraphs[-1].endswith("的偏差原因和改进措施见第五部分。")  # once, not after each project
    assert grouped == "以下10个项目全年执行数均与全年预算数一致，自评得分均为100分，等级均为“优”。"
    # then each of them with its own marker for its 实际完成情况 (one per project, the hint in the first)
    own = paragraphs[5:-1]
    assert own[0] == (
        "2021年度非公有制经济组织与社会组织党建市级经费项目【待补充：实际完成情况（主要产出、效益和满意度情况）】。"
    )
    assert own[1:] == [line.split("项目【")[0] + "项目【待补充：实际完成情况】。" for line in own[1:]]
    assert len(own) == 10 and "三名工作室经费项目【待补充：实际完成情况】。" in own
    assert not any("党代表活动经费项目【" in line for line in own)  # it has a 实际完成情况 of its own
    assert "党代表活动经费项目自评得分100分，等级为“优”。该项目完成了年初党代表活动计划。" in text
    assert len(paragraphs) == 16  # 4 projects with something to tell, the group and its 10, the pointer to 五


def test_completion_states_actual_values_and_explains_qualitative_deductions(edu: Report):
    text = prose(edu, "completion")
    first = text.split("\n")[0]
    # the count with the score, never "均达成" when one lost points
    assert first.startswith(
        "义务教育阶段家庭经济困难学生生活补助项目自评得分98.35分，等级为“优”，7个三级指标中6个得满分。"
    )
    assert "均达成" not in text
    assert "“受助学生及家长满意度”实际为96.3%，达到年度指标值" in first
    assert "“资助对象认定准确率”实际为" not in first  # already said in the officer's 实际完成情况
    # the 13.5 of 15 is explained by the 实际完成值 it was given for
    assert (
        "实际完成情况为“58所中小学均建立动态台账，资助工作已纳入学校年度考核；个别学校档案整理不够规范”，评为“达成年度指标”，得13.5分（分值15分）"
        in first
    )
    # 13 of 15 and the text does not say why: the project's 偏差原因 (given here, in 五) answers it, no mark
    assert "“学校办学条件改善”为定性指标" in text and "“学校办学条件改善”的扣分原因" not in text
    assert (
        "“维修改造校舍面积”年度指标值12000平方米，实际完成值10860平方米，完成率90.50%，得13.58分（分值15分）；"
        in text
    )
    assert (
        "“单位面积维修改造成本”年度指标值300元/平方米，实际完成值318元/平方米，得9.43分（分值10分），超过年度指标值"
        in text
    )
    assert (
        "“参训幼儿园教师人数”超额完成较多，年度指标值120人，实际完成值168人，完成率140.00%，得20.00分（分值20分）"
        in text
    )


def test_implementers_missing_beside_given_ones_get_a_marker_each():
    data = yaml.safe_load(EDU.read_text(encoding="utf-8"))
    for project in data["项目"][1:]:
        project.pop("实施单位", None)
    report = draft_template(score(data))
    lines = prose(report, "management_implementation").split("\n")
    assert lines[0] == "义务教育阶段家庭经济困难学生生活补助项目由清江县学生资助管理中心具体实施。"
    assert lines[1:3] == [
        "中小学校舍维修改造项目由【待补充：实施单位】具体实施。",
        "学前教育教师培训及保教质量提升（年中追加）项目由【待补充：实施单位】具体实施。",
    ]


def test_completion_of_a_partly_achieved_qualitative_indicator(health: Report):
    text = prose(health, "completion")
    assert (
        "“重点人群健康管理水平”为定性指标，年度指标值为“重点人群健康管理水平明显提升”，实际完成情况为“签约重点人群健康管理有所改善，"
        "但部分团队履约服务内容偏少”，评为“部分达成并具有一定效果”，得10分（分值15分）。"  # the tier says it fell short
        in text
    )


def test_management_parts(edu: Report, seed: Report):
    assert prose(edu, "management_implementation").startswith(
        "义务教育阶段家庭经济困难学生生活补助项目由清江县学生资助管理中心具体实施；"
    )
    # no project names its 实施单位: the unit runs them itself, and only how is asked for
    assert (
        prose(seed, "management_implementation")
        == "【待补充：组织实施（实施方案制定、任务分解、进度管控和验收）】。"
    )
    assert "未全额执行的项目：干部人事档案数字化建设、基层党建信息化平台建设经费" in prose(
        seed, "management_funds"
    )
    assert (
        prose(seed, "management_rules") == "【待补充：制度建设（项目管理和资金管理制度的制定和执行情况）】。"
    )
    for sid in (
        "management_implementation",
        "management_funds",
        "management_rules",
        "management_procurement",
    ):
        [marker] = find_markers(prose(seed, sid))
        assert field_of(marker.label) == ("unit", marker.label.split("（")[0])  # the interview asks for each
    # a project whose texts speak of 合同 is named as a hint for 政府采购
    assert "基层党建信息化平台建设经费的填报内容涉及合同、工程或验收" in prose(seed, "management_procurement")
    assert "不涉及政府采购的，写明不涉及" in prose(
        draft_template(score(no_deviation_case())), "management_procurement"
    )


# --- 五、偏离绩效目标的原因和下一步改进措施 -------------------------------------------------------------


def test_problems_sort_the_deviations_without_figures(edu: Report, seed: Report):
    text = prose(edu, "problems")
    assert "一是预算执行进度滞后，中小学校舍维修改造项目预算执行率低于90%。" in text
    assert (
        "二是部分绩效指标未达成年度指标值，涉及中小学校舍维修改造项目的“维修改造校舍面积”“单位面积维修改造成本”“消除校舍安全隐患点”。"
        in text
    )
    assert "三是个别绩效指标超额完成较多" in text and "289.5612" not in text
    assert "二是绩效目标填报不完整，其中10个项目未填报年度总体目标，14个项目未分项填报绩效指标。" in prose(
        seed, "problems"
    )


def test_deviations_in_the_officers_words_or_markers(seed: Report, edu: Report):
    text = prose(seed, "deviations")
    assert (
        f"干部人事档案数字化建设项目预算执行率30.00%，低于90%，主要原因是{CAUSE_PLACEHOLDER}。"
        f"下一步，我部将{MEASURE_PLACEHOLDER}。" in text
    )
    assert (
        "基层党建信息化平台建设经费项目未执行资金的原因是：根据合同进行支付，剩余资金需项目验收合格后给付。下一步，我部将加强资金预算管理。"
        in text
    )
    assert text.endswith(NO_DEVIATION_REST)
    assert "执行差异原因" not in text and "指标偏差原因分析及改进措施：" not in text
    edu_text = prose(edu, "deviations")
    assert "“单位面积维修改造成本”超出目标，其原因和改进措施是：防水卷材、钢材等主要材料价格上涨" in edu_text
    assert "下一步，我局将提前谋划寒暑假施工计划" in edu_text  # 改进措施 as the officer wrote it


def test_a_cause_the_data_hints_at_is_offered_as_a_suggestion(health: Report):
    text = prose(health, "deviations")
    assert (
        "家庭医生签约服务经费项目预算执行率76.43%，低于90%，且部分绩效指标出现偏差，主要原因是【待补充：偏差原因】"
        "【待核实：实际完成情况中写有“第四季度签约服务费1,145,472.00元未拨付”，可据此说明偏差原因】。" in text
    )
    assert "下一步，我委将加强资金拨付进度管理，按季度考核后及时拨付签约服务费。" in text


NOTE = "部分对象迁出本县；下年度据实测算"


def relief_case(relief: dict, other: dict) -> dict:
    """A 困难群众救助 project whose one indicator fell short (the officer's note: ``NOTE``) beside another."""
    indicator = {
        "一级指标": "产出指标",
        "二级指标": "数量指标",
        "三级指标": "救助人次",
        "指标性质": "≥",
        "年度指标值": 100,
        "度量单位": "人次",
        "实际完成值": 80,
        "分值": 90,
        "偏差原因分析及改进措施": NOTE,
    }
    first = {"项目名称": "困难群众救助", "全年预算数": 20, "全年执行数": 20, "绩效指标": [indicator]}
    return {"单位名称": "某县民政局", "年度": 2023, "项目": [first | relief, other]}


def test_a_project_explained_by_its_indicator_notes_alone_is_named_once():
    other = {"项目名称": "养老服务补贴", "全年预算数": 10, "全年执行数": 10, "自评得分": 100}
    text = prose(draft_template(score(relief_case({}, other))), "deviations")
    assert text.startswith(f"困难群众救助项目“救助人次”未达成，其原因和改进措施是：{NOTE}。")


def test_a_text_two_projects_share_in_five_is_said_once():
    measure = "加强救助对象动态管理"
    other = {
        "项目名称": "养老服务补贴",
        "全年预算数": 10,
        "全年执行数": "9.5",
        "自评得分": 99,
        "偏差原因": NOTE,
        "改进措施": measure,
    }
    text = prose(draft_template(score(relief_case({"改进措施": measure}, other))), "deviations")
    assert text.count(NOTE) == 1 and text.count(measure) == 1
    assert "养老服务补贴项目未执行资金的原因与困难群众救助项目“救助人次”未达成的原因相同。" in text
    assert "下一步，针对困难群众救助和养老服务补贴项目，我局将加强救助对象动态管理。" in text


def test_no_deviation_unit_says_so_once():
    report = draft_template(score(no_deviation_case()))
    assert prose(report, "deviations") == "我单位各项目均按计划执行，未发现明显偏离绩效目标的情况。"
    # no deviation, but a gap in what was filed is still a problem to report
    assert prose(report, "problems").startswith(
        "一是绩效目标填报不完整，其中1个项目未填报年度总体目标，2个项目未分项填报绩效指标。"
    )


# --- 六、七，附件说明和落款 -----------------------------------------------------------------------------


def test_application_and_publication_are_markers_with_hints(edu: Report):
    text = prose(edu, "application")
    assert text.startswith("【待补充：结果应用（在预算安排、政策调整和项目管理中的应用；")
    # each suggestion only where the deviation it answers is
    assert (
        "可考虑针对中小学校舍维修改造的执行偏差调整下年度预算安排、对中小学校舍维修改造未达成的指标限期整改、"
        "据学前教育教师培训及保教质量提升（年中追加）超额完成较多的指标调整下年度绩效目标值）】" in text
    )
    assert "【待补充：公开情况（" in text
    assert [field_of(m.label) for m in find_markers(text)] == [("unit", "结果应用"), ("unit", "公开情况")]


def test_other_lists_what_needs_checking():
    data = single_case()
    data["报告提纲"] = None
    data["项目"][0]["自评得分"] = 90  # the indicators give 84
    text = prose(draft_template(score(data)), "other")
    assert (
        "学生营养改善计划项目【待核实：填报的自评得分与按绩效指标计算的得分不一致，本报告采用按指标计算的得分】。"
        in text
    )
    assert text.endswith("【待补充：其他说明（其他需要说明的问题；如无，写“无”）】。")


def test_annex_note_and_signature(seed: Report):
    assert seed.annex_note == ["附件：1.项目支出绩效自评汇总表", "2.项目支出绩效自评表"]
    assert seed.signature == ["中共新余市渝水区委组织部", "【待补充：成文日期】"]


# --- 附件 ------------------------------------------------------------------------------------------


def test_summary_table(seed: Report):
    table = seed.table
    assert table is not None and table.title == "中共新余市渝水区委组织部2022年度项目支出绩效自评汇总表"
    assert table.header == [
        "序号",
        "项目名称",
        "全年预算数（万元）",
        "全年执行数（万元）",
        "执行率（%）",
        "自评得分",
        "等级",
    ]
    assert table.rows[2] == ["3", "干部人事档案数字化建设", "62.3205", "18.6932", "30.00", "90", "优"]
    assert table.total == ["", "合计", "289.9965", "244.2092", "84.21", "99.07", ""]


def test_self_evaluation_form_in_the_national_layout(edu: Report):
    forms = [t for t in edu.tables if t.is_form]
    assert len(forms) == 3 and forms[0].title == "项目支出绩效自评表（2023年度）"
    form = forms[0]
    grid = form.grid_rows()
    assert all(len(row) == 9 for row in grid)
    assert grid[0][:2] == ["项目名称", "义务教育阶段家庭经济困难学生生活补助"]
    assert grid[1] == [
        "主管部门",
        "清江县教育体育局",
        "",
        "",
        "实施单位",
        "",
        "清江县学生资助管理中心",
        "",
        "",
    ]
    assert grid[3] == ["", "年度资金总额", "", "468.7500", "498.6380", "491.3000", "10", "98.53", "9.85"]
    assert [row[1] for row in grid[4:7]] == ["其中：当年财政拨款", "上年结转资金", "其他资金"]
    assert grid[5][3:6] == ["0.0000", "23.8880", "22.1875"]
    assert grid[7][:2] == ["年度总体目标", "预期目标"] and grid[8][1].startswith("按学期足额、及时发放")
    assert grid[9] == [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    assert grid[10][1:8] == [
        "产出指标",
        "数量指标",
        "资助家庭经济困难学生人数",
        "≥4300人",
        "4386人",
        "20",
        "20.00",
    ]
    assert grid[-1] == ["总分", "", "", "", "", "", "100", "98.35", "自评等级：优"]
    assert [r for r, _ in form.merged_down] == [3, 4, 5, 6, 8, 10, 11, 12, 13, 14, 15, 16]
    noted = forms[1].grid_rows()
    assert any(
        row[3] == "维修改造校舍面积" and row[8].startswith("桥头小学教学楼屋面防水工程") for row in noted
    )


def test_self_evaluation_form_marks_what_the_officer_must_fill(seed: Report):
    form = next(t for t in seed.tables if t.is_form)
    grid = form.grid_rows()
    assert grid[1][6] == ""  # blank: the body's 【待补充】 asks for a missing fact once
    assert grid[4][3:6] == ["", "", ""]  # 资金来源 rows blank for the officer, as on the paper form
    assert grid[8][1] == "" and grid[8][5] == ""
    assert grid[10][1] == "未分项填报绩效指标"
    assert not any("【" in cell for row in grid for cell in row)
