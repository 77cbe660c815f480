"""The chat without a model: the deterministic intent parser acting on a real workspace."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.chat import respond
from assistant.chat.indicator_spec import parse_indicator_spec
from assistant.chat.intents import parse
from assistant.io import load_case
from assistant.workspace import SessionStore, Workspace
from tests.conftest import EVAL_DATA, SEED_CASE

WEIJIAN = EVAL_DATA / "weijian_anlan_2022" / "data.yaml"
QIYI, ARCHIVE = 7, 2


@pytest.fixture
def weijian(store: SessionStore) -> Workspace:
    return store.create(load_case(WEIJIAN))


@pytest.mark.parametrize(
    ("message", "kind", "args"),
    [
        (
            "把七一项目的执行数改为5.6万元",
            "set",
            {"project": QIYI, "field": "全年执行数", "value": "5.6万元"},
        ),
        (
            "七一项目全年执行数改成56000元",
            "set",
            {"project": QIYI, "field": "全年执行数", "value": "56000元"},
        ),
        (
            "请将档案数字化项目的偏差原因修改为：合同尾款待验收。",
            "set",
            {"project": ARCHIVE, "field": "偏差原因"},
        ),
        (
            "把党代表活动经费的年初预算数从48.824万元调整为50万元",
            "set",
            {"project": 9, "field": "年初预算数"},
        ),
        ("撤销", "undo", {}),
        ("撤回上一步", "undo", {}),
        ("起草报告", "draft", {}),
        ("帮我生成一份自评报告", "draft", {}),
        ("重新生成报告", "draft", {}),
        ("检查这份报告", "audit", {}),
        ("审核", "audit", {}),
        ("为什么档案数字化项目只有90分？", "explain", {"projects": [ARCHIVE]}),
        ("帮助", "help", {}),
        (
            "重写偏离原因一节，说明尾款要验收后支付",
            "redraft",
            {"section": "偏离原因一节", "instruction": "说明尾款要验收后支付"},
        ),
        # changes written as statements, other verbs and the bare word 预算
        ("七一项目执行数为5.6万元", "set", {"project": QIYI, "field": "全年执行数", "value": "5.6万元"}),
        (
            "档案数字化项目的改进措施：加快验收",
            "set",
            {"project": ARCHIVE, "field": "改进措施", "value": "加快验收"},
        ),
        (
            "把档案数字化项目的偏差原因写成：尾款需验收后支付",
            "set",
            {"project": ARCHIVE, "field": "偏差原因", "value": "尾款需验收后支付"},
        ),
        ("档案数字化项目的预算调整为60万元", "set", {"project": ARCHIVE, "field": "全年预算数"}),
        ("档案数字化项目的年初预算为60万元", "set", {"project": ARCHIVE, "field": "年初预算数"}),
        # questions about the figures
        ("七一项目执行数是多少", "show", {"project": QIYI}),
        ("看看档案数字化项目", "show", {"project": ARCHIVE}),
        ("本单位是什么情况", "show", {"project": None}),
        ("报告里是不是有问题", "audit", {}),
        (
            "给档案数字化项目加一个指标：数字化档案数量不少于1000卷，实际完成1200卷，分值10",
            "add_indicator",
            {"project": ARCHIVE},
        ),
        ("今天天气怎么样", "unknown", {}),
    ],
)
def test_parse_common_phrasings(seed: Workspace, message: str, kind: str, args: dict) -> None:
    intent = parse(message, seed.case)
    assert (intent.kind, intent.error) == (kind, None)
    assert args.items() <= intent.args.items()


def test_indicator_written_in_one_piece() -> None:
    assert parse_indicator_spec("数字化档案数量不少于1000卷，实际完成1200卷，分值10") == {
        "三级指标": "数字化档案数量",
        "指标性质": "≥",
        "年度指标值": "1000",
        "度量单位": "卷",
        "实际完成值": "1200",
        "分值": "10",
    }
    assert parse_indicator_spec("群众投诉率≤5%，完成3%")["指标性质"] == "≤"


def test_statements_and_questions_act_on_the_data(seed: Workspace) -> None:
    reply = respond(seed, "七一项目执行数为5万元")
    assert not reply.error and seed.case.projects[QIYI].executed == Decimal("5")
    reply = respond(seed, "七一项目执行数是多少")
    assert (
        not reply.error and "全年执行数：5" in reply.text and len(seed.history) == 1
    )  # asking changes nothing
    reply = respond(seed, "档案数字化项目的执行率为100%")
    assert reply.error and "不能直接修改" in reply.text


def test_change_a_number_with_unit_conversion(seed: Workspace) -> None:
    reply = respond(seed, "把七一项目的执行数改为5万元")
    assert not reply.error and seed.case.projects[QIYI].executed == Decimal("5")
    assert "| 「“七一“表彰经费及大组工网维护费」全年执行数 | 5.6万元 | 5万元 |" in reply.text
    assert "执行率 89.29%" in reply.text  # the score effect is shown
    reply = respond(seed, "七一项目全年执行数改成56000元")  # 元 typed into a 万元 case
    assert seed.case.projects[QIYI].executed == Decimal("5.6")
    assert reply.changes[0].diff[0][1:] == ("5万元", "5.6万元")
    assert seed.score_rows()[QIYI]["执行率"] == "100.00%"


def test_amount_in_wan_into_a_yuan_case(weijian: Workspace) -> None:
    respond(weijian, "把家庭医生签约服务经费的全年执行数改为400万元")
    assert weijian.case.to_data()["项目"][1]["全年执行数"] == Decimal("4000000")


def test_indicator_change_by_quoted_name(weijian: Workspace) -> None:
    reply = respond(weijian, "把家庭医生项目“签约服务费按季度拨付及时率”指标的实际完成值改为95")
    assert not reply.error, reply.text
    assert weijian.case.projects[1].indicators[3].actual == Decimal("95")
    assert "得分 89.85" in reply.text and "得分 91.96" in reply.text


def test_bad_requests_change_nothing(seed: Workspace) -> None:
    for message, expected in [
        ("把七一项目的执行数改为很多钱", "不是有效的金额"),
        ("把不存在的项目的执行数改为5万元", "没有找到项目"),
        ("把七一项目的执行率改为90%", "不能直接修改"),
        ("把七一项目的执行数改为-3万元", "金额不能为负数"),
    ]:
        reply = respond(seed, message)
        assert reply.error and expected in reply.text, (message, reply.text)
    assert seed.case == load_case(SEED_CASE) and seed.history == []


def test_undo_through_chat(seed: Workspace) -> None:
    assert "没有可以撤销" in respond(seed, "撤销").text
    respond(seed, "把七一项目的执行数改为5万元")
    reply = respond(seed, "撤回上一步")
    assert reply.changes[0].diff[0][1:] == ("5万元", "5.6万元")
    assert seed.case == load_case(SEED_CASE)


def test_draft_audit_and_redraft_with_instruction(seed: Workspace) -> None:
    reply = respond(seed, "检查这份报告")  # nothing drafted yet: the data is checked, and drafting is offered
    assert (
        not reply.error and "还没有起草报告" in reply.text and "写报告" in reply.text and seed.report is None
    )
    reply = respond(seed, "起草报告")
    assert reply.report_changed and seed.report_markdown
    assert f"审核发现 {len(seed.audit().findings)} 处问题" in reply.text
    reply = respond(seed, "检查这份报告")
    codes = [f.code for f in reply.findings or []]
    assert codes.count("UNEXPLAINED_DEVIATION") == 1 and 4 < codes.count("PLACEHOLDER_LEFT") < len(
        seed.markers()
    )
    assert "待补充：偏差原因" in reply.text
    reply = respond(seed, "重写偏离原因一节，说明尾款要验收后支付")
    assert reply.report_changed and not reply.error
    assert "干部人事档案数字化建设项目预算执行率30.00%，低于90%，主要原因是：尾款要验收后支付。" in (
        seed.report_markdown or ""
    )
    assert seed.case.projects[ARCHIVE].deviation_cause == "尾款要验收后支付"
    assert "| 「干部人事档案数字化建设」偏差原因 | （空） | 尾款要验收后支付 |" in reply.text
    reply = respond(seed, "审核")
    assert "待补充：偏差原因" not in reply.text and "待补充：改进措施" in reply.text


def test_explain_score_uses_the_trace_numbers(seed: Workspace, weijian: Workspace) -> None:
    text = respond(seed, "为什么档案数字化项目只有90分？").text
    for number in ("18.6932万元", "62.3205万元", "30.00%", "10 × min(30.00%, 100%) = 3.00", "93.00", "90 分"):
        assert number in text, number
    text = respond(weijian, "为什么家庭医生签约服务经费只有89.85分？").text
    unit = weijian.unit().projects[1]
    lines = text.splitlines()
    for s in unit.indicators:
        [line] = [line for line in lines if f"「{s.indicator.name}」（" in line]
        assert f"{s.score} 分" in line, line
        if s.trace.formula != str(s.indicator.points):
            assert s.trace.formula in line
    for number in ("3714528元", "4860000元", "76.43%", "15 × 71.6 ÷ 75 = 14.32", "10 × 75 ÷ 95 = 7.89"):
        assert number in text, number
    assert "= 89.85 分" in text and "共失 10.15 分" in text
    assert "请说明是哪个项目" in respond(seed, "为什么得分这么低？").text


def test_add_indicator_through_chat(weijian: Workspace) -> None:
    reply = respond(
        weijian,
        "给全科医生项目增加一个指标：三级指标：线上培训课时，二级指标：数量指标，年度指标值：40课时，实际完成值：44课时，分值：0",
    )
    assert not reply.error, reply.text
    added = weijian.case.projects[3].indicators[-1]
    assert (added.name, added.level1, added.unit, added.target, added.actual) == (
        "线上培训课时",
        "产出指标",
        "课时",
        Decimal("40"),
        Decimal("44"),
    )
    reply = respond(weijian, "给全科医生项目增加一个指标：三级指标：缺分值的指标")
    assert reply.error and "缺少" in reply.text


def test_unknown_requests_say_what_works_offline(seed: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    reply = respond(seed, "今天天气怎么样")
    assert (
        reply.text.startswith("这句话我没听懂。")
        and "撤销" in reply.text
        and "干部人事档案数字化建设" in reply.text
    )
    assert "JIXIAO_" not in reply.text and "管理员配置模型服务" in reply.text
    monkeypatch.setenv("JIXIAO_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("JIXIAO_LLM_MODEL", "m")
    reply = respond(seed, "今天天气怎么样", llm="off")  # configured, but switched off: no network call
    assert "当前选择了离线模式" in reply.text


def test_chat_is_saved_and_streamed(store: SessionStore, seed: Workspace) -> None:
    pieces: list[str] = []
    reply = respond(seed, "帮助", on_token=pieces.append)
    assert pieces == [reply.text]
    respond(seed, "把七一项目的执行数改为5万元")
    assert [m["role"] for m in seed.chat] == ["user", "assistant"] * 2
    assert store.open(seed.id).chat == seed.chat
    assert respond(seed, "   ").error and len(seed.chat) == 4  # empty messages are not recorded


# --- a report pasted into the chat is audited on its own text (session 33) --------------------------------------

SLIPPED = """某某县农业农村局2023年度项目支出绩效自评报告
一、基本情况
2023年我局纳入自评的项目2个，全年预算数合计150万元，全年执行数合计130万元。
高标准农田建设项目全年预算数100万元，全年执行数80万元，预算执行率90.00%。
耕地保护补贴项目全年预算数50万元，全年执行数50万元，预算执行率100.00%。
二、绩效目标实现情况
各项目均按计划实施。"""


def test_a_pasted_report_is_audited_on_its_own_text(seed: Workspace) -> None:
    from assistant.audit import audit_text
    from assistant.chat import greet

    greet(seed)  # a question is open: the pasted report is not its answer
    before = seed.case.to_data()
    message = "帮我检查一下这份报告：\n" + SLIPPED
    assert parse(message, seed.case).kind == "audit_pasted"
    reply = respond(seed, message)
    [slip] = [f for f in audit_text(SLIPPED).findings if f.severity == "error"]
    assert "没有对照本会话的数据" in reply.text and "错误 1 处" in reply.text, reply.text
    assert f"应为 {slip.expected}，文中为 {slip.found}" in reply.text and slip.found == "90.00%"
    assert f"第{slip.line}行" in reply.text
    assert seed.case.to_data() == before and seed.report is None  # nothing filed, nothing drafted


def test_a_clean_pasted_report_says_no_contradiction_was_found(seed: Workspace) -> None:
    clean_text = SLIPPED.replace("预算执行率90.00%", "预算执行率80.00%")
    reply = respond(seed, "看看下面这篇有没有问题\n" + clean_text)
    assert "未发现前后矛盾或计算不符之处" in reply.text and "覆盖：读到数字" in reply.text, reply.text
    assert "审核发现" not in reply.text


@pytest.mark.parametrize(
    "message",
    [
        "一是疫情影响施工，二是供应商资质审查时间长，剩余43.6万元是质保金，要验收合格后才能付",  # an answer
        "检查一下：执行率90%",  # too short to be a report
        "帮我检查一下这份报告",  # the drafted report
    ],
)
def test_what_is_not_a_pasted_report(seed: Workspace, message: str) -> None:
    assert parse(message, seed.case).kind != "audit_pasted"


# --- is the report ready to hand in (session 33) ---------------------------------------------------------------


def test_readiness_before_a_report_is_drafted(seed: Workspace) -> None:
    reply = respond(seed, "这份报告能交了吗")
    assert reply.text.startswith("还不能交：报告还没有起草。") and seed.progress().rstrip("。") in reply.text


def test_readiness_counts_errors_placeholders_and_warnings_from_the_audit(seed: Workspace) -> None:
    respond(seed, "写报告")
    reply = respond(seed, "能交了吗")
    left = seed.unfinished()
    assert left and reply.text.startswith("还不能交") and f"还有 {len(left)} 处【待补充】" in reply.text
    assert "错误" not in reply.text.split("\n\n")[0]  # the template draft has no error
    # a slip in the text, as an officer's own edit would leave: an error to correct first
    text = (seed.report_markdown or "").replace("全年执行数合计244.2092万元", "全年执行数合计250万元")
    seed.state.set_report(seed.state.report, text)  # type: ignore[arg-type]
    errors = seed.audit().summary["error"]
    reply = respond(seed, "能交了吗")
    assert errors == 1 and "审核发现 1 处错误" in reply.text and "应为 244.2092万元" in reply.text, reply.text


def test_readiness_with_warnings_only_and_with_nothing_left(
    seed: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    from assistant.audit import AuditResult

    respond(seed, "写报告")
    filled = re.sub(r"【待补充：[^】]*】", "已按规定执行", seed.report_markdown or "")
    seed.state.set_report(seed.state.report, filled)  # type: ignore[arg-type]
    result = seed.audit()
    warnings = result.summary["warning"]
    assert not result.summary["error"] and warnings and not seed.unfinished()
    reply = respond(seed, "可以提交了吗")
    assert reply.text.startswith(f"没有发现错误，也没有【待补充】；还有 {warnings} 处提醒"), reply.text
    monkeypatch.setattr(seed, "audit", lambda: AuditResult([], result.reference, result.document))
    reply = respond(seed, "可以提交了吗")
    assert reply.text.startswith("可以交：审核没有发现错误和提醒"), reply.text


# --- how to upload the unit's own table (session 33) ------------------------------------------------------------


def test_the_upload_answer_names_the_formats_the_ui_takes(seed: Workspace) -> None:
    from assistant.chat.texts import UPLOAD_LIMIT
    from assistant.ui.config import CASE_TYPES, MAX_UPLOAD, REPORT_TYPES

    reply = respond(seed, "怎么上传我们单位自己的表")
    assert "“数据”页" in reply.text and "“审核”页" in reply.text
    for suffix in (*CASE_TYPES, *REPORT_TYPES):
        assert suffix in reply.text, suffix
    assert UPLOAD_LIMIT.replace(" ", "").lower() == MAX_UPLOAD
    assert seed.case == load_case(SEED_CASE)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("能不能交", "readiness"),
        ("提交前还要注意什么", "readiness"),
        ("报告可以交给财政了么", "readiness"),
        ("结余资金已交回财政", "unknown"),  # an answer, not handing in
        ("主要是供应商交货晚了", "unknown"),
        ("已按要求报送财政局", "unknown"),
        ("结果已上传到单位门户网站公开", "unknown"),  # 公开情况, not an upload
        ("自评表已上传至区财政局系统", "unknown"),
    ],
)
def test_handing_in_and_uploading_are_not_read_into_answers(seed: Workspace, message: str, kind: str) -> None:
    assert parse(message, seed.case).kind == kind
