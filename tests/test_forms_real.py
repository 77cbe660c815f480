"""Real 自评表 texts the reader was not written against read to their hand-written twins, or say which cells
they could not place (存疑): never a silently wrong figure. Fixtures: tests/fixtures/forms_real/<name>."""

from __future__ import annotations

import pytest

from assistant.audit import audit_text
from assistant.forms import read_forms
from tests.forms_real import names, text_of, verdict


@pytest.mark.parametrize("name", names())
def test_real_form_reads_to_its_twin_or_says_what_it_left_out(name):
    state, reasons = verdict(name)
    assert state in ("exact", "uncertain", "not read"), reasons


def test_the_forms_in_the_national_and_sichuan_layouts_read_exactly():
    states = {name: verdict(name)[0] for name in names()}
    assert [name for name, state in states.items() if state != "exact"] == [
        "huanggang_shuibao_2020",
        "wangcang_jiyao_2021",
    ], states


def test_a_spreadsheet_soup_feeds_the_form_checks():
    """The 稷山 export (holdout2): the five contradictions of its key are found from the form read by order,
    and its true relations (99% of 65.66, met rows at full score) stay silent."""
    result = audit_text(text_of("jishan_yibao_2020"))
    found = {(f.code, f.found) for f in result.findings}
    assert ("SCORE_MISMATCH", "94") in found  # 84 + 9 = 93, not 94
    assert {("SCORE_MISMATCH", "27"), ("SCORE_MISMATCH", "9"), ("SCORE_MISMATCH", "13")} <= found
    errors = [f for f in result.findings if f.severity == "error"]
    assert [f.found for f in errors] == ["94"]
    assert not [
        f for f in result.findings if f.code in ("RATE_MISMATCH", "WEIGHT_MISMATCH", "TOTAL_MISMATCH")
    ]


def test_row_labels_whose_values_do_not_divide_among_them_read_nothing_and_say_so():
    """The 稷山 export with its 其中 row's blank cells dropped (8 values after two row labels): no split is sure."""
    text = text_of("jishan_yibao_2020").replace("65.66 65.07 — 99% —", "65.66 65.07 99%")
    (form,) = read_forms(text)
    assert form.funds == []
    assert any("各行数值分不清" in note for note in form.notes)


def test_a_national_header_split_in_two_is_not_read_as_the_sichuan_form():
    """'实际' above (or just before) '完成值' is the national 实际完成值, not the 四川 form's 完成值 column."""
    layouts = {name: {f.layout for f in read_forms(text_of(name))} for name in names()}
    assert layouts["ezhou_caizheng_2019"] == layouts["jishan_yibao_2020"] == {"national"}
    assert layouts["qingshen_fagai_2023"] == {"sichuan"}


def test_a_deadline_year_is_not_prorated_by_the_form_check():
    """完成时限 2019年 done in 2020年 is a deadline missed (the unit's rule scores it), not 20 × 2020/2019."""
    from assistant.audit.checks.form import check

    findings = audit_text(text_of("ezhou_caizheng_2019"), checks=[check]).findings
    assert not [f for f in findings if "完成时限" in f.message]
    assert [
        f for f in findings if "计划完成率" in f.message
    ]  # 60% of a 90% target scored 10 of 20: still seen


def test_a_funds_heading_broken_over_lines_keeps_its_points():
    """'预算执行情况(万元)' / '(20分)': the execution item's 20 points, on the line after the heading."""
    (form,) = read_forms(text_of("baoshan_tuiyi_2022"))
    assert form.execution_points == 20


def test_a_wrong_rate_cell_points_at_its_row_from_the_label():
    """A form's 执行率 cell alone ("0", "90%") says nothing to a reader: the finding spans the row from its label."""
    text = (
        "项目支出绩效自评表\n项目名称 道路养护经费\n"
        "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
        "年度资金总额 100 100 80 10 80% 8\n"
        "其中：当年财政拨款 60 60 60 — 100% —\n"
        "其他资金 40 40 20 — 0 —\n"
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
        "产出指标 数量指标 养护里程 20公里 20公里 90 90\n总分 100 98\n"
    )
    (finding,) = [f for f in audit_text(text).findings if f.code == "RATE_MISMATCH"]
    assert finding.found == "0" and "其他资金行" in finding.message, finding.message
    start, end = finding.span
    assert text[start:end].startswith("其他资金 40 40 20"), text[start:end]
    assert text[end - 1] == "0"
