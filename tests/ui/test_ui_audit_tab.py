"""The 审核 tab in a real browser: a pasted report is checked against itself unless the officer picks data,
data of another unit or year is never used without asking, and the tab's text and result stay with the session."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.ui.harness import (
    ROOT,
    AppServer,
    current_session,
    needs_browser,
    open_app,
    pick_option,
    saved_session,
    show_tab,
)

pytestmark = needs_browser

SEED_REPORT = (ROOT / "eval_data" / "seed_yushui_2022" / "report.txt").read_text(encoding="utf-8")
WITHOUT_TABLE = SEED_REPORT.split("附件：评分表")[0]
QINGJIANG = "清江县教育体育局 2023 年度"


def open_qingjiang(page) -> None:
    pick_option(page, "sample-pick", QINGJIANG)
    page.click("#open-sample")
    expect(page.locator("#session-title")).to_contain_text("清江县教育体育局")


def paste(page, text: str) -> None:
    page.locator("#audit-text textarea").fill(text)


def test_a_report_of_another_unit_is_checked_against_itself_not_the_open_session(
    app: AppServer, page
) -> None:
    """Problem 1: the 渝水区 2022 report in a 清江县 2023 session gave 51 false findings against the session."""
    open_app(page, app.url)
    open_qingjiang(page)
    show_tab(page, "审核")
    paste(page, SEED_REPORT)
    page.click("#audit-run")
    message = page.locator("#audit-msg")
    expect(message).to_contain_text("已完成")
    expect(message).to_contain_text("报告所附评分表")
    findings = page.locator("#audit-findings")
    expect(findings).to_contain_text("244.2092万元")  # the seed's own contradiction, proven by its own table
    expect(findings).not_to_contain_text("清江")
    expect(findings).not_to_contain_text("应为3")

    # Choosing the session explicitly: the unit and year do not match, so the officer is asked first.
    page.locator("#audit-source").get_by_text("对照当前会话").click()
    page.click("#audit-run")
    expect(message).to_contain_text("2022")
    expect(message).to_contain_text("2023")
    expect(message).to_contain_text("仍要对照")
    expect(page.locator("#audit-findings .jx-finding")).to_have_count(0)
    expect(page.locator("#audit-confirm")).to_be_visible()


def test_a_report_without_a_table_is_not_sent_to_the_session(app: AppServer, page) -> None:
    """Problem 1: without a table the old message even suggested "改为对照当前会话" (50 more false findings)."""
    open_app(page, app.url)
    open_qingjiang(page)
    show_tab(page, "审核")
    paste(page, WITHOUT_TABLE)
    page.click("#audit-run")
    message = page.locator("#audit-msg")
    expect(message).to_contain_text("没有附评分表")
    expect(message).not_to_contain_text("改为对照当前会话")
    expect(page.locator("#audit-findings")).not_to_contain_text("清江")


def test_audit_text_and_result_stay_with_the_session_and_a_failed_run_clears_the_old_result(
    app: AppServer, page
) -> None:
    """Problem 6: a reload lost the pasted text and result; a failed run kept the previous 15 findings."""
    open_app(page, app.url)
    show_tab(page, "审核")
    paste(page, SEED_REPORT)
    page.click("#audit-run")
    findings = page.locator("#audit-findings .jx-finding")
    expect(findings.first).to_be_visible()
    shown = findings.count()
    assert shown > 0
    saved = saved_session(app.home, current_session(page))
    assert saved["audit_tab"]["text"] == SEED_REPORT.replace("\r\n", "\n")

    page.reload(wait_until="load")
    show_tab(page, "审核")
    expect(page.locator("#audit-text textarea")).to_have_value(SEED_REPORT)
    expect(page.locator("#audit-findings .jx-finding")).to_have_count(shown)

    paste(page, "")
    page.click("#audit-run")
    expect(page.locator("#audit-msg")).to_contain_text("未完成")
    expect(page.locator("#audit-findings .jx-finding")).to_have_count(0)
    expect(page.locator("#audit-preview")).not_to_contain_text("289.9965")


def test_an_uploaded_report_without_text_is_said_to_be_empty(app: AppServer, page, tmp_path) -> None:
    """A Word file with no text (empty, or only a scanned picture) was '已读取…点开始审核', and the run then asked
    for a report as if none had been given: the upload itself says the file has no text."""
    import docx

    blank = tmp_path / "扫描件.docx"
    docx.Document().save(str(blank))
    open_app(page, app.url)
    show_tab(page, "审核")
    page.locator("#audit-report-file input[type=file]").set_input_files(str(blank))
    message = page.locator("#audit-msg")
    expect(message).to_contain_text("未完成")
    expect(message).to_contain_text("扫描件.docx")
    expect(message).to_contain_text("没有可审核的文字")
