"""UNSUPPORTED_STATEMENT on its case file (tests/fixtures/audit/UNSUPPORTED_STATEMENT.yaml), and its place in
the audit: a warning on any report checked with data (an info note for a source or approval), nothing without data, never on the template draft."""

from __future__ import annotations

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
