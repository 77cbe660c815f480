"""One translator for every validation error: case files, workbooks, outlines, rule sets and tool arguments all
answer in Chinese, naming the file (where there is one), the item and the field — never pydantic's English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from assistant.chat.tools import run_tool
from assistant.drafting.outline import load_outline
from assistant.errors import InputError
from assistant.io import load_case
from assistant.models import Case
from assistant.office import load_case_xlsx
from assistant.rules import RULESET_DIR, load_ruleset
from assistant.validation import CASE_WORDING, describe_location, known_fields
from assistant.workspace import SessionStore

CASE = """单位名称: 某单位
年度: 2023
项目:
  - 项目名称: 甲项目
    全年预算数: 100
    全年执行数: 90
    绩效指标:
      - {一级指标: 产出指标, 三级指标: 培训人次, 年度指标值: 100, 实际完成值: 120, 分值: 90}
"""
OUTLINE = "id: mine\nname: 我的提纲\ntitle: '{{unit.name}}报告'\nsections:\n  - {id: a, heading: 基本情况, level: 1, kind: fixed}\n"
ENGLISH = re.compile(r"[A-Za-z]{2,}[ ,][a-z]{2,}")  # two English words in a row: a sentence, not a key


def assert_chinese(message: str, *parts: str) -> None:
    """The message names every part and holds no English sentence once file paths are taken out."""
    for part in parts:
        assert part in message, (part, message)
    bare = re.sub(r"/\S+?\.(?:ya?ml|xlsx|json)", "", message)
    assert not ENGLISH.search(bare), message
    assert "Input should" not in message and "Field required" not in message


def _refusal(path: Path, loader) -> str:
    with pytest.raises(InputError) as info:
        loader(path)
    return str(info.value)


@pytest.mark.parametrize(
    ("change", "parts"),
    [
        (
            ("全年预算数: 100", "全年预算数: -100"),
            ("第1个项目「甲项目」字段「全年预算数」", "金额不能为负数"),
        ),
        (("分值: 90", "分值: -5"), ("第1个绩效指标「培训人次」字段「分值」", "不能为负数")),
        (("分值: 90", "分值: 九十"), ("字段「分值」", "不是有效的金额数字")),
        (
            ("全年执行数: 90\n", "全年执行数: 90\n    执行率: 90%\n"),
            ("字段「执行率」", "不认识的字段", "全年预算数"),
        ),
        (("    全年执行数: 90\n", ""), ("字段「全年执行数」", "缺少必填字段")),
        (("年度: 2023", "年度: 二〇二三"), ("字段「年度」", "应为整数")),
        (("    绩效指标:\n", "    绩效指标: 很多\n    x:\n"), ("字段「绩效指标」",)),
    ],
)
def test_case_file_errors_name_file_project_and_field(tmp_path: Path, change, parts) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(CASE.replace(*change), encoding="utf-8")
    assert_chinese(_refusal(path, load_case), str(path), *parts)


def test_workbook_errors_name_the_cell_and_the_field(tmp_path: Path) -> None:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "汇总"
    sheet.append(["某单位2023年度项目支出绩效自评汇总表"])
    sheet.append(["序号", "项目名称", "全年预算数", "全年执行数", "自评得分"])
    sheet.append([1, "甲项目", -100, 90, 95])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    message = _refusal(path, load_case_xlsx)
    assert_chinese(message, str(path), "汇总!C3", "字段「全年预算数」", "金额不能为负数")


@pytest.mark.parametrize(
    ("change", "parts"),
    [
        (
            ("level: 1,", "level: 1, colour: red,"),
            ("第1个章节「a」字段「colour」", "不认识的字段", "heading"),
        ),
        (("id: a,", "id: A-1,"), ("第1个章节", "字段「id」", "只能用小写英文字母")),
        (("kind: fixed", "kind: prose"), ("字段「kind」", "只能是")),
        (("title:", "titel:"), ("字段「titel」", "不认识的字段", "sections")),
        (("level: 1,", "level: [1],"), ("字段「level」",)),
    ],
)
def test_outline_errors_name_file_section_and_field(tmp_path: Path, change, parts) -> None:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE.replace(*change), encoding="utf-8")
    assert_chinese(_refusal(path, load_outline), str(path), *parts)


@pytest.mark.parametrize(
    ("change", "parts"),
    [
        (
            ("  points: 10", "  points: 10\n  bonus: 1"),
            ("字段「execution」字段「bonus」", "不认识的字段", "zero_budget"),
        ),
        (("points: 10", "points: 很多"), ("字段「points」", "不是有效数字")),
        (("points: 10", "points: 120"), ("字段「points」", "不能大于 100")),
        (("id: national_2020", "id: [national]"), ("字段「id」", "应为文本")),
        (("name:", "nmae:"), ("字段「nmae」", "不认识的字段")),
    ],
)
def test_rule_set_errors_are_chinese_and_name_the_key(tmp_path: Path, change, parts) -> None:
    text = (RULESET_DIR / "national_2020.yaml").read_text(encoding="utf-8")
    assert change[0] in text
    path = tmp_path / "mine.yaml"
    path.write_text(text.replace(*change, 1), encoding="utf-8")
    assert_chinese(_refusal(path, lambda p: load_ruleset(str(p))), str(path), "评分规则文件有误", *parts)


def test_rule_set_that_is_not_yaml_is_located(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\nname: [unclosed\n", encoding="utf-8")
    message = _refusal(path, lambda p: load_ruleset(str(p)))
    assert_chinese(message, str(path), "第 3 行第 1 列", "不是有效的 YAML", "方括号")


@pytest.mark.parametrize(
    ("tool", "args", "parts"),
    [
        ("update_field", {"project": "甲项目", "value": "5"}, ("参数「field」：缺少必填参数",)),
        (
            "update_field",
            {"project": "甲项目", "field": "全年执行数", "value": "5", "unit": "万元"},
            ("参数「unit」", "不认识的参数", "project"),
        ),
        (
            "update_field",
            {"project": ["甲项目"], "field": "全年执行数", "value": "5"},
            ("参数「project」：应为文本",),
        ),
        ("show_data", {"project": {"名称": "甲"}}, ("参数「project」",)),
    ],
)
def test_tool_argument_errors_are_chinese_and_name_the_argument(tmp_path: Path, tool, args, parts) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    reply = run_tool(SessionStore(tmp_path / "sessions").create(load_case(path)), tool, args)
    assert reply.error and reply.text.startswith(f"错误：工具「{tool}」的参数不对")
    assert_chinese(reply.text, *parts)


def test_locations_name_items_by_their_names() -> None:
    data = {"项目": [{"项目名称": "甲", "绩效指标": [{}, {"三级指标": "培训人次"}]}]}
    where = describe_location(("项目", 0, "绩效指标", 1, "分值"), data, CASE_WORDING)
    assert where == "第1个项目「甲」第2个绩效指标「培训人次」字段「分值」"
    assert describe_location(("项目", 3, "全年预算数"), data, CASE_WORDING) == "第4个项目字段「全年预算数」"


def test_known_fields_follow_the_location_into_nested_models() -> None:
    assert known_fields(Case, ())[:3] == ["单位名称", "年度", "评分规则"]
    assert "全年预算数" in known_fields(Case, ("项目", 0)) and "单位名称" not in known_fields(
        Case, ("项目", 0)
    )
    assert known_fields(Case, ("项目", 0, "资金来源")) == ["当年财政拨款", "上年结转资金", "其他资金"]
    assert known_fields(Case, ("项目", 0, "资金来源", "当年财政拨款")) == [
        "年初预算数",
        "全年预算数",
        "全年执行数",
    ]
    assert "三级指标" in known_fields(Case, ("projects", 0, "indicators", 2))
    assert known_fields(Case, ("项目", 0, "全年预算数")) == []
