"""Word reports in: `jixiao check x.docx` reads paragraphs and tables as the audit reads .txt/.md reports.

The seed report is written into a real .docx here (headings as Word headings or in 楷体 look, the 评分表 as a
Word table with a merged title row and a two-row merged header) and must give the same findings as the .txt.
Malformed packages (random bytes, truncated, zip bombs, DTDs) are refused with a Chinese message.
"""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from assistant.audit.document import parse_document
from assistant.errors import InputError
from assistant.office.docx_text import docx_to_text
from assistant.office.docx_zip import MAX_UNPACKED_BYTES
from tests.conftest import EVAL_DATA, SEED_CASE

SEED_REPORT = EVAL_DATA / "seed_yushui_2022" / "report.txt"
CASES = sorted(p.parent.name for p in EVAL_DATA.glob("*/data.yaml"))


# --- building Word files the way people write them ----------------------------------------------------------


def set_east_asian_font(run, font: str) -> None:
    rpr = run._r.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        rfonts.set(qn(attr), font)


def add_body_line(document, line: str, level: int | None) -> None:
    """Level-1 headings and the attachment use Heading 1; level 2 is 楷体 by look; the rest is plain."""
    if level == 1:
        document.add_paragraph(line, style="Heading 1")
    elif level == 2:
        paragraph = document.add_paragraph()
        set_east_asian_font(paragraph.add_run(line), "楷体_GB2312")
    else:
        paragraph = document.add_paragraph()
        set_east_asian_font(paragraph.add_run(line), "仿宋_GB2312")


def seed_blocks(lines: list[str]) -> list[list[str]]:
    """The attached table's cell-per-line blocks (a blank line between rows)."""
    blocks: list[list[str]] = []
    block: list[str] = []
    for line in lines:
        if line.strip():
            block.append(line.strip())
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    return blocks


def write_seed_docx(path: Path) -> Path:
    """The seed report as a Word file: prose as paragraphs, the 评分表 as a real table with merged cells."""
    text = SEED_REPORT.read_text(encoding="utf-8")
    lines = text.split("\n")
    parsed = parse_document(text)
    levels = {h.line: h.level for h in parsed.headings}
    attachment = next(h.line for h in parsed.headings if h.role == "attachment")
    document = docx.Document()
    for number, line in enumerate(lines[:attachment], 1):
        add_body_line(document, line, levels.get(number))
    title, header, *rows = seed_blocks(lines[attachment:])
    assert len(title) == 1 and header[0] == "项目名称" and len(header) == 5
    table = document.add_table(rows=3 + len(rows), cols=5)
    table.style = document.styles["Table Grid"]
    table.cell(0, 0).merge(table.cell(0, 4)).text = title[0]
    table.cell(1, 0).merge(table.cell(2, 0)).text = header[0]
    table.cell(1, 1).merge(table.cell(1, 2)).text = "资金情况"
    table.cell(2, 1).text, table.cell(2, 2).text = header[1], header[2]
    table.cell(1, 3).merge(table.cell(2, 3)).text = header[3]
    table.cell(1, 4).merge(table.cell(2, 4)).text = header[4]
    for r, values in enumerate(rows, 3):
        assert len(values) == 5
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_seed_docx(tmp_path_factory.mktemp("seed") / "seed.docx")


def finding_keys(cli, report: Path, *options: str) -> set[tuple]:
    result = cli("check", report, "--json", *options)
    assert result.code in (0, 1), result.stderr
    return {
        (f["code"], f["project"], f["found"], f["expected"]) for f in json.loads(result.stdout)["findings"]
    }


# --- the seed report as .docx ------------------------------------------------------------------------------


def test_seed_docx_table_reads_as_one_pipe_table(seed_docx: Path):
    text = docx_to_text(seed_docx)
    document = parse_document(text)
    assert len(document.tables) == 1
    table = document.tables[0]
    assert table.header == [
        "项目名称",
        "资金情况 全年预算数(万元)",
        "资金情况 全年执行数(万元)",
        "执行率(%)",
        "自评得分",
    ]
    assert len(table.rows) == 14
    assert [c[0] for c in table.rows[2]] == ["干部人事档案数字化建设", "62.3205", "18.6932", "30", "90"]
    assert "2022区委组织部项目自评分项目自评表" in text.split("\n")  # the merged title row, as a plain line
    headings = {(h.level, h.text) for h in document.headings}
    assert (1, "一、基本情况") in headings and (2, "（二）预算资金规模、来源及使用情况") in headings


@pytest.mark.parametrize("with_data", [False, True], ids=["self-audit", "with-data"])
def test_seed_docx_gives_the_same_findings_as_the_text(cli, seed_docx: Path, with_data: bool):
    options = ("--data", str(SEED_CASE)) if with_data else ()
    from_text = finding_keys(cli, SEED_REPORT, *options)
    from_docx = finding_keys(cli, seed_docx, *options)
    assert len(from_text) >= 10
    assert {key[0] for key in from_text} >= {"TOTAL_MISMATCH", "AMOUNT_MISMATCH", "UNEXPLAINED_DEVIATION"}
    assert from_docx == from_text


@pytest.mark.parametrize("case", CASES)
def test_drafted_docx_checks_clean_against_its_data(cli, tmp_path: Path, case: str):
    data = EVAL_DATA / case / "data.yaml"
    drafted = cli("draft", data, "--out", tmp_path / "out", "--llm", "off")
    assert drafted.code in (0, 1), drafted.stderr
    report = tmp_path / "out" / "report.docx"
    result = cli("check", report, "--data", data, "--json")
    assert result.code == 0, result.stdout
    findings = json.loads(result.stdout)
    assert findings["summary"]["error"] == 0
    assert findings["projects"] >= 1
    assert parse_document(docx_to_text(report)).tables  # the 评分表 came through as a table


# --- tables: merged cells, headers, frames -----------------------------------------------------------------


def test_merged_cells_are_written_once(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("附件：评分表", style="Heading 1")
    table = document.add_table(rows=4, cols=4)
    for c, title in enumerate(["序号", "项 目 名 称", "自评得分", "等级"]):
        table.cell(0, c).text = title
    for r, (index, name, score) in enumerate([("1", "甲项目", "95"), ("2", "乙|项目", "92")], 1):
        table.cell(r, 0).text, table.cell(r, 1).text, table.cell(r, 2).text = index, name, score
    table.cell(1, 3).merge(table.cell(2, 3)).text = "优"
    table.cell(3, 0).merge(table.cell(3, 1)).text = "合计"
    table.cell(3, 2).text = "93.5"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    lines = docx_to_text(path).split("\n")
    start = lines.index("| 序号 | 项目名称 | 自评得分 | 等级 |")
    assert lines[start : start + 5] == [
        "| 序号 | 项目名称 | 自评得分 | 等级 |",
        "| --- | --- | --- | --- |",
        "| 1 | 甲项目 | 95 | 优 |",
        "| 2 | 乙｜项目 | 92 |  |",
        "| 合计 |  | 93.5 |  |",
    ]


def test_group_header_keeps_the_unit_and_single_column_frames_read_as_text(tmp_path: Path):
    document = docx.Document()
    frame = document.add_table(rows=1, cols=1)
    frame.cell(0, 0).text = "一、基本情况"
    frame.cell(0, 0).add_paragraph("本单位共有项目2个。")
    document.add_paragraph("附件：评分表", style="Heading 1")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "项目名称"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "金额（元）"
    table.cell(1, 1).text, table.cell(1, 2).text = "全年预算数", "全年执行数"
    table.cell(2, 0).text, table.cell(2, 1).text, table.cell(2, 2).text = "甲项目", "100000", "90000"
    path = tmp_path / "group.docx"
    document.save(str(path))
    text = docx_to_text(path)
    assert text.split("\n")[:2] == ["一、基本情况", "本单位共有项目2个。"]
    parsed = parse_document(text)
    assert parsed.headings[0].text == "一、基本情况"
    assert parsed.tables[0].header == ["项目名称", "金额（元） 全年预算数", "金额（元） 全年执行数"]
    assert [c[0] for c in parsed.tables[0].rows[0]] == ["甲项目", "100000", "90000"]


# --- headings: styles, look, automatic numbers -------------------------------------------------------------


def test_heading_look_splits_a_heading_run_from_body_text(tmp_path: Path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    set_east_asian_font(paragraph.add_run("（一）项目概况。"), "楷体_GB2312")
    set_east_asian_font(paragraph.add_run("本项目全年预算数10万元。"), "仿宋_GB2312")
    bold = document.add_paragraph()
    bold.add_run("二、评价结论：").bold = True
    bold.add_run("总体良好。")
    plain = document.add_paragraph()
    set_east_asian_font(plain.add_run("（三）不是标题的正文，因为字体是仿宋。"), "仿宋_GB2312")
    whole = document.add_paragraph()
    set_east_asian_font(whole.add_run("（四）加强预算管理。"), "楷体_GB2312")
    document.add_paragraph("绩效目标完成情况", style="Heading 2")
    document.add_paragraph("三、综合评价结论", style="Heading 1")
    path = tmp_path / "look.docx"
    document.save(str(path))
    assert docx_to_text(path).split("\n") == [
        "（一）项目概况",
        "本项目全年预算数10万元。",
        "二、评价结论",
        "总体良好。",
        "（三）不是标题的正文，因为字体是仿宋。",
        "（四）加强预算管理。",  # all in heading look: left as written, as in a .txt report
        "### 绩效目标完成情况",
        "三、综合评价结论",
    ]


def add_chinese_numbering(document) -> str:
    """A two-level 公文 list (一、 / （一）) in numbering.xml; returns its numId."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>'
        "</w:abstractNum>"
    )
    numbering.insert(0, abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def numbered(document, text: str, num_id: str, ilvl: int):
    paragraph = document.add_paragraph(text)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )
    return paragraph


def test_automatic_numbers_are_written_out(tmp_path: Path):
    document = docx.Document()
    num = add_chinese_numbering(document)
    numbered(document, "基本情况", num, 0)
    numbered(document, "项目概况", num, 1)
    numbered(document, "资金情况", num, 1)
    numbered(document, "资金来源", num, 2)
    numbered(document, "绩效自评工作情况", num, 0)
    numbered(document, "评价目的", num, 1)
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    text = docx_to_text(path)
    assert text.split("\n") == [
        "一、基本情况",
        "（一）项目概况",
        "（二）资金情况",
        "1.资金来源",
        "二、绩效自评工作情况",
        "（一）评价目的",
    ]
    assert [(h.level, h.role) for h in parse_document(text).headings][:3] == [
        (1, "basic"),
        (2, "basic"),
        (2, "funds"),
    ]


# --- refusing bad files ------------------------------------------------------------------------------------


def assert_refused(cli, path: Path, words: str) -> None:
    result = cli("check", path)
    assert result.code == 2, (result.stdout, result.stderr)
    assert path.name in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr


def test_random_bytes_are_refused(cli, tmp_path: Path):
    path = tmp_path / "random.docx"
    path.write_bytes(os.urandom(4096))
    assert_refused(cli, path, "不是有效的 Word")


def test_truncated_docx_is_refused(cli, tmp_path: Path, seed_docx: Path):
    data = seed_docx.read_bytes()
    for size, name in ((len(data) // 2, "half.docx"), (len(data) - 30, "tail.docx")):
        path = tmp_path / name
        path.write_bytes(data[:size])
        assert_refused(cli, path, "不是有效的 Word")


def test_zip_without_a_document_is_refused(cli, tmp_path: Path):
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("hello.txt", "你好")
    assert_refused(cli, path, "缺少正文")


def test_old_word_and_encrypted_files_are_refused(cli, tmp_path: Path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    assert_refused(cli, path, "另存为")


def bomb(path: Path, size: int, member: str = "word/document.xml") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open(member, "w", force_zip64=True) as stream:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                stream.write(chunk)
    return path


def test_zip_bombs_are_refused_before_unpacking(cli, tmp_path: Path):
    assert_refused(cli, bomb(tmp_path / "big.docx", MAX_UNPACKED_BYTES + 2 * 1024 * 1024), "解压后过大")
    assert_refused(cli, bomb(tmp_path / "ratio.docx", 20 * 1024 * 1024), "压缩比异常")


def test_a_bomb_that_lies_about_its_size_is_caught_by_the_crc(cli, tmp_path: Path):
    real = bomb(tmp_path / "lying.docx", 3 * 1024 * 1024).read_bytes()
    data = bytearray(real)
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_len = struct.unpack_from("<H", data, start + (28 if signature == b"PK\x01\x02" else 26))[0]
            name_at = start + (46 if signature == b"PK\x01\x02" else 30)
            if bytes(data[name_at : name_at + name_len]) == b"word/document.xml":
                struct.pack_into("<I", data, start + offset, 2000)
            start += 4
    path = tmp_path / "lying.docx"
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as package:
        assert package.getinfo("word/document.xml").file_size == 2000
    assert_refused(cli, path, "不是有效的 Word")  # the CRC check, before any XML is parsed


def test_doctype_and_external_entities_are_refused(cli, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "xxe.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", xml)
    assert_refused(cli, path, "DTD")
    with pytest.raises(InputError) as caught:
        docx_to_text(path)
    assert "机密内容" not in str(caught.value)


def test_corrupt_xml_is_refused(cli, tmp_path: Path):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", "<w:document><w:body><w:p>")
    assert_refused(cli, path, "XML 格式错误")


def test_docx_with_missing_styles_still_reads(tmp_path: Path, seed_docx: Path):
    """A minimal package (document part only, no rels, styles or numbering) is valid enough to read."""
    with zipfile.ZipFile(seed_docx) as package:
        document = package.read("word/document.xml")
    path = tmp_path / "minimal.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", document)
    path.write_bytes(buffer.getvalue())
    minimal, styled = docx_to_text(path).split("\n"), docx_to_text(seed_docx).split("\n")
    assert [line.strip() for line in minimal] == [line.strip() for line in styled]
    assert parse_document(docx_to_text(path)).tables


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_hostile_structure_values_never_crash(tmp_path: Path):
    """Nonsense spans, merges, list ids and cyclic styles are read as far as they make sense."""
    document = (
        f"<w:document {W_NS}><w:body>"
        '<w:p><w:pPr><w:pStyle w:val="A"/><w:numPr><w:ilvl w:val="99"/><w:numId w:val="7"/></w:numPr>'
        '<w:outlineLvl w:val="abc"/></w:pPr><w:r><w:t>一、基本情况</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>'
        "<w:tbl>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:tc>"
        '<w:tc><w:tcPr><w:gridSpan w:val="-3"/></w:tcPr><w:p><w:r><w:t>得分</w:t></w:r></w:p></w:tc></w:tr>'
        '<w:tr><w:trPr><w:gridBefore w:val="-2"/></w:trPr>'
        '<w:tc><w:tcPr><w:hMerge w:val="continue"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:tcPr><w:gridSpan w:val="100000"/></w:tcPr><w:p><w:r><w:t>90</w:t></w:r></w:p></w:tc></w:tr>'
        '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="x"/></w:tcPr><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr>'
        "</w:tbl></w:body></w:document>"
    )
    styles = (
        f'<w:styles {W_NS}><w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style></w:styles>'
    )
    numbering = (
        f'<w:numbering {W_NS}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="z"/>'
        '<w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )
    path = tmp_path / "hostile.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", document)
        package.writestr("word/styles.xml", styles)
        package.writestr("word/numbering.xml", numbering)
    lines = docx_to_text(path).split("\n")
    assert lines[:2] == ["一、基本情况", "正文"]
    assert "| 项目名称 | 得分 |" in lines
    assert any(line.startswith("| 甲 |") for line in lines)


def test_numbers_attached_to_heading_styles_are_written_out(tmp_path: Path):
    document = docx.Document()
    num = add_chinese_numbering(document)
    abstract = document.part.numbering_part.element.find(qn("w:abstractNum"))
    abstract.find(qn("w:lvl")).append(parse_xml(f'<w:pStyle {nsdecls("w")} w:val="Heading1"/>'))
    document.styles["Heading 1"].element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num}"/></w:numPr>')
    )
    document.styles["Heading 2"].element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="1"/><w:numId w:val="{num}"/></w:numPr>')
    )
    for text, style in (("基本情况", "Heading 1"), ("项目概况", "Heading 2"), ("评价结论", "Heading 1")):
        document.add_paragraph(text, style=style)
    document.add_paragraph("正文。")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    assert docx_to_text(path).split("\n") == ["一、基本情况", "（一）项目概况", "二、评价结论", "正文。"]
