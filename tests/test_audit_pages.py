"""A text copied out of a PDF carries page furniture (rules, page numbers, running titles) wherever a page broke:
``pages`` leaves it out, so a table broken by a page is read as one and a page number is never read as a figure."""

from __future__ import annotations

from assistant.audit import audit_text
from assistant.audit.pages import paged_reading

HEAD = "某县财政局项目支出绩效自评报告"
BREAK = ["", "——————————————————————————", f"{HEAD}                              - 2 -", ""]
ROWS = [
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |",
    "| 产出指标 | 数量指标 | 新建村级公路 | ≥12公里 | 12.6公里 | 30 | 30 |",
    "| 产出指标 | 质量指标 | 验收合格率 | 100% | 100% | 20 | 20 |",
    "| 效益指标 | 社会效益指标 | 受益人口 | ≥3000人 | 3260人 | 20 | 20 |",
    "| 满意度指标 | 满意度指标 | 群众满意度 | ≥90% | 93% | 20 | 20 |",
]


def _report(total: str) -> str:
    """Our own report, a page breaking inside its table and inside its sentence of fund sources."""
    return "\n".join(
        [
            HEAD,
            "一、项目基本情况",
            f"2022年项目全年预算数为{total}万元，资金来源为：中央补助资金300.00万元、省级补助资金120.00万元、",
            *BREAK,
            "县级配套资金60.00万元。全年执行数为456.00万元。",
            "二、绩效指标完成情况",
            *ROWS[:3],
            *BREAK,
            *ROWS[3:],
            "三、自评结论",
            "项目自评得分98分。",
            "",
            "——————————————————————————",
            f"{HEAD}                              - 3 -",
        ]
    )


def test_the_furniture_is_left_out_and_the_table_meets_again():
    text = _report("480.00")
    reading = paged_reading(text)
    assert reading is not None
    lines = reading.text.splitlines()
    assert "- 2 -" not in reading.text and "——————" not in reading.text
    assert lines.count(HEAD) == 1  # the title the report opens with stays
    assert lines[lines.index(ROWS[2]) + 1] == ROWS[3]


def test_a_sentence_broken_by_a_page_is_checked_whole():
    assert not [f for f in audit_text(_report("480.00")).findings if f.severity in ("error", "warning")]
    wrong = [f for f in audit_text(_report("490.00")).findings if f.code == "TOTAL_MISMATCH"]
    assert wrong and "490.00" in (wrong[0].found or "")


def test_a_lone_figure_and_a_title_written_once_are_the_report_s_own():
    form = "\n".join(["项目名称", "村级公路建设", "分值", "2", "得分", "2", "— 1 —"])
    reading = paged_reading(form)
    assert reading is not None
    assert reading.text.splitlines() == ["项目名称", "村级公路建设", "分值", "2", "得分", "2"]
    assert paged_reading("一、项目基本情况\n全年预算数为480.00万元。") is None


def test_a_heading_before_a_page_break_keeps_its_line():
    """The section the next page opens is not glued to the heading above the break (a conclusion read as a
    heading would lose its stated total)."""
    text = "\n".join(["三、自评结论", *BREAK, "项目自评得分98分，评价等级为优。"])
    reading = paged_reading(text)
    assert reading is not None
    assert reading.text.splitlines() == ["三、自评结论", "项目自评得分98分，评价等级为优。"]
