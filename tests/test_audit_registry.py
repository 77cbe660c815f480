"""The audit's checks as registered units: codes come from the modules' declarations, the docs list is derived
from them, a typo in a code fails, and which duplicate stands does not depend on the order checks run in."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.audit import CODES, Finding, audit_text
from assistant.audit.registry import CheckUnit, codes, codes_markdown, resolve, units
from assistant.io import load_case
from assistant.scoring import score_case
from tests.conftest import EVAL_DATA

ROOT = Path(__file__).resolve().parent.parent


def test_codes_are_what_the_check_modules_declare() -> None:
    declared = {c.code: c for unit in units() for c in unit.owns}
    assert set(CODES) == set(declared) == set(codes())
    for code, (severity, title) in CODES.items():
        assert (severity, title) == (declared[code].severity, declared[code].title)
    reported = {code for unit in units() for code in unit.reports}
    assert reported == set(CODES)


def test_the_docs_list_of_codes_is_derived_from_the_registry() -> None:
    written = (ROOT / "docs" / "audit-codes.md").read_text(encoding="utf-8")
    assert written == codes_markdown(ROOT / "tests" / "fixtures" / "audit"), (
        "docs/audit-codes.md is stale: run python -m assistant.audit"
    )
    for code in CODES:
        assert f"`{code}`" in written


def test_a_misspelt_code_fails_even_with_a_severity() -> None:
    with pytest.raises(ValueError, match="AMOUNT_MISMATH"):
        Finding("AMOUNT_MISMATH", "文中金额不符", "某句", severity="error")


def test_a_check_reporting_a_code_it_does_not_declare_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.audit import engine

    names = next(u for u in units() if u.name == "names")

    def wrong(ctx):
        return [Finding("AMOUNT_MISMATCH", "不该由名称检查报告", "某句")]

    monkeypatch.setattr(
        engine,
        "units",
        lambda mode=None: [CheckUnit("names", wrong, names.owns, names.reports, "reference", ("reference",))],
    )
    with pytest.raises(ValueError, match="names reports AMOUNT_MISMATCH"):
        audit_text("某句。", score_case(load_case(EVAL_DATA / "seed_yushui_2022" / "data.yaml")))


def test_the_findings_do_not_depend_on_the_order_checks_run_in() -> None:
    unit = score_case(load_case(EVAL_DATA / "jiaoyu_qingjiang_2023" / "data.yaml"))
    text = (EVAL_DATA / "jiaoyu_qingjiang_2023" / "gold.md").read_text(encoding="utf-8")
    text = text.replace("289.5612", "298.5612", 1).replace("81.34%", "83.14%", 1)
    forward = [u.run for u in units()]
    one = audit_text(text, unit, checks=forward).findings
    other = audit_text(text, unit, checks=forward[::-1]).findings
    assert [f.to_json() for f in one] == [f.to_json() for f in other]
    assert {f.code for f in one} >= {"AMOUNT_MISMATCH", "RATE_MISMATCH"}


def _finding(severity: str, verdict: str, message: str, span=(10, 14)) -> Finding:
    return Finding(
        "TOTAL_MISMATCH",
        message,
        "合计330万元",
        severity=severity,
        verdict=verdict,
        span=span,
        found="340万元",
    )


def test_duplicates_resolve_by_rule_not_by_order() -> None:
    reference = next(u for u in units() if u.name == "amounts")
    text = CheckUnit("text_x", lambda ctx: [], (), ("TOTAL_MISMATCH",), "text", ("reference", "text"))
    warning = _finding("warning", "uncertain", "合计疑似不符")
    error = _finding("error", "false", "合计应为 330万元")
    assert warning.fingerprint == error.fingerprint
    for found in ([(reference, warning), (reference, error)], [(reference, error), (reference, warning)]):
        assert resolve(found) == [error]  # the most severe stands
    # a text check's finding where a reference finding already points adds nothing
    overlapping = Finding("REMAINDER_MISMATCH", "两数不一致", "合计", span=(12, 20))
    elsewhere = Finding("REMAINDER_MISMATCH", "两数不一致", "另一句", span=(40, 44))
    kept = resolve([(text, overlapping), (reference, error), (text, elsewhere)])
    assert kept == [error, elsewhere]


def test_a_net_steps_aside_where_a_worded_check_reported() -> None:
    worded = CheckUnit("text_x", lambda ctx: [], (), ("COUNT_MISMATCH",), "text", ("reference", "text"))
    net = CheckUnit("net_x", lambda ctx: [], (), ("COUNT_MISMATCH",), "text", ("reference", "text"), net=True)
    read = Finding("COUNT_MISMATCH", "共9个乡镇，列出8个", "9个乡镇", span=(10, 15), severity="error")
    same_slip = Finding(
        "COUNT_MISMATCH", "9个，所列8个", "9个乡镇，分别为…", span=(10, 60), severity="warning"
    )
    other_slip = Finding("COUNT_MISMATCH", "6所，所列5所", "6所学校", span=(80, 84), severity="warning")
    kept = resolve([(net, same_slip), (worded, read), (net, other_slip)])
    assert sorted(kept, key=lambda f: f.span) == [read, other_slip]
    # two nets do not silence each other: neither read the words
    assert len(resolve([(net, same_slip), (net, other_slip)])) == 2


def test_a_figure_the_copy_broke_is_quoted_on_one_line() -> None:
    finding = Finding(
        "REPEAT_MISMATCH", "前文写作 3.62\n万元，此处写作 3.26万元", "公务接待费3.26万元", found="3.62\n万元"
    )
    assert finding.message == "前文写作 3.62万元，此处写作 3.26万元"
    assert finding.found == "3.62万元"
