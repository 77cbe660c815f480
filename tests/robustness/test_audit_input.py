"""The audit parser on arbitrary text: any unicode, real reports with text inserted or cut anywhere, score tables
with junk in a cell, with and without the case data. Each ends as an ``AuditResult`` (JSON-serialisable) or
one Chinese ``InputError`` (no score table to audit against) — never another exception.

A long run of Chinese numerals once crashed the numeral parser (recursion per 亿/万); it is refused as too long
to be a number now.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.audit import audit_text
from assistant.errors import InputError
from assistant.io import load_case
from assistant.scoring import UnitScore, score_case
from tests.conftest import EVAL_DATA, SEED_CASE
from tests.robustness.conftest import ROBUST, assert_chinese_input_error

WEIJIAN = EVAL_DATA / "weijian_anlan_2022" / "data.yaml"


@pytest.fixture(scope="module")
def unit() -> UnitScore:
    return score_case(load_case(WEIJIAN))


@pytest.fixture(scope="module")
def report(unit: UnitScore) -> str:
    from assistant.pipeline import draft_case

    return draft_case(unit.case, llm="off").markdown


def audit_or_refuse(text: str, unit: UnitScore | None) -> None:
    try:
        result = audit_text(text, unit)
    except InputError as exc:
        assert unit is None, exc  # only self-audit (no case data) may refuse: nothing to audit against
        assert_chinese_input_error(exc)
        return
    json.dumps(result.to_json(), ensure_ascii=False)
    for finding in result.findings:
        assert finding.severity in ("error", "warning", "info")
        if finding.span is not None:
            assert 0 <= finding.span[0] <= finding.span[1] <= len(text)


def _pieces() -> st.SearchStrategy[str]:
    names = [p.name for p in load_case(WEIJIAN).projects] + [
        p.name for p in load_case(SEED_CASE).projects[:3]
    ]
    words = [
        "预算执行率",
        "全年预算数",
        "全年执行数",
        "万元",
        "元",
        "%",
        "％",
        "得分",
        "分",
        "。",
        "，",
        "\n",
        "\n\n",
        "# ",
        "## 一、",
        "### （二）",
        "| 项目名称 | 全年预算数 | 全年执行数 | 得分 |\n|---|---|---|---|\n",
        "| ",
        " |",
        "100",
        "76.43",
        "1,285,000.50",
        "一百",
        "百分之九十",
        "二〇二二年",
        "低于",
        "达到",
        "全部",
        "各项目",
        "均",
        "【待补充：偏差原因】",
        "\u200b",
        "\ufeff",
        "\x00",
        "𠀀",
        "١٢٣",
        "１２３",
        "≥",
        "≤",
        "约",
        "-",
        "—",
        "~",
        "至",
        "1e400",
        "NaN",
        "∞",
        "个",
        "项",
        "优",
        "良",
        "合计",
        "评分表",
        "附件",
    ]
    return st.sampled_from(names + words)


TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(_pieces(), st.text(max_size=6)), max_size=120).map("".join),
)


@ROBUST
@given(text=TEXT, with_data=st.booleans())
def test_arbitrary_text(unit: UnitScore, text: str, with_data: bool) -> None:
    audit_or_refuse(text, unit if with_data else None)


@ROBUST
@given(start=st.floats(0, 1), cut=st.integers(0, 400), inserted=TEXT, with_data=st.booleans())
def test_real_report_edited_anywhere(
    unit: UnitScore, report: str, start: float, cut: int, inserted: str, with_data: bool
) -> None:
    at = int(len(report) * start)
    audit_or_refuse(report[:at] + inserted + report[at + cut :], unit if with_data else None)


@ROBUST
@given(data=st.data())
def test_score_table_with_junk_in_a_cell(report: str, data: st.DataObject) -> None:
    """Self-audit reads the attached 评分表: junk in any cell is refused or audited, never a crash."""
    lines = report.split("\n")
    rows = [n for n, line in enumerate(lines) if line.startswith("|")]
    assert rows, "the template report has a score table"
    row = data.draw(st.sampled_from(rows))
    cells = lines[row].split("|")
    cells[data.draw(st.integers(0, len(cells) - 1))] = data.draw(TEXT)
    lines[row] = "|".join(cells)
    audit_or_refuse("\n".join(lines), None)


@pytest.mark.parametrize(
    "text",
    [
        "1" * 200_000,
        "1." * 100_000,
        "|" * 200_000,
        "| 项目名称 | 全年预算数 |\n" + "| 甲 | 1 |\n" * 20_000,
        "（" * 50_000 + "）" * 50_000,
        "\n" * 300_000,
        " " * 300_000,
        "#" * 200_000,
        "经费" * 150_000,
    ],
    ids=["digits", "dots", "pipes", "table-rows", "brackets", "newlines", "spaces", "hashes", "cjk-line"],
)
def test_long_degenerate_texts(unit: UnitScore, text: str) -> None:
    audit_or_refuse(text, unit)
    audit_or_refuse(text, None)


def test_a_long_run_of_chinese_numerals(unit: UnitScore) -> None:
    audit_or_refuse("报告" + "一二三四五六七八九十百千万亿" * 1000 + "万元", unit)
