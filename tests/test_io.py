"""Loading case files: YAML/JSON with exact decimals, every problem in Chinese, exit code 2 at the CLI."""

from __future__ import annotations

import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.io import MAX_CASE_BYTES, load_case

GOOD_YAML = """\
单位名称: 测试局
年度: 2023
项目:
  - 项目名称: 甲项目
    年初预算数: 0
    全年预算数: 62.3205
    全年执行数: 18.6932
    自评得分: 90
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def load_error(path: Path) -> str:
    with pytest.raises(InputError) as err:
        load_case(path)
    return str(err.value)


def assert_cli_refuses(cli, path: Path, *needles: str) -> str:
    result = cli("score", path, "--json")
    assert result.code == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("错误：")
    for needle in needles:
        assert needle in result.stderr
    return result.stderr


# --- good files --------------------------------------------------------------------------------------


def test_yaml_amounts_are_exact_decimals(tmp_path):
    case = load_case(write(tmp_path, "case.yaml", GOOD_YAML))
    p = case.projects[0]
    assert p.budget == D("62.3205") and isinstance(p.budget, D)
    assert p.executed == D("18.6932")
    assert p.budget_initial == D(0)
    assert p.self_score == D(90)


def test_json_amounts_are_exact_decimals(tmp_path):
    data = {
        "单位名称": "测试局",
        "年度": 2023,
        "项目": [{"项目名称": "甲", "全年预算数": 0.1, "全年执行数": 0.3, "自评得分": 90}],
    }
    case = load_case(write(tmp_path, "case.json", json.dumps(data, ensure_ascii=False)))
    assert case.projects[0].budget == D("0.1")
    assert case.projects[0].executed == D("0.3")


def test_yml_suffix_and_bom_are_accepted(tmp_path):
    path = tmp_path / "case.yml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD_YAML.encode("utf-8"))
    assert load_case(path).unit == "测试局"


def test_gb18030_file_is_accepted(tmp_path):
    path = write(tmp_path, "case.yaml", GOOD_YAML, encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # the test really exercises the fallback
    case = load_case(path)
    assert case.unit == "测试局"
    assert case.projects[0].name == "甲项目"


def test_gb18030_file_scores_through_the_cli(cli, tmp_path):
    path = write(tmp_path, "case.yaml", GOOD_YAML, encoding="gb18030")
    result = cli("score", path, "--json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["projects"][0]["name"] == "甲项目"


def test_yuan_file_is_converted(tmp_path):
    text = GOOD_YAML.replace("年度: 2023\n", "年度: 2023\n金额单位: 元\n")
    text = text.replace("62.3205", "623205").replace("18.6932", "186932")
    case = load_case(write(tmp_path, "case.yaml", text))
    assert case.projects[0].budget == D("62.3205")
    assert case.projects[0].executed == D("18.6932")


# --- refused files ------------------------------------------------------------------------------------


def test_bad_yaml_syntax_gives_line_and_column(tmp_path, cli):
    path = write(tmp_path, "bad.yaml", "单位名称: 测试局\n年度: 2023\n项目: [\n  - 项目名称: 甲\n")
    message = load_error(path)
    assert "YAML 格式错误" in message
    assert "行" in message and "列" in message
    assert str(path) in message
    assert_cli_refuses(cli, path, "YAML 格式错误", "行", "列")


def test_bad_yaml_indentation_names_the_line(tmp_path):
    path = write(tmp_path, "bad.yaml", "单位名称: 测试局\n年度: 2023\n  项目: x\n")
    assert "第 3 行" in load_error(path)


def test_bad_json_syntax_gives_line_and_column(tmp_path, cli):
    path = write(tmp_path, "bad.json", '{"单位名称": "测试局",\n "年度": 2023,,\n}')
    message = load_error(path)
    assert "JSON 格式错误" in message
    assert "第 2 行第 13 列" in message  # the second comma
    assert_cli_refuses(cli, path, "JSON 格式错误")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_is_refused(tmp_path, cli, constant):
    text = '{"单位名称": "测试局", "年度": 2023, "项目": [{"项目名称": "甲", "全年预算数": %s, "全年执行数": 1}]}'
    path = write(tmp_path, "nan.json", text % constant)
    message = load_error(path)
    assert f"不支持的数值 {constant}" in message
    assert_cli_refuses(cli, path, "不支持的数值")


def test_yaml_nan_is_refused(tmp_path, cli):
    path = write(tmp_path, "nan.yaml", GOOD_YAML.replace("62.3205", ".nan"))
    message = load_error(path)
    assert "第1个项目「甲项目」字段「全年预算数」" in message
    assert "NaN" in message
    assert_cli_refuses(cli, path, "全年预算数")


def test_unknown_field_is_named(tmp_path, cli):
    path = write(tmp_path, "extra.yaml", GOOD_YAML + "    执行率: 30%\n")
    message = load_error(path)
    assert "第1个项目「甲项目」字段「执行率」" in message
    assert "不认识的字段" in message
    assert_cli_refuses(cli, path, "不认识的字段", "执行率")


def test_top_level_list_is_refused(tmp_path, cli):
    path = write(tmp_path, "list.yaml", "- 单位名称: 测试局\n")
    assert "顶层应为键值表" in load_error(path)
    assert_cli_refuses(cli, path, "顶层应为键值表")
    json_path = write(tmp_path, "list.json", "[1, 2]")
    assert_cli_refuses(cli, json_path, "顶层应为键值表")


@pytest.mark.parametrize("text", ["", "\n\n", "# 只有注释\n"])
def test_empty_file_is_refused_as_empty(tmp_path, cli, text):
    # an officer with an empty file is told it is empty, not about a "top level" they never wrote
    path = write(tmp_path, "empty.yaml", text)
    assert "案例文件为空" in load_error(path)
    assert_cli_refuses(cli, path, "empty.yaml", "案例文件为空")


def test_file_too_large_is_refused(tmp_path, cli):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_CASE_BYTES + 1)  # sparse: the size check runs before any read
    message = load_error(path)
    assert "文件过大" in message
    assert_cli_refuses(cli, path, "文件过大")


def test_binary_file_is_refused(tmp_path, cli):
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"\x80\xff\xfe\x00" * 4)
    assert "不是 UTF-8 或 GB18030" in load_error(path)
    assert_cli_refuses(cli, path, "不是 UTF-8 或 GB18030")


def test_wrong_suffix_is_refused(tmp_path, cli):
    path = write(tmp_path, "case.csv", GOOD_YAML)
    assert "不支持的案例文件类型「.csv」" in load_error(path)
    assert_cli_refuses(cli, path, "不支持的案例文件类型")
    text = write(tmp_path, "case.txt", GOOD_YAML)  # a .txt is read as a report holding 自评表: none here
    assert_cli_refuses(cli, text, "没有找到可读取的项目支出绩效自评表")


def test_directory_is_refused(tmp_path, cli):
    path = tmp_path / "dir.yaml"
    path.mkdir()
    assert "这是一个目录" in load_error(path)
    assert_cli_refuses(cli, path, "这是一个目录")


@pytest.mark.parametrize("field", ["全年预算数", "全年执行数", "年初预算数"])
def test_negative_amount_names_project_and_field(tmp_path, cli, field):
    text = re.sub(rf"{field}: [0-9.]+", f"{field}: -1", GOOD_YAML)
    assert text != GOOD_YAML
    path = write(tmp_path, "neg.yaml", text)
    message = load_error(path)
    assert f"第1个项目「甲项目」字段「{field}」" in message
    assert "金额不能为负数" in message
    assert_cli_refuses(cli, path, f"第1个项目「甲项目」字段「{field}」", "负数")


def test_negative_amount_in_sources_is_located(tmp_path):
    text = GOOD_YAML + "    资金来源:\n      当年财政拨款: {全年预算数: -1, 全年执行数: 0}\n"
    message = load_error(write(tmp_path, "neg.yaml", text))
    assert "第1个项目「甲项目」字段「资金来源」字段「当年财政拨款」字段「全年预算数」" in message
    assert "负数" in message


def test_missing_field_is_named(tmp_path, cli):
    path = write(tmp_path, "missing.yaml", GOOD_YAML.replace("    全年执行数: 18.6932\n", ""))
    message = load_error(path)
    assert "第1个项目「甲项目」字段「全年执行数」：缺少必填字段" in message
    assert_cli_refuses(cli, path, "缺少必填字段", "全年执行数")


def test_missing_unit_name(tmp_path):
    message = load_error(write(tmp_path, "missing.yaml", GOOD_YAML.replace("单位名称: 测试局\n", "")))
    assert "字段「单位名称」：缺少必填字段" in message


def test_every_problem_is_listed(tmp_path):
    text = GOOD_YAML.replace("全年预算数: 62.3205", "全年预算数: -1").replace("年度: 2023", "年度: 1800")
    message = load_error(write(tmp_path, "many.yaml", text))
    assert message.startswith("发现 2 处输入问题：")
    assert "字段「年度」：不能小于 1990" in message
    assert "第1个项目「甲项目」字段「全年预算数」：金额不能为负数" in message


def test_indicator_problem_names_project_and_indicator(tmp_path, cli):
    text = GOOD_YAML + (
        "    绩效指标:\n"
        "      - {一级指标: 产出指标, 三级指标: 培训人次, 年度指标值: 100, 实际完成值: 很多, 分值: 10}\n"
    )
    path = write(tmp_path, "ind.yaml", text)
    message = load_error(path)
    assert "第1个项目「甲项目」第1个绩效指标「培训人次」" in message
    assert "实际完成值「很多」不是数字" in message
    assert_cli_refuses(cli, path, "培训人次")


def test_qualitative_score_above_points_refused(tmp_path, cli):
    text = GOOD_YAML + (
        "    绩效指标:\n      - {一级指标: 满意度指标, 三级指标: 满意度, 指标性质: 定性, 分值: 10, 得分: 12}\n"
    )
    path = write(tmp_path, "qual.yaml", text)
    assert "得分 12 超过分值 10" in load_error(path)
    assert_cli_refuses(cli, path, "超过分值")


def test_duplicate_project_names(tmp_path, cli):
    text = GOOD_YAML + "  - 项目名称: 甲项目\n    全年预算数: 1\n    全年执行数: 1\n    自评得分: 100\n"
    path = write(tmp_path, "dup.yaml", text)
    assert "项目名称「甲项目」重复" in load_error(path)
    assert_cli_refuses(cli, path, "重复")


def test_unknown_rule_set_in_case_file(tmp_path, cli):
    path = write(
        tmp_path, "rules.yaml", GOOD_YAML.replace("年度: 2023\n", "年度: 2023\n评分规则: atlantis\n")
    )
    assert_cli_refuses(cli, path, "未知的评分规则「atlantis」", "national_2020")


def test_bad_money_unit(tmp_path):
    message = load_error(
        write(tmp_path, "unit.yaml", GOOD_YAML.replace("年度: 2023\n", "年度: 2023\n金额单位: 千元\n"))
    )
    assert "字段「金额单位」" in message
    assert "千元" in message
