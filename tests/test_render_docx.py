"""Word rendering in 公文 style: page setup, fonts on every style and run, page-number field, the title broken at
a word boundary, 附件说明 and 落款, and the annex: a landscape section with the 汇总表 and one 自评表 form per
project, columns fitted to their content, rows that never split, repeated header rows."""

from __future__ import annotations

import io
import re
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
from tests.conftest import EVAL_DATA, SEED_CASE
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
    assert (
        texts[0] == "中共新余市渝水区委组织部2022年度\n项目支出绩效自评报告"
    )  # broken after 年度, not mid-word
    assert texts[0].replace("\n", "") == report.title
    for section in report.sections:
        assert section.heading in texts
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["一、基本情况"] == "Heading 1"
    assert styles["（一）项目概况"] == "Heading 2"
    assert styles["1.评价原则"] == "Heading 3"
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


def test_summary_table_is_a_real_word_table(seed_docx):
    report, path = seed_docx
    document = docx.Document(str(path))
    assert len(document.tables) == 1 + 14  # the 汇总表 and a 自评表 per project
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
    assert header is not None and header.get(qn("w:val")) == "true"  # repeated on every page
    for row in table.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None  # a row never splits across pages
    title = next(
        p
        for p in document.paragraphs
        if p.text.startswith("中共新余市渝水区委组织部2022年度项目支出绩效自评汇总表")
    )
    assert title.style.name == "GW Table Title" and title.style.paragraph_format.keep_with_next


def test_annex_is_a_landscape_section_with_flush_left_headings(seed_docx):
    _, path = seed_docx
    document = docx.Document(str(path))
    body, annex = document.sections
    assert body.page_width < body.page_height and annex.page_width > annex.page_height
    assert annex.footer.paragraphs[0].text.startswith("— ")  # page numbers go on
    for name in ("附件1", "附件2"):
        heading = next(p for p in document.paragraphs if p.text == name)
        ind = heading._p.pPr.find(qn("w:ind"))
        assert ind is not None and ind.get(qn("w:firstLine")) == "0"
    forms = [p for p in document.paragraphs if p.text == "项目支出绩效自评表（2022年度）"]
    assert len(forms) == 14
    assert [bool(p.paragraph_format.page_break_before) for p in forms] == [False] + [True] * 13


def test_closing_lines_before_the_annex(seed_docx):
    _, path = seed_docx
    paragraphs = docx.Document(str(path)).paragraphs
    texts = [p.text for p in paragraphs]
    at = texts.index("附件：1.项目支出绩效自评汇总表")
    assert texts[at + 1 : at + 4] == [
        "2.项目支出绩效自评表",
        "中共新余市渝水区委组织部",
        "【待补充：成文日期】",
    ]
    assert texts.index("七、其他需要说明的问题") < at < texts.index("附件1")
    for signature in paragraphs[at + 2 : at + 4]:
        assert signature.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert signature.paragraph_format.right_indent == Pt(16 * 4)  # four characters in


def test_self_evaluation_form_merges_cells_like_the_national_form(tmp_path: Path):
    report = draft_template(score_case(load_case(EVAL_DATA / "jiaoyu_qingjiang_2023" / "data.yaml")))
    document = docx.Document(str(render_docx(report, tmp_path / "edu.docx")))
    form = document.tables[1]._tbl
    grid = [int(col.get(qn("w:w"))) for col in form.tblGrid.iter(qn("w:gridCol"))]
    assert len(grid) == 9
    rows = form.findall(qn("w:tr"))
    first = rows[0].findall(qn("w:tc"))
    assert len(first) == 2 and first[1].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "8"
    labels = [tr.findall(qn("w:tc"))[0] for tr in rows]
    restarts = [tc.tcPr.find(qn("w:vMerge")) for tc in labels]
    assert restarts[2].get(qn("w:val")) == "restart"  # 项目资金 spans the funds block
    assert all(m is not None and m.get(qn("w:val")) is None for m in restarts[3:7])
    texts = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in rows[3].findall(qn("w:tc"))]
    assert texts == ["", "年度资金总额", "468.7500", "498.6380", "491.3000", "10", "98.53", "9.85"]


def test_single_project_outline_renders_its_form(tmp_path: Path):
    report = draft_template(score_case(case_from_data(yuan_case())), "single_project")
    document = docx.Document(str(render_docx(report, tmp_path / "single.docx")))
    assert len(document.tables) == len(report.tables) == 3
    for word_table, table in zip(document.tables, report.tables, strict=True):
        assert len(word_table.rows) == len(list(table.all_rows()))
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


def test_columns_fit_their_content(seed_docx):
    """No column narrower than its widest number (a number never wraps mid-number) or two characters; the
    table fills the landscape text width; the name column, with the longest text, is the widest."""
    from assistant.render.docx import ANNEX_WIDTH_CM
    from assistant.render.docx_tables import CELL_MARGINS_PT, TABLE_HALF

    _, path = seed_docx
    table = docx.Document(str(path)).tables[0]
    widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    size = Pt(int(table.rows[1].cells[0]._tc.find(".//" + qn("w:sz")).get(qn("w:val"))) / 2)
    margins = Pt(CELL_MARGINS_PT).twips
    assert abs(sum(widths) - Cm(ANNEX_WIDTH_CM).twips) < 20
    header = [c.text for c in table.rows[0].cells]
    for name in ("序号", "等级"):
        assert widths[header.index(name)] >= 2 * size.twips + margins - 2
    assert (
        widths[header.index("全年预算数（万元）")] >= len("289.9965") * TABLE_HALF * size.twips + margins - 2
    )
    assert widths[header.index("项目名称")] == max(widths)


def test_large_yuan_amounts_never_wrap(tmp_path: Path):
    from assistant.render.docx_tables import CELL_MARGINS_PT, TABLE_HALF

    report = draft_template(score_case(load_case(EVAL_DATA / "weijian_anlan_2022" / "data.yaml")))
    document = docx.Document(str(render_docx(report, tmp_path / "yuan.docx")))
    for table in document.tables:
        widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        for tr in table._tbl.findall(qn("w:tr")):
            col = 0
            for tc in tr.findall(qn("w:tc")):
                span = tc.tcPr.find(qn("w:gridSpan"))
                span = int(span.get(qn("w:val"))) if span is not None else 1
                text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
                size = int(tc.find(".//" + qn("w:sz")).get(qn("w:val"))) / 2
                if re.fullmatch(r"[\d,]+\.\d+", text):
                    need = len(text) * TABLE_HALF * size * 20 + Pt(CELL_MARGINS_PT).twips
                    assert sum(widths[col : col + span]) >= need - 2, text
                col += span


def test_a_column_of_names_is_aligned_one_way(seed_docx):
    """Every 项目名称 of the 汇总表 left-aligned when any is long (never centred short names beside left-aligned
    long ones); the header and the 合计 row centred."""
    _, path = seed_docx
    table = docx.Document(str(path)).tables[0]

    def left(cell) -> bool:
        jc = cell.paragraphs[0]._p.pPr.find(qn("w:jc"))
        return jc is not None and jc.get(qn("w:val")) == "left"

    names = [row.cells[1] for row in table.rows[1:-1]]
    assert {len(c.text) <= 12 for c in names} == {True, False}  # short and long names alike
    assert all(left(c) for c in names)
    assert not left(table.rows[0].cells[1]) and not left(table.rows[-1].cells[1])
    assert not any(left(row.cells[2]) for row in table.rows)  # amounts stay centred


def test_amounts_in_a_form_are_aligned_alike(tmp_path: Path):
    """35,221,200.00 and 1,404,750.00 in one 自评表 column: both centred, whatever their length."""
    report = draft_template(score_case(load_case(EVAL_DATA / "weijian_anlan_2022" / "data.yaml")))
    form = docx.Document(str(render_docx(report, tmp_path / "yuan.docx"))).tables[1]
    amounts = [
        tc
        for tc in form._tbl.iter(qn("w:tc"))
        if re.fullmatch(r"[\d,]+\.\d{2}", "".join(t.text or "" for t in tc.iter(qn("w:t"))))
    ]
    assert {len("".join(t.text for t in tc.iter(qn("w:t")))) > 12 for tc in amounts} == {True, False}
    assert all(tc.find(".//" + qn("w:jc")) is None for tc in amounts)
