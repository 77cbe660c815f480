"""The drafted report.docx as LibreOffice prints it: CJK fonts embedded, title and 汇总表 on the page, page
numbers on alternating sides, a page image that is not blank; the layout a reviewer sees (title broken at a word
boundary, numbers never wrapped, 附件 flush left, each table title on its table's page), for a 万元 and a 元 case.

Needs LibreOffice (Debian: libreoffice-writer-nogui) and poppler-utils (pdffonts, pdftotext, pdftoppm).
Each run converts once, with its own throw-away LibreOffice profile and a time limit.
"""

from __future__ import annotations

import re
import struct
from collections import Counter
from pathlib import Path

import pytest

from assistant.drafting import Report, draft_template
from assistant.io import load_case
from assistant.render.docx import render_docx
from assistant.scoring import score_case
from tests.conftest import EVAL_DATA, SEED_CASE
from tests.office_tools import convert, require_soffice, run, tool


@pytest.fixture(autouse=True)
def _libreoffice_is_installed() -> None:
    """`make test` installs LibreOffice (scripts/system-deps.sh): a missing one fails here instead of passing."""
    require_soffice()


CJK_FONT = re.compile(
    r"CJK|WenQuanYi|WQY|MicroHei|Droid\s*Sans\s*Fallback|Sim(Sun|Hei|Kai|Fang)|FangSong|KaiTi", re.I
)


def print_pdf(case: Path, folder: Path) -> tuple[Report, Path]:
    report = draft_template(score_case(load_case(case)))
    source = render_docx(report, folder / "report.docx")
    convert([source], "pdf", folder)
    pdf = folder / "report.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    return report, pdf


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    return print_pdf(SEED_CASE, tmp_path_factory.mktemp("lo"))


@pytest.fixture(scope="module")
def printed_yuan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    return print_pdf(EVAL_DATA / "weijian_anlan_2022" / "data.yaml", tmp_path_factory.mktemp("lo_yuan"))


def pages_text(pdf: Path) -> list[str]:
    """Each page's text with all white space removed (CJK text has no spaces; pdftotext adds some)."""
    text = run([tool("pdftotext"), str(pdf), "-"])
    return [re.sub(r"\s+", "", page) for page in text.split("\f")]


def test_every_font_is_embedded_and_chinese_is_set_in_a_cjk_font(printed):
    _, pdf = printed
    lines = run([tool("pdffonts"), str(pdf)]).splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("---"))
    fonts = [line.split() for line in lines[rule + 1 :] if line.strip()]
    assert fonts
    for tokens in fonts:
        assert tokens[-5] == "yes", f"字体未嵌入：{tokens[0]}"  # columns from the right: ID(2) uni sub emb
    assert any(CJK_FONT.search(tokens[0]) for tokens in fonts), [tokens[0] for tokens in fonts]


def test_pdf_shows_the_title_and_the_score_table(printed):
    report, pdf = printed
    pages = pages_text(pdf)
    assert len(pages) >= 3
    assert re.sub(r"\s+", "", report.title) in pages[0]
    table_page = next(i for i, page in enumerate(pages) if page.startswith("附件1"))
    assert table_page > 0  # the attachment starts on a new page
    table_text = "".join(pages[table_page:])
    for value in ("62.3205", "18.6932", "289.9965", "244.2092", "84.21"):
        assert value in table_text
    assert "干部人事档案数字化建设" in table_text


def test_page_numbers_alternate_right_and_left(printed):
    _, pdf = printed
    pages = pages_text(pdf)
    assert "—1—" in pages[0] and "—2—" in pages[1]
    html = run([tool("pdftotext"), "-bbox", "-f", "1", "-l", "2", str(pdf), "-"])
    dashes: list[list[float]] = []
    for page in html.split("<page ")[1:]:
        width = float(re.search(r'width="([\d.]+)"', page).group(1))
        xs = [float(x) for x in re.findall(r'<word xMin="([\d.]+)"[^>]*>—</word>', page)]
        assert xs, "页脚中没有页码"
        dashes.append([x / width for x in xs])
    odd, even = dashes
    assert min(odd) > 0.6  # odd pages: at the right
    assert max(even) < 0.4  # even pages: at the left


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def first_page(pdf: Path, prefix: Path, kind: str) -> Path:
    """Page 1 at 60 dpi as ``prefix``.png (kind "-png") or .pgm (kind "-gray")."""
    run([tool("pdftoppm"), "-r", "60", kind, "-f", "1", "-l", "1", "-singlefile", str(pdf), str(prefix)])
    return prefix.with_suffix(".png" if kind == "-png" else ".pgm")


def test_first_page_renders_as_an_image_with_ink(printed, tmp_path: Path):
    _, pdf = printed
    width, height = png_size(first_page(pdf, tmp_path / "page", "-png").read_bytes())
    assert abs(width - 496) <= 2 and abs(height - 702) <= 2  # A4 at 60 dpi
    pgm = first_page(pdf, tmp_path / "gray", "-gray").read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", pgm)
    assert header, pgm[:20]
    area = int(header.group(1)) * int(header.group(2))
    pixels = pgm[header.end() : header.end() + area]
    assert len(pixels) == area
    dark = sum(1 for value in pixels if value < 128)
    assert dark > 0.01 * area  # a page of 三号 text, not an empty page


# --- the layout a reviewer sees -------------------------------------------------------------------------


def layout_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines as printed (pdftotext -layout), spaces inside a line removed."""
    text = run([tool("pdftotext"), "-layout", str(pdf), "-"])
    return [
        [re.sub(r"\s+", "", line) for line in page.splitlines() if line.strip()] for page in text.split("\f")
    ]


def test_title_breaks_after_the_year_not_inside_a_word(printed, printed_yuan):
    for _, pdf in (printed, printed_yuan):
        first = layout_lines(pdf)[0]
        assert first[0].endswith("2022年度") and first[1] == "项目支出绩效自评报告", first[:2]


def test_numbers_in_the_tables_never_wrap(printed, printed_yuan):
    """Every amount, rate and score of the 汇总表 and the 自评表 stands whole on one printed line."""
    for (report, pdf), largest in ((printed, "289.9965"), (printed_yuan, "36,625,950.00")):
        lines = [line for page in layout_lines(pdf) for line in page]
        numbers = {
            cell
            for table in report.tables
            for row in table.all_rows()
            for cell in row
            if re.fullmatch(r"[\d,]+\.\d+", cell) and len(cell) >= 5
        }
        assert len(numbers) > 10 and largest in numbers
        broken = [n for n in numbers if not any(n in line for line in lines)]
        assert not broken, broken


def test_short_form_labels_never_wrap(printed_yuan):
    """一级/二级指标 such as 产出指标 or 满意度指标 stand whole on one printed line ("产出指" over "标" reads badly):
    the 自评表 pages print each as often as the forms hold it."""
    report, pdf = printed_yuan
    pages = layout_lines(pdf)
    first = next(i for i, page in enumerate(pages) if page and page[0].startswith("附件2"))
    printed = "\n".join(line for page in pages[first:] for line in page)
    cells = Counter(
        cell
        for table in report.tables
        if table.is_form
        for row in table.all_rows()
        for cell in row[1:3]
        if cell.endswith("指标") and 3 < len(cell) <= 5
    )
    assert {"产出指标", "效益指标", "满意度指标", "数量指标"} <= set(cells)
    assert [
        cell for cell, n in cells.items() if printed.count(cell) < n
    ] == []  # 社会效益指标 holds 效益指标 too


def test_annex_headings_flush_left_and_table_titles_on_their_tables_page(printed):
    report, pdf = printed
    pages = pages_text(pdf)
    summary = next(i for i, page in enumerate(pages) if page.startswith("附件1"))
    assert pages[summary].startswith("附件1" + report.tables[0].title + "序号")
    form = next(i for i, page in enumerate(pages) if page.startswith("附件2"))
    assert pages[form].startswith("附件2项目支出绩效自评表（2022年度）项目名称")
    for number in (summary, form):
        html = run([tool("pdftotext"), "-bbox", "-f", str(number + 1), "-l", str(number + 1), str(pdf), "-"])
        words = [(float(x), w) for x, w in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', html)]
        annex_x = next(x for x, w in words if w.startswith("附件"))
        assert (
            annex_x <= min(x for x, _ in words) + 1
        )  # no first-line indent: at the table's left edge or left of it
