"""The 审核 tab's batch review in a real browser: several reports (a .txt with contradictions, its Word twin, a
broken file) uploaded at once, one row per report, and the review workbook offered for download."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.forms_shapes import grid, pipe_rows, twin_forms, write_docx
from tests.ui.harness import AppServer, needs_browser, open_app, show_tab

pytestmark = needs_browser

TWIN = twin_forms()["t_yunnan_yongde_minglang_yingyang_2022"][0]
PROSE = [
    "永德县明朗中学2022年度义务教育营养改善计划专项资金绩效自评报告",
    "2022年全年预算数387664.62元，全年执行数387664.62元，预算执行率为95%。",
    "经自评，项目总分96分，评价等级为良。",
]


def test_several_reports_are_reviewed_into_a_workbook(app: AppServer, page, tmp_path: Path) -> None:
    txt = tmp_path / "明朗中学.txt"
    txt.write_text("\n".join(PROSE) + "\n" + pipe_rows(grid(TWIN)), encoding="utf-8")
    docx = write_docx(tmp_path / "明朗中学.docx", [*PROSE, grid(TWIN)])
    broken = tmp_path / "损坏.docx"
    broken.write_bytes(b"not a zip")
    open_app(page, app.url)
    show_tab(page, "审核")
    page.locator("#audit-batch").get_by_text("批量审核（多份报告").click()
    page.locator("#audit-batch-files input[type=file]").set_input_files([str(txt), str(docx), str(broken)])
    page.click("#audit-batch-run")
    message = page.locator("#audit-batch-msg")
    expect(message).to_contain_text("审核 3 份报告", timeout=60_000)
    expect(message).to_contain_text("无法审核的 1 份")
    table = page.locator("#audit-batch-table")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("明朗中学.txt")
    expect(rows.nth(0)).to_contain_text("预算执行率应为 100.00%")
    expect(rows.nth(2)).to_contain_text("无法审核")
    link = page.locator("#audit-batch-workbook a").first
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "审核汇总.xlsx"
    download.value.save_as(saved)
    from openpyxl import load_workbook

    book = load_workbook(saved)
    names = [row[0] for row in book["审核汇总"].iter_rows(min_row=2, values_only=True)]
    assert names == ["明朗中学.txt", "明朗中学.docx", "损坏.docx"]
    assert book["全部发现"].max_row > 4
    assert "Traceback" not in page.content()
