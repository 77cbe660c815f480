"""Recall on planted slips: a fixed-seed sample of mutations over every gold report is caught, kind by kind,
and every mutation is a genuine contradiction with the data."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from assistant.audit import Finding
from assistant.evaluation import load_gold_cases, run_mutation_benchmark
from assistant.evaluation.benchmark import generated_drafts
from assistant.evaluation.mutations import MUTATORS, caught, generate
from assistant.evaluation.truth import truth_of
from tests.conftest import EVAL_DATA

GOLDS = load_gold_cases(EVAL_DATA)


@pytest.fixture(scope="module")
def report():
    return run_mutation_benchmark(GOLDS, per_kind=5, seed=7)


def test_sample_covers_every_kind_and_every_gold(report):
    assert len(GOLDS) >= 4
    assert set(report.kinds) == set(MUTATORS)
    assert all(result.total > 0 for result in report.kinds.values()), report.kinds
    assert report.total >= 150


def test_recall_per_kind_is_at_least_98_percent(report):
    low = {k: f"{r.caught}/{r.total}" for k, r in report.kinds.items() if r.recall < 0.98}
    assert not low, (low, report.misses)


def test_no_error_finding_on_clean_golds(report):
    assert set(report.false_errors) == {c.name for c in GOLDS}
    assert all(n == 0 for n in report.false_errors.values()), report.false_errors
    assert all(n == 0 for n in report.self_audit_errors.values()), report.self_audit_errors


def test_full_benchmark_has_at_least_500_mutations():
    total = sum(len(generate(c.text, c.unit, per_kind=60)) for c in GOLDS)
    assert total >= 500


def test_generation_is_reproducible():
    case = GOLDS[0]
    first = [(m.kind, m.description) for m in generate(case.text, case.unit, 5, seed=3)]
    again = [(m.kind, m.description) for m in generate(case.text, case.unit, 5, seed=3)]
    assert first == again


_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)(万元|元)")


@pytest.mark.parametrize("case", GOLDS, ids=[c.name for c in GOLDS])
def test_changed_amounts_never_land_on_another_true_value(case):
    truth = truth_of(case.unit)
    for mutation in generate(case.text, case.unit, per_kind=1000, seed=11):
        if mutation.kind not in ("amount_changed", "decimal_shifted", "total_changed"):
            continue
        tail = mutation.text[mutation.span[1] : mutation.span[1] + 2]
        unit = "万元" if tail.startswith("万元") else "元"
        written = mutation.text[mutation.span[0] : mutation.span[1]].replace(",", "")
        places = len(written.partition(".")[2])
        values = truth.amounts if unit == "万元" else {v * 10000 for v in truth.amounts}
        assert not truth.holds(values, Decimal(written), places), mutation.description


def test_a_hedged_or_untrue_amount_is_never_a_site():
    """ "近100万元" rounds another amount and "每生每年1000元" is a standard the data does not hold."""
    case = next(c for c in GOLDS if c.name == "jiedao_guihua_exec20_2024")
    described = [m.description for m in generate(case.text, case.unit, per_kind=1000)]
    assert not any(d.startswith("100万元") for d in described)
    case = next(c for c in GOLDS if c.name == "jiaoyu_qingjiang_2023")
    described = [m.description for m in generate(case.text, case.unit, per_kind=1000)]
    assert not any(d.startswith(("1000元", "1250元")) for d in described)


def test_caught_needs_the_right_code_at_the_right_place():
    case = GOLDS[0]
    mutation = next(m for m in generate(case.text, case.unit, 5) if m.kind == "amount_changed")
    start, end = mutation.span
    here = Finding("AMOUNT_MISMATCH", "m", "q", span=(start, end))
    elsewhere = Finding("AMOUNT_MISMATCH", "m", "q", span=(end + 5, end + 9))
    wrong_code = Finding("GRADE_MISMATCH", "m", "q", span=(start, end))
    info = Finding("AMOUNT_MISMATCH", "m", "q", span=(start, end), severity="info")
    assert caught(mutation, [here])
    assert not caught(mutation, [elsewhere, wrong_code, info])


def test_slips_planted_in_generated_drafts_are_caught():
    """The benchmark over template drafts of generated cases (issue 12), on a small seeded sample."""
    sample = run_mutation_benchmark(generated_drafts(range(20240, 20246)), per_kind=2, seed=7)
    assert all(result.total > 0 for result in sample.kinds.values()), sample.kinds
    low = {k: f"{r.caught}/{r.total}" for k, r in sample.kinds.items() if r.recall < 0.98}
    assert not low, (low, sample.misses)
    assert len(sample.false_errors) == 6 and set(sample.false_errors.values()) == {0}, sample.false_errors
