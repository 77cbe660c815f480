"""`jixiao score --json`, `jixiao schema` and `jixiao rules` through the real entry point."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

CASE_YAML = """\
单位名称: 测试局
年度: 2023
评分规则: national_2020
项目:
  - 项目名称: 甲项目
    年初预算数: 80
    全年预算数: 100
    全年执行数: 86.25
    绩效指标:
      - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 培训人次, 指标性质: ≥, 年度指标值: 200, 实际完成值: 180, 分值: 30}
      - {一级指标: 产出指标, 二级指标: 质量指标, 三级指标: 合格率, 指标性质: ≥, 年度指标值: 95%, 实际完成值: 95%, 分值: 20}
      - {一级指标: 效益指标, 三级指标: 覆盖人数, 指标性质: ≥, 年度指标值: 3, 实际完成值: 4, 分值: 30}
      - {一级指标: 满意度指标, 三级指标: 满意度, 指标性质: 定性, 分值: 10, 得分: 8.5, 评价档次: 达成年度指标}
  - 项目名称: 乙项目
    年初预算数: 0
    全年预算数: 62.3205
    全年执行数: 18.6932
    自评得分: 94
"""


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(CASE_YAML, encoding="utf-8")
    return path


def score_json(cli, *args) -> dict:
    result = cli("score", *args, "--json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def test_score_json_shape(cli, case_file):
    data = score_json(cli, case_file)
    assert {"unit", "year", "rules", "projects", "totals"} <= set(data)
    assert (data["unit"], data["year"], data["rules"]) == ("测试局", 2023, "national_2020")
    assert len(data["projects"]) == 2
    for project in data["projects"]:
        assert {
            "name",
            "budget_initial",
            "budget",
            "executed",
            "rate",
            "rate_score",
            "score",
            "grade",
            "indicators",
            "flags",
        } <= set(project)
    assert {"budget_initial", "budget", "executed", "rate", "projects", "grades", "mean_score"} <= set(
        data["totals"]
    )


def test_score_json_values(cli, case_file):
    data = score_json(cli, case_file)
    first, second = data["projects"]
    assert first["name"] == "甲项目"
    assert (first["budget_initial"], first["budget"], first["executed"]) == ("80", "100", "86.25")
    assert first["rate"] == "86.25"
    assert first["rate_score"] == "8.63"
    # 8.63 + 27.00 + 20.00 + 30.00 + 8.50
    assert first["score"] == "94.13"
    assert first["grade"] == "优"
    assert [i["score"] for i in first["indicators"]] == ["27.00", "20.00", "30.00", "8.50"]
    assert [i["completion"] for i in first["indicators"]] == ["90.00", "100.00", "133.33", None]
    assert first["indicators"][2]["over_achieved"] is True
    assert first["indicators"][0]["trace"]["formula"] == "30 × 180 ÷ 200 = 27.00"
    assert first["indicators"][1]["target"] == "95"
    assert first["indicators"][3]["tier"] == "达成年度指标"
    assert first["rate_trace"]["formula"] == "10 × min(86.25%, 100%) = 8.63"
    codes = {f["code"] for f in first["flags"]}
    assert {"INDICATOR_MISSED", "OVER_ACHIEVED", "EXPLANATION_MISSING"} <= codes

    assert second["budget_initial"] == "0"
    assert second["rate"] == "30.00"
    assert second["rate_score"] == "3.00"
    assert second["score"] == "94"
    assert second["score_source"] == "self"
    assert second["max_plausible"] == "93.00"
    implausible = [f for f in second["flags"] if f["code"] == "SELF_SCORE_IMPLAUSIBLE"]
    assert implausible and implausible[0]["severity"] == "error"

    totals = data["totals"]
    assert totals["budget_initial"] == "80"
    assert totals["budget"] == "162.3205"
    assert totals["executed"] == "104.9432"
    assert totals["rate"] == "64.65"  # 104.9432 / 162.3205 = 64.6518…%
    assert totals["projects"] == 2
    assert totals["grades"] == {"优": 2, "良": 0, "中": 0, "差": 0}
    assert totals["mean_score"] == "94.07"  # (94.13 + 94) / 2 = 94.065 → half up


def test_amounts_and_scores_are_decimal_strings(cli, case_file):
    data = score_json(cli, case_file)
    pattern = re.compile(r"^-?\d+(\.\d+)?$")
    for project in data["projects"]:
        for key in ("budget_initial", "budget", "executed", "rate", "rate_score", "score", "max_plausible"):
            assert isinstance(project[key], str) and pattern.match(project[key]), (key, project[key])
        for indicator in project["indicators"]:
            assert pattern.match(indicator["score"]) and pattern.match(indicator["points"])
    for key in ("budget", "executed", "rate", "mean_score"):
        assert pattern.match(data["totals"][key])


def test_rules_option_overrides_case(cli, case_file):
    data = score_json(cli, case_file, "--rules", "exec20")
    assert data["rules"] == "exec20"
    first, second = data["projects"]
    assert first["rate_score"] == "17.25"  # 20 × 86.25%
    assert second["rate_score"] == "6.00"
    assert second["max_plausible"] == "86.00"
    assert any(f["code"] == "WEIGHTS_NOT_100" for f in first["flags"])  # 90 + 20


def test_yuan_case_json_is_in_wan(cli, tmp_path):
    path = tmp_path / "yuan.yaml"
    path.write_text(
        "单位名称: 测试局\n年度: 2023\n金额单位: 元\n项目:\n"
        "  - {项目名称: 甲, 全年预算数: 1000000, 全年执行数: 623205, 自评得分: 90}\n",
        encoding="utf-8",
    )
    data = score_json(cli, path)
    assert (data["projects"][0]["budget"], data["projects"][0]["executed"]) == ("100", "62.3205")
    assert data["projects"][0]["rate"] == "62.32"


def test_yuan_case_table_shows_yuan(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # a wide console, so rich does not wrap the amounts
    path = tmp_path / "yuan.yaml"
    path.write_text(
        "单位名称: 测试局\n年度: 2023\n金额单位: 元\n项目:\n"
        "  - {项目名称: 甲, 全年预算数: 1000000, 全年执行数: 623205, 自评得分: 90}\n",
        encoding="utf-8",
    )
    result = cli("score", path)
    assert result.code == 0, result.stderr
    assert "1000000" in result.stdout
    assert "623205" in result.stdout
    assert "1E+6" not in result.stdout


def test_schema_is_valid_json_with_chinese_keys(cli):
    result = cli("schema")
    assert result.code == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["type"] == "object"
    assert {"单位名称", "年度", "项目"} <= set(schema["properties"])
    assert set(schema["required"]) == {"单位名称", "项目"}  # scoring needs no year; drafting marks it
    text = result.stdout
    for key in ("项目名称", "全年预算数", "全年执行数", "年初预算数", "绩效指标", "指标性质", "资金来源"):
        assert f'"{key}"' in text


def test_schema_to_file(cli, tmp_path):
    out = tmp_path / "schema.json"
    result = cli("schema", "--out", out)
    assert result.code == 0
    assert "已写入" in result.stdout
    assert "项目名称" in json.loads(out.read_text(encoding="utf-8"))["$defs"]["Project"]["properties"]


def test_rules_lists_the_four_ids(cli):
    result = cli("rules")
    assert result.code == 0
    ids = [line.split("\t")[0] for line in result.stdout.splitlines() if line.strip()]
    assert ids == ["exec20", "national_2020", "sichuan", "yunnan"]
    assert "财预〔2020〕10号" in result.stdout
