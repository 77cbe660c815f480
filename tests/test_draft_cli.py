"""``jixiao draft`` and ``jixiao batch`` end to end: real files written, re-read and re-audited."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.conftest import EVAL_DATA, SEED_CASE
from tests.llm_server import LLMServer, Recorded, competent_answer


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from assistant.cli import main

    out = tmp_path_factory.mktemp("draft")
    with pytest.raises(SystemExit) as exit_:
        main(["draft", str(SEED_CASE), "--out", str(out), "--llm", "off"])
    assert exit_.value.code == 0
    return out


def test_draft_writes_the_three_files_and_they_audit_clean(seed_out: Path, cli) -> None:
    assert {p.name for p in seed_out.iterdir()} >= {"report.md", "report.docx", "audit.json"}
    audit = json.loads((seed_out / "audit.json").read_text(encoding="utf-8"))
    assert audit["summary"]["error"] == 0
    assert [s["source"] for s in audit["sections"]] == ["template"] * len(audit["sections"])
    for report in ("report.md", "report.docx"):
        result = cli("check", seed_out / report, "--data", SEED_CASE, "--json")
        assert result.code == 0, result.stdout
        assert json.loads(result.stdout)["summary"]["error"] == 0


def test_docx_score_table_has_every_project_and_a_total(seed_out: Path) -> None:
    doc = Document(str(seed_out / "report.docx"))
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert "项目名称" in "".join(header)
    body = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(body) == 15  # 14 projects + 合计
    assert "合计" in "".join(body[-1])
    assert "289.9965" in "".join(body[-1])  # 全年预算数 total of the seed


def test_docx_runs_carry_east_asian_fonts(seed_out: Path) -> None:
    doc = Document(str(seed_out / "report.docx"))
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert runs
    for run in runs:
        fonts = run._element.rPr.find(qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")), run.text


def test_draft_with_a_scripted_model_discloses_model_sections(cli, tmp_path: Path, monkeypatch) -> None:
    def answer(request: Recorded) -> str:
        return competent_answer(request, "经逐项梳理，现将有关情况报告如下。")

    with LLMServer(default=answer) as server:
        monkeypatch.setenv("JIXIAO_LLM_BASE_URL", server.base_url)
        monkeypatch.setenv("JIXIAO_LLM_MODEL", "scripted")
        result = cli("draft", SEED_CASE, "--out", tmp_path, "--llm", "on")
    assert result.code == 0, result.stdout + result.stderr
    assert "模型辅助" in result.stdout
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "经逐项梳理，现将有关情况报告如下。" in markdown
    audit = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))
    assert "llm" in {s["source"] for s in audit["sections"]}
    disclosure = markdown.rstrip().splitlines()[-1]
    assert "模型" in disclosure
    docx_text = "\n".join(p.text for p in Document(str(tmp_path / "report.docx")).paragraphs)
    assert disclosure.strip() in docx_text
    assert cli("check", tmp_path / "report.md", "--data", SEED_CASE).code == 0


def test_llm_on_without_an_endpoint_is_a_chinese_error(cli, tmp_path: Path) -> None:
    result = cli("draft", SEED_CASE, "--out", tmp_path, "--llm", "on")
    assert result.code == 2
    assert "JIXIAO_LLM_BASE_URL" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "report.md").exists()


def test_unknown_format_is_refused(cli, tmp_path: Path) -> None:
    result = cli("draft", SEED_CASE, "--out", tmp_path, "--format", "pdf", "--llm", "off")
    assert result.code == 2 and "pdf" in result.stderr


def _cases(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cases"
    folder.mkdir()
    paths = []
    for name in ("seed_yushui_2022", "weijian_anlan_2022"):
        target = folder / f"{name}.yaml"
        shutil.copy(EVAL_DATA / name / "data.yaml", target)
        paths.append(target)
    broken = folder / "broken.yaml"
    broken.write_text("单位名称: 某局\n年度: 二〇二三\n项目: []\n", encoding="utf-8")
    return [*paths, broken]


def test_batch_keeps_going_past_a_bad_case_and_resumes(cli, tmp_path: Path) -> None:
    cases = _cases(tmp_path)
    out = tmp_path / "out"
    first = cli("batch", *cases, "--out", out, "--llm", "off", "--concurrency", "2")
    assert first.code == 2  # one case failed
    assert "失败" in first.stdout and "broken" in first.stdout
    done = sorted(p.parent.name for p in out.glob("*/.done.json"))
    assert done == ["seed_yushui_2022", "weijian_anlan_2022"]
    for name in done:
        assert Document(str(out / name / "report.docx")).tables
        assert json.loads((out / name / "audit.json").read_text(encoding="utf-8"))["summary"]["error"] == 0
    stamp = (out / "seed_yushui_2022" / "report.docx").stat().st_mtime_ns

    # the officer fixes the broken case; --resume redoes only what is not finished
    shutil.copy(EVAL_DATA / "jiaoyu_qingjiang_2023" / "data.yaml", cases[2])
    second = cli("batch", *cases, "--out", out, "--llm", "off", "--resume")
    assert second.code == 0, second.stdout
    assert second.stdout.count("跳过") >= 2
    assert (out / "broken" / ".done.json").exists()
    assert (out / "seed_yushui_2022" / "report.docx").stat().st_mtime_ns == stamp
    assert not list(out.rglob("*.tmp")) and not [p for p in out.rglob(".*") if p.name.startswith(".tmp")]


def test_batch_refuses_two_cases_with_the_same_output_folder(cli, tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "data.yaml", tmp_path / "b" / "x" / "data.yaml"
    for path in (a, b):
        path.parent.mkdir(parents=True)
        shutil.copy(SEED_CASE, path)
    (tmp_path / "a").rename(tmp_path / "x")
    result = cli("batch", tmp_path / "x" / "data.yaml", b, "--out", tmp_path / "out", "--llm", "off")
    assert result.code == 2 and "同名" in result.stderr
