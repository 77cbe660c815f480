"""The closed-loop property (issue 12): every draft jixiao writes for a valid generated case is true of it.

Template drafts of 300 seeded cases (and hypothesis-drawn ones), LLM drafts through a faithful scripted model
on 127.0.0.1: no audit error, and every figure filled equals the scoring core's at the precision written
(``assistant.evaluation.figures``, independent of the audit). Regression fixtures for each failure the
generator found live in ``tests/fixtures/closed_loop``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from assistant.audit import audit_text
from assistant.drafting.llm import draft_llm
from assistant.evaluation.closed_loop import check_case, run_closed_loop, template_markdown
from assistant.evaluation.figures import figure_problems, recording_figures
from assistant.evaluation.generate import RandomChooser, case_data, generate_case, generate_cases
from assistant.facts import Formatter, build_facts
from assistant.io import case_from_data
from assistant.llm.settings import LLMSettings
from assistant.models import Case
from assistant.rules import available_rulesets, load_ruleset
from assistant.scoring import score_case, score_indicator
from assistant.yamlfile import load_yaml
from tests.llm_server import LLMServer, Recorded, competent_answer
from tests.strategies import cases

SEED = 20240
PROPERTY_CASES = 300
LLM_CASES = 40
FIXTURES = Path(__file__).parent / "fixtures" / "closed_loop"


def test_template_drafts_of_300_generated_cases_are_true() -> None:
    report = run_closed_loop(PROPERTY_CASES, SEED)
    assert report.tried == PROPERTY_CASES
    assert (report.with_errors, report.with_figure_problems) == (0, 0), report.describe()


def test_the_text_checks_rarely_doubt_a_faithful_draft() -> None:
    """Warnings count too: an officer reads "uncertain" findings on a draft jixiao wrote as something to fix. Over
    40 generated cases the text checks' doubts on the template draft (same figure read on two scales, a claim about
    indicators read as one about money, a rate the data bear out, two projects' counts read as one) were 72 at the
    start of session 12 and 3 at its end. Session 13 read money-unit indicator cells as money (66千元), tied a
    figure to the row's own target when two projects share an indicator name, and a figure in a list to its own
    item's name: 1 is left (999.95家 against ≥1000家, full marks by the scorer's rounding, "not met" by the audit)."""
    doubts = []
    for n, case in generate_cases(40, SEED):
        unit = score_case(case, load_ruleset(case.rules))
        findings = audit_text(template_markdown(unit), unit).findings
        doubts += [
            (n, f.code, f.message)
            for f in findings
            if f.severity == "warning" and f.code in ("REPEAT_MISMATCH", "CLAIM_MISMATCH", "RATE_MISMATCH")
        ]
    assert len(doubts) <= 1, doubts


def test_a_reviewer_without_the_data_finds_no_error_in_a_faithful_draft() -> None:
    """A 财政局 reviewer gets the drafted report alone (text and its 附件 tables, no case file): the text audit must
    not call any of it wrong. Found by auditing 80 drafts so (session 15): 22 false errors, from a 等级 column
    header that took the next row's 序号 as the form's grade (18), a goal's "考核得分达到97分" read as the score
    obtained (3), and a quoted indicator's "实际为41.79万元" read as the project's spending (1)."""
    errors = []
    for n, case in generate_cases(40, SEED + 60):
        markdown = template_markdown(score_case(case, load_ruleset(case.rules)))
        errors += [(n, f.code, f.message) for f in audit_text(markdown).findings if f.severity == "error"]
    assert errors == []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(case=cases())
def test_template_draft_of_any_drawn_case_is_true(case: Case) -> None:
    result = check_case(0, case)
    assert result.ok, result.errors + result.figures


@pytest.fixture
def faithful_model() -> Iterator[LLMServer]:
    """A scripted OpenAI-compatible server that answers every section with slots only."""

    def answer(request: Recorded) -> str:
        return competent_answer(request, "经逐项梳理，现将有关情况报告如下。")

    with LLMServer(default=answer) as server:
        yield server


def test_llm_drafts_through_a_faithful_model_are_true(faithful_model: LLMServer) -> None:
    llm = LLMSettings(
        _env_file=None,
        base_url=faithful_model.base_url,
        model="scripted-model",
        api_key="sk-test-closed-loop",
        timeout=10,
        max_retries=1,
        concurrency=4,
    )
    fallbacks: list[str] = []
    written: list[str] = []

    def drafter(unit) -> str:
        draft = draft_llm(unit, None, llm)
        fallbacks.extend(draft.fallback_sections)
        written.extend(draft.model_sections)
        return draft.markdown()

    report = run_closed_loop(LLM_CASES, SEED + 7, drafter)
    assert report.tried == LLM_CASES
    assert (report.with_errors, report.with_figure_problems) == (0, 0), report.describe()
    assert fallbacks == []  # the model's sections were kept, not replaced by the template
    assert len(written) >= LLM_CASES


# --- the generator covers the input space the issue lists -------------------------------------------------


def _generated(count: int = PROPERTY_CASES) -> list[dict[str, Any]]:
    import random

    return [case_data(RandomChooser(random.Random(SEED + n))) for n in range(count)]


def test_generated_cases_are_valid() -> None:
    for n, case in generate_cases(PROPERTY_CASES, SEED):
        unit = score_case(case)
        errors = [(p.project.name, f.code, f.message) for p, f in unit.flags if f.severity == "error"]
        assert errors == [], (n, errors)
    assert generate_case(SEED).model_dump() == generate_case(SEED).model_dump()  # seeded


def test_generated_cases_cover_the_input_space() -> None:
    data = _generated()
    projects = [(case, p) for case in data for p in case["项目"]]
    assert {case["评分规则"] for case in data} == set(available_rulesets())
    assert {case["金额单位"] for case in data} == {"万元", "元"}
    assert any(p.get("年初预算数") == 0 and p["全年预算数"] > 0 for _, p in projects)
    assert any(p["全年预算数"] == 0 for _, p in projects)
    assert any(p["全年执行数"] > p["全年预算数"] for _, p in projects)
    assert any("年初预算数" not in p for _, p in projects)
    ratios = {p["全年执行数"] / p["全年预算数"] * 100 for _, p in projects if p["全年预算数"]}
    for on_threshold in ("89.994", "89.995", "90", "90.005", "59.99", "60", "99.995", "100"):
        assert Decimal(on_threshold) in ratios, on_threshold
    yuan = [p["全年预算数"] for case, p in projects if case["金额单位"] == "元"]
    assert max(yuan) > Decimal(10) ** 9 and max(yuan) <= Decimal(10) ** 10
    wan = [p["全年执行数"] for case, p in projects if case["金额单位"] == "万元"]
    assert any(-v.as_tuple().exponent == 4 for v in wan)  # type: ignore[operator]

    indicators = [(case, i) for case, p in projects for i in p.get("绩效指标", [])]
    kinds = {score_kind(i) for _, i in indicators}
    assert kinds == {"≥", "≤", "=", "定性"}
    assert len({i["度量单位"] for _, i in indicators if "度量单位" in i}) >= 40
    assert any("度量单位" not in i and i["指标性质"] != "定性" for _, i in indicators)
    for rules_id in available_rulesets():
        rules = load_ruleset(rules_id)
        tiers = {
            score_indicator(
                case_from_data({"单位名称": "甲", "年度": 2023, "项目": [_one(i)]}).projects[0].indicators[0],
                rules,
            ).tier
            for case, i in indicators
            if case["评分规则"] == rules_id and i["指标性质"] == "定性"
        }
        assert tiers == {t.name for t in rules.qualitative_tiers}, rules_id
    completions = {
        i["实际完成值"] / i["年度指标值"] * 100
        for _, i in indicators
        if i["指标性质"] != "定性" and i["年度指标值"]
    }
    assert {Decimal("129.995"), Decimal("130"), Decimal("99.995")} <= completions

    names = [p["项目名称"] for _, p in projects]
    assert any(any(ch.isdigit() for ch in n) for n in names)
    assert any("第" in n and ("届" in n or "批" in n) for n in names)
    assert any("（" in n or "【" in n for n in names) and any('"' in n for n in names)
    assert any(n.count("“") != n.count("”") for n in names)  # a mismatched quote
    assert any(
        a != b and a in b
        for case in data
        for a in (p["项目名称"] for p in case["项目"])
        for b in (p["项目名称"] for p in case["项目"])
    )
    assert any(
        len({i["三级指标"] for i in p.get("绩效指标", [])} & {i["三级指标"] for i in q.get("绩效指标", [])})
        > 0
        for case in data
        for k, p in enumerate(case["项目"])
        for q in case["项目"][k + 1 :]
    )
    for key in ("资金来源", "偏差原因", "改进措施", "年度总体目标", "实际完成情况", "自评得分", "主管部门"):
        present = sum(key in p for _, p in projects)
        assert 0 < present < len(projects), key


def score_kind(indicator: dict[str, Any]) -> str:
    return (
        case_from_data({"单位名称": "甲", "年度": 2023, "项目": [_one(indicator)]})
        .projects[0]
        .indicators[0]
        .kind
    )


def _one(indicator: dict[str, Any]) -> dict[str, Any]:
    return {"项目名称": "乙", "全年预算数": 1, "全年执行数": 1, "绩效指标": [indicator]}


# --- the figure checker is a real check -------------------------------------------------------------------


def test_figure_checker_catches_a_misrounded_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    case = generate_case(SEED)
    unit = score_case(case)
    with recording_figures() as recording:
        template_markdown(unit)
    assert figure_problems(recording, unit) == []
    assert any(key.endswith(".rate") for key in recording.figures)

    monkeypatch.setattr(Formatter, "rate", lambda self, value: format(self.rules.round_rate(value) + 1, "f"))
    with recording_figures() as recording:
        template_markdown(unit)
    problems = figure_problems(recording, unit)
    assert any(p.startswith("p1.rate 写作") for p in problems), problems
    assert all(p.split(" ")[0].endswith(("rate", "completion")) for p in problems), problems


def test_figure_checker_flags_a_digit_written_outside_a_slot() -> None:
    unit = score_case(generate_case(SEED))
    facts = build_facts(unit)
    with recording_figures() as recording:
        facts.fill("{{p1.label}}预算执行率低于90%。")
        facts.fill("按照《办法》（财预〔2020〕10号）执行。")
    assert figure_problems(recording, unit) == ["模板文字自带数字：{{p1.label}}预算执行率低于90%。"]


# --- one home for the thresholds: decided on the rounded rate everywhere ----------------------------------


def _threshold_case(rules_id: str, executed: str) -> Case:
    return case_from_data(
        {
            "单位名称": "清江县交通运输局",
            "年度": 2023,
            "评分规则": rules_id,
            "项目": [
                {"项目名称": "农村公路养护", "全年预算数": 2000, "全年执行数": executed, "自评得分": 80}
            ],
        }
    )


@pytest.mark.parametrize("rules_id", available_rulesets())
@pytest.mark.parametrize(("executed", "low"), [("1799.9", False), ("1799.88", True), ("1800.1", False)])
def test_needs_explanation_is_decided_on_the_rounded_rate(rules_id: str, executed: str, low: bool) -> None:
    # 1799.9 / 2000 = 89.995 % → shown 90.00 %: not below 90 % for scoring, drafting and the audit alike.
    case = _threshold_case(rules_id, executed)
    unit = score_case(case)
    assert unit.ruleset.rate_needs_explanation(unit.projects[0].rate) is low
    assert bool(unit.projects[0].deviations) is low
    markdown = template_markdown(unit)
    assert bool(re.search(r"执行率[\d.]+%[，,]?\s*低于\s*90%", markdown)) is low
    assert [f for f in audit_text(markdown, unit).findings if f.severity == "error"] == []


def test_over_achievement_is_decided_on_the_shown_completion() -> None:
    rules = load_ruleset("national_2020")
    assert rules.is_over_achieved(Decimal("129.995"))  # shown 130.00
    assert not rules.is_over_achieved(Decimal("129.994"))
    assert not rules.is_over_achieved(None)
    assert rules.execution_score(Decimal("89.995")) == Decimal("9.00")
    assert load_ruleset("exec20").execution_score(Decimal("150")) == Decimal("20.00")


# --- regression fixtures: each failure the generator found ----------------------------------------------


def _fixtures() -> list[Path]:
    found = sorted(FIXTURES.glob("*.yaml"))
    assert found, FIXTURES
    return found


@pytest.mark.parametrize("path", _fixtures(), ids=lambda p: p.stem)
def test_regression_fixture(path: Path) -> None:
    spec = load_yaml(path.read_text(encoding="utf-8"))
    unit = score_case(case_from_data(spec["case"], path.name))
    silent = set(spec["silent"])
    wrong = [(f.code, f.message) for f in audit_text(spec["report"], unit).findings if f.code in silent]
    assert wrong == []
    caught = {f.code for f in audit_text(spec["still_caught"], unit).findings if f.severity == "error"}
    assert set(spec["still_caught_codes"]) <= caught
