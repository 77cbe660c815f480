"""``jixiao eval``: the gold regression over eval_data, in template mode and against a scripted model server."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EVAL_DATA
from tests.llm_server import LLMServer, Recorded, competent_answer


def _rows(stdout: str) -> list[dict]:
    return json.loads(stdout)


def test_every_case_passes_in_template_mode(cli) -> None:
    result = cli("eval", EVAL_DATA, "--json")
    rows = _rows(result.stdout)
    assert {r["case"] for r in rows} == {p.parent.name for p in EVAL_DATA.glob("*/data.yaml")}
    failing = {r["case"]: r["problems"] for r in rows if not r["passed"]}
    assert failing == {}
    assert result.code == 0
    golds = [r for r in rows if r["gold"]]
    assert len(golds) >= 3
    assert all(r["errors"] == 0 and r["number_coverage"] > 0.5 for r in golds)


def test_every_case_passes_with_a_scripted_model(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def answer(request: Recorded) -> str:
        return competent_answer(request, "经认真梳理，现将有关情况报告如下。")

    with LLMServer(default=answer) as server:
        monkeypatch.setenv("JIXIAO_LLM_BASE_URL", server.base_url)
        monkeypatch.setenv("JIXIAO_LLM_MODEL", "scripted-model")
        monkeypatch.setenv("JIXIAO_LLM_TIMEOUT", "5")
        result = cli("eval", EVAL_DATA, "--llm", "on", "--json")
        assert server.chat_requests, "the model was never asked"
    rows = _rows(result.stdout)
    assert all(r["mode"] == "模型" for r in rows)
    assert {r["case"]: r["problems"] for r in rows if not r["passed"]} == {}
    assert result.code == 0


def _copy_case(tmp_path: Path, name: str = "seed_yushui_2022") -> Path:
    target = tmp_path / "cases" / name
    shutil.copytree(EVAL_DATA / name, target)
    return target


def test_a_gold_section_the_draft_lacks_is_a_regression(cli, tmp_path: Path) -> None:
    case = _copy_case(tmp_path)
    gold = (case / "gold.md").read_text(encoding="utf-8")
    (case / "gold.md").write_text(
        gold.replace("## 一、", "## 一、绩效管理制度建设\n\n## 零、", 1), encoding="utf-8"
    )
    result = cli("eval", case.parent)
    assert result.code == 1
    assert "缺少章节「绩效管理制度建设」" in result.stdout


def test_a_gold_that_no_longer_audits_clean_is_a_regression(cli, tmp_path: Path) -> None:
    case = _copy_case(tmp_path)
    data = (case / "data.yaml").read_text(encoding="utf-8")
    # the data moves under the gold: the gold's true numbers become false
    (case / "data.yaml").write_text(data.replace("全年执行数: 5.6", "全年执行数: 5.9", 1), encoding="utf-8")
    result = cli("eval", case.parent, "--json")
    assert result.code == 1
    problems = _rows(result.stdout)[0]["problems"]
    assert any(p.startswith("标准稿自身审核错误") for p in problems)


def test_bad_arguments_are_chinese_errors(cli, tmp_path: Path) -> None:
    assert cli("eval", tmp_path / "nope").code == 2
    empty = cli("eval", tmp_path)
    assert empty.code == 2 and "没有案例" in empty.stderr
    assert "--llm" in cli("eval", EVAL_DATA, "--llm", "maybe").stderr


def test_mutation_benchmark_option_prints_recall_per_kind(cli) -> None:
    result = cli("eval", EVAL_DATA, "--mutations", "1")
    assert result.code == 0, result.stderr
    assert "变异评测" in result.stderr and "unit_swapped" in result.stderr
    assert "标准稿误报错误 0 处" in result.stderr
