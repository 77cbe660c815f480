"""The real-report corpus (eval_data/real): published texts with answer keys written by hand, audited as a
reviewer receives them (text only). Targets: recall of the key's contradictions, no error on a clean text,
an answer (no refusal, no traceback) on every text.

The corpus is gathered apart from the code and committed by the lead; until it is, there is nothing to run.
"""

from __future__ import annotations

import json

import pytest

from assistant.audit import audit_text
from assistant.evaluation.real_corpus import evaluate, load_corpus
from tests.conftest import EVAL_DATA

REAL = EVAL_DATA / "real"
TEXTS = load_corpus(REAL) if REAL.is_dir() else []
# Texts gathered after the checks were written; their recall is measured (bench/real_bench.py), not asserted:
# a target tuned on them would no longer say anything about reports not seen. No false error, though, holds.
# Held-out groups already opened (their misses were traced after their held-out runs): the no-false-error target
# holds on them. A group still held out is measured by the bench only, then joins this list once opened.
OPENED_GROUPS = (
    "real_holdout",
    "real_holdout2",
    "real_holdout3",
    "real_holdout4",
    "real_holdout5",
    "real_holdout6",
    "real_holdout7",
    "real_holdout8",
    "real_holdout9",
    "real_holdout10",
    "real_holdout11",
    "real_holdout12",
    "real_holdout13",
    "real_holdout14",
    "real_holdout15",
    "real_holdout16",
    "real_holdout17",
    "real_holdout18",
    "real_holdout19",
    "real_holdout20",
    "real_holdout21",
    "real_holdout22",
    "real_holdout23",
    "real_holdout24",
    "real_holdout25",
    "real_holdout26",
    "real_holdout27",
    "real_holdout28",
    "real_holdout29",
    "real_holdout30",
    "real_holdout31",
)
HOLDOUT = [t for g in OPENED_GROUPS if (EVAL_DATA / g).is_dir() for t in load_corpus(EVAL_DATA / g)]
# Every real text, held out or not, gets an answer: never a refusal or a traceback.
EVERY_TEXT = [t for d in sorted(EVAL_DATA.glob("real*")) if d.is_dir() for t in load_corpus(d)]
pytestmark = pytest.mark.skipif(not TEXTS, reason="eval_data/real is not committed yet")

RECALL_TARGET = 0.80


@pytest.fixture(scope="module")
def report():
    return evaluate(TEXTS)


def test_recall_of_the_keys_contradictions(report):
    missed = [f"{t.slug}:{c.id} {c.kind}" for t in report.texts for c in t.missed]
    assert report.recall >= RECALL_TARGET, f"recall {report.recall:.0%}; missed: {missed}"


def test_no_error_on_a_verified_clean_text(report):
    wrong = {t.slug: [f.message for f in t.findings if f.severity == "error"] for t in report.clean_texts}
    assert not any(wrong.values()), json.dumps({k: v for k, v in wrong.items() if v}, ensure_ascii=False)


def test_true_relations_are_not_flagged_as_errors(report):
    broken = {t.slug: t.silent_broken for t in report.texts if t.silent_broken}
    assert not broken, broken


@pytest.mark.parametrize("text", EVERY_TEXT, ids=[t.slug for t in EVERY_TEXT])
def test_check_answers_every_text(cli, tmp_path, text):
    path = tmp_path / "report.txt"
    path.write_text(text.text, encoding="utf-8")
    result = cli("check", path, "--json")
    assert result.code in (0, 1), result.stderr
    data = json.loads(result.stdout)
    assert data["coverage"]["numbers_read"] >= 0 and "findings" in data
    # a finding compared figures: the coverage line never says nothing was cross-checked beside it
    if any(f["severity"] in ("error", "warning") for f in data["findings"]):
        assert data["coverage"]["cross_checked"] >= 1, data["coverage"]
    assert "覆盖：" in cli("check", path).stdout


@pytest.mark.skipif(not HOLDOUT, reason="no opened held-out group is committed")
def test_held_out_texts_get_no_false_error():
    report = evaluate(HOLDOUT)
    wrong = {t.slug: [f.message for f in t.findings if f.severity == "error"] for t in report.clean_texts}
    assert not any(wrong.values()), json.dumps({k: v for k, v in wrong.items() if v}, ensure_ascii=False)
    assert not {t.slug: t.silent_broken for t in report.texts if t.silent_broken}


def test_a_form_glued_into_one_line_is_read_for_its_rows():
    """A 自评表 copied as one line ("年度 实际 指标值 完成值 指标1:… 38508人 … 三级指标 … 分值 得分 …"): its column
    titles stand before the first row's values, and the reader must still find them, or the coverage line would
    say nothing was cross-checked beside a finding on that very form."""
    text = (REAL / "t_shanxi_jishan_zhaidian_gongwei_2021" / "report.txt").read_text(encoding="utf-8")
    result = audit_text(text)
    assert result.coverage.cross_checked >= result.coverage.numbers_read // 2, result.coverage
