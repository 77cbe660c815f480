"""A new officer's first minutes in a real browser: a hint of what to do first, every upload answered in
Chinese, no stale message from another session, a chart that can be read, nothing in English."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.ui.harness import AppServer, chart_texts, needs_browser, open_app, show_tab

pytestmark = needs_browser

ENGLISH = ("Warning", "Error", "$JIXIAO_HOME", "JIXIAO_HOME")


def visible_text(page) -> str:
    return page.evaluate("document.body.innerText")


def boxes_overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_first_visit_has_a_hint_a_readable_upload_and_chart(app: AppServer, page) -> None:
    """Problem 7: someone else's case with no hint; the upload label covered its icon; the chart's legend read
    "类别" without colours and its axis "金额（与案例金额单位一致）"."""
    open_app(page, app.url)
    hint = page.locator("#first-run-hint")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("第一次使用")
    expect(hint).to_contain_text("示例")

    label = page.locator("#case-upload label[data-testid=block-label]").bounding_box()
    icon = page.locator("#case-upload [data-testid=upload-icon]").bounding_box()
    assert label and icon and not boxes_overlap(label, icon)

    page.locator("#budget-chart svg").first.wait_for()
    words = chart_texts(page)
    assert "金额（万元）" in words
    assert not any("与案例金额单位一致" in w or w == "类别" for w in words)
    swatches = page.locator("#budget-chart .jx-legend-swatch")
    expect(swatches).to_have_count(2)  # 已执行, 未执行 (no project of the seed is over budget)
    fills = swatches.evaluate_all("els => els.map((e) => getComputedStyle(e).fill)")
    assert len(set(fills)) == 2 and all(f not in ("none", "") for f in fills)
    legend = page.locator("#budget-chart .jx-legend")
    expect(legend).to_contain_text("已执行")
    expect(legend).to_contain_text("未执行")

    show_tab(page, "会话")
    expect(page.locator("#sessions-table")).to_be_visible()
    text = visible_text(page)
    assert not any(word in text for word in ENGLISH), [w for w in ENGLISH if w in text]


def test_every_upload_is_answered_in_chinese_and_messages_do_not_outlive_their_session(
    app: AppServer, page, tmp_path: Path
) -> None:
    """Problem 6: a .txt on the data tab did nothing; the old "未保存 无法打开" stayed after switching sessions;
    problem 7: the error toast was titled "Warning"."""
    open_app(page, app.url)
    report = tmp_path / "去年的报告.txt"
    report.write_text("一、基本情况\n我单位2022年共实施项目3个。\n", encoding="utf-8")
    page.locator("#case-upload input[type=file]").set_input_files(str(report))
    message = page.locator("#data-msg")
    expect(message).to_contain_text("去年的报告.txt")
    expect(message).to_contain_text("审核")  # where a report goes

    bad = tmp_path / "bad.yaml"
    bad.write_text("单位名称: 测试单位\n年度: 2023\n项目: 3\n", encoding="utf-8")
    page.locator("#case-upload input[type=file]").set_input_files(str(bad))
    expect(message).to_contain_text("无法打开「bad.yaml」")
    text = visible_text(page)
    assert not any(word in text for word in ENGLISH), [w for w in ENGLISH if w in text]

    show_tab(page, "会话")
    page.click("#session-new")
    expect(page.locator("#session-msg")).to_contain_text("已新建会话")
    show_tab(page, "数据")
    expect(message).not_to_contain_text("无法打开")
    expect(message).not_to_contain_text("bad.yaml")
