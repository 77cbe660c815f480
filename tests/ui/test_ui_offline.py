"""The workspace in a real browser, no model configured: what an officer does on a first visit.

One app server for the module (``python app.py`` in a subprocess, own JIXIAO_HOME); each test gets a fresh
browser context, so it starts from a new session with the sample case. Checks go through what the page
shows and what the session saved on disk.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect

from tests.ui.harness import (
    ROOT,
    AppServer,
    cell,
    chart_texts,
    edit_cell,
    needs_browser,
    open_app,
    session_file,
    show_tab,
)

pytestmark = needs_browser

# Seed case rows (0-based): 2 = 干部人事档案数字化建设 (62.3205 / 18.6932), 7 = “七一“表彰经费… (5.6 / 5.6).
ARCHIVE, QIYI = 2, 7
EXECUTED_COL = 4  # 序号, 项目名称, 年初预算数, 全年预算数, 全年执行数, …
RATE_COL = 1  # score table: 项目, 执行率, …
SEED_REPORT = ROOT / "eval_data" / "seed_yushui_2022" / "report.txt"


def saved_case(app: AppServer, session_id: str) -> dict:
    return json.loads(session_file(app.home, session_id).read_text(encoding="utf-8"))["case"]


def test_sample_loads_and_table_edits_are_validated(app: AppServer, page) -> None:
    session_id = open_app(page, app.url)
    expect(page.locator("#session-title")).to_contain_text("中共新余市渝水区委组织部")
    expect(cell(page, "projects-table", ARCHIVE, 1)).to_have_text("干部人事档案数字化建设")
    expect(cell(page, "score-table", ARCHIVE, RATE_COL)).to_have_text("30.00%")

    edit_cell(page, "projects-table", ARCHIVE, EXECUTED_COL, "31.16025")
    expect(cell(page, "score-table", ARCHIVE, RATE_COL)).to_have_text("50.00%")
    expect(page.locator("#table-msg")).to_contain_text("18.6932 → 31.16025")
    assert str(saved_case(app, session_id)["项目"][ARCHIVE]["全年执行数"]) == "31.16025"

    edit_cell(page, "projects-table", ARCHIVE, EXECUTED_COL, "三十万")
    message = page.locator("#table-msg")
    expect(message).to_contain_text("第3行「全年执行数」")
    expect(message).to_contain_text("不是有效的金额")
    expect(message).to_contain_text("已保留原值「31.16025」")
    expect(cell(page, "projects-table", ARCHIVE, EXECUTED_COL)).to_have_text("31.16025")
    expect(cell(page, "score-table", ARCHIVE, RATE_COL)).to_have_text("50.00%")
    assert str(saved_case(app, session_id)["项目"][ARCHIVE]["全年执行数"]) == "31.16025"

    assert "Traceback" not in page.content()
    assert page.recorder.external() == []  # fonts, scripts and the chart all come from the local server


def test_draft_findings_and_downloads(app: AppServer, page, tmp_path: Path) -> None:
    session_id = open_app(page, app.url)
    show_tab(page, "报告")
    page.click("#draft-btn")
    findings = page.locator("#findings-list")
    expect(findings.locator(".jx-finding", has_text="干部人事档案数字化建设").first).to_be_visible()
    expect(page.locator("#report-preview")).to_contain_text("五、偏离绩效目标的原因和下一步改进措施")

    # Each finding links to its sentence in the preview; following it keeps the session in the address.
    findings.locator("a.jx-goto").first.click()
    expect(page.locator("#report-preview mark.jx-current")).to_contain_text("待补充")
    assert session_id in page.url

    # The draft still has 【待补充】: the download asks first, then gives the file.
    page.click("#export-docx")
    with page.expect_download() as info:
        page.click("#dl-docx-anyway")
    path = tmp_path / "report.docx"
    info.value.save_as(path)
    assert info.value.suggested_filename.endswith(".docx")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "中共新余市渝水区委组织部2022年度\n项目支出绩效自评报告" in text  # the title broken after 年度
    assert "干部人事档案数字化建设" in text

    with page.expect_download() as info:
        page.click("#dl-json")
    audit = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    codes = [f["code"] for f in audit["findings"]]
    assert "UNEXPLAINED_DEVIATION" in codes and "PLACEHOLDER_LEFT" in codes

    # Redraft one section with the officer's explanation: it is filed as the project's data and the
    # section (and its finding) follow.
    page.locator("#section-pick input").click()
    page.get_by_role("option", name="（二）偏差原因和改进措施").click()
    page.locator("#redraft-note textarea").fill("档案数字化项目尾款需项目验收合格后支付")
    page.click("#redraft-btn")
    expect(page.locator("#report-msg")).to_contain_text("已记入所选字段并重写该节")
    expect(page.locator("#report-preview")).to_contain_text("档案数字化项目尾款需项目验收合格后支付")
    expect(page.locator("#report-preview")).not_to_contain_text("【待补充：偏差原因】")
    page.locator("#report-preview nav.jx-toc a", has_text="五、偏离绩效目标的原因和下一步改进措施").click()
    assert session_id in page.url
    saved = json.loads(session_file(app.home, session_id).read_text(encoding="utf-8"))
    assert saved["case"]["项目"][ARCHIVE]["偏差原因"] == "档案数字化项目尾款需项目验收合格后支付"


def test_chat_changes_a_number_and_undo_takes_it_back(app: AppServer, page) -> None:
    open_app(page, app.url)
    show_tab(page, "对话")
    box = page.locator("#chat-input textarea")
    box.fill("把七一项目的执行数改为2.8万元")
    box.press("Enter")
    chat = page.locator("#chatbot")
    expect(chat.locator("table").first).to_contain_text("5.6万元")
    expect(chat.locator("table").first).to_contain_text("2.8万元")
    expect(chat).to_contain_text("执行率 50.00%")
    show_tab(page, "数据")
    expect(cell(page, "projects-table", QIYI, EXECUTED_COL)).to_have_text("2.8")
    expect(cell(page, "score-table", QIYI, RATE_COL)).to_have_text("50.00%")

    show_tab(page, "对话")
    page.click("#chat-undo")
    expect(chat).to_contain_text("已撤销")
    show_tab(page, "数据")
    expect(cell(page, "projects-table", QIYI, EXECUTED_COL)).to_have_text("5.6")
    expect(cell(page, "score-table", QIYI, RATE_COL)).to_have_text("100.00%")


def test_uploads_bad_file_gets_chinese_message_good_file_opens(app: AppServer, page, tmp_path: Path) -> None:
    open_app(page, app.url)
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "单位名称: 测试单位\n年度: 2023\n项目:\n  - 项目名称: 道路维修\n    全年预算数: 10\n    全年执行数: 很多\n",
        encoding="utf-8",
    )
    page.locator("#case-upload input[type=file]").set_input_files(str(bad))
    message = page.locator("#data-msg")
    expect(message).to_contain_text("无法打开「bad.yaml」")
    expect(message).to_contain_text("全年执行数")
    assert "Traceback" not in page.content()
    assert str(tmp_path) not in message.inner_text()  # the server's temp path is not shown

    good = tmp_path / "good.json"
    good.write_text(
        json.dumps(
            {
                "单位名称": "测试街道办事处",
                "年度": 2024,
                "项目": [{"项目名称": "道路维修", "全年预算数": "10", "全年执行数": "8"}],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    before = page.url
    page.locator("#case-upload input[type=file]").set_input_files(str(good))
    expect(page.locator("#session-title")).to_contain_text("测试街道办事处")
    expect(cell(page, "score-table", 0, RATE_COL)).to_have_text("80.00%")
    page.wait_for_function("(old) => location.href !== old", arg=before)
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('#budget-chart svg text'))"
        ".some((t) => t.textContent === '1.道路维修')"
    )
    assert not any("干部人事档案" in text for text in chart_texts(page))  # the old case's bars are gone


def test_workbook_without_unit_or_year_opens_once_they_are_given(
    app: AppServer, page, tmp_path: Path
) -> None:
    from assistant.io import load_case
    from assistant.scoring import score_case
    from tests.xlsx_builders import Style, national_workbook, save

    case = load_case(ROOT / "eval_data" / "jiaoyu_qingjiang_2023" / "data.yaml")
    workbook = national_workbook(score_case(case), Style())
    for sheet in workbook.worksheets:  # titled without unit or year, as many forms are filed
        sheet["A1"], sheet["A2"], sheet["A4"] = "项目支出绩效自评表", None, None
    path = save(workbook, tmp_path / "自评表.xlsx")
    open_app(page, app.url)
    page.locator("#case-upload input[type=file]").set_input_files(str(path))
    message = page.locator("#data-msg")
    # the unit is the 实施单位 every form names alike; only the year is missing
    expect(message).to_contain_text("未能识别年度")
    expect(message).to_contain_text("网页上传时填写“年度”")
    expect(message).not_to_contain_text("未能识别单位名称")

    page.locator("#upload-defaults").get_by_text("在此补充").click()
    page.locator("#upload-unit textarea, #upload-unit input").first.fill("清江县教育体育局")
    page.locator("#upload-year textarea, #upload-year input").first.fill("二〇二三")
    page.locator("#case-upload input[type=file]").set_input_files(str(path))
    expect(message).to_contain_text("年度「二〇二三」不是有效的年份")
    year = page.locator("#upload-year textarea, #upload-year input").first
    expect(year).to_have_value("二〇二三")  # what the officer typed stays
    year.fill("2023年")
    page.locator("#case-upload input[type=file]").set_input_files(str(path))
    expect(page.locator("#session-title")).to_contain_text("清江县教育体育局2023年度")
    assert "Traceback" not in page.content()


def test_audit_tab_checks_an_uploaded_report(app: AppServer, page) -> None:
    open_app(page, app.url)
    show_tab(page, "审核")
    page.locator("#audit-report-file input[type=file]").set_input_files(str(SEED_REPORT))
    expect(page.locator("#audit-msg")).to_contain_text("已读取")
    page.locator("#audit-source").get_by_text("对照当前会话").click()
    page.click("#audit-run")
    expect(page.locator("#audit-msg")).to_contain_text("已对照当前会话")
    results = page.locator("#audit-findings")
    expect(results).to_contain_text("文中合计与各项目之和不符")
    expect(results).to_contain_text("244.2092万元")
    expect(page.locator("#audit-preview mark.jx-error").first).to_be_visible()


def test_session_survives_server_restart(page, tmp_path: Path) -> None:
    server = AppServer(tmp_path / "home").start()
    try:
        session_id = open_app(page, server.url)
        edit_cell(page, "projects-table", ARCHIVE, EXECUTED_COL, "40")
        expect(cell(page, "score-table", ARCHIVE, RATE_COL)).to_have_text("64.18%")
    finally:
        server.kill()
    restarted = AppServer(tmp_path / "home", port=server.port)
    with restarted:
        assert open_app(page, f"{restarted.url}?s={session_id}") == session_id
        expect(cell(page, "projects-table", ARCHIVE, EXECUTED_COL)).to_have_text("40")
        expect(cell(page, "score-table", ARCHIVE, RATE_COL)).to_have_text("64.18%")
        # The plain address reopens the browser's last session too.
        assert open_app(page, restarted.url) == session_id


@pytest.mark.parametrize("session", ["0" * 32, "../../etc"])
def test_unknown_session_in_address_opens_a_fresh_one(app: AppServer, page, session: str) -> None:
    opened = open_app(page, f"{app.url}?s={session}")
    assert opened != session
    assert session_file(app.home, opened).is_file()


def test_indicator_edit_rescores_and_sessions_tab_switches_back(app: AppServer, page) -> None:
    first = open_app(page, app.url)
    page.locator("#sample-pick input").click()
    page.get_by_role("option", name="安澜市卫生健康委员会 2022 年度（4 个项目）").click()
    page.click("#open-sample")
    expect(page.locator("#session-title")).to_contain_text("安澜市卫生健康委员会")
    page.wait_for_function("(old) => !location.href.includes(old)", arg=first)
    second = page.evaluate("new URL(location.href).searchParams.get('s')")

    # 居民电子健康档案建档率: target ≥90, actual 92.37, 10 points. Halve the actual: half the points.
    expect(cell(page, "indicators-table", 0, 3)).to_have_text("居民电子健康档案建档率")
    expect(cell(page, "score-table", 0, 3)).to_have_text("97.13")
    edit_cell(page, "indicators-table", 0, 7, "45")
    expect(cell(page, "indicators-table", 0, 12)).to_have_text("5.00")
    expect(cell(page, "score-table", 0, 3)).to_have_text("92.13")
    edit_cell(page, "indicators-table", 0, 8, "十分")
    expect(page.locator("#table-msg")).to_contain_text(
        "第1行「分值」：「十分」不是有效的分数，已保留原值「10」"
    )
    expect(cell(page, "indicators-table", 0, 8)).to_have_text("10")

    # Both sessions are listed; reopening the first brings back its data and its address.
    show_tab(page, "会话")
    expect(page.locator("#sessions-table")).to_contain_text(second)
    expect(page.locator("#sessions-table")).to_contain_text(first)
    page.locator("#session-pick input").click()
    page.get_by_role("option", name=f"编号 {first[:8]}", exact=False).click()
    page.click("#session-open")
    expect(page.locator("#session-title")).to_contain_text("中共新余市渝水区委组织部")
    page.wait_for_function("(sid) => location.href.includes(sid)", arg=first)
    show_tab(page, "数据")
    expect(cell(page, "projects-table", ARCHIVE, 1)).to_have_text("干部人事档案数字化建设")
