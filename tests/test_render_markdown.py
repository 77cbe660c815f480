"""Markdown rendering: title and headings in outline order at the right depth, 附件说明 and 落款 before the
annexes, the 汇总表 as a pipe table and each 自评表 as a pipe table on its grid (title as the header row)."""

from __future__ import annotations

import re

import pytest

from assistant.drafting import Report, Section, Table, draft_template
from assistant.io import case_from_data, load_case
from assistant.render.markdown import render_markdown
from assistant.scoring import score_case
from tests.conftest import EVAL_DATA, SEED_CASE
from tests.test_facts import yuan_case


@pytest.fixture(scope="module")
def seed_markdown() -> tuple[Report, str]:
    report = draft_template(score_case(load_case(SEED_CASE)))
    return report, render_markdown(report)


def heading_lines(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


def table_rows(markdown: str, after: str) -> list[list[str]]:
    """The cells of the first pipe table after the line ``after`` (header included, separator dropped)."""
    lines = markdown.splitlines()
    start = lines.index(after)
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if not all(set(c) <= {"-", ":"} for c in cells):
                rows.append(cells)
        elif rows:
            break
    return rows


def test_seed_headings_in_outline_order(seed_markdown: tuple[Report, str]):
    report, markdown = seed_markdown
    expected = [f"# {report.title}"] + [f"{'#' * (s.level + 1)} {s.heading}" for s in report.sections]
    assert heading_lines(markdown) == expected
    assert expected[:5] == [
        "# 中共新余市渝水区委组织部2022年度项目支出绩效自评报告",
        "## 一、基本情况",
        "### （一）项目概况",
        "### （二）项目绩效目标",
        "### （三）预算资金规模、来源及使用情况",
    ]
    assert expected[-2:] == ["## 附件1", "## 附件2"]


def test_closing_lines_come_before_the_annexes(seed_markdown: tuple[Report, str]):
    _, markdown = seed_markdown
    closing = "附件：1.项目支出绩效自评汇总表\n\n2\\.项目支出绩效自评表\n\n中共新余市渝水区委组织部\n\n【待补充：成文日期】\n\n## 附件1"
    assert closing in markdown
    assert markdown.index("## 七、其他需要说明的问题") < markdown.index(closing)


def test_seed_score_table(seed_markdown: tuple[Report, str]):
    _, markdown = seed_markdown
    rows = table_rows(markdown, "## 附件1")
    assert rows[0] == [
        "序号",
        "项目名称",
        "全年预算数（万元）",
        "全年执行数（万元）",
        "执行率（%）",
        "自评得分",
        "等级",
    ]
    assert len(rows) == 1 + 14 + 1
    assert rows[3] == ["3", "干部人事档案数字化建设", "62.3205", "18.6932", "30.00", "90", "优"]
    assert rows[-1] == ["", "合计", "289.9965", "244.2092", "84.21", "99.07", ""]
    assert "**中共新余市渝水区委组织部2022年度项目支出绩效自评汇总表**" in markdown


def test_seed_paragraphs_are_present(seed_markdown: tuple[Report, str]):
    report, markdown = seed_markdown
    for section in report.sections:
        for paragraph in section.paragraphs:
            assert paragraph in markdown


@pytest.mark.parametrize("path", sorted(EVAL_DATA.glob("*/data.yaml")), ids=lambda p: p.parent.name)
def test_every_case_renders_a_table_with_one_row_per_project(path):
    unit = score_case(load_case(path))
    markdown = render_markdown(draft_template(unit))
    rows = table_rows(markdown, "## 附件1")
    assert len(rows) - 1 == len(unit.projects) + 1
    assert rows[0][2] == f"全年预算数（{unit.case.money_unit}）"
    assert [r[1] for r in rows[1:-1]] == [ps.project.name for ps in unit.projects]


def test_yuan_case_and_single_project_outline():
    unit = score_case(case_from_data(yuan_case()))
    markdown = render_markdown(draft_template(unit, "single_project"))
    assert "## 七、其他需要说明的问题" in markdown
    assert "## 附件" in markdown and "## 附件1" not in markdown
    rows = table_rows(markdown, "## 附件")
    # the form's title is its header row; every row has the grid's nine cells, a spanning cell then blanks
    assert rows[0] == ["项目支出绩效自评表（2023年度）"] + [""] * 8
    assert all(len(row) == 9 for row in rows)
    assert ["项目名称", "学生营养改善计划"] + [""] * 7 in rows
    assert [
        "",
        "年度资金总额",
        "",
        "1,000,000.00",
        "1,200,000.00",
        "960,000.50",
        "10",
        "80.00",
        "8.00",
    ] in rows
    assert ["总分", "", "", "", "", "", "100", "84.00", "自评等级：良"] in rows


def test_the_audit_reads_the_summary_table_and_never_a_form():
    """Self-audit takes the first table with a 项目名称 column: the 汇总表; the forms are no score tables."""
    from assistant.audit.document import parse_document

    unit = score_case(load_case(SEED_CASE))
    tables = parse_document(render_markdown(draft_template(unit))).tables
    assert len(tables) == 1 and tables[0].header[1] == "项目名称"
    assert len(tables[0].rows) == 15


def test_markup_in_text_is_escaped_and_control_characters_dropped():
    table = Table(header=["名称", "值"], rows=[["甲|乙", "1\n2"]], total=["合计", "3"])
    report = Report(
        title="标题\x00\x07abc",
        sections=[
            Section(
                id="a",
                heading="一、基本\n情况",
                level=1,
                kind="narrative",
                paragraphs=["1. 不是列表", "# 不是标题", "第一段\n\n第二段\x0b"],
                tables=[table],
                source="llm",
            )
        ],
    )
    markdown = render_markdown(report)
    assert markdown.startswith("# 标题abc\n")
    assert "## 一、基本 情况" in markdown
    assert "\n1\\. 不是列表\n" in markdown
    assert "\n\\# 不是标题\n" in markdown
    assert "\n第一段\n\n第二段\n" in markdown
    assert "| 甲\\|乙 | 1 2 |" in markdown
    assert "| 合计 | 3 |" in markdown
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", markdown)
