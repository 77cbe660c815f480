"""Bad Excel 自评表 workbooks through the public entry ``assistant.io.load_case(path.xlsx)``: random bytes,
truncated and corrupted files, zip bombs, XML with DTDs, and real forms with cells changed to junk. Each ends
as a ``Case`` that goes all the way (score, draft, files) or one Chinese ``InputError`` naming the file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from assistant.errors import InputError
from assistant.io import load_case
from assistant.models import Case
from assistant.scoring import score_case
from tests.robustness.conftest import MB, ROBUST, load_or_refuse, peak_python_memory, run_jixiao
from tests.robustness.test_case_input import exercise
from tests.xlsx_builders import Style, national_workbook, twin


@pytest.fixture(scope="module")
def form_bytes() -> bytes:
    """A real national 自评表 workbook (three project forms) as an officer files it."""
    buffer = io.BytesIO()
    national_workbook(score_case(twin("jiaoyu_qingjiang_2023")), Style()).save(buffer)
    return buffer.getvalue()


def test_the_real_form_loads(tmp_path: Path, form_bytes: bytes) -> None:
    path = tmp_path / "form.xlsx"
    path.write_bytes(form_bytes)
    case = load_case(path)
    assert case.unit == "清江县教育体育局" and len(case.projects) == 3


def replace_member(package: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, data if info.filename == name else source.read(info.filename))
    return out.getvalue()


@ROBUST
@given(content=st.binary(max_size=3000))
def test_random_bytes(tmp_path_factory: pytest.TempPathFactory, content: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "form.xlsx"
    path.write_bytes(content)
    assert isinstance(load_or_refuse(lambda: load_case(path), path), InputError)


@ROBUST
@given(fraction=st.floats(min_value=0, max_value=0.999))
def test_truncated_workbook(
    tmp_path_factory: pytest.TempPathFactory, form_bytes: bytes, fraction: float
) -> None:
    path = tmp_path_factory.mktemp("cut") / "form.xlsx"
    path.write_bytes(form_bytes[: int(len(form_bytes) * fraction)])
    assert isinstance(load_or_refuse(lambda: load_case(path), path), InputError)


@ROBUST
@given(position=st.floats(min_value=0, max_value=0.999), garbage=st.binary(min_size=1, max_size=64))
def test_corrupted_workbook(
    tmp_path_factory: pytest.TempPathFactory, form_bytes: bytes, position: float, garbage: bytes
) -> None:
    at = int(len(form_bytes) * position)
    folder = tmp_path_factory.mktemp("corrupt")
    path = folder / "form.xlsx"
    path.write_bytes(form_bytes[:at] + garbage + form_bytes[at + len(garbage) :])
    result = load_or_refuse(lambda: load_case(path), path)
    if isinstance(result, Case):
        exercise(result, folder / "out")


JUNK: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20).map(lambda s: "".join(ch for ch in s if ch.isprintable())),
    st.sampled_from(
        ["", "—", "95%", "１２３．４", "1,200.5", "≥95", "定性", "=", "#DIV/0!", "合计", "项目名称", "1e400"]
    ),
)


@ROBUST
@given(data=st.data())
def test_form_with_cells_changed_to_junk(
    tmp_path_factory: pytest.TempPathFactory, form_bytes: bytes, data: st.DataObject
) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(form_bytes))
    for _ in range(data.draw(st.integers(1, 4))):
        sheet = workbook.worksheets[data.draw(st.integers(0, len(workbook.worksheets) - 1))]
        row = data.draw(st.integers(1, sheet.max_row))
        col = data.draw(st.integers(1, sheet.max_column))
        cell = sheet.cell(row=row, column=col)
        if type(cell).__name__ == "MergedCell":
            continue
        cell.value = data.draw(JUNK)
    folder = tmp_path_factory.mktemp("junk")
    path = folder / "form.xlsx"
    workbook.save(path)
    result = load_or_refuse(lambda: load_case(path), path)
    event("loaded" if isinstance(result, Case) else "refused")
    if isinstance(result, Case):
        exercise(result, folder / "out")


def test_zip_bomb(tmp_path: Path, zip_bomb: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(zip_bomb.read_bytes())
    result, peak = peak_python_memory(lambda: load_case(path))
    assert isinstance(result, InputError) and str(path) in str(result), result
    assert peak < 20 * MB, peak


def test_zip_bomb_with_lying_headers(tmp_path: Path, lying_zip_bomb: Path) -> None:
    """A workbook-shaped package with a member that claims 10 KB and inflates to 300 MB."""
    path = tmp_path / "lying.xlsx"
    path.write_bytes(lying_zip_bomb.read_bytes())
    result, peak = peak_python_memory(lambda: load_case(path))
    assert isinstance(result, InputError) and str(path) in str(result), result
    assert peak < 50 * MB, peak


def _sheet_with(form_bytes: bytes, doctype: str, cell_text: str) -> bytes:
    sheet = (
        f'<?xml version="1.0"?>{doctype}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>{cell_text}</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    return replace_member(form_bytes, "xl/worksheets/sheet1.xml", sheet.encode())


def test_external_entity_in_a_sheet_is_never_read(tmp_path: Path, form_bytes: bytes) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("绝密内容-XXE-MARKER", encoding="utf-8")
    path = tmp_path / "xxe.xlsx"
    path.write_bytes(
        _sheet_with(form_bytes, f'<!DOCTYPE w [<!ENTITY x SYSTEM "file://{secret}">]>', "项目名称&x;")
    )
    result = load_or_refuse(lambda: load_case(path), path)
    assert "XXE-MARKER" not in str(result)
    if isinstance(result, Case):
        assert "XXE-MARKER" not in result.model_dump_json()


def test_billion_laughs_in_a_sheet(tmp_path: Path, form_bytes: bytes) -> None:
    entities = '<!ENTITY l0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    )
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(_sheet_with(form_bytes, f"<!DOCTYPE w [{entities}]>", "&l9;"))
    result, peak = peak_python_memory(lambda: load_case(path))
    assert not (isinstance(result, Exception) and not isinstance(result, InputError)), repr(result)
    assert peak < 100 * MB, peak


@pytest.mark.parametrize("kind", ["bomb", "random"])
def test_cli_refuses_bad_workbooks(tmp_path: Path, zip_bomb: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(zip_bomb.read_bytes() if kind == "bomb" else b"PK\x03\x04 not really a workbook")
    for command in ("score", "draft"):
        run = run_jixiao(
            command, path, *(["--out", tmp_path / "out", "--llm", "off"] if command == "draft" else [])
        )
        run.assert_refused(str(path))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("row", "col", "value"), [(1, 1, 9.999999999999995e27), (8, 4, 1e-300)])
def test_extreme_numbers_in_a_form(
    tmp_path: Path, form_bytes: bytes, row: int, col: int, value: float
) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(form_bytes))
    workbook.worksheets[0].cell(row=row, column=col).value = value
    path = tmp_path / "form.xlsx"
    workbook.save(path)
    result = load_or_refuse(lambda: load_case(path), path)
    assert isinstance(result, InputError), "an out-of-range number must be refused, not imported"
    ref = f"{workbook.worksheets[0].title}!{'ABCD'[col - 1]}{row}"
    assert ref in str(result) and ("数值过大" in str(result) or "小数位数过多" in str(result))
