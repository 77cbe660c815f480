"""The audit on the published seed report: every expected finding, at its place, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from assistant.audit import audit_text
from assistant.io import load_case
from assistant.scoring import score_case
from tests.conftest import EVAL_DATA, SEED_CASE

SEED_DIR = EVAL_DATA / "seed_yushui_2022"
EXPECTED = yaml.safe_load((SEED_DIR / "expected_findings.yaml").read_text(encoding="utf-8"))
REPORT = SEED_DIR / EXPECTED["report"]


def _matches(expected: dict, finding: dict) -> bool:
    for key in ("code", "severity", "line", "project", "found", "expected"):
        if key in expected and str(expected[key]) != str(finding.get(key)):
            return False
    return "quote" not in expected or expected["quote"] in finding["quote"]


def _audit(with_data: bool) -> list[dict]:
    text = REPORT.read_text(encoding="utf-8")
    unit = score_case(load_case(SEED_CASE)) if with_data else None
    return [f.to_json() for f in audit_text(text, unit).findings]


@pytest.mark.parametrize("with_data", [False, True], ids=["self-audit", "with-data"])
def test_every_expected_finding_is_reported(with_data):
    findings = _audit(with_data)
    missing = [e for e in EXPECTED["findings"] if not any(_matches(e, f) for f in findings)]
    assert not missing, json.dumps(missing, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("with_data", [False, True], ids=["self-audit", "with-data"])
def test_nothing_unexpected_is_reported(with_data):
    findings = _audit(with_data)
    extra = [
        f
        for f in findings
        if f["severity"] != "info" and not any(_matches(e, f) for e in EXPECTED["findings"])
    ]
    assert not extra, json.dumps(extra, ensure_ascii=False, indent=1)


def test_seed_report_is_a_verbatim_copy_of_shared_seed():
    shared = (
        Path(__file__).resolve().parents[2] / "shared" / "seed" / "yushui_2022_zuzhibu_self_evaluation.txt"
    )
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert REPORT.read_bytes() == shared.read_bytes()


def test_check_cli_exit_code_and_json_shape(cli):
    result = cli("check", REPORT, "--data", SEED_CASE, "--json")
    assert result.code == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["error"] == sum(1 for e in EXPECTED["findings"] if e["severity"] == "error")
    first = data["findings"][0]
    assert set(first) >= {
        "code",
        "severity",
        "verdict",
        "message",
        "section",
        "line",
        "span",
        "quote",
        "project",
        "expected",
        "found",
        "fingerprint",
    }


def test_check_cli_readable_output_groups_by_section(cli):
    result = cli("check", REPORT)
    assert result.code == 1
    assert "【四、绩效目标完成情况总体分析】" in result.stdout
    assert "TOTAL_MISMATCH" in result.stdout


def test_fingerprints_are_stable_when_lines_move():
    text = REPORT.read_text(encoding="utf-8")
    before = {f.fingerprint for f in audit_text(text).findings}
    after = {f.fingerprint for f in audit_text("\n\n" + text).findings}
    assert before == after
