"""Family sweeps (eval_data/sweeps_s*/): excerpts a helper wrote from a grid of one family's wordings and layouts, key
first, run once before any change (each folder's FIRST_RUN.md or before.out), then used to fix the family.

Tuned material, so what is asserted is regression: every clean text stays silent and the planted slips caught stay
caught as a whole (the floor is the count after the session that wrote them).
"""

from __future__ import annotations

import pytest

from assistant.audit import audit_text
from assistant.evaluation.probes import load_probe_set
from assistant.evaluation.real_corpus import evaluate
from tests.conftest import EVAL_DATA

FOLDERS = sorted(p.parent for p in EVAL_DATA.glob("sweeps_s*/*/key.yaml"))
TEXTS = [t for folder in FOLDERS for t in load_probe_set(folder)]
# Caught after session 30 (of 126 planted: 46 in session 29's six sweeps, 80 in session 30's ten); left in 29's: a
# standard raised mid-year applied to every month (welfare/02), a Chinese-numeral count restated as a plan against an
# actual (repeat/06); in 30's: see eval_data/sweeps_s30/README.md.
CAUGHT_FLOOR = 123

pytestmark = pytest.mark.skipif(not TEXTS, reason="no sweep with a key.yaml")


@pytest.mark.parametrize("item", [t for t in TEXTS if t.clean], ids=lambda t: t.slug)
def test_a_clean_sweep_text_is_silent(item):
    loud = [f for f in audit_text(item.text).findings if f.severity in ("error", "warning")]
    assert not loud, [(f.severity, f.code, f.message) for f in loud]


def test_the_sweeps_planted_slips_caught_stay_caught():
    report = evaluate([t for t in TEXTS if not t.clean])
    assert report.caught >= CAUGHT_FLOOR, [t.slug for t in report.texts if t.missed]
