"""The UI's pure parts without a browser: report HTML with finding anchors, table diffs, chart data,
settings parsing and the error edge (no traceback, no key in logs)."""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import gradio as gr
import pandas as pd
import pytest

from assistant.audit import audit_text
from assistant.errors import InputError
from assistant.io import load_case
from assistant.pipeline import draft_case
from assistant.ui import views
from assistant.ui.config import parse_auth, parse_port
from assistant.ui.guard import INTERNAL, guarded
from tests.conftest import SEED_CASE


def test_report_html_anchors_each_finding_at_its_quote() -> None:
    draft = draft_case(load_case(SEED_CASE))
    findings = draft.audit.findings
    assert findings
    page = views.report_html(draft.markdown, findings, [s.id for s in draft.report.sections])
    for finding in findings:
        assert f'id="f-{finding.fingerprint}"' in page
        # The highlighted text right after the anchor (and those of findings starting at the same place) is the
        # finding's own quote.
        after = page.split(f'id="f-{finding.fingerprint}"></span>', 1)[1]
        marked = re.match(
            r'(?:<span class="jx-anchor" id="f-\w+"></span>)*<mark class="jx-\w+">([^<]*)</mark>', after
        )
        assert marked and finding.quote.startswith(marked.group(1)[:10])
    first = draft.report.sections[0]
    assert f'id="sec-{first.id}"' in page
    assert page.count("<table>") == len(draft.report.tables)


def test_report_html_escapes_report_text() -> None:
    text = "# 报告\n\n<script>alert(1)</script>执行率为100%。\n\n| 项目名称 | 金额 |\n| --- | --- |\n| <b>x</b> | 1 |\n"
    page = views.report_html(text)
    assert "<script>" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_findings_html_lists_and_links_findings_of_an_audit() -> None:
    text = (SEED_CASE.parent / "report.txt").read_text(encoding="utf-8")
    from assistant.scoring import score_case

    result = audit_text(text, score_case(load_case(SEED_CASE)))
    page = views.findings_html(result.findings, result.findings[:1])
    assert page.count('class="jx-finding jx-') == len(result.findings)
    assert "已忽略 1 项" in page
    located = [f for f in result.findings if f.span]
    assert page.count('class="jx-goto"') == len(located)


@pytest.mark.parametrize(
    ("cell", "text"),
    [("62.3205", "62.3205"), (62.5, "62.5"), (3.0, "3"), (float("nan"), ""), (None, ""), ("  a ", "a")],
)
def test_frame_rows_reads_browser_values_back_as_text(cell: object, text: str) -> None:
    assert views.frame_rows(pd.DataFrame([[cell]], columns=["x"])) == [[text]]
    assert views.frame_rows({"data": [[cell]], "headers": ["x"]}) == [[text]]


def test_changed_cells_finds_the_edited_cell_only() -> None:
    before = [["1", "甲", "5.6"], ["2", "乙", "3"]]
    after = [["1", "甲", "5.6"], ["2", "乙 ", "2.8"]]
    assert views.changed_cells(before, after) == [(1, 2, "2.8")]


def test_chart_svg_stacks_executed_and_unexecuted_to_the_budget_with_a_coloured_legend() -> None:
    rows = [
        {"项目": "甲项目", "全年预算数": Decimal("62.3205"), "全年执行数": Decimal("18.6932")},
        {"项目": "乙项目", "全年预算数": Decimal("5"), "全年执行数": Decimal("6")},
    ]
    svg = ET.fromstring(views.chart_svg(rows, "万元"))
    ns = {"s": "http://www.w3.org/2000/svg"}
    bars = [
        {views_colour_name(r.get("fill")): float(r.get("height")) for r in g.findall("s:rect", ns)}
        for g in svg.iter("{http://www.w3.org/2000/svg}g")
        if g.find("s:title", ns) is not None
    ]
    first, second = bars
    assert first["未执行"] / first["已执行"] == pytest.approx(43.6273 / 18.6932, rel=1e-2)
    assert second["超预算"] / second["已执行"] == pytest.approx(
        1 / 5, rel=3e-2
    )  # heights are rounded to 0.1 px and "未执行" not in second
    # The legend shows each category drawn, with its colour; the axis names the case's money unit.
    legend = svg.find(".//s:g[@class='jx-legend']", ns)
    assert legend is not None
    swatches = {views_colour_name(r.get("fill")) for r in legend.findall("s:rect", ns)}
    assert swatches == {"已执行", "未执行", "超预算"}
    texts = ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "金额（万元）" in texts and not any("类别" in t or "一致" in t for t in texts)
    many = ET.fromstring(views.chart_svg([{**rows[0], "项目": f"项目{i}"} for i in range(12)], "元"))
    labels = [t.text for t in many.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "jx-xlabel"]
    assert labels[0] == "01.项目0" and labels == sorted(labels)  # drawn in the table's order


def views_colour_name(fill: str | None) -> str:
    return {colour: name for name, colour in views.CHART_COLOURS.items()}[fill or ""]


def test_parse_auth_and_port() -> None:
    assert parse_auth("officer:pa:ss, reviewer:x") == [("officer", "pa:ss"), ("reviewer", "x")]
    assert parse_auth("") == [] and parse_auth(None) == []
    for bad in ("officer", ":x", "a:", "a:b,,c:d"):
        with pytest.raises(InputError):
            parse_auth(bad)
    assert parse_port(None) == 7860 and parse_port("8080") == 8080
    with pytest.raises(InputError):
        parse_port("0")


def test_guard_shows_input_errors_and_hides_internal_ones(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    key = "sk-never-shown-123456"
    monkeypatch.setenv("JIXIAO_LLM_API_KEY", key)

    @guarded
    def user_mistake() -> None:
        raise InputError.single("金额不能为负数", location="第3行「全年执行数」")

    @guarded
    def bug() -> None:
        raise RuntimeError(f"connection failed with key {key}")

    @guarded
    def streaming():
        yield 1
        raise ValueError("boom")

    with pytest.raises(gr.Error) as shown:
        user_mistake()
    assert shown.value.message == "第3行「全年执行数」：金额不能为负数"
    with caplog.at_level(logging.ERROR, logger="jixiao.ui"), pytest.raises(gr.Error) as shown:
        bug()
    assert shown.value.message == INTERNAL
    assert "RuntimeError" in caplog.text and key not in caplog.text and "***" in caplog.text
    gen = streaming()
    assert next(gen) == 1
    with pytest.raises(gr.Error) as shown:
        next(gen)
    assert shown.value.message == INTERNAL
