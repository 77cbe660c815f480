"""The broken-relation bench leaves out changes that keep a key's inequality true (no contradiction to find)."""

from assistant.evaluation.survival import survives


def test_raising_the_larger_side_keeps_the_inequality() -> None:
    assert survives("101.84 ≤ 124 (82.13% spent; no rate stated)", "124", "224")
    assert survives("group 1 (614.015) ≤ total 2000.59656 and 10 ≤ 27 projects", "2000.59656", "3000.59656")
    assert survives("adjusted budget 861.46 < initial 985 (a reduction)", "861.46", "961.46")


def test_a_change_that_breaks_the_inequality_is_a_contradiction() -> None:
    assert not survives("adjusted budget 861.46 < initial 985 (a reduction)", "985", "785")
    assert not survives("96 ≥ 90 → 优", "96", "86")
    assert not survives(
        "the first of 4 tasks (420000.00) ≤ the total 509774.50 (a partial list, must stay silent)",
        "420000.00",
        "520000.00",
    )


def test_a_number_that_also_stands_in_a_sum_is_never_a_survivor() -> None:
    assert not survives("3292 ≤ 3374.3 and 3292 + 1975.775 = 5267.775", "3292", "2292")
    assert not survives("160 + 100 = 260 = funds released", "260", "360")


def test_the_cap_and_the_silent_relations() -> None:
    cap = "execution score ≤ 10 × 60.71% = 6.07, so the total can reach at most 96.07; 92 is within the cap"
    assert survives(cap, "92", "82")
    assert not survives(cap, "92", "99")
    assert survives("an 等-list of 6 out of 16: partial, no count relation (must stay silent)", "16", "26")
