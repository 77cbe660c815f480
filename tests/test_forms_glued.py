"""The glued-cell splitter on hand-written runs: a split is taken only when exactly one candidate satisfies the
form's own constraints (columns in order, 执行率 = 执行数 ÷ 预算数 at the written precision, 得分 = 执行率 × 分值
and ≤ 分值, a 其中 row within its total, a cell boundary never inside a number's unit); otherwise the row is
uncertain. Expected splits below were worked out by hand from those constraints."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.forms import read_forms
from assistant.forms.funds import FundLayout, read_fund_row
from assistant.forms.glued import split_total
from assistant.forms.glued_rows import split_rows
from assistant.forms.indicators import IndicatorLayout, read_glued
from assistant.forms.model import FundRow, Value
from assistant.forms.values import parse_value

NATIONAL = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")


def layout(*labels: str) -> FundLayout:
    out = FundLayout()
    for label in labels:
        out.add(label, label)
    return out


def glued_row(
    text: str, columns: FundLayout, label: str = "年度资金总额", total: FundRow | None = None
) -> FundRow:
    return read_fund_row(label, [parse_value(text, 0, len(text))], columns, total, (0, len(text)), glued=True)


def cells(row: FundRow) -> dict[str, str]:
    return {k: v.text for k, v in row.cells.items()}


# --- funds rows -------------------------------------------------------------------------------------------


def test_the_issue_example_splits_one_way():
    row = glued_row("202010100.00%10", layout("全年预算数", "全年执行数", "分值", "执行率", "得分"))
    assert not row.uncertain
    assert cells(row) == {"budget": "20", "executed": "20", "points": "10", "rate": "100.00%", "score": "10"}


def test_a_rate_that_no_split_explains_is_read_where_one_split_has_amounts_of_one_size():
    # 20|20 gives 100%, 2|020 has a leading zero, 202|0 gives 0%, 2020|5 gives 0.2%: nothing reads 50.5%; of
    # these only 20|20 has amounts of one size (202|0 and 2020|5 are no row of a form), so the form says 50.5% of
    # 20 spent of 20, its own contradiction for the checks to report
    row = glued_row("202050.5%", layout("全年预算数", "全年执行数", "执行率"))
    assert not row.uncertain
    assert cells(row) == {"budget": "20", "executed": "20", "rate": "50.5%"}


def test_a_written_100_percent_is_no_zero_rate():
    # 390|390|100% and 3903901|0|0% both keep 执行率 = 执行数 ÷ 预算数; a 0% cut off a written 100% is no reading
    row = glued_row("390390100%", layout("全年预算数", "全年执行数", "执行率"))
    assert not row.uncertain
    assert cells(row) == {"budget": "390", "executed": "390", "rate": "100%"}


def test_a_sub_row_above_its_total_is_read_at_one_size():
    # no split keeps the 其中 row within its total (490|390, 4903|90 and 49039|0 all break 100% or the total);
    # 490|390|100% is the only one whose amounts are of one size: read, its contradiction the form's own
    total = FundRow("年度资金总额", {k: parse_value("390", 0, 3) for k in ("budget", "executed")})
    row = glued_row("490390100%", layout("全年预算数", "全年执行数", "执行率"), "中央资金", total)
    assert not row.uncertain
    assert cells(row) == {"budget": "490", "executed": "390", "rate": "100%"}


def test_a_row_no_split_fits_is_read_at_one_precision():
    # 47.68|95.00% and 47.689|5.00% both break 执行数 ÷ 预算数 (95.36%, 95.378%): the form contradicts itself either
    # way, and an export prints a row's figures at one precision, so the first is shown
    words = [parse_value("36万元", 0, 4), parse_value("33.9294.00%", 4, 15)]
    row = read_fund_row(
        "年度资金总额", words, layout("全年预算数", "全年执行数", "执行率"), None, (0, 15), glued=True
    )
    assert not row.uncertain
    assert cells(row) == {"budget": "36万元", "executed": "33.92", "rate": "94.00%"}


def test_amounts_without_a_rate_have_several_splits():
    # 1|234, 12|34, 123|4: no rate, no total row to bound them
    row = glued_row("1234", layout("全年预算数", "全年执行数"))
    assert row.uncertain and not row.cells


def test_a_sub_row_is_bounded_by_its_total():
    total = FundRow(
        "年度资金总额",
        {
            k: parse_value(v, 0, 0)
            for k, v in {"budget_initial": "90", "budget": "89.974", "executed": "89.974"}.items()
        },
    )
    # 90|89.974|89.974 is the only split with no amount above the total's (908|9.974|89.974 and 90|89.9748|9.974
    # break it)
    row = glued_row("9089.97489.974", layout(*NATIONAL), "当年财政拨款", total)
    assert not row.uncertain
    assert cells(row) == {"budget_initial": "90", "budget": "89.974", "executed": "89.974"}


def test_a_sub_row_is_blank_where_its_total_is():
    # 10|0|100 would fill the 年初 column the total left blank (and execute 100 of a budget of 0): 100|100
    total = FundRow("年度资金总额", {k: parse_value("100", 0, 3) for k in ("budget", "executed")})
    row = glued_row("100100", layout(*NATIONAL), "当年财政拨款", total)
    assert not row.uncertain
    assert cells(row) == {"budget": "100", "executed": "100"}


def test_a_sub_row_above_a_zero_total_fits_no_split():
    total = FundRow(
        "年度资金总额", {k: parse_value("0", 0, 1) for k in ("budget_initial", "budget", "executed")}
    )
    row = glued_row("202.64132.912132.912", layout(*NATIONAL), "当年财政拨款", total)
    assert row.uncertain and not row.cells


@pytest.mark.parametrize(
    ("text", "split"),
    [
        # 0/0 printed as 0, 0 of 10 points: the only split that fills the six columns
        ("0001000", ["0", "0", "0", "10", "0", "0"]),
        # 43.2|43.2|37.24 → 86.2%, written 86%; 10 × 86.2% = 8.62, written 9
        ("43.243.237.241086%9", ["43.2", "43.2", "37.24", "10", "86%", "9"]),
    ],
)
def test_a_score_is_the_rate_times_the_points_at_its_precision(text, split):
    row = glued_row(text, layout(*NATIONAL))
    assert not row.uncertain
    keys = ["budget_initial", "budget", "executed", "points", "rate", "score"]
    assert cells(row) == dict(zip(keys, split, strict=True))


def test_a_ratio_written_as_one():
    row = glued_row("1.561.56120", layout("全年预算数", "全年执行数", "执行率", "得分"))
    assert cells(row) == {"budget": "1.56", "executed": "1.56", "rate": "1", "score": "20"}


# --- 总分 ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "points", "score", "grade"),
    [("10096优", "100", "96", "优"), ("100100", "100", "100", None), ("9085良", "90", "85", "良")],
)
def test_a_total_splits_into_points_score_and_grade(text, points, score, grade):
    numbers, found = split_total(Value(text, 0, len(text)))
    assert [v.text for v in numbers] == [points, score]
    assert (found.text if found else None) == grade


def test_a_total_with_two_readings_is_not_split():
    # 99.5|98.5 and 99.59|8.5 both keep 得分 ≤ 分值 ≤ 100
    numbers, _ = split_total(Value("99.598.5", 0, 8))
    assert numbers == []


# --- indicator rows -----------------------------------------------------------------------------------------


def rows(text: str) -> list[list[str | None] | None]:
    found = split_rows(text, 0)
    assert found is not None
    return [
        [
            row.cells[k].text if k in row.cells else None
            for k in ("name", "target", "actual", "points", "score")
        ]
        if row.cells is not None
        else None
        for row in found
    ]


def test_operators_and_units_begin_and_end_cells():
    assert rows("安装坡面水标尺≥266米≥266米1010水标尺宽度≥50厘米≥50厘米1010") == [
        ["安装坡面水标尺", "≥266米", "≥266米", "10", "10"],
        ["水标尺宽度", "≥50厘米", "≥50厘米", "10", "10"],
    ]


def test_a_name_holding_a_sum_of_money_ends_where_the_target_begins():
    text = "扶贫临时救助标准(<**元/户·年)——一户年最高5300元<=5300元/户5830元/户1010"
    assert rows(text) == [
        ["扶贫临时救助标准(<**元/户·年)——一户年最高5300元", "<=5300元/户", "5830元/户", "10", "10"]
    ]


def test_a_percent_closes_its_number():
    assert rows("营养改善计划覆盖率100100%1010") == [["营养改善计划覆盖率", "100", "100%", "10", "10"]]


def test_two_readings_of_the_numbers_make_the_row_uncertain():
    # 43.2|37.24|10|9 and 43.23|7.24|10|9 both fit (7.24 is within a tenth of 43.23)
    assert rows("工程资金金额43.237.24109") == [None]


def test_target_and_actual_are_of_one_magnitude():
    # 42|8|8 fits; 4|28|8 has an actual under a tenth of its target
    assert rows("保障村干部人数=42个4288") == [["保障村干部人数", "=42个", "42", "8", "8"]]
    # 100|98% fits; 1009|8% does not
    assert rows("政策知晓率10098%109") == [["政策知晓率", "100", "98%", "10", "9"]]


def test_a_target_repeated_as_the_actual_is_told_apart():
    assert rows("群众生产生活条件改善状况显著提升显著提升1010") == [
        ["群众生产生活条件改善状况", "显著提升", "显著提升", "10", "10"]
    ]


def test_name_target_and_actual_all_words_stay_unread_but_keep_the_rows_apart():
    text = "补助资格合规性合规达成预期指标88项目总成本≤90万元9088"
    assert rows(text) == [None, ["项目总成本", "≤90万元", "90", "8", "8"]]


def test_sub_items_have_no_points():
    assert rows("其中桃树种植面积1.5亩1.5亩其中苹果树种植面积5亩5亩★补助鱼塘面积3亩3亩1010") == [
        ["其中桃树种植面积", "1.5亩", "1.5亩", None, None],
        ["其中苹果树种植面积", "5亩", "5亩", None, None],
        ["★补助鱼塘面积", "3亩", "3亩", "10", "10"],
    ]


def test_a_score_above_its_points_is_no_split():
    # 5|9 is 得分 > 分值, 59 alone has no 得分: the numbers close no row, the stretch is reported unread
    assert rows("满意度100100%59") == [None]


def test_nothing_done_only_meets_an_upper_bound():
    # ≥100|10|5|5 fits; ≥1001|0|5|5 has an actual of 0 under a ≥ target
    assert rows("建设数量≥1001055") == [["建设数量", "≥100", "10", "5", "5"]]
    # ≥10|10|10|10 fits; ≥10|1010|1|0 and ≥1010|10|1|0 are a hundred times apart, ≥10101|0 is 0 under ≥
    assert rows("新建省级中心村数量≥10101010") == [["新建省级中心村数量", "≥10", "10", "10", "10"]]


def test_a_met_target_earns_points():
    # ≤44|10|1|0 would meet its target and score 0; ≤4|4|10|10 is the row
    assert rows("开展精品示范村建设数量≤441010") == [["开展精品示范村建设数量", "≤4", "4", "10", "10"]]


def test_a_deviation_sentence_glued_before_a_name_is_skipped_and_said():
    text = "安装坡面水标尺≥266米≥266米109因天气原因，延期完工。水标尺宽度≥50厘米≥50厘米1010"
    assert rows(text) == [
        ["安装坡面水标尺", "≥266米", "≥266米", "10", "9"],
        None,
        ["水标尺宽度", "≥50厘米", "≥50厘米", "10", "10"],
    ]


def test_a_name_after_a_deduction_is_flagged_where_a_note_column_exists():
    # without punctuation the note cannot be told from the name: the figures are read, the name is flagged
    layout = IndicatorLayout()
    for label in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"):
        layout.add(label)
    text = "安装坡面水标尺≥266米≥266米109因天气原因未完成水标尺宽度≥50厘米≥50厘米1010"
    readings, notes = read_glued(text, [Value(text, 0, len(text))], layout)
    assert [r["score"].text for r in readings] == ["9", "10"]
    assert len(notes) == 1 and "偏差原因" in notes[0] and "因天气原因未完成水标尺宽度" in notes[0]


# --- a whole glued form -------------------------------------------------------------------------------------


def test_a_glued_form_reads_its_total_and_grade():
    text = (
        "项目支出绩效自评表（2022年度）项目名称营养改善主管部门教育局实施单位明朗中学项目资金（元）"
        "全年预算数全年执行数分值执行率得分年度资金总额387664.62387664.6210100%10"
        "其中：当年财政拨款387664.62387664.62一级指标二级指标三级指标年度指标值实际完成值分值得分"
        "偏差原因分析及改进措施产出指标数量指标营养改善计划覆盖率100100%1010总分10096优"
    )
    form = read_forms(text)[0]
    assert [form.total_points.text, form.total.text, form.grade.text] == ["100", "96", "优"]
    assert form.fund("当年财政拨款").number("budget") == Decimal("387664.62")
    assert [(i.name, i.target.text, i.actual.text) for i in form.indicators] == [
        ("营养改善计划覆盖率", "100", "100%")
    ]


# --- cells glued with their money units (session 8, 黄冈档案馆: 年度财政资金总额10万10万100%20) -----------------

HUBEI_HEAD = (
    "项目绩效自评表 项目名称档案专项经费主管部门项目实施单位某市档案馆 预算执行情况(万元)(20分)预算数(A)执行数(B)"
    "执行率(B/A)得分(20分*执行率)年度财政资金总额"
)


def test_money_units_close_glued_cells():
    (form,) = read_forms(HUBEI_HEAD + "10万10万100%20年度绩效指标一级指标二级指标三级指标")
    assert cells(form.funds[0]) == {"budget": "10万", "executed": "10万", "rate": "100%", "score": "20"}


def test_a_row_its_writing_reads_one_way_is_read_though_its_arithmetic_fails():
    # the units close 10万 and 9万, the percent sign closes 100%: one reading, whose rate is not 9 ÷ 10
    (form,) = read_forms(HUBEI_HEAD + "10万9万100%20年度绩效指标一级指标二级指标三级指标")
    assert cells(form.funds[0]) == {"budget": "10万", "executed": "9万", "rate": "100%", "score": "20"}


def test_one_amount_with_its_unit_is_one_cell():
    from assistant.forms.values import unit_cells

    assert unit_cells(parse_value("10万元", 0, 4)) is None
    assert [v.text for v in unit_cells(parse_value("43.2万元37.24万元86%9", 0, 17)) or []] == [
        "43.2万元",
        "37.24万元",
        "86%9",
    ]


def test_a_row_its_writing_reads_several_ways_stays_unread_when_no_reading_fits():
    # 1|234, 12|34, 123|4 under 全年预算数 | 全年执行数 and a rate none of them gives: not forced
    row = glued_row("123490%", layout("全年预算数", "全年执行数", "执行率"))
    assert row.uncertain and not row.cells
