"""Word rendering in 公文 style: page setup, fonts on every style and run, page-number field, the 评分表."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from assistant.drafting import Report, Section, Table, draft_template
from assistant.io import case_from_data, load_case
from assistant.render.docx import render_docx, render_docx_bytes
from assistant.scoring import score_case
from tests.conftest import SEED_CASE
from tests.test_facts import yuan_case


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    report = draft_template(score_case(load_case(SEED_CASE)))
    path = render_docx(report, tmp_path_factory.mktemp("docx") / "seed.docx")
    return report, path


def all_runs(document) -> list:
    """Every ``w:r`` in the body, headers and footers."""
    parts = [document.element.body]
    for section in document.sections:
        for story in (section.footer, section.even_page_footer, section.header):
            parts.append(story._element)
    return [run for part in parts for run in part.iter(qn("w:r"))]


def east_asian_font(element) -> str | None:
    rpr = element.find(qn("w:rPr"))
    rfonts = None if rpr is None else rpr.find(qn("w:rFonts"))
    return None if rfonts is None else rfonts.get(qn("w:eastAsia"))


def test_opens_with_title_and_headings(seed_docx):
    report, path = seed_docx
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == report.title
    for section in report.sections:
        assert section.heading in texts
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["一、基本情况"] == "Heading 1"
    assert styles["（一）项目基本背景及绩效目标"] == "Heading 2"
    assert styles["1.项目背景简要情况"] == "Heading 3"
    body = [p for p in document.paragraphs if p.style.name == "Normal" and p.text]
    assert body and all("\n" not in p.text for p in body)


def test_a4_page_and_gbt_9704_margins(seed_docx):
    _, path = seed_docx
    section = docx.Document(str(path)).sections[0]
    for actual, expected in (
        (section.page_width, Cm(21.0)),
        (section.page_height, Cm(29.7)),
        (section.top_margin, Cm(3.7)),
        (section.bottom_margin, Cm(3.5)),
        (section.left_margin, Cm(2.8)),
        (section.right_margin, Cm(2.6)),
    ):
        assert abs(actual - expected) < Cm(0.01)


def test_every_run_carries_east_asian_and_latin_fonts(seed_docx):
    _, path = seed_docx
    runs = all_runs(docx.Document(str(path)))
    assert len(runs) > 50
    for run in runs:
        rfonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsia")), run.xml
        assert rfonts.get(qn("w:ascii")) and rfonts.get(qn("w:hAnsi"))
        assert rfonts.get(qn("w:asciiTheme")) is None


def test_styles_set_gongwen_fonts_sizes_and_spacing(seed_docx):
    _, path = seed_docx
    document = docx.Document(str(path))
    expected = {
        "Normal": ("仿宋_GB2312", 16, False),
        "Heading 1": ("黑体", 16, False),
        "Heading 2": ("楷体_GB2312", 16, False),
        "Heading 3": ("仿宋_GB2312", 16, True),
        "GW Title": ("方正小标宋简体", 22, False),
    }
    for name, (font, size, bold) in expected.items():
        style = document.styles[name]
        assert east_asian_font(style.element) == font, name
        assert style.font.size == Pt(size), name
        assert bool(style.font.bold) == bold, name
    normal = document.styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert Pt(28) <= normal.line_spacing <= Pt(29)
    ind = document.styles["Normal"].element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert document.styles["GW Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    title = document.paragraphs[0]
    assert title.style.name == "GW Title"
    assert title.runs[0].font.size == Pt(22)
    assert east_asian_font(title.runs[0]._r) == "方正小标宋简体"
    heading = next(p for p in document.paragraphs if p.text == "一、基本情况")
    assert east_asian_font(heading.runs[0]._r) == "黑体"


def test_footer_has_a_page_field_between_dashes(seed_docx):
    _, path = seed_docx
    document = docx.Document(str(path))
    section = document.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        instructions = [el.text for el in footer._element.iter(qn("w:instrText"))]
        assert any("PAGE" in text for text in instructions)
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")
    assert document.settings.odd_and_even_pages_header_footer


def test_score_table_is_a_real_word_table(seed_docx):
    report, path = seed_docx
    document = docx.Document(str(path))
    assert len(document.tables) == 1
    table = document.tables[0]
    assert table.style.name == "Table Grid"
    assert len(table.rows) == 1 + 14 + 1
    assert [c.text for c in table.rows[0].cells] == report.table.header
    assert [c.text for c in table.rows[3].cells] == [
        "3",
        "干部人事档案数字化建设",
        "62.3205",
        "18.6932",
        "30.00",
        "90",
        "优",
    ]
    assert [c.text for c in table.rows[-1].cells] == report.table.total
    header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
    assert header is not None and header.get(qn("w:val")) == "true"
    heading = next(p for p in document.paragraphs if p.text == "附件：评分表")
    assert heading.paragraph_format.page_break_before


def test_single_project_outline_renders_every_table(tmp_path: Path):
    report = draft_template(score_case(case_from_data(yuan_case())), "single_project")
    document = docx.Document(str(render_docx(report, tmp_path / "single.docx")))
    assert len(document.tables) == len(report.tables) == 6
    for word_table, table in zip(document.tables, report.tables, strict=True):
        assert len(word_table.rows) == 1 + len(list(table.all_rows()))
    for run in all_runs(document):
        assert east_asian_font(run)


def test_control_characters_never_corrupt_the_file(tmp_path: Path):
    report = Report(
        title="\x00\x07abc",
        sections=[
            Section(
                id="a",
                heading="一、\x1b基本情况",
                level=1,
                kind="narrative",
                paragraphs=["\x00\x07abc", "第一行\n第二行\ud800\ufffe", ""],
                tables=[Table(header=["名\x01称"], rows=[["\x0cx"]], total=["\x00"], title="表\x02")],
                source="llm",
            )
        ],
    )
    path = render_docx(report, tmp_path / "dirty.docx")
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "abc"
    assert "一、基本情况" in texts
    assert "abc" in texts and "第一行" in texts and "第二行" in texts
    assert [c.text for c in document.tables[0].rows[0].cells] == ["名称"]
    assert [c.text for c in document.tables[0].rows[1].cells] == ["x"]


def test_package_has_each_part_once_and_is_deterministic(seed_docx):
    report, path = seed_docx
    data = render_docx_bytes(report)
    assert data == render_docx_bytes(report)
    assert data == path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        assert package.testzip() is None
        assert len(names) == len(set(names))
        assert {"[Content_Types].xml", "word/document.xml", "docProps/core.xml", "word/styles.xml"} <= set(
            names
        )
    assert docx.Document(io.BytesIO(data)).core_properties.title == report.title


def test_markup_characters_tabs_and_postscript_survive(tmp_path: Path):
    report = Report(
        title="A&B<报告>",
        sections=[
            Section(
                id="a",
                heading="一、基本情况 <&>",
                level=1,
                kind="narrative",
                paragraphs=["  前后有空格  ", "甲\t乙"],
                tables=[Table(header=["项目名称", "说明"], rows=[["x&y", "<b>"]])],
            )
        ],
        postscript="说明：第二部分由模型起草。",
    )
    document = docx.Document(str(render_docx(report, tmp_path / "markup.docx")))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "A&B<报告>" and document.core_properties.title == "A&B<报告>"
    assert "一、基本情况 <&>" in texts
    assert "前后有空格" in texts
    assert "甲\t乙" in texts
    tab_paragraph = next(p for p in document.paragraphs if p.text == "甲\t乙")
    assert tab_paragraph._p.find(".//" + qn("w:tab")) is not None
    assert texts[-1] == "说明：第二部分由模型起草。"
    assert [c.text for c in document.tables[0].rows[1].cells] == ["x&y", "<b>"]


def test_narrow_columns_keep_two_characters_and_whole_numbers(seed_docx):
    """序号 "10" and 等级 must not wrap inside a character pair; numbers never break mid-number."""
    _, path = seed_docx
    table = docx.Document(str(path)).tables[0]
    widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    twips_per_char = 12 * 20  # 小四 12 pt
    margins = 2 * 108  # Word's default cell margins, 0.19 cm each side
    assert abs(sum(widths) - Cm(21.0 - 2.8 - 2.6).twips) < 10  # fills the text width
    header = [c.text for c in table.rows[0].cells]
    for name in ("序号", "等级"):
        assert widths[header.index(name)] >= 2 * twips_per_char + margins
    budget = widths[header.index("全年预算数（万元）")]
    assert budget >= len("62.3205") * twips_per_char / 2 + margins
    assert widths[header.index("项目名称")] == max(widths)
