"""One report as a .txt, a Word .docx and the PDF LibreOffice prints from it: ``jixiao check`` finds the same
contradictions in each (the PDF's located by page). A reviewer's batch: a folder of reports, bad files among
them, audited in one run into the review workbook (opened by openpyxl and printed by LibreOffice) and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.forms_shapes import grid, pipe_rows, twin_forms, write_docx
from tests.office_tools import convert, run, tool

TWIN = twin_forms()["t_yunnan_yongde_minglang_yingyang_2022"][0]  # a real form (eval_data/real)
PROSE = [
    "永德县明朗中学2022年度义务教育营养改善计划专项资金绩效自评报告",
    "一、基本情况",
    "义务教育营养改善计划专项资金由永德县教育体育局主管，永德县明朗中学实施。",
    "二、绩效目标实现情况",
    "2022年全年预算数387664.62元，全年执行数387664.62元，预算执行率为95%。",  # the form says 100%
    "学生受资助人数735人，营养改善计划覆盖率100%。",
    "三、自评结论",
    "经自评，项目总分96分，评价等级为良。",  # 96 is 优
    "附件：项目支出绩效自评表",
]
# What the report gets wrong: two prose claims against its own form (errors), and two 得分 the real form itself
# states against its own targets and actuals (资金到位及时率 100% scored 7, 政策知晓率 98% scored 9): warnings,
# since without case data the scoring rule is assumed.
WRONG = {("RATE_MISMATCH", 5), ("GRADE_MISMATCH", 8)}


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    txt = folder / "明朗中学.txt"
    txt.write_text("\n".join(PROSE) + "\n" + pipe_rows(grid(TWIN)) + "\n", encoding="utf-8")
    docx = write_docx(folder / "明朗中学_word.docx", [*PROSE, grid(TWIN)])
    (pdf,) = convert([docx], "pdf", folder)
    return {"txt": txt, "docx": docx, "pdf": pdf}


def _findings(cli, path: Path) -> list[dict]:  # type: ignore[type-arg]
    result = cli("check", path, "--json")
    assert result.code == 1, result.stderr  # errors found
    return json.loads(result.stdout)["findings"]


def test_txt_docx_and_pdf_of_one_report_give_the_same_findings(cli, reports):
    found = {kind: _findings(cli, path) for kind, path in reports.items()}
    said = {kind: sorted((f["code"], f["message"]) for f in items) for kind, items in found.items()}
    assert said["txt"] == said["docx"] == said["pdf"]
    codes = {f["code"] for f in found["txt"] if f["severity"] == "error"}
    assert {code for code, _ in WRONG} == codes
    scores = [f for f in found["txt"] if f["code"] == "SCORE_MISMATCH"]
    assert {f["severity"] for f in scores} == {"warning"}
    assert {f["message"].split("指标「")[1].split("」")[0] for f in scores} == {
        "资金到位及时率",
        "政策知晓率",
    }
    # the prose contradictions keep their line in every format; the PDF adds the page
    for kind, items in found.items():
        lines = {(f["code"], f["line"]) for f in items if f["code"] in ("RATE_MISMATCH", "GRADE_MISMATCH")}
        assert lines == {(code, line) for code, line in WRONG if line}, kind
    pdf_places = {f["location"] for f in found["pdf"] if f["code"] == "RATE_MISMATCH"}
    assert pdf_places == {"第1页（全文第5行）"}
    assert all(f["page"] is None for f in found["txt"])


@pytest.fixture(scope="module")
def batch(reports, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reviewer's folder: the three files, a clean copy, a broken Word file, a scan, a report without a form."""
    folder = tmp_path_factory.mktemp("batch")
    for path in reports.values():
        (folder / path.name).write_bytes(path.read_bytes())
    clean = "\n".join(PROSE).replace("95%", "100%").replace("等级为良", "等级为优")
    (folder / "sub").mkdir()
    (folder / "sub" / "改正后.md").write_text(clean + "\n" + pipe_rows(grid(TWIN)), encoding="utf-8")
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04 not a zip")
    from PIL import Image

    Image.new("RGB", (600, 800), "white").save(folder / "扫描件.pdf", "PDF")
    (folder / "只有文字.txt").write_text("某某局2022年度工作总结\n全年工作顺利完成。", encoding="utf-8")
    (folder / "说明.csv").write_text("not a report", encoding="utf-8")  # not a report type: not picked up
    return folder


def test_batch_review_of_a_folder(cli, batch, tmp_path):
    out = tmp_path / "审核汇总.xlsx"
    result = cli("check", batch, "--summary", out, "--json")
    assert result.code == 1, result.stderr  # some reports have errors
    payload = json.loads(result.stdout)
    records = {Path(r["file"]).name: r for r in payload["reports"]}
    assert set(records) == {
        "明朗中学.txt",
        "明朗中学_word.docx",
        "明朗中学_word.pdf",
        "改正后.md",
        "损坏.docx",
        "扫描件.pdf",
        "只有文字.txt",
    }
    assert payload["summary"] == {
        "reports": 7,
        "audited": 5,  # the report without a form is audited against its own text
        "with_errors": 3,  # the corrected copy keeps only the real form's own 得分 (warnings)
        "error": sum(r["errors"] for r in payload["reports"]),
        "warning": sum(r["warnings"] for r in payload["reports"]),
    }
    for name in ("明朗中学.txt", "明朗中学_word.docx", "明朗中学_word.pdf"):
        record = records[name]
        assert record["status"] == "已审核" and record["projects"] == 1 and record["year"] == 2022
        assert record["errors"] == 2, [f["code"] for f in record["findings"]]
    fixed = records["改正后.md"]
    assert fixed["status"] == "已审核" and fixed["errors"] == 0
    assert {f["code"] for f in fixed["findings"] if f["severity"] == "warning"} >= {
        "SCORE_MISMATCH"
    }  # the real form's own two 得分 remain
    assert records["损坏.docx"]["status"].startswith("无法审核：")
    assert "扫描件" in records["扫描件.pdf"]["status"]
    assert records["只有文字.txt"]["status"] == "已审核" and records["只有文字.txt"]["errors"] == 0
    _check_workbook(out, payload)


def _check_workbook(path: Path, payload: dict) -> None:  # type: ignore[type-arg]
    from openpyxl import load_workbook

    book = load_workbook(path)
    summary, findings = book["审核汇总"], book["全部发现"]
    rows = list(summary.iter_rows(values_only=True))
    assert rows[0][:7] == ("文件", "单位", "年度", "项目数", "错误", "提醒", "状态")
    assert [Path(r[0]).name for r in rows[1:]] == [Path(r["file"]).name for r in payload["reports"]]
    assert summary.auto_filter.ref and summary.freeze_panes == "A2"
    every = sum(len(r["findings"]) for r in payload["reports"])
    found = list(findings.iter_rows(values_only=True))
    assert len(found) == every + 1 and findings.auto_filter.ref
    header = found[0]
    rate = next(r for r in found[1:] if r[header.index("代码")] == "RATE_MISMATCH" and r[0].endswith(".pdf"))
    assert rate[header.index("位置")] == "第1页（全文第5行）"
    assert "预算执行率为95%" in rate[header.index("原文")]
    # LibreOffice opens and prints the workbook
    (printed,) = convert([path], "pdf", path.parent)
    text = run([tool("pdftotext"), str(printed), "-"])
    assert "审核汇总" in text or "文件" in text
    assert "明朗中学.txt" in text and "无法审核" in text


def test_one_report_through_the_batch_api_reports_progress(reports):
    from assistant.review.batch import review

    seen: list[str] = []
    records = review(list(reports.values()), workers=2, progress=lambda r: seen.append(r.file))
    assert sorted(seen) == sorted(str(p) for p in reports.values())  # once per report, as each finishes
    assert [r.file for r in records] == [str(p) for p in reports.values()]  # in the order given


def test_the_attached_forms_cells_count_in_the_coverage(reports):
    """Against its attached 自评表 the report's form figures are checked by the form check: coverage says so."""
    from assistant.audit import audit_text
    from assistant.forms import read_forms

    text = reports["txt"].read_text(encoding="utf-8")
    (form,) = read_forms(text)
    result = audit_text(text)
    assert result.reference.source == "table" and result.coverage is not None
    scored = [i for i in form.indicators if i.points is not None and i.score is not None]
    # every indicator's 分值 and 得分 is compared, on top of the prose's own numbers
    assert result.coverage.cross_checked >= 2 * len(scored) + 2
    prose_only = audit_text("\n".join(PROSE)).coverage
    assert prose_only is not None and result.coverage.numbers_read > prose_only.numbers_read + 2 * len(scored)


@pytest.mark.parametrize(
    ("head", "unit", "year"),
    [
        ("某县交通运输局2022年度项目支出绩效自评报告\n一、基本情况", "某县交通运输局", 2022),
        ("2023年某县人民医院专项债券项目资金绩效评价报告\n", "某县人民医院", 2023),
        ("2021年度项目支出绩效自评报告\n", None, 2021),
        # the title broken over two lines, as jixiao's own Word report and many PDFs set it
        ("某县交通运输局2022年度\n项目支出绩效自评报告\n一、基本情况\n", "某县交通运输局", 2022),
        # a body line ending in a year, then a line that only speaks of 绩效, is no title
        ("一、基本情况\n为加强2022年度\n项目支出绩效管理，我局开展自评。\n", None, 2022),
        # a founding year in the body is no report year, and the words before it no unit
        ("一、基本情况\n某县人民医院始建于1938年3月，是二级综合医院。\n", None, None),
    ],
)
def test_unit_and_year_come_from_the_title_line(tmp_path, head, unit, year):
    from assistant.review.batch import review_one

    path = tmp_path / "报告.txt"
    path.write_text(head + "本年预算100万元，执行100万元，执行率100%。\n", encoding="utf-8")
    record = review_one(str(path))
    assert (record.unit, record.year) == (unit, year)


def test_reports_of_the_same_name_in_different_folders_are_told_apart_on_screen(tmp_path):
    """Each unit's folder holds its own report.txt: the table shows the part of the path that differs."""
    from rich.console import Console

    from assistant.review.batch import review
    from assistant.review.console import print_review

    for unit in ("东城区民政局", "西城区民政局"):
        (tmp_path / "二〇二二年报告汇编" / unit).mkdir(parents=True)
        text = f"{unit}2022年度项目支出绩效自评报告\n本年预算100万元，执行90万元，执行率90%。\n"
        (tmp_path / "二〇二二年报告汇编" / unit / "report.txt").write_text(text, encoding="utf-8")
    records = review(sorted((tmp_path / "二〇二二年报告汇编").glob("*/report.txt")))
    console = Console(record=True, width=100)
    print_review(records, None, console)
    shown = console.export_text()
    assert "东城区民政局/report.txt" in shown and "西城区民政局/report.txt" in shown, shown
    assert "二〇二二年报告汇编" not in shown
