"""The persona corpus (``tests/fixtures/llm_personas``) served over HTTP: what reaches the final report.

Every case is drafted once per persona (strong, mid, careless), each section answered from its file in order,
one answer per ask, cut at the request's ``max_tokens`` as a real model would. The targets of issue 16:
strong answers accepted at the first ask (≥ 95 % of sections, target 100 %); sections kept from the model
after at most two re-asks (strong 100 %, mid ≥ 90 %); no planted item (invented cause, measure, outcome,
goal, source, blanket claim, wrong number or slot) in any final report; no audit error in any final report.
Every answer is also judged on its own (no HTTP): each planted item is refused where it stands, and named in the
feedback; no true text is refused. The same figures go to BENCHMARKS.md (``make bench``).
"""

from __future__ import annotations

from functools import cache

import pytest

from tests.llm_personas import (
    CORPUS,
    PERSONAS,
    CaseResult,
    corpus_cases,
    judge_answers,
    load_corpus,
    measure_case,
)

CASES = corpus_cases()


@cache
def drafted(case: str, persona: str) -> CaseResult:
    return measure_case(case, persona)


def sections(persona: str) -> list:
    return [s for case in CASES for s in drafted(case, persona).sections]


def test_the_corpus_is_complete_and_untouched() -> None:
    """Every case has all three personas, three answers each, and every planted item is in an answer; the first
    batch (three cases) and the held-out batch of session 13 (two unseen cases) are both there."""
    files = load_corpus()
    assert len(CASES) >= 5 and (CORPUS / "README.md").is_file()
    assert {"nongye_anning_sichuan_2023", "lincao_siyuan_yunnan_2024"} <= set(CASES)
    assert {(f.case, f.persona) for f in files} == {(c, p) for c in CASES for p in PERSONAS}
    for f in files:
        assert len(f.answers) == 3 and len(f.planted) == len(f.planted_kinds)
        assert all(item in "".join(f.answers) for item in f.planted)
    assert sum(len(f.planted) for f in files if f.persona == "careless") >= 50


def test_strong_answers_are_accepted_at_the_first_ask() -> None:
    results = sections("strong")
    first = [s for s in results if s.first_ask]
    assert len(first) / len(results) >= 0.95, [
        (s.case, s.section, s.reasons) for s in results if not s.first_ask
    ]
    assert all(s.kept for s in results)


def test_mid_sections_are_kept_after_at_most_two_reasks() -> None:
    results = sections("mid")
    kept = [s for s in results if s.kept and s.answers <= 3]
    assert len(kept) / len(results) >= 0.90, [(s.case, s.section, s.reasons) for s in results if not s.kept]


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_planted_item_reaches_a_final_report(persona: str) -> None:
    leaked = [(s.case, s.section, s.planted_in_report) for s in sections(persona) if s.planted_in_report]
    assert leaked == []


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES)
def test_final_reports_have_no_audit_error(case: str, persona: str) -> None:
    result = drafted(case, persona)
    assert [(f.code, f.message) for f in result.errors] == []
    assert "{{" not in result.markdown


def test_careless_sections_end_in_clean_text_or_the_template() -> None:
    for s in sections("careless"):
        assert not s.kept or not s.planted_in_report
        assert s.answers <= 3
        if not s.kept:
            assert "改用模板" in s.reasons[0] and "未通过校验" in s.reasons[0]


def test_a_long_answer_cut_at_the_token_limit_is_continued_not_dropped() -> None:
    """The wordy strong 四 of the seed case needs more than 1,500 tokens: with that limit it is cut, continued
    from where it stopped, and accepted whole at the first ask."""
    result = measure_case("seed_yushui_2022", "strong", max_tokens=1500)
    completion = next(s for s in result.sections if s.section == "completion")
    assert completion.cuts >= 1
    assert completion.kept and completion.first_ask, completion.reasons
    assert "续写" in completion.reasons[0]
    assert "综上，除干部人事档案数字化建设项目外，我部其余项目预算执行率均在90%以上" in result.markdown
    assert result.errors == []


# --- every answer on its own: each planted item refused and named; no true text refused --------------------


@cache
def verdicts() -> tuple:
    return tuple(judge_answers())


def test_every_answer_carrying_a_planted_item_is_refused() -> None:
    missed = [
        (v.case, v.section, v.persona, v.number, p.kind, p.item)
        for v in verdicts()
        for p in v.planted
        if not p.refused
    ]
    assert missed == []
    occurrences = sum(len(v.planted) for v in verdicts())  # in all answers, not only first asks
    assert occurrences > sum(len(f.planted) for f in load_corpus())


def test_the_feedback_names_the_invented_causes_measures_outcomes_and_numbers() -> None:
    """The re-ask says what is wrong with each invention, so the next answer can drop it (not only "refused")."""
    kinds = ("cause", "measure", "outcome", "blanket", "source", "wrong_number", "wrong_slot", "unknown_slot")
    unnamed = [
        (v.case, v.section, v.number, p.kind, p.item)
        for v in verdicts()
        for p in v.planted
        if p.kind in kinds and not p.named
    ]
    assert unnamed == []
    goals = [p for v in verdicts() for p in v.planted if p.kind == "goal"]
    assert sum(p.named for p in goals) / len(goals) >= 0.9


def test_no_true_text_is_refused() -> None:
    """Strong answers (every one, revisions too) pass; no issue on any answer refuses a true sentence."""
    strong = [v for v in verdicts() if v.persona == "strong"]
    assert (
        len(strong) == 3 * len(CASES) * 4
        and [(v.case, v.section, v.number) for v in strong if not v.ok] == []
    )
    refused = [
        (v.case, v.section, v.persona, v.number, [i.message for i in v.true_text_refused]) for v in verdicts()
    ]
    assert [r for r in refused if r[4]] == []
