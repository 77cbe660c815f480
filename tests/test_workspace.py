"""The workspace backend on real cases and real files: edits, undo, report sync, persistence, safety."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.io import load_case
from assistant.models import Case
from assistant.workspace import SessionStore, Workspace
from assistant.workspace.session import can_dismiss
from tests.conftest import EVAL_DATA, SEED_CASE

WEIJIAN = EVAL_DATA / "weijian_anlan_2022" / "data.yaml"  # filed in 元, with indicators
QIYI = 7  # “七一“表彰经费及大组工网维护费 (5.6 万元, fully executed)
ARCHIVE = 2  # 干部人事档案数字化建设 (30% executed, 自评得分 90)


@pytest.fixture
def weijian(store: SessionStore) -> Workspace:
    return store.create(load_case(WEIJIAN))


def on_disk(ws: Workspace) -> dict:
    return json.loads(ws.path.read_text(encoding="utf-8"))


def test_default_root_is_under_jixiao_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    ws = SessionStore().create(load_case(SEED_CASE))
    assert ws.path == tmp_path / "home" / "sessions" / ws.id / "session.json"
    assert ws.path.is_file()


def test_create_keeps_the_case_and_lists_the_session(store: SessionStore, seed: Workspace) -> None:
    assert seed.case == load_case(SEED_CASE)
    assert len(seed.id) == 32
    [info] = store.list()
    assert (info.id, info.unit, info.year) == (seed.id, "中共新余市渝水区委组织部", 2022)
    assert info.title == "中共新余市渝水区委组织部2022年度"


# --- table edits -------------------------------------------------------------------------------------


def test_valid_project_edit_changes_case_scores_diff_and_file(seed: Workspace) -> None:
    change = seed.apply_table_edit("projects", QIYI, "全年执行数", "5")
    assert seed.case.projects[QIYI].executed == Decimal("5")
    assert change.diff == [("「“七一“表彰经费及大组工网维护费」全年执行数", "5.6万元", "5万元")]
    assert change.effects[0][2].startswith("执行率 89.29%")
    assert seed.score_rows()[QIYI]["执行率"] == "89.29%"
    rendered = change.render()
    assert "| 修改前 | 修改后 |" in rendered.replace("位置 ", "") and "5.6万元" in rendered
    saved = on_disk(seed)["case"]["项目"][QIYI]
    assert saved["全年执行数"] == "5"


@pytest.mark.parametrize(
    ("value", "reason"),
    [("abc", "不是有效的金额"), ("-5", "金额不能为负数"), ("5%", "不是有效的金额")],
)
def test_invalid_project_edit_keeps_previous_value(seed: Workspace, value: str, reason: str) -> None:
    before = on_disk(seed)["case"]
    with pytest.raises(InputError) as caught:
        seed.apply_table_edit("projects", QIYI, "全年执行数", value)
    message = str(caught.value)
    assert message.startswith("第8行「全年执行数」：")
    assert reason in message and "已保留原值「5.6」" in message
    assert seed.case.projects[QIYI].executed == Decimal("5.6")
    assert seed.history == []
    assert on_disk(seed)["case"] == before


def test_clearing_a_required_cell_is_refused(seed: Workspace) -> None:
    with pytest.raises(InputError, match=r"第1行「项目名称」.*已保留原值"):
        seed.apply_table_edit("projects", 0, "项目名称", "  ")
    with pytest.raises(InputError, match=r"第1行「序号」.*不能修改"):
        seed.apply_table_edit("projects", 0, "序号", "9")


def test_renaming_to_a_duplicate_name_is_refused(seed: Workspace) -> None:
    with pytest.raises(InputError, match="重复"):
        seed.apply_table_edit("projects", 1, "项目名称", seed.case.projects[0].name)
    assert seed.case.projects[1].name == "2021年度基层党建市级经费"


def test_indicator_edits_in_a_yuan_case(weijian: Workspace) -> None:
    rows = weijian.indicator_rows(project=1)
    assert rows[0]["三级指标"] == "重点人群家庭医生签约覆盖率" and rows[0]["计算得分"] == "14.32"
    change = weijian.apply_table_edit("indicators", 0, "实际完成值", "75%", project=1)
    assert weijian.case.projects[1].indicators[0].actual == Decimal("75")
    assert weijian.indicator_rows(1)[0]["计算得分"] == "15.00"
    assert change.diff[0][1:] == ("71.6", "75")
    with pytest.raises(InputError) as caught:
        weijian.apply_table_edit("indicators", 0, "实际完成值", "很多", project=1)
    assert str(caught.value).startswith("第1行「实际完成值」：") and "不是数字" in str(caught.value)
    assert weijian.case.projects[1].indicators[0].actual == Decimal("75")
    # The officer's filed 得分 of a quantitative indicator is kept beside the rule's and reported as a mismatch.
    weijian.apply_table_edit("indicators", 0, "得分", "12", project=1)
    row = weijian.indicator_rows(1)[0]
    assert (row["得分"], row["计算得分"]) == ("12", "15.00")
    [mismatch] = weijian.score_mismatches()[:1]
    assert (mismatch.filed, mismatch.computed) == (Decimal("12"), Decimal("15.00"))
    qualitative = next(i for i, r in enumerate(weijian.indicator_rows(1)) if r["指标性质"] == "定性")
    with pytest.raises(InputError, match="超过分值"):
        weijian.apply_table_edit("indicators", qualitative, "得分", "16", project=1)


def test_flat_indicator_rows_address_the_right_indicator(weijian: Workspace) -> None:
    rows = weijian.indicator_rows()
    row = next(i for i, r in enumerate(rows) if r["三级指标"] == "签约居民满意度")
    weijian.apply_table_edit("indicators", row, "实际完成值", "95")
    assert weijian.case.projects[1].indicators[-1].actual == Decimal("95")


def test_set_field_converts_money_units(seed: Workspace, weijian: Workspace) -> None:
    seed.set_field("七一", "执行数", "56000元")  # the case is in 万元
    assert seed.case.projects[QIYI].executed == Decimal("5.6")
    seed.set_field("七一项目", "executed", "五万元")
    assert seed.case.projects[QIYI].executed == Decimal("5")
    weijian.set_field("家庭医生", "全年执行数", "400万元")  # the case is in 元
    assert weijian.case.projects[1].executed == Decimal("400")
    assert on_disk(weijian)["case"]["项目"][1]["全年执行数"] == "4000000"


def test_unknown_names_are_chinese_errors(seed: Workspace) -> None:
    with pytest.raises(InputError, match="没有找到项目「不存在」"):
        seed.set_field("不存在", "全年执行数", "5")
    with pytest.raises(InputError, match="对应多个项目"):
        seed.set_field("2021年度", "全年执行数", "5")
    with pytest.raises(InputError, match="不能直接修改"):
        seed.set_field("七一", "执行率", "90")


def test_add_indicator_and_its_required_fields(weijian: Workspace) -> None:
    change = weijian.add_indicator(
        "全科医生",
        {
            "三级指标": "培训班次",
            "二级指标": "数量指标",
            "kind": "≥",
            "target": "4",
            "actual": "5",
            "分值": "0",
        },
    )
    added = weijian.case.projects[3].indicators[-1]
    assert (added.name, added.level1, added.target, added.points) == ("培训班次", "产出指标", Decimal(4), 0)
    assert change.kind == "add" and any(row[2] == "培训班次" for row in change.diff)
    with pytest.raises(InputError, match="缺少：一级指标、分值"):
        weijian.add_indicator(0, {"三级指标": "新指标"})


# --- undo --------------------------------------------------------------------------------------------


def test_undo_restores_data_and_the_template_report(seed: Workspace) -> None:
    assert seed.undo() is None
    seed.draft(llm="off")
    original_case, original_report = seed.case, seed.report_markdown
    seed.set_field("七一", "全年执行数", "5")
    assert seed.report_markdown != original_report and "全年执行数5.0000万元" in seed.report_markdown
    seed.set_field("七一", "偏差原因", "部分维护合同年底未结算")
    undone = seed.undo()
    assert undone is not None and undone.description.startswith("已撤销：")
    assert undone.diff == [("「“七一“表彰经费及大组工网维护费」偏差原因", "部分维护合同年底未结算", "（空）")]
    seed.undo()
    assert seed.case == original_case
    assert seed.report_markdown == original_report
    assert seed.history == [] and on_disk(seed)["history"] == []


def test_an_edit_made_while_drafting_is_not_lost(seed: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.pipeline

    real = assistant.pipeline.draft_case

    def slow_draft(case: Case, **kwargs: object) -> object:
        result = real(case, **kwargs)  # type: ignore[arg-type]
        seed.set_field("七一", "全年执行数", "5")  # the officer edits a cell meanwhile
        return result

    monkeypatch.setattr(assistant.pipeline, "draft_case", slow_draft)
    draft = seed.draft(llm="off")
    assert "全年执行数5.0000万元" in (seed.report_markdown or "") and draft.markdown == seed.report_markdown
    assert seed.case.projects[QIYI].executed == Decimal("5") and not seed.report_stale


def test_llm_report_goes_stale_and_undo_restores_it(seed: Workspace) -> None:
    seed.draft(llm="off")
    assert seed.report is not None
    seed.report.sections[3].source = "llm"  # as if a model had written this section
    seed.save()
    seed.set_field("七一", "全年执行数", "5")
    assert seed.report_stale
    seed.undo()
    assert not seed.report_stale and seed.report.sections[3].source == "llm"


# --- report, audit, dismissals, exports ----------------------------------------------------------------


def test_redraft_section_files_the_instruction_and_undo_takes_it_back(seed: Workspace) -> None:
    seed.draft(llm="off")
    text = seed.redraft_section("偏离原因", "说明尾款要验收后支付", llm="off")
    assert text.startswith("### （二）偏差原因和改进措施")  # the prose under 五, not its heading
    assert "干部人事档案数字化建设项目预算执行率30.00%，低于90%，主要原因是：尾款要验收后支付。" in text
    assert "尾款要验收后支付" in (seed.report_markdown or "")
    assert seed.case.projects[ARCHIVE].deviation_cause == "尾款要验收后支付"
    assert seed.history[-1].kind == "redraft"
    seed.undo()
    assert "尾款要验收后支付" not in (seed.report_markdown or "")
    assert seed.case.projects[ARCHIVE].deviation_cause is None


def test_redraft_instruction_for_a_general_section_is_filed_as_the_units_own_fact(seed: Workspace) -> None:
    seed.draft(llm="off")
    before = seed.report_markdown
    seed.redraft_section("绩效评价工作过程", "说明本次自评由财务股牵头完成", llm="off")
    assert seed.case.review_organiser == "本次自评由财务股牵头完成"
    assert seed.history[-1].diff == [("评价组织", "（空）", "本次自评由财务股牵头完成")]
    assert "本次自评由财务股牵头完成。" not in (before or "")
    # a part heading with no prose of its own stands for the prose under it that its heading names
    assert seed.redraft_section("第五部分", None, llm="off").startswith("### （二）偏差原因和改进措施")
    assert seed.redraft_section("背景", None, llm="off").startswith("### （一）项目概况")
    with pytest.raises(InputError, match="没有找到章节"):
        seed.redraft_section("不存在的章节", None, llm="off")


def test_a_style_request_is_kept_for_the_model_and_never_becomes_text(seed: Workspace) -> None:
    seed.draft(llm="off")
    before_case, before_text = seed.case, seed.report_markdown
    text = seed.redraft_section("第五部分", "写详细一点", llm="off")
    assert "详细一点" not in text and seed.report_markdown == before_text and seed.case == before_case
    assert seed.state.styles == {"deviations": "写详细一点"}
    seed.undo()
    assert seed.state.styles == {}


def test_a_supplement_replaces_its_marker_and_a_later_answer_replaces_it(seed: Workspace) -> None:
    seed.draft(llm="off")
    seed.redraft_section("第五部分", "明年提前做好采购计划", llm="off", target=f"p{ARCHIVE}.改进措施")
    assert seed.case.projects[ARCHIVE].improvement == "明年提前做好采购计划"
    assert "【待补充：改进措施】" not in (seed.report_markdown or "")
    seed.set_field("档案数字化", "改进措施", "加快验收付款进度")
    assert (seed.report_markdown or "").count("下一步，我部将加快验收付款进度。") == 1
    assert "明年提前做好采购计划" not in (seed.report_markdown or "")
    with pytest.raises(InputError, match="记入哪个项目"):
        seed.redraft_section("综合评价结论", "全部项目都完成得很好", llm="off")


def test_audit_dismiss_and_restore(seed: Workspace) -> None:
    with pytest.raises(InputError, match="还没有起草报告"):
        seed.audit()
    draft = seed.draft(llm="off")
    codes = [f.code for f in draft.audit.findings]
    # one warning per marker, except that one section's markers asking several projects for the same fact
    # (a sentence each) are one warning naming them all
    assert "UNEXPLAINED_DEVIATION" in codes and 4 < codes.count("PLACEHOLDER_LEFT") < len(seed.markers())
    grouped = [f.message for f in draft.audit.findings if " 个项目（「" in f.message]
    assert sum(int(m.split("：", 1)[1].split(" ", 1)[0]) for m in grouped) + codes.count(
        "PLACEHOLDER_LEFT"
    ) - len(grouped) == len(seed.markers())
    for finding in draft.audit.findings:  # every one is about a 【待补充】 left: none can be set aside
        with pytest.raises(InputError, match="不能忽略"):
            seed.dismiss(finding.fingerprint)
    # A slip in the text (as an officer's own edit would leave) can be set aside and brought back.
    text = seed.report_markdown or ""
    seed.state.set_report(
        seed.state.report, text.replace("全年执行数合计244.2092万元", "全年执行数合计250万元")
    )  # type: ignore[arg-type]
    [slip] = [f for f in seed.audit().findings if f.code == "TOTAL_MISMATCH"]
    seed.dismiss(slip.fingerprint)
    assert slip.fingerprint not in {f.fingerprint for f in seed.audit().findings}
    assert [f.fingerprint for f in seed.audit().dismissed] == [slip.fingerprint]
    assert on_disk(seed)["dismissed"] == [slip.fingerprint]
    seed.restore(slip.fingerprint)
    assert slip.fingerprint in {f.fingerprint for f in seed.audit().findings}
    with pytest.raises(InputError, match="不是有效的问题编号"):
        seed.dismiss("../../etc")


def test_exports(seed: Workspace) -> None:
    from docx import Document

    with pytest.raises(InputError, match="无法导出"):
        seed.export("md")
    seed.draft(llm="off")
    md = seed.export("md")
    text = md.read_text(encoding="utf-8")
    title = text.splitlines()[0]
    assert md.parent == seed.directory / "exports" and text == seed.report_markdown
    assert title.startswith("# ") and seed.case.unit in title and "项目支出绩效自评报告" in title
    assert all(p.name in text for p in seed.case.projects)
    docx_path = seed.export("docx")
    paragraphs = [p.text for p in Document(str(docx_path)).paragraphs]
    assert any("项目支出绩效自评报告" in p for p in paragraphs)
    audit = json.loads(seed.export("json").read_text(encoding="utf-8"))
    assert "UNEXPLAINED_DEVIATION" in [f["code"] for f in audit["findings"]] and audit["sections"]
    assert audit["findings"] == [f.to_json() for f in seed.audit().findings]
    with pytest.raises(InputError, match="不支持的导出格式"):
        seed.export("pdf")  # type: ignore[arg-type]


def test_export_xlsx_needs_no_report(seed: Workspace) -> None:
    from openpyxl import load_workbook

    seed.set_field("七一", "全年执行数", "4.3")
    path = seed.export("xlsx")
    assert path.suffix == ".xlsx" and path.parent == seed.directory / "exports"
    book = load_workbook(path)
    assert len(book.sheetnames) == len(seed.case.projects) + 2  # 汇总, one form per project, 案例信息
    for sheet in (book["汇总"], next(ws for ws in book.worksheets[1:] if "七一" in ws.title)):
        assert 4.3 in [c.value for row in sheet.iter_rows() for c in row], sheet.title  # the edited amount


# --- persistence and safety ------------------------------------------------------------------------------


def test_round_trip_through_a_new_store(store: SessionStore, weijian: Workspace) -> None:
    from assistant.chat import respond

    weijian.set_field("家庭医生", "全年执行数", "400万元")
    weijian.set_indicator("家庭医生", "签约服务费按季度拨付及时率", "实际完成值", "80")
    draft = weijian.draft(llm="off")
    weijian.dismiss(next(f for f in draft.audit.findings if can_dismiss(f)).fingerprint)
    respond(weijian, "检查这份报告")
    reopened = SessionStore(store.root).open(weijian.id)
    assert reopened.case == weijian.case
    assert reopened.case.to_data() == weijian.case.to_data()
    assert reopened.dismissed == weijian.dismissed
    assert reopened.report_markdown == weijian.report_markdown
    assert reopened.report == weijian.report
    assert reopened.chat == weijian.chat and len(reopened.chat) == 2
    assert [c.to_json() for c in reopened.history] == [c.to_json() for c in weijian.history]
    assert reopened.score_rows() == weijian.score_rows()
    reopened.undo()
    assert reopened.case.projects[1].indicators[3].actual == Decimal("75")


def test_round_trip_keeps_text_and_number_indicator_values_apart(store: SessionStore) -> None:
    data = load_case(WEIJIAN).to_data()
    data["项目"][0]["绩效指标"][0]["年度指标值"] = "≥90"  # text that reads as a number stays text
    ws = store.create(Case.model_validate(data))
    reopened = store.open(ws.id)
    assert reopened.case == ws.case
    assert reopened.case.projects[0].indicators[0].target == "≥90"
    assert reopened.case.projects[0].indicators[1].target == Decimal("62")


@pytest.mark.parametrize(
    "bad_id", ["../../etc/passwd", "..", "", "A" * 32, "0" * 31, "0" * 32 + "/..", "0" * 31 + "/"]
)
def test_session_ids_cannot_walk_out_of_the_store(store: SessionStore, bad_id: str) -> None:
    with pytest.raises(InputError, match="会话编号无效"):
        store.open(bad_id)
    with pytest.raises(InputError, match="会话编号无效"):
        store.delete(bad_id)


def test_missing_and_deleted_sessions(store: SessionStore, seed: Workspace) -> None:
    with pytest.raises(InputError, match="不存在"):
        store.open("0" * 32)
    store.delete(seed.id)
    assert not seed.directory.exists() and store.list() == []
    with pytest.raises(InputError, match="不存在"):
        store.open(seed.id)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"format": "jixiao-session", "id": ', "不是有效的 JSON"),
        ("[1, 2]", "格式不对"),
        (None, "案例数据无效"),
        ("", "不是有效的 JSON"),
    ],
)
def test_corrupted_session_file_is_a_chinese_error(
    store: SessionStore, seed: Workspace, content: str | None, reason: str
) -> None:
    if content is None:  # valid JSON whose case breaks the rules
        data = on_disk(seed)
        data["case"]["项目"][0]["全年预算数"] = "-1"
        content = json.dumps(data, ensure_ascii=False)
    seed.path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        store.open(seed.id)
    assert "会话文件已损坏" in str(caught.value) and reason in str(caught.value)
    assert str(seed.path) in str(caught.value)
    if reason != "案例数据无效":
        assert store.list() == []


def test_saves_are_atomic_files(seed: Workspace) -> None:
    seed.set_field("七一", "全年执行数", "5")
    leftovers = [p.name for p in seed.directory.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert on_disk(seed)["format"] == "jixiao-session"


def test_chart_and_score_rows(seed: Workspace) -> None:
    chart = seed.chart_rows()
    assert chart[ARCHIVE] == {
        "项目": "干部人事档案数字化建设",
        "全年预算数": Decimal("62.3205"),
        "全年执行数": Decimal("18.6932"),
    }
    scores = seed.score_rows()
    assert scores[ARCHIVE] == {
        "项目": "干部人事档案数字化建设",
        "执行率": "30.00%",
        "执行率得分": "3.00",
        "得分": "90",
        "等级": "优",
        "自评表总分": "90",
    }
    assert scores[-1]["项目"] == "合计" and scores[-1]["执行率"] == "84.21%"


def test_copies_share_the_workspace(seed: Workspace) -> None:
    import copy

    assert copy.deepcopy(seed) is seed and copy.copy(seed) is seed
