"""`jixiao score` on the seed case, and its handling of bad input."""

from __future__ import annotations

import json

from tests.conftest import SEED_CASE


def test_seed_json_matches_published_table(cli):
    result = cli("score", SEED_CASE, "--json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["totals"]["projects"] == 14
    assert data["totals"]["budget"] == "289.9965"
    assert data["totals"]["executed"] == "244.2092"
    assert data["totals"]["rate"] == "84.21"
    rates = {p["name"]: p["rate"] for p in data["projects"]}
    assert rates["干部人事档案数字化建设"] == "30.00"
    assert rates["基层党建信息化平台建设经费"] == "96.35"
    assert data["totals"]["grades"] == {"优": 14, "良": 0, "中": 0, "差": 0}
    assert data["totals"]["needing_explanation"] == ["干部人事档案数字化建设"]


def test_seed_table_output_is_chinese(cli):
    result = cli("score", SEED_CASE)
    assert result.code == 0
    assert "等级分布" in result.stdout
    assert "84.21" in result.stdout


def test_missing_file_exits_2_with_chinese_message(cli, tmp_path):
    result = cli("score", tmp_path / "nope.yaml")
    assert result.code == 2
    assert "文件不存在" in result.stderr
    assert "Traceback" not in result.stderr


def test_negative_amount_names_file_project_and_field(cli, tmp_path):
    case = tmp_path / "bad.yaml"
    case.write_text(
        "单位名称: 测试局\n年度: 2023\n项目:\n  - 项目名称: 甲项目\n    全年预算数: -5\n    全年执行数: 1\n"
        "    自评得分: 90\n",
        encoding="utf-8",
    )
    result = cli("score", case, "--json")
    assert result.code == 2
    assert str(case) in result.stderr
    assert "第1个项目「甲项目」" in result.stderr
    assert "全年预算数" in result.stderr
    assert "负数" in result.stderr


def test_unknown_rule_set_is_refused(cli):
    result = cli("score", SEED_CASE, "--rules", "atlantis")
    assert result.code == 2
    assert "未知的评分规则「atlantis」" in result.stderr
