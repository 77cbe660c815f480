"""The blind probe sets (eval_data/probes_s*/): excerpts written by people who read no audit code, keys first.

Their first runs are the blind figures (each set's FIRST_RUN.md and README); the checks were changed with their
misses in view afterwards, so what is asserted here is regression, not reach: every clean probe stays silent (no
error, no warning; one disputed key excepted, named below), every probe gets an answer, and the planted slips caught stay caught as a whole.
"""

from __future__ import annotations

import pytest

from assistant.audit import audit_text
from assistant.evaluation.probes import load_probe_set, probe_sets
from assistant.evaluation.real_corpus import evaluate
from tests.conftest import EVAL_DATA

SETS = probe_sets(EVAL_DATA)
TEXTS = [t for folder in SETS for t in load_probe_set(folder)]
CLEAN = [t for t in TEXTS if t.clean]
PLANTED = [t for t in TEXTS if not t.clean]
# Planted slips caught after the fixes of sessions 15 to 33 (of 824 in blind1..blind103); a floor, not a
# target: the figure that says something is each set's first run.
CAUGHT_FLOOR = 820
# Clean by their writer's key, loud by the rule set's arithmetic: kept as the key says (a key is never edited to fit
# the program) and expected to stay loud until the rule or the reading changes; strict, so silence is noticed.
DISPUTED = {
    # a 按期完成率 of 67% against 100% scored 8 of 10 (proportional: 6.70) and a 满意度 of 88% against ≥90% scored
    # 7 of 10 (9.78), neither deduction explained by points; the writer keyed it clean ("the author's own scoring")
    "blind21/16_anhui_huanwei_zipingbiao": "row scores off the proportional rule, no deduction stated",
    # a 满意度 of 88.6% against ≥90% scored 8 of 10 (proportional: 9.84) with no reason given; keyed clean
    "blind80/12_guangxi_daogubutie_2024_biao": "a row scored off the proportional rule, no deduction stated",
}

pytestmark = pytest.mark.skipif(not TEXTS, reason="no probe set with a key.yaml")


def test_every_probe_set_has_a_full_key():
    for folder in SETS:
        texts = load_probe_set(folder)
        assert len(texts) == len(list(folder.glob("*.txt"))), folder
        for item in texts:
            for contradiction in item.contradictions:
                assert contradiction.anchors, item.slug
                for anchor in contradiction.anchors:
                    assert item.text.count(anchor) == 1, (item.slug, anchor)


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(t, marks=pytest.mark.xfail(reason=DISPUTED[t.slug], strict=True))
        if t.slug in DISPUTED
        else t
        for t in CLEAN
    ],
    ids=[t.slug for t in CLEAN],
)
def test_a_clean_probe_is_silent(item):
    loud = [f for f in audit_text(item.text).findings if f.severity in ("error", "warning")]
    assert not loud, [(f.severity, f.code, f.message) for f in loud]


def test_the_planted_slips_caught_stay_caught():
    report = evaluate(PLANTED)
    missed = [t.slug for t in report.texts if t.missed]
    assert report.caught >= CAUGHT_FLOOR, missed
