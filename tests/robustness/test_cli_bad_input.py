"""The real ``jixiao`` executable on bad files: exit code 2, one Chinese message on stderr naming the file, no
traceback, nothing written, bounded memory.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SEED_CASE
from tests.robustness.conftest import MB, run_jixiao, run_measured

SMALL = "单位名称: 测试局\n年度: 2023\n项目:\n  - 项目名称: 甲项目\n    全年预算数: 62.3205\n    全年执行数: 18.6932\n"
LAUGHS = "\n".join(
    ['a0: &a0 ["哈哈"]'] + [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
)
BAD_CASES = {
    "nested.yaml": ("[" * 100_000, "嵌套层级过深"),
    "laughs.yaml": (LAUGHS + "\n项目: *a9\n", "项目"),
    "huge.json": (
        '{"单位名称": "测试局", "年度": 2023, "项目": [{"项目名称": "甲", "全年预算数": 1e400, "全年执行数": 1}]}',
        "全年预算数",
    ),
    "digits.yaml": (SMALL.replace("62.3205", "9" * 5000), "数字位数过多"),
    "negative.yaml": (SMALL.replace("62.3205", "-1"), "金额不能为负数"),
    "duplicate.yaml": (SMALL + SMALL[SMALL.index("  - 项目名称") :], "重复"),
    "binary.yaml": ("\x00\x01\x02" * 100, "YAML 格式错误"),
}


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_score_and_draft_refuse_bad_cases(tmp_path: Path, name: str) -> None:
    text, needle = BAD_CASES[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    run_jixiao("score", path).assert_refused(str(path), needle)
    out = tmp_path / "out"
    run_jixiao("draft", path, "--out", out, "--llm", "off").assert_refused(str(path), needle)
    assert not out.exists()
    run_jixiao("check", tmp_path / "none.md", "--data", path).assert_refused()


def _docx(document_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def test_check_refuses_bad_reports(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("XXE-MARKER", encoding="utf-8")
    reports = {
        "cut.docx": b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        "old.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
        "xxe.docx": _docx(
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
        ),
        "latin1.txt": "预算执行率".encode()[:-1] + b"\xff\xfe\xfd" * 5,
        "report.pdf": b"%PDF-1.7",
    }
    for name, content in reports.items():
        path = tmp_path / name
        path.write_bytes(content)
        run = run_jixiao("check", path, "--data", SEED_CASE)
        run.assert_refused(str(path))
        assert "XXE-MARKER" not in run.stdout + run.stderr


def test_zip_bomb_through_the_cli_in_bounded_memory(tmp_path: Path, zip_bomb: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_bomb.read_bytes())
    run, peak = run_measured("check", path, "--data", SEED_CASE, tmp=tmp_path)
    run.assert_refused(str(path), "解压后过大")
    assert peak < 300 * MB, peak


def test_a_directory_and_a_missing_file(tmp_path: Path) -> None:
    run_jixiao("score", tmp_path / "missing.yaml").assert_refused("文件不存在")
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    run_jixiao("score", folder).assert_refused("目录")
    run_jixiao("check", tmp_path / "missing.docx").assert_refused("文件不存在")
