"""UNSUPPORTED_STATEMENT on its case file (tests/fixtures/audit/UNSUPPORTED_STATEMENT.yaml), and its place in
the audit: a warning on any report checked with data (an info note for a source or approval), nothing without data, never on the template draft."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from assistant.audit import audit_text
from assistant.drafting import draft_template
from assistant.io import load_case
from assistant.render.markdown import render_markdown
from assistant.scoring import UnitScore, score_case
from assistant.yamlfile import load_yaml
from tests.conftest import EVAL_DATA

CODE = "UNSUPPORTED_STATEMENT"
CASES = load_yaml((Path(__file__).parent / "fixtures" / "audit" / f"{CODE}.yaml").read_text(encoding="utf-8"))


@cache
def unit_of(name: str) -> UnitScore:
    return score_case(load_case(EVAL_DATA / name / "data.yaml"))


def report(section: str, body: str) -> str:
    level = "##" if section[:1] in "一二三四五六七八九十" else "####"
    return f"# 自评报告\n\n{level} {section}\n\n{body.replace(chr(10), '')}\n"


@pytest.mark.parametrize("name", sorted(CASES["cases"]))
def test_case_file(name: str) -> None:
    case = CASES["cases"][name]
    text = report(case["section"], case.get("fail_str") or case["pass_str"])
    findings = [f for f in audit_text(text, unit_of(case["data"])).findings if f.code == CODE]
    if "pass_str" in case:
        assert findings == [], [(f.message, f.quote) for f in findings]
        return
    assert findings, "no finding"
    assert {f.severity for f in findings} == {case.get("severity", "warning")}
    for needle in case.get("found", []):
        assert any(needle in (f.found or "") + f.message for f in findings), [f.message for f in findings]
    if "expected" in case:
        assert findings[0].expected == case["expected"] and case["expected"] in findings[0].message


def test_without_data_there_is_nothing_to_hold_a_statement_against() -> None:
    text = (EVAL_DATA / "seed_yushui_2022" / "report.txt").read_text(encoding="utf-8")
    text += "\n主要原因是档案数字化加工工作量大、验收周期长。"
    assert not [f for f in audit_text(text).findings if f.code == CODE]


@pytest.mark.parametrize("name", sorted(p.name for p in EVAL_DATA.iterdir() if (p / "data.yaml").is_file()))
def test_the_template_draft_states_nothing_unsupported(name: str) -> None:
    unit = unit_of(name)
    findings = audit_text(render_markdown(draft_template(unit)), unit).findings
    assert [(f.message, f.quote) for f in findings if f.code == CODE] == []


def test_jixiao_check_shows_the_careless_reports_inventions(cli, tmp_path: Path) -> None:
    """Issue 16: the careless model's accepted report held an invented cause, measure, outcomes and a blanket
    claim, and ``jixiao check`` said nothing. Each is now a warning the officer sees, with the marker to keep."""
    from tests.conftest import SEED_CASE

    unit = unit_of("seed_yushui_2022")
    draft = draft_template(unit)
    inventions = {
        "completion": "干部人事档案数字化建设项目执行率偏低，主要原因是档案数字化加工工作量大、验收周期长。"
        "8人赴江苏省常州市钟楼区学习项目全年执行数15.0816万元，已按计划完成跟班学习任务。"
        "2022年春节走访慰问离任村党组织书记、村主任经费项目已全额执行，走访慰问工作已于春节前完成。"
        "各项目均较好地完成了年度绩效目标。",
        "deviations": "干部人事档案数字化建设项目改进措施：【待补充：改进措施】。"
        "下一步，我部将督促服务单位加快实施进度。",
    }
    for section_id, text in inventions.items():
        section = draft.section(section_id)
        section.paragraphs = [text, *section.paragraphs]
    markdown = render_markdown(draft)
    report = tmp_path / "report.md"
    report.write_text(markdown, encoding="utf-8")
    result = cli("check", report, "--data", SEED_CASE, "--json")
    assert result.code in (0, 1), result.stderr
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == CODE]
    said = "\n".join(f["message"] for f in found)
    for invented in (
        "主要原因是档案数字化加工",
        "已按计划完成跟班学习任务",
        "走访慰问工作已于春节前完成",
        "较好地完成",
        "下一步，我部将督促",
    ):
        assert invented in said, said
    assert all(f["severity"] == "warning" for f in found)
    assert "【待补充：偏差原因】" in said and "【待补充：改进措施】" in said
