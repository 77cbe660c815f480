"""Excel export: national/四川/云南 自评表 sheets, a 汇总 sheet with totals and a 案例信息 sheet; the numbers are the
core's (checked with openpyxl alone), and workbooks read back to the same case (YAML → xlsx → case → xlsx)."""

from __future__ import annotations

import io
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assistant.io import case_from_data, load_case
from assistant.models import Case
from assistant.office import load_case_xlsx
from assistant.office.xlsx_export import export_xlsx_bytes
from assistant.scoring import UnitScore, score_case
from assistant.serialize import unit_json
from tests.conftest import EVAL_DATA

CASES = sorted(path.parent.name for path in EVAL_DATA.glob("*/data.yaml"))


def scored(name: str) -> UnitScore:
    return score_case(load_case(EVAL_DATA / name / "data.yaml"))


def write(unit: UnitScore, path: Path) -> Path:
    path.write_bytes(export_xlsx_bytes(unit))
    return path


def dec(value: object) -> D:
    """A numeric cell as the decimal written (openpyxl reads numbers back as float)."""
    return D(repr(value)) if isinstance(value, float) else D(value)  # type: ignore[arg-type]


def comparable(case: Case) -> dict:
    """Case data with quantitative 得分 as the core computes them (a form always shows the computed score)."""
    unit = score_case(case)
    data = case.to_data()
    for project, result in zip(data["项目"], unit.projects, strict=True):
        for ind, s in zip(project.get("绩效指标", []), result.indicators, strict=True):
            if not s.indicator.is_qualitative:
                ind["得分"] = s.score
        for key in [
            k for k, v in project.items() if v == ""
        ]:  # a blank cell and an empty string are one thing
            del project[key]
    return data


def cells(data: bytes) -> dict[str, list[tuple]]:
    """Every sheet's non-empty cells: (coordinate, value, number format)."""
    wb = load_workbook(io.BytesIO(data))
    return {
        ws.title: [
            (c.coordinate, c.value, c.number_format)
            for row in ws.iter_rows()
            for c in row
            if c.value is not None
        ]
        for ws in wb.worksheets
    }


@pytest.mark.parametrize("name", CASES)
def test_yaml_to_xlsx_to_case_round_trip(tmp_path, name):
    unit = scored(name)
    back = load_case_xlsx(write(unit, tmp_path / "r.xlsx"))
    assert comparable(back) == comparable(unit.case)
    assert (back.unit, back.year, back.rules, back.money_unit) == (
        unit.case.unit,
        unit.case.year,
        unit.case.rules,
        unit.case.money_unit,
    )
    # scoring reproduces to the written precision of every amount, rate, score, trace and flag
    assert unit_json(score_case(back)) == unit_json(unit)


@pytest.mark.parametrize("name", CASES)
def test_every_project_sheet_states_the_core_figures(tmp_path, name):
    """Read with openpyxl alone, not our importer: each form shows its project's amounts as filed, the core's
    rate, indicator scores, total and grade; and export → import → export then changes no cell."""
    unit = scored(name)
    first = export_xlsx_bytes(unit)
    wb = load_workbook(io.BytesIO(first))
    factor = D(10000) if unit.case.money_unit == "元" else D(1)
    for ps, ws in zip(unit.projects, wb.worksheets[1:-1], strict=True):
        values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
        numbers = {
            dec(v).normalize() for v in values if isinstance(v, int | float) and not isinstance(v, bool)
        }
        texts = {v for v in values if isinstance(v, str)}
        p = ps.project
        assert p.name in texts
        for amount in (p.budget, p.executed, p.budget_initial):
            assert amount is None or (amount * factor).normalize() in numbers, (p.name, amount)
        assert ps.rate_shown is None or (ps.rate_shown / 100).normalize() in numbers
        assert ps.score is None or ps.score.normalize() in numbers
        assert not ps.grade or ps.grade in texts
        for s in ps.indicators:
            assert s.indicator.name in texts
            assert s.indicator.is_qualitative or s.score.normalize() in numbers, s.indicator.name
    path = tmp_path / "first.xlsx"
    path.write_bytes(first)
    assert cells(export_xlsx_bytes(score_case(load_case_xlsx(path)))) == cells(first)


@pytest.mark.parametrize(
    ("name", "rules"),
    [
        ("jiedao_guihua_exec20_2024", "exec20"),
        ("nongye_anning_sichuan_2023", "sichuan"),
        ("lincao_siyuan_yunnan_2024", "yunnan"),
    ],
)
def test_rule_set_detected_from_the_form_without_info_sheet(tmp_path, name, rules):
    wb = load_workbook(io.BytesIO(export_xlsx_bytes(scored(name))))
    del wb["案例信息"]
    wb.save(tmp_path / "bare.xlsx")
    assert load_case_xlsx(tmp_path / "bare.xlsx").rules == rules


def test_national_sheet_layout_values_and_styles():
    unit = scored("jiaoyu_qingjiang_2023")
    wb = load_workbook(io.BytesIO(export_xlsx_bytes(unit)))
    assert wb.sheetnames[0] == "汇总" and wb.sheetnames[-1] == "案例信息" and len(wb.sheetnames) == 2 + 3
    ws = wb.worksheets[2]  # 中小学校舍维修改造
    project = unit.projects[1]
    values = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
    assert values["A1"] == "项目支出绩效自评表" and values["A2"] == "（2023年度）"
    assert values["A4"] == "项目名称" and values["B4"] == "中小学校舍维修改造"
    assert values["A6"] == "项目资金（万元）"
    assert [values[f"{c}6"] for c in "CDEFGH"] == [
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ]
    assert (dec(values["D7"]), dec(values["E7"])) == (D(356), D("289.5612"))
    assert dec(values["G7"]) == D("0.8134") and ws["G7"].number_format == "0.00%"  # 81.34%
    assert dec(values["H7"]) == project.rate_score == D("8.13")
    assert [values[f"{c}13"] for c in "BCDEFGHI"] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    assert (values["E14"], values["F14"]) == ("≥12000平方米", "10860平方米")
    assert values["E16"] == "＝100%"  # 等于 indicator, never a formula
    assert dec(values["H18"]) == D("9.43")  # 10 × 300 ÷ 318, as the core scored it
    total_row = next(r for r in range(14, 40) if ws[f"A{r}"].value == "总分")
    assert ws[f"G{total_row}"].value == 100 and dec(ws[f"H{total_row}"].value) == project.score
    assert ws[f"I{total_row}"].value == project.grade
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {
        "A1:J1",
        "B4:J4",
        "A6:A10",
        "B14:B18",
        "C14:C15",
    } <= merged  # title, name, funds label, 一级/二级 runs
    assert values["J13"] == "评价档次" and values["J20"] == "达成年度指标"  # the qualitative tier, kept
    assert ws["A1"].font.name == "黑体" and ws["D14"].font.name == "宋体" and ws["D14"].font.charset == 134
    assert ws["D14"].border.left.style == "thin" and ws["I30"].border.left.style is None
    assert ws.column_dimensions["D"].width >= 20 and ws.page_setup.orientation == "landscape"


def test_summary_sheet_totals_match_the_core():
    unit = scored("weijian_anlan_2022")  # filed in 元
    ws = load_workbook(io.BytesIO(export_xlsx_bytes(unit)))["汇总"]
    assert ws["A1"].value == "安澜市卫生健康委员会2022年度项目支出绩效自评汇总表"
    assert [ws.cell(3, c).value for c in range(1, 10)] == [
        "序号",
        "项目名称",
        "年初预算数（元）",
        "全年预算数（元）",
        "全年执行数（元）",
        "执行率",
        "执行率得分",
        "自评得分",
        "等级",
    ]
    assert dec(ws["C5"].value) == D("4860000") and ws["C5"].number_format == "#,##0.00"
    assert dec(ws["E4"].value) == D("35275166.36")
    total = 4 + len(unit.projects)
    assert ws[f"A{total}"].value == "合计"
    assert (
        dec(ws[f"D{total}"].value) == unit.budget * 10000
        and dec(ws[f"E{total}"].value) == unit.executed * 10000
    )
    assert dec(ws[f"F{total}"].value) == unit.rate_shown / 100
    assert dec(ws[f"H{total + 1}"].value) == unit.mean_score
    assert [dec(ws[f"H{r}"].value) for r in range(4, total)] == [p.score for p in unit.projects]
    assert [ws[f"I{r}"].value for r in range(4, total)] == [p.grade for p in unit.projects]


def test_sichuan_and_yunnan_layouts():
    ws = load_workbook(io.BytesIO(export_xlsx_bytes(scored("nongye_anning_sichuan_2023")))).worksheets[1]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert [
        "项目预算执行情况（万元）",
        "",
        "年初预算",
        "调整后预算数",
        "预算执行数",
        "预算执行率",
        "权重",
        "得分",
        "原因",
    ] == [v if v is not None else "" for v in rows[5][:9]]
    header = next(r for r in rows if r[1] == "一级指标")
    assert header[1:11] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "得分",
        "未完成原因分析",
    ]
    assert rows[6][8].startswith("部分标段于12月完成初步验收")  # 偏差原因 in the 原因 column

    wb = load_workbook(io.BytesIO(export_xlsx_bytes(scored("lincao_siyuan_yunnan_2024"))))
    kinds = {
        c.value for ws in wb.worksheets[1:-1] for c in ws["E"] if c.value in ("≧", "═", "≦", "≥", "=", "≤")
    }
    assert kinds == {"≧", "═", "≦"}


def test_text_is_never_a_formula_and_long_numbers_stay_exact(tmp_path):
    case = case_from_data(
        {
            "单位名称": "测试局",
            "年度": 2024,
            "项目": [
                {
                    "项目名称": '=HYPERLINK("http://x")',
                    "全年预算数": "123456789.1234567",
                    "全年执行数": 1,
                    "年度总体目标": "=1+1",
                    "自评得分": 90,
                },
                {
                    "项目名称": "一个名字很长很长很长很长很长很长很长很长很长很长的项目：第一期",
                    "全年预算数": 1,
                    "全年执行数": 1,
                    "自评得分": 100,
                },
                {
                    "项目名称": "一个名字很长很长很长很长很长很长很长很长很长很长的项目：第二期",
                    "全年预算数": 1,
                    "全年执行数": 1,
                    "自评得分": 100,
                },
            ],
        }
    )
    data = export_xlsx_bytes(score_case(case))
    wb = load_workbook(io.BytesIO(data))
    assert all(len(name) <= 31 for name in wb.sheetnames) and len(set(wb.sheetnames)) == 5
    first = wb.worksheets[1]
    assert first["B4"].data_type == "s" and first["B4"].value == '=HYPERLINK("http://x")'
    assert first["D7"].value == "123456789.1234567"  # 16 digits: kept as text, not rounded by a float
    path = tmp_path / "odd.xlsx"
    path.write_bytes(data)
    back = load_case_xlsx(path)
    assert back.projects[0].budget == D("123456789.1234567") and back.projects[0].goal == "=1+1"
    assert [p.name for p in back.projects] == [p.name for p in case.projects]


def test_cli_draft_writes_xlsx_that_reimports_to_the_same_scores(tmp_path, cli):
    case = EVAL_DATA / "nongye_anning_sichuan_2023" / "data.yaml"
    out = tmp_path / "out"
    result = cli("draft", case, "--out", out, "--format", "md,xlsx", "--llm", "off")
    assert result.code in (0, 1), result.stderr
    assert (out / "report.md").exists() and (out / "report.xlsx").exists()
    back = load_case_xlsx(out / "report.xlsx")
    assert unit_json(score_case(back)) == unit_json(score_case(load_case(case)))
    result = cli("score", out / "report.xlsx", "--json")
    assert result.code == 0 and "2023年高标准农田建设项目" in result.stdout
