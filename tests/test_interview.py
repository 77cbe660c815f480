"""The guided interview without a browser: what the report lacks, the questions, where answers go, and the
conversation around them; the officer's filed scores; a brought report checked against the right data."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from assistant.chat import greet, respond
from assistant.errors import InputError
from assistant.io import case_from_data, load_case
from assistant.pipeline import draft_case
from assistant.workspace import SessionStore, Workspace
from assistant.workspace.interview import clean_answer, find_gaps, funding_source
from assistant.workspace.report_check import check_report, mismatch_reasons
from tests.conftest import EVAL_DATA, ROOT, SEED_CASE

ARCHIVE = 2
SEED_REPORT = (ROOT / "eval_data" / "seed_yushui_2022" / "report.txt").read_text(encoding="utf-8")


def test_seed_gaps_in_the_order_they_are_asked(seed: Workspace) -> None:
    gaps = seed.gaps()
    keys = [g.key for g in gaps]
    assert keys[:2] == [f"p{ARCHIVE}.偏差原因", f"p{ARCHIVE}.改进措施"]
    assert gaps[0].question == "干部人事档案数字化建设 执行率 30.00%，低于 90%：没花完的原因是什么？"
    assert gaps[1].question.endswith("下一步打算怎么改进？")
    goals = [g for g in gaps if g.field == "年度总体目标"]
    without_goal = [p.name for p in seed.case.projects if not p.goal]
    assert [g.project_name for g in goals] == without_goal and len(goals) == 10
    assert "62.3205万元" in next(g.question for g in goals if g.project == ARCHIVE)
    assert "all.资金来源" in keys
    officer = ["unit.评价组织", "unit.评价依据", "unit.存在问题", "unit.结果应用", "unit.公开情况"]
    # then the facts only the officer knows, and those the report has a place for (项目管理情况, 成文日期 …)
    unit_keys = [k for k in keys if k.startswith("unit.")]
    assert unit_keys[:5] == officer
    assert unit_keys[5:] == [
        "unit.主要成效",
        "unit.组织实施",
        "unit.资金管理",
        "unit.制度建设",
        "unit.政府采购",
        "unit.其他说明",
        "unit.成文日期",
    ]
    assert all(g.question.endswith("？") for g in gaps)
    assert seed.progress() == f"还差 {len(gaps)} 项"


def test_every_marker_of_a_draft_is_covered_by_a_gap() -> None:
    """Whatever the template leaves 【待补充】 in the eval cases, the interview asks for it."""
    for path in sorted(EVAL_DATA.glob("*/data.yaml")):
        draft = draft_case(load_case(path))
        gaps = find_gaps(draft.unit, draft.markdown)
        labels = re.findall(r"【待补充[：:]([^】]*)】", draft.markdown)
        assert not [g for g in gaps if g.scope == "marker"], (path, labels)
        if labels:
            assert gaps, path


def test_answers_go_into_the_field_asked_and_the_markers_disappear(seed: Workspace) -> None:
    seed.draft(llm="off")
    answers = {
        "偏差原因": "这个项目钱没花完主要是因为设备采购流标了，重新招标拖到12月。",
        "改进措施": "下一步将提前做好采购计划",
        "年度总体目标": "按计划完成全年工作任务",
        "资金来源": "全部是区本级财政安排的",
    }
    for gap in seed.gaps():
        seed.answer(gap.key, answers.get(gap.field, f"{gap.field}的情况"))
    assert seed.gaps() == [] and seed.progress() == "报告需要您补充的内容都齐了。"
    archive = seed.case.projects[ARCHIVE]
    assert archive.deviation_cause == "设备采购流标了，重新招标拖到12月"
    assert archive.improvement == "提前做好采购计划"
    assert all(p.goal for p in seed.case.projects)
    sources = seed.case.projects[ARCHIVE].sources
    assert sources is not None and sources.appropriation is not None
    assert sources.appropriation.executed == archive.executed
    assert seed.case.review_organiser == "评价组织的情况"
    assert seed.markers() == [] and "待补充" not in (seed.report_markdown or "")
    assert not any(f.severity == "error" for f in seed.audit().findings)


def test_undo_asks_the_same_question_again_and_skip_moves_on(seed: Workspace) -> None:
    greet(seed)
    assert seed.chat[0]["content"].endswith("没花完的原因是什么？")
    reply = respond(seed, "设备采购流标了")
    assert "| 「干部人事档案数字化建设」偏差原因 | （空） | 设备采购流标了 |" in reply.text
    assert reply.text.endswith("下一步打算怎么改进？")
    reply = respond(seed, "撤销")
    assert "已撤销" in reply.text and reply.text.endswith("没花完的原因是什么？")
    assert seed.case.projects[ARCHIVE].deviation_cause is None
    reply = respond(seed, "跳过")
    assert seed.progress().endswith("跳过 1 项") and reply.text.endswith("下一步打算怎么改进？")
    respond(seed, "下一个")
    assert seed.progress().endswith("跳过 2 项")
    reply = respond(seed, "还差什么")
    assert "1. 干部人事档案数字化建设 · 偏差原因" in reply.text and not seed.interview.skipped
    assert reply.text.endswith("没花完的原因是什么？")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("为啥是97分？", "「基层党建信息化平台建设经费」得分 97 分"),
        ("执行率不到90%的项目有几个？", "执行率低于 90% 的项目有 1 个"),
        ("哪些项目没达标", "1. 干部人事档案数字化建设：执行率 30.00%，低于 90%"),
        ("一共有几个项目？", "共有 14 个项目"),
        ("哪些项目是良？", "没有等级为“良”的项目"),
        ("得分最低的是哪个？", "得分最低的是 90 分：干部人事档案数字化建设"),
        ("总预算是多少？", "全年预算数合计 289.9965万元"),
        ("为啥是99.07分？", "99.07 分是 14 个项目得分的平均数"),
        ("帮我把报告写出来", "已按模板起草报告"),
        ("第五部分写得太简单了", "「（二）偏差原因和改进措施」是按模板根据数据写的"),
        ("导出Word", "处【待补充】"),
    ],
)
def test_everyday_questions_and_commands_offline(seed: Workspace, message: str, expected: str) -> None:
    greet(seed)
    reply = respond(seed, message)
    assert expected in reply.text and not reply.error
    assert "没花完的原因是什么？" in reply.text  # the open question comes back
    assert seed.case.projects[ARCHIVE].deviation_cause is None  # none of these is taken as the answer


def test_a_cause_told_as_a_statement_goes_to_the_project_that_needs_it(seed: Workspace) -> None:
    reply = respond(seed, "这个项目钱没花完主要是因为设备采购流标了，重新招标拖到12月")
    assert (
        not reply.error and seed.case.projects[ARCHIVE].deviation_cause == "设备采购流标了，重新招标拖到12月"
    )


def test_a_style_request_stays_out_of_the_report(seed: Workspace) -> None:
    respond(seed, "起草报告")
    before = seed.report_markdown
    reply = respond(seed, "重写第五节，写详细一点")
    assert seed.report_markdown == before and "详细一点" not in str(seed.case.to_data())
    assert "详细一点。" not in reply.text


def test_export_asks_first_then_gives_the_file(seed: Workspace) -> None:
    reply = respond(seed, "导出Word")
    assert reply.files == [] and "干部人事档案数字化建设」待补充：偏差原因" in reply.text
    reply = respond(seed, "仍然导出Word")
    [path] = reply.files
    assert (
        path.suffix == ".docx"
        and path.is_file()
        and seed.chat[-1] == {"role": "assistant", "content": "", "file": str(path)}
    )


@pytest.mark.parametrize(
    ("key", "said", "stored"),
    [
        ("偏差原因", "主要是因为设备采购流标了。", "设备采购流标了"),
        ("偏差原因", "原因是：合同尾款待验收", "合同尾款待验收"),
        ("改进措施", "我们打算加快验收", "加快验收"),
        ("改进措施", "改进措施：加快验收", "加快验收"),
        ("存在问题", "没有", "无"),
        ("年度总体目标", "“完成档案扫描10万页”", "完成档案扫描10万页"),
    ],
)
def test_clean_answer(key: str, said: str, stored: str) -> None:
    assert clean_answer(key, said) == stored


@pytest.mark.parametrize(
    ("said", "source"),
    [
        ("全部是区本级财政安排的", "当年财政拨款"),
        ("都是当年财政拨款", "当年财政拨款"),
        ("全是上年结转资金", "上年结转资金"),
        ("一部分是财政拨款，一部分是上年结转", None),
        ("不清楚", None),
    ],
)
def test_funding_source(said: str, source: str | None) -> None:
    assert funding_source(said) == source


def test_an_unknown_marker_is_listed_and_cannot_be_answered_offline(seed: Workspace) -> None:
    markdown = "# 报告\n\n## 七、其他\n\n【待补充：落款日期】\n"
    [gap] = [g for g in find_gaps(seed.unit(), markdown) if g.scope == "marker"]
    assert gap.field == "落款日期"
    with pytest.raises(InputError, match="没有对应的数据项"):
        seed.answer(gap.key, "2023年1月")


# --- the officer's filed scores ------------------------------------------------------------------------


@pytest.fixture
def filed(store: SessionStore) -> Workspace:
    indicator = {"一级指标": "产出指标", "二级指标": "数量指标", "指标性质": "≥"}
    data = {
        "单位名称": "平安县卫生健康局",
        "年度": 2023,
        "项目": [
            {
                "项目名称": "基层医务人员培训",
                "全年预算数": "50",
                "全年执行数": "49.6",
                "自评得分": "97.92",
                "绩效指标": [
                    {**indicator, "三级指标": "培训人次", "年度指标值": "300", "实际完成值": "290", "分值": "15", "得分": "13"},
                    {**indicator, "三级指标": "考核合格率", "年度指标值": "95", "实际完成值": "98", "分值": "35"},
                    {"一级指标": "效益指标", "三级指标": "覆盖率", "指标性质": "≥", "年度指标值": "90", "实际完成值": "92", "分值": "30"},
                    {"一级指标": "满意度指标", "三级指标": "满意度", "指标性质": "≥", "年度指标值": "90", "实际完成值": "93", "分值": "10"},
                ],
            }
        ],
    }  # fmt: skip
    return store.create(case_from_data(data, "测试数据"))


def test_filed_scores_are_kept_beside_the_computed_and_the_officer_chooses(filed: Workspace) -> None:
    indicator, total = filed.score_mismatches()
    assert (indicator.filed, indicator.computed) == (Decimal("13"), Decimal("14.50"))
    assert "15 × 290 ÷ 300 = 14.50" in indicator.finding().message
    assert (total.filed, total.computed) == (Decimal("97.92"), Decimal("99.42"))
    assert filed.indicator_rows()[0]["得分"] == "13" and filed.indicator_rows()[0]["计算得分"] == "14.50"
    with pytest.raises(InputError, match="不能单独保留"):
        filed.keep_filed_score(total.key)
    change = filed.keep_filed_score(indicator.key)
    assert filed.unit().projects[0].score == Decimal("97.92") and filed.score_mismatches() == []
    assert change.effects[0][2].startswith("执行率 99.20%，得分 97.92")
    assert filed.indicator_rows()[0]["计算得分"] == "14.50"  # the rule's score stays in view
    filed.undo()
    filed.use_computed_score(indicator.key)
    assert filed.case.projects[0].indicators[0].score == Decimal("14.50")
    [left] = filed.score_mismatches()
    assert left.key == total.key
    filed.use_computed_score(total.key)
    assert filed.score_mismatches() == [] and filed.case.projects[0].self_score == Decimal("99.42")


def test_filed_score_mismatches_head_the_findings_and_cannot_be_dismissed(filed: Workspace) -> None:
    filed.draft(llm="off")
    findings = filed.audit().findings
    assert [f.code for f in findings[:2]] == ["SCORE_MISMATCH", "SCORE_MISMATCH"]
    with pytest.raises(InputError, match="不能忽略"):
        filed.dismiss(findings[0].fingerprint)


# --- a brought report -------------------------------------------------------------------------------------


def test_a_report_is_checked_against_itself_by_default() -> None:
    outcome = check_report(SEED_REPORT, "self", None, "")
    assert outcome.result is not None and "报告所附评分表" in outcome.message
    assert any(f.code == "TOTAL_MISMATCH" for f in outcome.result.findings)
    bare = SEED_REPORT.split("附件：评分表")[0] + "\n资金来源：【待补充：资金来源】\n"
    outcome = check_report(bare, "self", None, "")
    assert "没有附评分表" in outcome.message and "对照当前会话" not in outcome.message
    assert outcome.result is not None and outcome.result.reference.source == "text"
    # the text against itself: the unfinished marker, and the contradictions its own numbers prove
    codes = [f.code for f in outcome.result.findings]
    assert "PLACEHOLDER_LEFT" in codes
    errors = {f.code for f in outcome.result.findings if f.severity == "error"}
    assert errors == {"RATE_MISMATCH", "REMAINDER_MISMATCH"}
    assert "覆盖：读到数字" in outcome.message


def test_other_data_is_used_only_when_it_matches_or_the_officer_confirms() -> None:
    from assistant.scoring import score_case

    other = score_case(load_case(EVAL_DATA / "jiaoyu_qingjiang_2023" / "data.yaml"))
    reasons = mismatch_reasons(SEED_REPORT, other.case)
    assert any("2022 年度" in r and "2023 年度" in r for r in reasons)
    asked = check_report(SEED_REPORT, "session", other, "当前会话")
    assert asked.ask and asked.result is None and "仍要对照" in asked.message
    forced = check_report(SEED_REPORT, "session", other, "当前会话", confirmed=True)
    assert forced.result is not None and "已确认" in forced.message
    own = score_case(load_case(SEED_CASE))
    assert mismatch_reasons(SEED_REPORT, own.case) == []
    assert check_report(SEED_REPORT, "session", own, "当前会话").result is not None
