"""Every audit code on its own case file, ``tests/fixtures/audit/<CODE>.yaml`` (one parametrised test).

A case file names its code (``rule``), gives a one-line ``bad`` and ``good`` example (the docs' list shows them)
and holds named cases: ``fail_str`` (a report snippet the code must flag)
or ``pass_str`` (one it must leave silent), checked against ``data`` — a case under ``tests/fixtures/audit/data``
or an ``eval_data`` folder; ``data: null`` self-audits the snippet (its own 评分表). ``section`` puts a one-line
snippet under that heading. A failing case may say what the findings must show: ``found`` (substrings of the
findings' found value or message), ``expected`` (the first finding's expected value), ``severity`` (default:
the code's) and ``count`` (how many findings of the code). A passing case with ``allow: warning`` is a clean text
that is truly ambiguous: an uncertain warning is allowed there, an error is not. Findings of other codes are not this file's business.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from assistant.audit import CODES, audit_text
from assistant.io import load_case
from assistant.scoring import UnitScore, score_case
from assistant.yamlfile import load_yaml
from tests.conftest import EVAL_DATA

FOLDER = Path(__file__).parent / "fixtures" / "audit"


@cache
def case_file(code: str) -> dict[str, Any]:
    return load_yaml((FOLDER / f"{code}.yaml").read_text(encoding="utf-8"))


def _all_cases() -> list[tuple[str, str]]:
    return [(p.stem, name) for p in sorted(FOLDER.glob("*.yaml")) for name in case_file(p.stem)["cases"]]


@cache
def unit_of(name: str) -> UnitScore:
    own = FOLDER / "data" / f"{name}.yaml"
    return score_case(load_case(own if own.is_file() else EVAL_DATA / name / "data.yaml"))


def report(case: dict[str, Any]) -> str:
    body = case["fail_str"] if "fail_str" in case else case["pass_str"]
    if "section" not in case:
        return body
    level = "##" if case["section"][:1] in "一二三四五六七八九十" else "####"
    return f"# 自评报告\n\n{level} {case['section']}\n\n{body.replace(chr(10), '')}\n"


@pytest.mark.parametrize(("code", "name"), _all_cases(), ids=lambda v: v)
def test_case(code: str, name: str) -> None:
    spec = case_file(code)
    assert spec["rule"] == code
    case = {"data": spec.get("data"), **spec["cases"][name]}
    assert ("fail_str" in case) != ("pass_str" in case), "a case is either fail_str or pass_str"
    unit = unit_of(case["data"]) if case["data"] is not None else None
    text = report(case)
    findings = [f for f in audit_text(text, unit).findings if f.code == code]
    shown = [(f.severity, f.message, f.expected, f.found) for f in findings]
    if "pass_str" in case:
        allowed = {"warning"} if case.get("allow") == "warning" else set()
        assert {f.severity for f in findings} <= allowed, shown
        return
    assert findings, "no finding"
    assert {f.severity for f in findings} == {case.get("severity", CODES[code][0])}, shown
    if "count" in case:
        assert len(findings) == case["count"], shown
    for needle in case.get("found", []):
        assert any(needle in (f.found or "") + f.message for f in findings), (needle, shown)
    if "expected" in case:
        assert findings[0].expected == case["expected"], shown
    for needle in case.get("covers", []):  # a text the finding's span takes in (a part of a sum, say)
        assert any(f.span and needle in text[f.span[0] : f.span[1]] for f in findings), (needle, shown)


def test_every_code_has_its_case_file_with_both_kinds_of_case() -> None:
    for code in CODES:
        cases = case_file(code)["cases"].values() if (FOLDER / f"{code}.yaml").is_file() else []
        assert any("fail_str" in c for c in cases), f"{code}: no fail_str case"
        assert any("pass_str" in c for c in cases), f"{code}: no pass_str case"
        spec = case_file(code)
        assert spec["bad"] and spec["good"] and spec["bad"] != spec["good"], (
            f"{code}: no bad and good example"
        )
    assert {p.stem for p in FOLDER.glob("*.yaml")} <= set(CODES), "a case file for an unknown code"
