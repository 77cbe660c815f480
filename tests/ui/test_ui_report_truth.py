"""What the report tab lets out, in a real browser: unfinished parts are findings and are named before export,
the officer's own scores are kept beside the computed ones, and instructions never become report text."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from playwright.sync_api import expect

from assistant.io import case_from_data, load_case
from assistant.pipeline import draft_case
from assistant.scoring import score_case
from tests.conftest import SEED_CASE
from tests.ui.harness import (
    AppServer,
    cell,
    current_session,
    needs_browser,
    open_app,
    pick_option,
    saved_session,
    say,
    show_tab,
)
from tests.xlsx_builders import Style, national_workbook, save

pytestmark = needs_browser

ARCHIVE = 2  # 干部人事档案数字化建设: 30 % executed, no cause, no measure
MARKER = re.compile(r"【待补充[：:]([^】]*)】")


def seed_markers() -> list[str]:
    """The placeholders a template draft of the seed leaves for the officer (counted, not assumed)."""
    return MARKER.findall(draft_case(load_case(SEED_CASE)).markdown)


def test_placeholders_are_findings_that_cannot_be_dismissed_and_export_asks_first(
    app: AppServer, page
) -> None:
    """Problem 2: 【待补充】 was never a finding; once the cause warning was dismissed the panel read clean."""
    markers = seed_markers()
    assert len(markers) >= 3
    open_app(page, app.url)
    show_tab(page, "报告")
    page.click("#draft-btn")
    findings = page.locator("#findings-list")
    for label in set(markers):
        expect(findings).to_contain_text(f"待补充：{label}")
    expect(page.locator("#report-status")).to_contain_text(f"还有 {len(markers)} 处【待补充】")

    # Dismiss everything the officer is allowed to dismiss: the placeholders stay listed.
    for _ in range(20):
        page.locator("#finding-pick input").click()
        options = page.get_by_role("option")
        if options.count() == 0:
            page.keyboard.press("Escape")
            break
        options.first.click()
        page.click("#dismiss-btn")
        expect(page.locator("#report-msg")).to_contain_text("已忽略")
    expect(findings).not_to_contain_text("未发现文字与数据不符之处")
    expect(findings).to_contain_text("待补充：资金来源")

    # Export asks first and names what is missing.
    expect(page.locator("#dl-docx")).to_be_hidden()
    page.click("#export-docx")
    message = page.locator("#report-msg")
    expect(message).to_contain_text("仍要下载")
    expect(message).to_contain_text("资金来源")
    expect(message).to_contain_text("干部人事档案数字化建设")
    expect(page.locator("#dl-docx-anyway")).to_be_visible()


def scored_workbook(tmp_path: Path) -> Path:
    """One project whose 自评表 says 13 for an indicator the rules score 14.50, and a total of 97.92 (rules: 99.42)."""
    indicator = {"一级指标": "产出指标", "指标性质": "≥"}
    data = {
        "单位名称": "平安县卫生健康局",
        "年度": 2023,
        "项目": [
            {
                "项目名称": "基层医务人员培训",
                "年初预算数": "50",
                "全年预算数": "50",
                "全年执行数": "49.6",
                "年度总体目标": "全年培训基层医务人员300人次。",
                "绩效指标": [
                    {**indicator, "二级指标": "数量指标", "三级指标": "培训人次", "年度指标值": "300",
                     "度量单位": "人次", "实际完成值": "290", "分值": "15", "得分": "13"},
                    {**indicator, "二级指标": "质量指标", "三级指标": "考核合格率", "年度指标值": "95",
                     "度量单位": "%", "实际完成值": "98", "分值": "35"},
                    {"一级指标": "效益指标", "二级指标": "社会效益指标", "三级指标": "村卫生室覆盖率",
                     "指标性质": "≥", "年度指标值": "90", "度量单位": "%", "实际完成值": "92", "分值": "30"},
                    {"一级指标": "满意度指标", "二级指标": "服务对象满意度指标", "三级指标": "学员满意度",
                     "指标性质": "≥", "年度指标值": "90", "度量单位": "%", "实际完成值": "93", "分值": "10"},
                ],
            }
        ],
    }  # fmt: skip
    unit = score_case(case_from_data(data, "测试数据"))
    assert unit.projects[0].score == Decimal("99.42")
    workbook = national_workbook(unit, Style(blank_rows=False, notes=False))
    sheet = workbook.worksheets[0]
    total_row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "总分")
    sheet.cell(total_row, 8).value = Decimal("97.92")  # the total the officer filed
    return save(workbook, tmp_path / "自评表.xlsx")


def test_the_officers_filed_score_is_kept_shown_and_chosen(app: AppServer, page, tmp_path: Path) -> None:
    """Problem 3: a filed 13 / 97.92 was re-scored to 14.50 / 99.42 silently, the score cell shown empty."""
    open_app(page, app.url)
    page.locator("#case-upload input[type=file]").set_input_files(str(scored_workbook(tmp_path)))
    expect(page.locator("#session-title")).to_contain_text("平安县卫生健康局")
    expect(cell(page, "indicators-table", 0, 9)).to_have_text("13")  # 得分 as filed
    expect(cell(page, "indicators-table", 0, 12)).to_have_text("14.50")  # 计算得分 beside it
    checks = page.locator("#data-findings")
    expect(checks).to_contain_text("13")
    expect(checks).to_contain_text("14.50")
    expect(checks).to_contain_text("15 × 290 ÷ 300")
    expect(checks).to_contain_text("97.92")
    expect(checks).to_contain_text("99.42")

    pick_option(page, "score-choice-pick", "培训人次")
    page.click("#keep-filed-btn")
    expect(cell(page, "score-table", 0, 3)).to_have_text("97.92")
    expect(checks).not_to_contain_text("14.50")
    saved = saved_session(app.home, current_session(page))["case"]["项目"][0]["绩效指标"][0]
    assert saved["得分"] == "13"

    show_tab(page, "报告")
    page.click("#draft-btn")
    expect(page.locator("#report-preview")).to_contain_text("97.92")
    expect(page.locator("#report-preview")).not_to_contain_text("99.42")


def test_a_style_request_is_not_text_and_a_supplement_replaces_its_marker(app: AppServer, page) -> None:
    """Problem 5: "写详细一点" was appended to 五; a 补充说明 landed after another project, the marker stayed."""
    open_app(page, app.url)
    session = current_session(page)
    show_tab(page, "对话")
    say(page, "帮我把报告写出来")
    reply = say(page, "重写第五节，写详细一点")
    assert "详细一点。" not in reply
    saved = saved_session(app.home, session)
    assert "详细一点" not in saved["report"]["markdown"]
    assert "详细一点" not in str(saved["case"])

    show_tab(page, "报告")
    pick_option(page, "section-pick", "偏差原因和改进措施")
    pick_option(page, "supplement-target", "干部人事档案数字化建设 · 改进措施")
    page.locator("#redraft-note textarea").fill("明年提前做好采购计划")
    page.click("#redraft-btn")
    preview = page.locator("#report-preview")
    expect(preview).to_contain_text("下一步，我部将明年提前做好采购计划")
    expect(preview).not_to_contain_text("【待补充：改进措施】")
    project = saved_session(app.home, session)["case"]["项目"][ARCHIVE]
    assert project["改进措施"] == "明年提前做好采购计划"

    show_tab(page, "对话")
    say(page, "档案数字化项目的改进措施：加快验收付款进度")
    show_tab(page, "报告")
    expect(preview).to_contain_text("加快验收付款进度")
    expect(preview).not_to_contain_text("明年提前做好采购计划")  # one measure per project, the latest
