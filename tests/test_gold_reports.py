"""Precision on true reports: every gold report and every template draft audits with zero error findings,
against the case data and as a self-audit against its own attached 评分表."""

from __future__ import annotations

import json

import pytest

from assistant.audit import audit_text
from assistant.io import load_case
from assistant.pipeline import draft_case
from assistant.rules import load_ruleset
from assistant.scoring import score_case
from tests.conftest import EVAL_DATA

CASES = sorted(p.parent for p in EVAL_DATA.glob("*/data.yaml"))
GOLDS = [c for c in CASES if (c / "gold.md").exists()]


def _errors(text: str, with_data: bool, case_dir) -> list[str]:
    unit = None
    if with_data:
        case = load_case(case_dir / "data.yaml")
        unit = score_case(case, load_ruleset(case.rules))
    return [
        f"{f.code} 第{f.line}行 {f.message} | {f.quote}"
        for f in audit_text(text, unit).findings
        if f.severity == "error"
    ]


def test_there_are_four_gold_reports_and_six_cases():
    assert len(GOLDS) >= 4 and len(CASES) >= 6


@pytest.mark.parametrize("with_data", [True, False], ids=["with-data", "self-audit"])
@pytest.mark.parametrize("case_dir", GOLDS, ids=[c.name for c in GOLDS])
def test_gold_report_has_no_error_finding(case_dir, with_data):
    text = (case_dir / "gold.md").read_text(encoding="utf-8")
    assert _errors(text, with_data, case_dir) == []


@pytest.mark.parametrize("case_dir", CASES, ids=[c.name for c in CASES])
def test_template_draft_has_no_error_finding(case_dir):
    draft = draft_case(load_case(case_dir / "data.yaml"), llm="off")
    assert [f.code for f in draft.audit.findings if f.severity == "error"] == []
    assert _errors(draft.markdown, False, case_dir) == []  # the draft's own 评分表 backs its text too


@pytest.mark.parametrize("case_dir", GOLDS, ids=[c.name for c in GOLDS])
def test_check_cli_exits_zero_on_gold(cli, case_dir):
    result = cli("check", case_dir / "gold.md", "--data", case_dir / "data.yaml", "--json")
    assert result.code == 0, result.stdout
    assert json.loads(result.stdout)["summary"]["error"] == 0


def test_draft_cli_exits_zero_and_writes_a_clean_audit(cli, tmp_path):
    case_dir = EVAL_DATA / "jiedao_guihua_exec20_2024"
    result = cli("draft", case_dir / "data.yaml", "--out", tmp_path / "out", "--llm", "off")
    assert result.code == 0, result.stdout + result.stderr
    audit = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))
    assert audit["summary"]["error"] == 0


def test_self_audit_reads_the_execution_points_the_report_states():
    """An exec20 report ("预算执行率分值20分") is self-audited under 20 points, not the national 10."""
    text = (EVAL_DATA / "jiedao_guihua_exec20_2024" / "gold.md").read_text(encoding="utf-8")
    result = audit_text(text)
    assert result.reference.rules.execution.points == 20
    wrong = text.replace("执行率得分18.07分", "执行率得分9.03分")
    codes = [(f.code, f.found) for f in audit_text(wrong).findings if f.severity == "error"]
    assert ("SCORE_MISMATCH", "9.03分") in codes
