"""Bad reports (.txt/.md/.docx) through ``assistant.io.load_report`` (and ``docx_to_text``), then the audit: random
bytes, truncated and malformed zips, zip bombs with honest and with lying headers, XML with DTDs (external
entities, billion laughs), oversized and 1 MB texts. Each ends as text the audit reads, or one Chinese
``InputError`` naming the file, in bounded memory.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.audit import audit_text
from assistant.errors import InputError
from assistant.io import MAX_REPORT_BYTES, load_case, load_report
from assistant.office.docx_text import docx_to_text
from assistant.scoring import UnitScore, score_case
from tests.conftest import EVAL_DATA
from tests.robustness.conftest import MB, ROBUST, load_or_refuse, peak_python_memory

WEIJIAN = EVAL_DATA / "weijian_anlan_2022" / "data.yaml"


@pytest.fixture(scope="module")
def unit() -> UnitScore:
    return score_case(load_case(WEIJIAN))


@pytest.fixture(scope="module")
def report_docx() -> bytes:
    """A real report as Word makes it (the template draft of a real case)."""
    from assistant.pipeline import draft_case
    from assistant.render.docx import render_docx_bytes

    return render_docx_bytes(draft_case(load_case(WEIJIAN), llm="off").report)


def refused(path: Path, *needles: str) -> str:
    with pytest.raises(InputError) as err:
        load_report(path)
    message = str(err.value)
    assert str(path) in message, message
    for needle in needles:
        assert needle in message, message
    return message


def docx_with(document_xml: bytes | str, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal Word package with the given main part."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# --- Word ---------------------------------------------------------------------------------------------


def test_a_real_report_reads_back(tmp_path: Path, report_docx: bytes, unit: UnitScore) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(report_docx)
    text = load_report(path)
    assert unit.case.unit in text and "项目名称" in text
    assert audit_text(text, unit).summary["error"] == 0


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "不是有效的 Word"),
        (b"PK\x03\x04" + b"\0" * 100, "不是有效的 Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "旧版 Word"),
        (b"%PDF-1.7\n", "不是有效的 Word"),
        (docx_with(b"<w:document " + W.encode() + b"><w:body>"), "XML 格式错误"),
        (docx_with(b"\xff\xfe<\0"), "XML"),
        (docx_with(b"<not-word/>"), None),
    ],
)
def test_broken_word_files(tmp_path: Path, content: bytes, needle: str | None) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    result = load_or_refuse(lambda: load_report(path), path)
    if needle is not None:
        assert isinstance(result, InputError) and needle in str(result), result


def test_word_package_without_a_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "你好")
    path = tmp_path / "nodoc.docx"
    path.write_bytes(buffer.getvalue())
    refused(path, "word/document.xml")


def test_too_many_parts(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(6000):
            archive.writestr(f"p/{n}", b"")
        archive.writestr("word/document.xml", f"<w:document {W}/>")
    path = tmp_path / "parts.docx"
    path.write_bytes(buffer.getvalue())
    refused(path, "部件过多")


@ROBUST
@given(fraction=st.floats(min_value=0, max_value=0.999))
def test_truncated_word_file(
    tmp_path_factory: pytest.TempPathFactory, report_docx: bytes, fraction: float
) -> None:
    """A download cut short: refused (the zip's central directory is at the end)."""
    path = tmp_path_factory.mktemp("cut") / "report.docx"
    path.write_bytes(report_docx[: int(len(report_docx) * fraction)])
    assert isinstance(load_or_refuse(lambda: load_report(path), path), InputError)


@ROBUST
@given(position=st.floats(min_value=0, max_value=0.999), garbage=st.binary(min_size=1, max_size=64))
def test_corrupted_word_file(
    tmp_path_factory: pytest.TempPathFactory,
    report_docx: bytes,
    unit: UnitScore,
    position: float,
    garbage: bytes,
) -> None:
    """Bytes overwritten anywhere (a bad disk, a bad transfer): refused, or read and audited."""
    at = int(len(report_docx) * position)
    path = tmp_path_factory.mktemp("corrupt") / "report.docx"
    path.write_bytes(report_docx[:at] + garbage + report_docx[at + len(garbage) :])
    result = load_or_refuse(lambda: load_report(path), path)
    if isinstance(result, str):
        audit_text(result, unit)


@ROBUST
@given(content=st.binary(max_size=3000), suffix=st.sampled_from([".docx", ".txt", ".md"]))
def test_random_bytes_as_a_report(
    tmp_path_factory: pytest.TempPathFactory, unit: UnitScore, content: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"report{suffix}"
    path.write_bytes(content)
    result = load_or_refuse(lambda: load_report(path), path)
    if isinstance(result, str):
        audit_text(result, unit)


def test_zip_bomb_is_refused_in_little_memory(tmp_path: Path, zip_bomb: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_bomb.read_bytes())
    result, peak = peak_python_memory(lambda: docx_to_text(path))
    assert isinstance(result, InputError) and "解压后过大" in str(result), result
    assert peak < 20 * MB, peak


def test_zip_bomb_with_lying_headers_is_refused_in_little_memory(
    tmp_path: Path, lying_zip_bomb: Path
) -> None:
    """The member claims 10 KB: the reader must stop there (and notice the bad checksum), not inflate 300 MB."""
    path = tmp_path / "lying.docx"
    path.write_bytes(lying_zip_bomb.read_bytes())
    result, peak = peak_python_memory(lambda: load_report(path))
    assert isinstance(result, InputError), result
    assert str(path) in str(result)
    assert peak < 20 * MB, peak


def test_external_entity_is_never_read(tmp_path: Path) -> None:
    """XXE: an entity pointing at a local file must not pull the file's text into the report."""
    secret = tmp_path / "secret.txt"
    secret.write_text("绝密内容-XXE-MARKER", encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "xxe.docx"
    path.write_bytes(docx_with(xml))
    result = load_or_refuse(lambda: load_report(path), path)
    assert "XXE-MARKER" not in str(result)
    assert isinstance(result, InputError) and "DTD" in str(result)


def test_billion_laughs_in_word_xml(tmp_path: Path) -> None:
    entities = '<!ENTITY l0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [{entities}]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "laughs.docx"
    path.write_bytes(docx_with(xml))
    result, peak = peak_python_memory(lambda: load_report(path))
    assert isinstance(result, InputError), type(result)
    assert peak < 20 * MB


def test_remote_relationship_targets_are_not_fetched(tmp_path: Path) -> None:
    """An external (TargetMode=External) styles part is ignored, not downloaded."""
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
        'Target="http://127.0.0.1:9/styles.xml" TargetMode="External"/></Relationships>'
    )
    xml = f"<w:document {W}><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>"
    path = tmp_path / "remote.docx"
    path.write_bytes(docx_with(xml, {"word/_rels/document.xml.rels": rels.encode()}))
    assert load_report(path) == "正文"


# --- text reports -------------------------------------------------------------------------------------


def test_oversized_text_report(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(MAX_REPORT_BYTES + 1)
    refused(path, "文件过大")


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("r.txt", b"\x80\x81\xfe" * 10, "不是 UTF-8 或 GB18030"),
        ("r.pdf", b"%PDF", "不是有效的 PDF 文件"),
        ("r", b"text", "无扩展名"),
    ],
)
def test_unreadable_text_reports(tmp_path: Path, name: str, content: bytes, needle: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    refused(path, needle)


def test_gb18030_and_utf16_reports_are_read(tmp_path: Path) -> None:
    for encoding in ("gb18030", "utf-16"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes("预算执行率为百分之九十。".encode(encoding))
        assert load_report(path) == "预算执行率为百分之九十。"


def one_megabyte_report(unit: UnitScore) -> str:
    """The real report again and again, each copy with different project order and a few altered figures."""
    from assistant.pipeline import draft_case

    base = draft_case(unit.case, llm="off").markdown
    parts, n = [], 0
    while sum(len(part.encode("utf-8")) for part in parts) < MB:
        n += 1
        parts.append(base.replace("76.43%", f"{70 + n % 20}.{n % 100:02d}%").replace("一、", f"{n}、"))
    return "\n".join(parts)


def test_one_megabyte_report_is_loaded_and_audited(tmp_path: Path, unit: UnitScore) -> None:
    text = one_megabyte_report(unit)
    path = tmp_path / "big.md"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size >= MB
    loaded = load_report(path)
    assert loaded == text
    result, peak = peak_python_memory(lambda: audit_text(loaded, unit))
    assert not isinstance(result, Exception), result
    assert result.summary["error"] > 0  # the altered rates are caught
    assert peak < 300 * MB, peak
