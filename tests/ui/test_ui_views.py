"""The UI's pure parts without a browser: report HTML with finding anchors, table diffs, chart data,
settings parsing and the error edge (no traceback, no key in logs)."""

from __future__ import annotations

import logging
import re
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
        # The highlighted text right after the anchor is the finding's own quote.
        after = page.split(f'id="f-{finding.fingerprint}"></span>', 1)[1]
        marked = re.match(r'<mark class="jx-\w+">([^<]*)</mark>', after)
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


def test_chart_frame_stacks_executed_and_unexecuted_to_the_budget() -> None:
    rows = [
        {"项目": "甲项目", "全年预算数": Decimal("62.3205"), "全年执行数": Decimal("18.6932")},
        {"项目": "乙项目", "全年预算数": Decimal("5"), "全年执行数": Decimal("6")},
    ]
    frame = views.chart_frame(rows)
    first = frame[frame["项目"] == "1.甲项目"].set_index("类别")["金额"]
    assert first["已执行"] == pytest.approx(18.6932) and first["未执行"] == pytest.approx(43.6273)
    second = frame[frame["项目"] == "2.乙项目"].set_index("类别")["金额"]
    assert second.to_dict() == {"超预算": 1.0, "未执行": 0.0, "已执行": 5.0}
    many = views.chart_frame([{**rows[0], "项目": f"项目{i}"} for i in range(12)])
    labels = list(dict.fromkeys(many["项目"]))
    assert labels[0] == "01.项目0" and labels == sorted(labels)  # drawn in the table's order


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
