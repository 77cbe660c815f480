"""The audit as a reviewer receives a report: text only, no case data, no attached table.

The seed report with its 评分表 cut off must still show its contradictions from its own numbers, stay silent on
its true statements, and say how much it could check; a report with nothing checkable says so.
"""

from __future__ import annotations

import json

import pytest

from assistant.audit import audit_text
from tests.conftest import EVAL_DATA

SEED = (EVAL_DATA / "seed_yushui_2022" / "report.txt").read_text(encoding="utf-8")
SEED_TEXT = SEED[: SEED.index("附件：评分表")]


def _covers(finding, text: str, *needles: str) -> bool:
    """Does the finding's span cover each needle (an occurrence of it in the text)?"""
    start, end = finding.span
    for needle in needles:
        at = text.find(needle)
        while at >= 0 and not (at < end and start < at + len(needle)):
            at = text.find(needle, at + 1)
        if at < 0:
            return False
    return True


@pytest.fixture(scope="module")
def seed_result():
    return audit_text(SEED_TEXT)


def test_seed_without_table_is_audited_from_its_own_text(seed_result):
    assert seed_result.reference.source == "text"
    assert len(seed_result.reference.projects) == 14  # the projects the text enumerates


def test_seed_qiyi_budget_execution_and_rate_cannot_all_hold(seed_result):
    found = [
        f
        for f in seed_result.findings
        if f.code == "RATE_MISMATCH" and f.severity == "error" and f.line == 50
    ]
    assert len(found) == 1, [f.message for f in seed_result.findings]
    assert _covers(found[0], SEED_TEXT, "预算金额5.6万元", "执行金额48.824万元，执行率100%")
    assert "871.86%" in found[0].message


def test_seed_remainder_is_three_point_six_five_percent(seed_result):
    found = [f for f in seed_result.findings if f.code == "REMAINDER_MISMATCH"]
    assert [(f.severity, f.line, f.found, f.expected) for f in found] == [("error", 55, "3%", "3.65%")]


def test_seed_unit_wide_full_execution_is_an_uncertain_warning(seed_result):
    found = [f for f in seed_result.findings if f.line == 27 and f.code == "RATE_MISMATCH"]
    assert [(f.severity, f.verdict, f.found) for f in found] == [("warning", "uncertain", "100%")]
    assert "57.04万元" in found[0].message


def test_seed_true_statements_stay_silent(seed_result):
    line = "春节前区领导走访115名离任村党组织书记、主任，每人1000元"
    assert line in SEED_TEXT
    start = SEED_TEXT.index(line)
    assert not [f for f in seed_result.findings if f.span and start <= f.span[0] < start + len(line)]
    assert not [f for f in seed_result.findings if f.code in ("TOTAL_MISMATCH", "ARITHMETIC_MISMATCH")]
    assert not [f for f in seed_result.findings if f.severity == "error" and f.line not in (50, 55)]


def test_seed_coverage_is_reported(seed_result):
    coverage = seed_result.coverage
    assert coverage.checkable
    assert coverage.numbers_read >= 60
    assert 0 < coverage.cross_checked < coverage.numbers_read
    assert coverage.untied <= 3


def test_check_cli_text_only_prints_findings_and_coverage(cli, tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(SEED_TEXT, encoding="utf-8")
    result = cli("check", report)
    assert result.code == 1, result.stderr
    assert "按报告文字自身前后核对" in result.stdout
    assert "覆盖：读到数字" in result.stdout
    assert "871.86%" in result.stdout
    data = json.loads(cli("check", report, "--json").stdout)
    assert data["reference"] == "text"
    assert data["coverage"]["checkable"] is True
    assert data["coverage"]["cross_checked"] > 0
    assert {f["code"] for f in data["findings"] if f["severity"] == "error"} == {
        "RATE_MISMATCH",
        "REMAINDER_MISMATCH",
    }


def test_a_report_with_nothing_checkable_says_so(cli, tmp_path):
    report = tmp_path / "plain.md"
    report.write_text(
        "# 某某局项目支出绩效自评报告\n\n一、基本情况\n\n项目按计划实施，群众反映良好。\n", encoding="utf-8"
    )
    result = cli("check", report)
    assert result.code == 0, result.stderr
    assert "没有可核对的数字" in result.stdout
    data = json.loads(cli("check", report, "--json").stdout)
    assert data["findings"] == []
    assert data["coverage"] == {
        "numbers_read": 0,
        "cross_checked": 0,
        "untied": 0,
        "untied_examples": [],
        "checkable": False,
    }


def test_attached_table_audit_keeps_its_findings_and_adds_no_duplicates():
    """With the table the reference findings stand; the text findings on the same numbers are not repeated."""
    result = audit_text(SEED)
    assert result.reference.source == "table"
    at_qiyi = [f for f in result.findings if f.line == 50 and f.severity == "error"]
    assert [f.code for f in at_qiyi] == ["AMOUNT_MISMATCH"]
    at_remainder = [f for f in result.findings if f.line == 55 and f.code == "REMAINDER_MISMATCH"]
    assert len(at_remainder) == 1


def test_check_cli_exit_codes_without_data(cli, tmp_path):
    """Exit 1 only for error findings; a warning alone (verdict uncertain) answers 0; an empty file is bad input."""
    warned = tmp_path / "warned.txt"
    warned.write_text(
        "上级共向我县下达补贴资金4286.49万元，其中省级配套1165.84万元，市级配套1132.8万元，县级配套1887.85万元。",
        encoding="utf-8",
    )
    result = cli("check", warned, "--json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["warning"] == 1 and data["summary"]["error"] == 0
    assert [f["verdict"] for f in data["findings"]] == ["uncertain"]
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n", encoding="utf-8")
    result = cli("check", empty)
    assert result.code == 2
    assert "报告文件为空" in result.stderr and "Traceback" not in result.stderr


def test_attached_table_audit_runs_the_text_checks_too():
    """With an attached table the text's own relations are checked as well (issue 14: "today's self-audit plus all
    of the above"): an amount paid beyond the budget its sentence states, which no table row holds."""
    cut = SEED.index("附件：评分表")
    extra = "\n此外，区委另安排党员教育培训专项资金8万元，截至年底已拨付12万元。\n\n"
    text = SEED[:cut] + extra + SEED[cut:]
    result = audit_text(text)
    assert result.reference.source == "table"
    found = [f for f in result.findings if f.code == "TOTAL_MISMATCH" and f.found == "12万元"]
    assert [(f.severity, f.verdict) for f in found] == [("warning", "uncertain")]
    assert _covers(found[0], text, "8万元，截至年底已拨付12万元")
    assert len([f for f in audit_text(SEED).findings if f.severity == "error"]) == len(
        [f for f in result.findings if f.severity == "error"]
    )


def test_a_completion_claim_is_flagged_where_it_is_written_naming_each_miss():
    """The claim is the sentence a writer must mend: one warning at the claim, listing both missed indicators
    with their lines, not one warning per miss somewhere else in the text."""
    text = (
        "一、绩效目标完成情况\n"
        "对照年初设定的各项绩效指标，本市全部完成了预期指标任务。\n"
        "数量指标：建设项目8个，年度指标值3000万元，实际支出2700万元，完成率90%。\n"
        "产出数量指标：培训人次年初指标值为不低于180人，全年实际完成值164人。\n"
    )
    claims = [f for f in audit_text(text).findings if f.code == "CLAIM_MISMATCH"]
    assert len(claims) == 1, [f.message for f in claims]
    (claim,) = claims
    assert _covers(claim, text, "全部完成")
    assert claim.severity == "warning"
    assert "第3行完成率 90%" in claim.message and "第4行" in claim.message and "164人" in claim.message


def test_a_form_total_short_of_its_sources_points_at_the_column_through_its_parts():
    """年度资金总额 448.36 against 其中 rows 389.56 + 49.80 = 439.36: the sum disagrees, and which cell is wrong the
    form does not say, so the finding spans the column from its total through its last part."""
    text = (
        "项目支出绩效自评表\n项目名称 设备购置\n项目资金   年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
        "  年度资金总额 410.00 462.80 448.36 10 96.88% 9.69\n  其中：当年财政拨款 410.00 410.00 389.56\n"
        "  上年结转资金 0.00 52.80 49.80\n"
    )
    found = [f for f in audit_text(text).findings if f.code == "TOTAL_MISMATCH" and f.found == "448.36"]
    assert [f.severity for f in found] == ["error"]
    assert _covers(found[0], text, "448.36", "389.56", "49.80")
