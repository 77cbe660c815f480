"""Text copied out of a PDF keeps the page's line ends: ``wrapped`` finds them by the column's width and the audit
reads each wrapped paragraph whole, pointing its findings at the lines as copied."""

from __future__ import annotations

from assistant.audit import audit_text
from assistant.audit.wrapped import unwrapped_reading, wrap_breaks
from assistant.typesetting import display_width

# Our own report, set in a column 56 wide (28 Chinese characters) as a PDF page sets it: the line ends fall inside a
# number ("1,286.4⏎0万元") and a word; 1,286.40 − 1,153.22 = 133.18, the 结余 is written 123.18.
PARAGRAPH = (
    "2023年，县财政局下达我局农村公路养护专项资金，全年预算数为1,286.40万元。截至2023年12月31日，全年实际支出"
    "1,153.22万元，预算执行率为89.65%，结余资金123.18万元已按规定上缴县财政统筹使用，主要原因是部分工程尚未完成"
    "竣工结算审计，质保金按合同约定于次年支付，下一步将加快结算审计进度。"
)
OUTCOME = (
    "全年完成农村公路日常养护里程1,062公里，完成危桥改造7座，群众满意度达到95.2%，高于年度指标值。项目实施有效改善"
    "了沿线群众的出行条件，为乡村产业发展和农产品运输提供了有力保障，社会效益明显。"
)


def _column(paragraph: str, columns: int = 56) -> list[str]:
    lines, line = [], ""
    for char in paragraph:
        if display_width(line + char) > columns:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line]


def _copied() -> str:
    return "\n".join(
        [
            "某县2023年度农村公路养护项目绩效自评报告",
            "一、项目资金使用情况",
            *_column(PARAGRAPH),
            "二、绩效目标完成情况",
            *_column(OUTCOME),
            "三、自评结论",
            "项目自评得分92分，等级为优。",
        ]
    )


def test_the_column_s_line_ends_are_read_as_inside_the_paragraphs():
    text = _copied()
    reading = unwrapped_reading(text)
    assert reading is not None
    lines = reading.text.splitlines()
    assert PARAGRAPH in lines and OUTCOME in lines
    assert "二、绩效目标完成情况" in lines and "三、自评结论" in lines  # headings stay lines of their own
    assert len(wrap_breaks(text)) == len(_column(PARAGRAPH)) - 1 + len(_column(OUTCOME)) - 1


def test_a_slip_across_the_line_ends_is_found_on_the_line_as_copied():
    text = _copied()
    found = [f for f in audit_text(text).findings if f.code == "REMAINDER_MISMATCH"]
    assert found, [(f.code, f.message) for f in audit_text(text).findings]
    start, end = found[0].span
    assert "123.18" in text[start:end].replace("\n", "")
    assert found[0].line == text.count("\n", 0, start) + 1


def test_prose_written_line_by_line_is_read_as_it_is():
    text = "\n".join(["一、项目资金使用情况", PARAGRAPH, "二、绩效目标完成情况", OUTCOME])
    assert unwrapped_reading(text) is None


def test_a_table_aligned_by_spaces_is_no_column():
    rows = [
        "三级指标          年度目标值    实际完成值    分值    得分",
        "新建硬化村内道路  12公里        12.4公里      15      15",
        "安装太阳能路灯    ≥300盏        276盏         10      9.2",
        "改造集中供水设施  4处           4处           10      10",
        "建设边境文化广场  3处           3处           10      10",
        "工程验收合格率    100%          100%          10      10",
    ]
    assert wrap_breaks("\n".join(rows)) == []


def test_a_line_that_ends_its_sentence_or_a_line_that_opens_an_item_is_not_run_on():
    managed = "（二）资金管理情况。项目资金实行专账核算，专款专用，严格执行政府采购和招投标程序，未发现挤占挪用等问题。"
    item = (
        "2.项目资金按工程进度拨付，工程款支付前均经监理单位和业主单位审核签字确认，确保资金安全规范高效使用。"
    )
    text = "\n".join([*_column(PARAGRAPH), *_column(managed), *_column(item)])
    reading = unwrapped_reading(text)
    assert reading is not None
    assert reading.text.splitlines() == [
        PARAGRAPH,
        managed,
        item,
    ]  # a run-in heading's paragraph is joined too
    cut = _column(managed)[0]  # as wide as the column, its sentence not ended
    reading = unwrapped_reading("\n".join([*_column(PARAGRAPH), cut, *_column(item)]))
    assert reading is not None
    assert reading.text.splitlines() == [PARAGRAPH, cut, item]  # an item opens its own line


def test_paragraphs_that_open_with_a_run_in_heading_make_the_column_too():
    # Each paragraph opens with its heading run in ("（一）资金情况。…"), so the column's full lines are mostly heading
    # lines: they still tell the column. 中央 320.00 + 省级 150.00 + 结转 46.80 = 516.80, the total is written 561.80.
    funds = (
        "（一）资金情况。2021年上级下达我县农村饮水安全维修养护资金561.80万元，其中中央资金320.00万元、省级资金"
        "150.00万元、上年结转资金46.80万元，主要用于农村供水工程的维修养护及水质检测。"
    )
    spending = (
        "（二）资金使用。截至2021年12月31日，实际支出498.36万元，剩余资金为维修工程质保金，按合同约定于次年拨付"
        "到位，不存在挤占挪用情况。"
    )
    text = "\n".join(
        [
            "某县2021年度农村饮水维修养护资金绩效自评报告",
            "一、基本情况",
            *_column(funds, 64),
            *_column(spending, 64),
            "二、自评结论",
            "项目自评得分93分，等级为优。",
        ]
    )
    reading = unwrapped_reading(text)
    assert reading is not None and funds in reading.text.splitlines()
    assert [f for f in audit_text(text).findings if f.code == "TOTAL_MISMATCH"]
