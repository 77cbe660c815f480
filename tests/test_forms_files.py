"""Real 自评表 as reviewers receive them: each clean twin (tests/fixtures/forms/twins.yaml, from eval_data/real)
put into a Word document with real Word tables (title and header cells merged across, 一级/二级指标 merged down),
and that document printed to PDF by LibreOffice. Every one reads back to the figures of its twin."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.forms import read_forms
from assistant.io import load_report
from tests.forms_shapes import KEYS, compare, expected, funds_cases, grid, twin_forms, write_docx
from tests.office_tools import convert

CASES = funds_cases()
IDS = [f"{slug}-{index}" for slug, index in CASES]


def _twin(slug: str, index: int) -> dict:  # type: ignore[type-arg]
    return twin_forms()[slug][index]


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each twin as .docx and as the .pdf LibreOffice prints from it (one conversion run for all)."""
    folder = tmp_path_factory.mktemp("forms")
    docx = [
        write_docx(folder / f"{name}.docx", [grid(_twin(*case))])
        for name, case in zip(IDS, CASES, strict=True)
    ]
    pdf = convert(docx, "pdf", folder)
    return {name: pair for name, pair in zip(IDS, zip(docx, pdf, strict=True), strict=True)}


def _reads_to_twin(path: Path, twin: dict) -> None:  # type: ignore[type-arg]
    keys = tuple(k for k in KEYS if k in twin and not (k == "indicators" and twin.get("partial")))
    forms = [f for f in read_forms(load_report(path)) if f.funds]
    assert len(forms) == 1, load_report(path)[:400]
    assert compare(forms[0], twin, keys) == expected(twin, keys)


@pytest.mark.parametrize(("slug", "index"), CASES, ids=IDS)
def test_word_table_reads_to_the_twin(documents, slug, index):
    _reads_to_twin(documents[f"{slug}-{index}"][0], _twin(slug, index))


@pytest.mark.parametrize(("slug", "index"), CASES, ids=IDS)
def test_pdf_printed_from_word_reads_to_the_twin(documents, slug, index):
    """LibreOffice wraps long amounts inside their cells ('387664' / '.62') and splits a row over a page break
    ('…的影响' / '程度'): the PDF reader joins both back."""
    _reads_to_twin(documents[f"{slug}-{index}"][1], _twin(slug, index))


def test_a_pdf_page_records_where_it_starts(documents):
    from assistant.io import load_report_pages

    long_form = max(documents.values(), key=lambda pair: len(load_report(pair[1])))[1]
    paged = load_report_pages(long_form)
    assert paged.page_starts[0] == 0 and len(paged.page_starts) >= 2  # this form runs over two pages
    second = paged.page_starts[1]
    assert paged.page_of(second) == 2 and paged.page_of(second - 1) == 1
    assert paged.where(second, 40) == "第2页（全文第40行）"


def test_a_scan_without_a_text_layer_is_refused_in_chinese(tmp_path):
    from PIL import Image, ImageDraw

    from assistant.errors import InputError

    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    for row in range(12):  # the ruled grid of a scanned form, no text layer
        draw.line((100, 200 + row * 80, 1140, 200 + row * 80), fill="black", width=3)
    path = tmp_path / "扫描件.pdf"
    page.save(path, "PDF", resolution=150)
    with pytest.raises(InputError) as refused:
        load_report(path)
    assert "没有可读取的文字（可能是扫描件或图片）" in str(refused.value) and "扫描件.pdf" in str(
        refused.value
    )
