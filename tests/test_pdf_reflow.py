"""A PDF sets each paragraph in lines as wide as its text column; ``pdf_to_text`` puts every paragraph back on one
line, so that a sentence (or a number) the page cut at its right edge is read whole. Real files: Word documents
written here in 公文 layout (first-line indent, fixed line spacing, a table between paragraphs) and printed to PDF by
LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

from assistant.audit import audit_text
from assistant.pdf_text import pdf_to_text
from tests.office_tools import convert

TITLE = "某县2023年度农村公路养护项目绩效自评报告"
HEADING = "一、项目资金使用情况"
# long enough to wrap two or three times; the 结余 written 123.18 where 1,286.40 − 1,153.22 = 133.18
MONEY = (
    "2023年，县财政局下达我局农村公路养护专项资金，全年预算数为1,286.40万元。截至2023年12月31日，全年实际"
    "支出1,153.22万元，预算执行率为89.65%，结余资金123.18万元已按规定上缴县财政统筹使用，主要原因是部分"
    "工程尚未完成竣工结算审计，质保金按合同约定于次年支付。"
)
SUBHEADING = "（一）绩效目标完成情况"
OUTCOME = (
    "全年完成农村公路日常养护里程1,062公里，完成危桥改造7座，群众满意度达到95.2%，高于年度指标值。项目实施"
    "有效改善了沿线群众的出行条件，为乡村产业发展和农产品运输提供了保障。"
)
ROWS = [
    ["指标", "年度指标值", "实际完成值"],
    ["日常养护里程", "≥1000公里", "1062公里"],
    ["危桥改造", "7座", "7座"],
]


def _write(path: Path, indent: bool, spacing: float | None) -> Path:
    document = Document()
    for text in (TITLE, HEADING, MONEY, SUBHEADING, OUTCOME, None, OUTCOME):
        if text is None:
            table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
            table.style = "Table Grid"
            for r, row in enumerate(ROWS):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            continue
        paragraph = document.add_paragraph(text)
        if indent and text in (MONEY, OUTCOME):
            paragraph.paragraph_format.first_line_indent = Pt(22)
        if spacing is not None:
            paragraph.paragraph_format.line_spacing = Pt(spacing)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("reflow")
    sources = {
        "plain": _write(folder / "plain.docx", indent=False, spacing=None),
        "gongwen": _write(folder / "gongwen.docx", indent=True, spacing=28),
    }
    convert(list(sources.values()), "pdf", folder)
    return {name: pdf_to_text(folder / f"{name}.pdf").text for name in sources}


@pytest.mark.parametrize("layout", ["plain", "gongwen"])
def test_each_wrapped_paragraph_comes_back_on_one_line(printed, layout):
    lines = [line.strip() for line in printed[layout].splitlines()]
    assert MONEY in lines
    assert lines.count(OUTCOME) == 2
    for heading in (TITLE, HEADING, SUBHEADING):
        assert heading in lines  # a heading is never run into the paragraph above or below


@pytest.mark.parametrize("layout", ["plain", "gongwen"])
def test_a_table_between_paragraphs_stays_a_table(printed, layout):
    assert "| 日常养护里程 | ≥1000公里 | 1062公里 |" in printed[layout]


@pytest.mark.parametrize("layout", ["plain", "gongwen"])
def test_a_slip_across_the_page_s_line_ends_is_found(printed, layout):
    found = [f for f in audit_text(printed[layout]).findings if f.code == "REMAINDER_MISMATCH"]
    assert found and "123.18" in found[0].quote
