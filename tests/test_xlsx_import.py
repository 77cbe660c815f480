"""Excel 自评表 import: national, 四川, 云南 and summary layouts read to the same case as their YAML twins;
malformed workbooks refused with a Chinese message naming file, sheet and cell; CLI exit code 2, no traceback."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from assistant.errors import InputError
from assistant.models import Case
from assistant.office import load_case_xlsx
from assistant.office.xlsx_cells import Cell, cell_number, float_to_decimal, format_places, money_unit_in
from assistant.office.xlsx_values import split_value
from assistant.scoring import score_case
from assistant.serialize import unit_json
from tests.xlsx_builders import (
    EVAL_DATA,
    ROOT,
    Style,
    filed_case,
    national_workbook,
    save,
    seed_scorecard,
    sichuan_workbook,
    summary_workbook,
    twin,
    yunnan_workbook,
)


def canonical(case: Case) -> dict:
    """The case in 万元 (its canonical unit), whatever unit the file used."""
    return case.model_dump(mode="python", exclude={"money_unit"})


def assert_same_case(got: Case, expected: Case) -> None:
    """Same unit, projects, funds, indicators and filed scores; same scoring results to the last flag."""
    assert canonical(got) == canonical(filed_case(expected))
    got_scores, want_scores = unit_json(score_case(got)), unit_json(score_case(expected))
    for g, w in zip(got_scores["projects"], want_scores["projects"], strict=True):
        assert (g["name"], g["score"], g["grade"], g["rate"]) == (
            w["name"],
            w["score"],
            w["grade"],
            w["rate"],
        )
        assert [i["score"] for i in g["indicators"]] == [i["score"] for i in w["indicators"]]
        assert [f["code"] for f in g["flags"]] == [f["code"] for f in w["flags"]]


def load_error(path: Path, **kwargs) -> str:
    with pytest.raises(InputError) as err:
        load_case_xlsx(path, **kwargs)
    return str(err.value)


def find(ws, value) -> str:
    """Coordinate of the first cell holding ``value``."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell.coordinate
    raise AssertionError(f"{value!r} not in sheet")


@pytest.fixture(scope="module")
def jiaoyu() -> Case:
    return twin("jiaoyu_qingjiang_2023", keep_project=("偏差原因", "改进措施"), drop_indicator=("评价档次",))


# --- each layout imports to its YAML twin ----------------------------------------------------------------


@pytest.mark.parametrize(
    "style",
    [
        Style(),
        Style(money_unit="元", text_numbers=True, fullwidth=True),
        Style(text_numbers=True, blank_rows=False, notes=False),
    ],
    ids=["wan-numbers", "yuan-fullwidth-text", "text-compact"],
)
def test_national_forms_import_to_their_twin(tmp_path, jiaoyu, style):
    path = save(national_workbook(score_case(jiaoyu), style), tmp_path / "自评表.xlsx")
    got = load_case_xlsx(path)
    assert (got.unit, got.year, got.rules, got.money_unit) == (
        "清江县教育体育局",
        2023,
        "national_2020",
        style.money_unit,
    )
    assert_same_case(got, jiaoyu)
    if style.money_unit == "元":  # '4,687,500.00' typed in 元 is 468.75 万元, exactly
        assert got.projects[0].budget_initial == D("468.75")
        assert got.to_data()["项目"][0]["年初预算数"] == D("4687500")


def test_merged_levels_and_multiline_labels_are_filled_down(tmp_path, jiaoyu):
    path = save(national_workbook(score_case(jiaoyu), Style()), tmp_path / "f.xlsx")
    got = load_case_xlsx(path).projects[1].indicators
    assert [(i.level1, i.level2) for i in got[:3]] == [("产出指标", "数量指标")] * 2 + [
        ("产出指标", "质量指标")
    ]
    assert got[4].kind == "≤" and got[4].target == D(300) and got[4].unit == "元/平方米"
    assert got[2].kind == "=" and got[2].target == D(100) and got[2].unit == "%"


def test_projects_stacked_on_one_sheet(tmp_path, jiaoyu):
    path = save(national_workbook(score_case(jiaoyu), Style(), stacked=True), tmp_path / "stacked.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["附表1"]
    assert_same_case(load_case_xlsx(path), jiaoyu)


def test_sichuan_form_with_inline_name_and_text_points(tmp_path):
    expected = twin("nongye_anning_sichuan_2023", keep_project=("偏差原因",), drop_indicator=("评价档次",))
    path = save(
        sichuan_workbook(score_case(expected), Style(text_numbers=True, fullwidth=True)), tmp_path / "sc.xlsx"
    )
    got = load_case_xlsx(path)
    assert (got.unit, got.year, got.rules) == ("沱江市安宁区农业农村局", 2023, "sichuan")
    assert got.projects[0].deviation_cause == expected.projects[0].deviation_cause  # from the 原因 column
    assert got.projects[0].sources.carry_over.budget == D("412.6380")  # '上年结转' row label
    assert_same_case(got, expected)


def test_yunnan_one_project_per_workbook(tmp_path):
    expected_all = twin(
        "lincao_siyuan_yunnan_2024", keep_project=("偏差原因", "改进措施"), drop_indicator=("评价档次",)
    )
    unit = score_case(expected_all)
    for index, project in enumerate(unit.projects):
        path = save(yunnan_workbook(unit, project, Style()), tmp_path / f"{index}.xlsx")
        got = load_case_xlsx(path)
        assert (got.unit, got.year, got.rules) == ("思源县林业和草原局", 2024, "yunnan")
        expected = twin(
            "lincao_siyuan_yunnan_2024",
            keep_project=("偏差原因", "改进措施"),
            drop_indicator=("评价档次",),
            only=index,
        )
        assert_same_case(got, expected)
        # the 总分 was filed as an integer that the indicators reproduce, so it is not kept as a separate claim
        assert got.projects[0].self_score is None
    first = load_case_xlsx(tmp_path / "0.xlsx").projects[0].indicators
    assert [i.kind for i in first[2:5]] == ["≤", "≤", "="]  # ≦ ≦ ═
    assert first[3].score == D(9)  # the officer's integer score, kept at the precision written


def test_seed_scorecard_needs_the_unit_name(tmp_path):
    expected = twin("seed_yushui_2022", drop_project=("年初预算数", "年度总体目标", "实际完成情况"))
    path = save(seed_scorecard(score_case(expected)), tmp_path / "评分表.xlsx")
    message = load_error(path)
    assert "未能识别单位名称" in message and "评分表.xlsx" in message
    got = load_case_xlsx(path, unit="中共新余市渝水区委组织部")
    assert got.year == 2022  # from '2022区委组织部项目自评分项目自评表'
    assert_same_case(got, expected)
    assert got.projects[2].self_score == D(90) and got.projects[2].executed == D("18.6932")


def test_summary_in_yuan_with_heading_total_and_notes(tmp_path):
    expected = twin("seed_yushui_2022", drop_project=("年度总体目标", "实际完成情况"))
    style = Style(money_unit="元", text_numbers=True)
    path = save(summary_workbook(score_case(expected), style), tmp_path / "汇总.xlsx")
    got = load_case_xlsx(path)
    assert (got.unit, got.money_unit, len(got.projects)) == ("中共新余市渝水区委组织部", "元", 14)
    assert_same_case(got, expected)


def test_summary_amounts_must_agree_with_the_forms(tmp_path, jiaoyu):
    wb = national_workbook(score_case(jiaoyu), Style())
    ws = wb.create_sheet("汇总", 0)
    ws.append(["序号", "项目名称", "全年预算数（万元）", "全年执行数（万元）"])
    ws.append([1, jiaoyu.projects[0].name, D("498.6380"), D("491.3")])
    ws.append([2, jiaoyu.projects[1].name, D("365"), D("289.5612")])
    message = load_error(save(wb, tmp_path / "conflict.xlsx"))
    assert "汇总!C3" in message and "全年预算数 365" in message and "附表2!D8" in message


def test_info_sheet_and_caller_defaults(tmp_path, jiaoyu):
    wb = national_workbook(score_case(jiaoyu), Style())
    for ws in wb.worksheets:  # a form whose title states neither unit nor year
        ws["A1"], ws["A2"], ws["A4"] = "项目支出绩效自评表", None, None
    path = save(wb, tmp_path / "bare.xlsx")
    message = load_error(path)
    # the unit is the 主管部门 every form names alike (a national form has no 填报单位); the year is unknown
    assert "未能识别年度" in message and "未能识别单位名称" not in message
    assert load_case_xlsx(path, year=2023).unit == "清江县教育体育局"
    got = load_case_xlsx(path, unit="清江县教育体育局", year=2023, rules="exec20")
    assert (got.unit, got.year, got.rules) == ("清江县教育体育局", 2023, "exec20")
    info = wb.create_sheet("案例信息")
    for row in (
        ["单位名称", "清江县教育体育局"],
        ["年度", "2023年"],
        ["评分规则", "财预〔2020〕10号 单位自评（全国默认）"],
    ):
        info.append(row)
    got = load_case_xlsx(save(wb, tmp_path / "info.xlsx"), rules="exec20")
    assert (got.unit, got.year, got.rules) == ("清江县教育体育局", 2023, "national_2020")


# --- malformed workbooks --------------------------------------------------------------------------------


def test_missing_project_name_names_the_cell(tmp_path, jiaoyu):
    wb = national_workbook(score_case(jiaoyu), Style())
    ws = wb["附表2"]
    ws[find(ws, jiaoyu.projects[1].name)] = None
    message = load_error(save(wb, tmp_path / "noname.xlsx"))
    assert "noname.xlsx" in message and "附表2!B5" in message and "缺少项目名称" in message


def test_bad_amount_names_the_cell(tmp_path, jiaoyu):
    wb = national_workbook(score_case(jiaoyu), Style())
    ws = wb["附表1"]
    ws[find(ws, D("498.6380"))] = "四百九十八万"
    message = load_error(save(wb, tmp_path / "bad.xlsx"))
    assert "附表1!D8" in message and "「四百九十八万」不是有效的金额数字" in message


def test_several_problems_are_reported_together(tmp_path, jiaoyu):
    wb = national_workbook(score_case(jiaoyu), Style())
    ws = wb["附表1"]
    ws[find(ws, "4386人")] = "已完成"
    ws[find(ws, D("491.3000"))] = "12%"
    ws["G16"] = "十分"  # 分值 of an indicator
    message = load_error(save(wb, tmp_path / "many.xlsx"))
    assert message.startswith("发现 3 处输入问题")
    assert "附表1!F16" in message and "实际完成值「已完成」不是数字" in message
    assert "附表1!E8" in message and "「12%」不是有效的金额数字" in message
    assert "附表1!G16" in message and "分值「十分」不是数字" in message


def test_model_errors_point_at_the_cell(tmp_path, jiaoyu):
    wb = national_workbook(score_case(jiaoyu), Style())
    ws = wb["附表3"]
    ws[find(ws, D("45.9036"))] = D("-45.9036")
    message = load_error(save(wb, tmp_path / "negative.xlsx"))
    assert "附表3!E8" in message and "金额不能为负数" in message


def test_duplicate_project_names_across_sheets(tmp_path, jiaoyu):
    wb = national_workbook(score_case(jiaoyu), Style())
    wb["附表2"]["B5"] = jiaoyu.projects[0].name
    message = load_error(save(wb, tmp_path / "dup.xlsx"))
    assert "附表2!B5" in message and "重复（另见 附表1!B5）" in message


def test_form_without_project_name_label(tmp_path, jiaoyu):
    wb = national_workbook(score_case(jiaoyu), Style())
    ws = wb["附表1"]
    ws["A5"] = None
    message = load_error(save(wb, tmp_path / "nolabel.xlsx"))
    assert "附表1!" in message and "没有找到「项目名称」" in message


@pytest.mark.parametrize("header", ["三级指标", "全年预算", "调整后预算数（万元）", "全年实际执行数"])
def test_a_sheet_with_any_printed_form_header_but_no_name_is_a_broken_form(tmp_path, header):
    wb = Workbook()
    wb.active.title = "附表1"
    wb.active["B3"] = header
    message = load_error(save(wb, tmp_path / "headers.xlsx"))
    assert "附表1!B3" in message and "像是自评表" in message


def test_not_a_zip(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("项目名称,全年预算数\n甲,1\n", encoding="utf-8")
    assert "不是有效的 Excel（.xlsx）文件" in load_error(path)


def test_truncated_zip(tmp_path, jiaoyu):
    good = save(national_workbook(score_case(jiaoyu), Style()), tmp_path / "good.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    message = load_error(path)
    assert "cut.xlsx" in message and ("已损坏" in message or "不完整" in message)


def test_legacy_xls_and_zip_without_workbook(tmp_path):
    xls = tmp_path / "old.xlsx"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert "另存为不加密的 .xlsx" in load_error(xls)
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert "缺少 xl/workbook.xml" in load_error(other)


def test_empty_workbook_and_workbook_without_forms(tmp_path):
    assert "工作簿是空的" in load_error(save(Workbook(), tmp_path / "empty.xlsx"))
    wb = Workbook()
    wb.active["A1"] = "会议纪要"
    assert "没有找到项目支出绩效自评表" in load_error(save(wb, tmp_path / "memo.xlsx"))


def test_missing_file(tmp_path):
    assert "文件不存在" in load_error(tmp_path / "nope.xlsx")


# --- cell-level parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "number", "unit"),
    [
        ("≥95%", "≥", D(95), "%"),
        ("100个", None, D(100), "个"),
        ("≤30天", "≤", D(30), "天"),
        ("不少于4300人", "≥", D(4300), "人"),
        ("30天以内", "≤", D(30), "天"),
        ("＝１２５０元/生·年", "=", D(1250), "元/生·年"),
        ("≧0.9‰", "≥", D("0.9"), "‰"),
        ("≦ 30 分钟", "≤", D(30), "分钟"),
        ("95%以上", "≥", D(95), "%"),
        ("1,200 平方米", None, D(1200), "平方米"),
        ("明显提升", None, None, None),
        ("2024年12月底前完成", None, None, None),
        ("建立台账，纳入考核", None, None, None),
    ],
)
def test_split_indicator_values(text, kind, number, unit):
    got = split_value(text)
    assert (got.kind, got.number, got.unit) == (kind, number, unit)


@pytest.mark.parametrize(
    ("value", "fmt", "score", "expected"),
    [
        (62.3205, "General", False, "62.3205"),
        (468.75, "#,##0.0000", False, "468.7500"),  # shown with 4 decimals: filed with 4
        (0.1 + 0.2, "General", False, "0.3"),  # float noise from a formula
        (10 * 18.6932 / 62.3205, "0.00", True, "3.00"),  # a formula 得分 counts as displayed
        (10, "0.00", True, "10.00"),
        (35275166.36, "#,##0.00", False, "35275166.36"),
        ("４,８６０,０００.００", "@", False, "4860000.00"),
        ("9分", "General", True, "9"),
    ],
)
def test_cell_numbers_at_the_precision_written(value, fmt, score, expected):
    got = cell_number(Cell("表", 1, 1, value, fmt), score=score)
    assert isinstance(got, D) and format(got, "f") == expected


def test_number_helpers():
    assert float_to_decimal(1200.0000000000002) == D(1200)
    assert (
        format_places("0.00%") == 4
        and format_places('#,##0.0000"万元"') == 4
        and format_places("General") is None
    )
    assert money_unit_in("项目资金（万元）") == "万元" and money_unit_in("全年预算数(元)") == "元"
    assert money_unit_in("金额单位：元") == "元" and money_unit_in("单位（盖章）：某局") is None


# --- through the CLI ------------------------------------------------------------------------------------


def test_cli_scores_and_drafts_from_xlsx(tmp_path, cli, jiaoyu):
    path = save(national_workbook(score_case(jiaoyu), Style(money_unit="元")), tmp_path / "自评表.xlsx")
    result = cli("score", path, "--json")
    assert result.code == 0, result.stderr
    assert "校舍维修改造" in result.stdout and '"money_unit": "万元"' in result.stdout
    result = cli("draft", path, "--out", tmp_path / "out", "--format", "md", "--llm", "off")
    assert result.code in (0, 1), result.stderr
    report = tmp_path / "out" / "report.md"
    assert "清江县教育体育局" in report.read_text(encoding="utf-8")
    result = cli("check", report, "--data", path, "--json")
    assert result.code in (0, 1) and "Traceback" not in result.stderr


def test_cli_supplies_unit_and_year_a_workbook_lacks(tmp_path, cli, jiaoyu):
    wb = national_workbook(score_case(jiaoyu), Style())
    for ws in wb.worksheets:  # forms titled without unit or year, as many are filed
        ws["A1"], ws["A2"], ws["A4"] = "项目支出绩效自评表", None, None
    path = save(wb, tmp_path / "无表头.xlsx")
    scored = cli(
        "score", path, "--json"
    )  # scoring needs neither the unit (here: the shared 主管部门) nor the year
    assert scored.code == 0, scored.stderr
    assert '"unit": "清江县教育体育局"' in scored.stdout and '"year": null' in scored.stdout
    defaults = ("--unit-name", "清江县教育体育局", "--year", "2023")
    result = cli("score", path, "--json", *defaults)
    assert result.code == 0, result.stderr
    assert '"unit": "清江县教育体育局"' in result.stdout and '"year": 2023' in result.stdout
    out = tmp_path / "out"
    result = cli("draft", path, "--out", out, "--format", "md", "--llm", "off", *defaults)
    assert result.code in (0, 1), result.stderr
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "清江县教育体育局" in report and "2023" in report
    result = cli("check", out / "report.md", "--data", path, *defaults)
    assert result.code == 0, result.stdout + result.stderr
    result = cli("batch", path, "--out", tmp_path / "many", "--format", "md", "--llm", "off", *defaults)
    assert result.code in (0, 1), result.stderr
    assert "清江县教育体育局" in (tmp_path / "many" / "无表头" / "report.md").read_text(encoding="utf-8")
    assert cli("score", path, "--year", "1800", *defaults[:2]).code == 2  # out of range: a usage error


def test_a_stated_unit_and_year_win_over_the_defaults(tmp_path, cli, jiaoyu):
    path = save(national_workbook(score_case(jiaoyu), Style()), tmp_path / "自评表.xlsx")
    result = cli("score", path, "--json", "--unit-name", "别的单位", "--year", "2030")
    assert result.code == 0, result.stderr
    assert '"unit": "清江县教育体育局"' in result.stdout and '"year": 2023' in result.stdout
    yaml_case = tmp_path / "case.yaml"
    text = (EVAL_DATA / "jiaoyu_qingjiang_2023" / "data.yaml").read_text(encoding="utf-8")
    yaml_case.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith(("单位名称:", "年度:"))),
        encoding="utf-8",
    )
    pending = cli("score", yaml_case, "--json")  # scoring never refuses for a missing unit or year
    assert (
        pending.code == 0
        and '"unit": "【待补充：单位名称】"' in pending.stdout
        and '"year": null' in pending.stdout
    )
    result = cli("score", yaml_case, "--json", "--unit-name", "清江县教育体育局", "--year", "2023")
    assert result.code == 0 and '"year": 2023' in result.stdout


@pytest.mark.parametrize("broken", ["not-zip", "truncated", "bad-cell"])
def test_cli_refuses_broken_workbooks_with_exit_2(tmp_path, cli, jiaoyu, broken):
    path = tmp_path / "坏表.xlsx"
    if broken == "not-zip":
        path.write_bytes(b"PK\x03\x04 not really")
    else:
        wb = national_workbook(score_case(jiaoyu), Style())
        if broken == "bad-cell":
            wb["附表1"]["D8"] = "abc"
        save(wb, path)
        if broken == "truncated":
            path.write_bytes(path.read_bytes()[:3000])
    for args in (("score", path), ("draft", path, "--out", tmp_path / "o", "--llm", "off")):
        result = cli(*args)
        assert result.code == 2
        assert result.stderr.startswith("错误：") and "坏表.xlsx" in result.stderr
        assert "Traceback" not in result.stderr
    if broken == "bad-cell":
        assert "附表1!D8" in result.stderr


def test_yaml_loading_does_not_import_openpyxl():
    code = (
        "import sys; from assistant.io import load_case; import assistant.office; "
        "load_case('eval_data/jiaoyu_qingjiang_2023/data.yaml'); print('openpyxl' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
