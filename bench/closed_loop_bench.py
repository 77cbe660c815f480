"""Closed-loop benchmark (issue 12): generated cases through the template and LLM drafters, and the mutation
benchmark over generated drafts. Figures go to BENCHMARKS.md; the tests run smaller, seeded samples."""

from __future__ import annotations

import time

from assistant.evaluation.benchmark import run_generated_mutation_benchmark
from assistant.evaluation.closed_loop import LoopReport, run_closed_loop
from assistant.evaluation.mutations import MUTATORS

SEED = 120000
TEMPLATE_CASES = 5000
LLM_CASES = 300
# Drafts are added until every mutation type has at least this many: 13 types → ≥ 3,900 mutations (in practice
# far more, since the common types reach it first); recall per type is judged on ≥ 300 each.
MIN_MUTATIONS_PER_KIND = 300


def _llm_loop(count: int) -> tuple[LoopReport, int, float]:
    """The LLM path over a faithful scripted model on 127.0.0.1 (answers with slots only)."""
    from assistant.drafting.llm import draft_llm
    from assistant.llm.settings import LLMSettings
    from tests.llm_server import LLMServer, competent_answer

    fallbacks = 0

    def answer(request) -> str:
        return competent_answer(request, "经逐项梳理，现将有关情况报告如下。")

    with LLMServer(default=answer) as server:
        settings = LLMSettings(
            _env_file=None,
            base_url=server.base_url,
            model="bench",
            api_key="sk-bench",
            timeout=30,
            concurrency=4,
        )

        def drafter(unit) -> str:
            nonlocal fallbacks
            draft = draft_llm(unit, None, settings)
            fallbacks += bool(draft.fallback_sections)
            return draft.markdown()

        start = time.perf_counter()
        report = run_closed_loop(count, SEED + 500000, drafter)
        return report, fallbacks, time.perf_counter() - start


def run(quick: bool = False) -> str:
    cases = 500 if quick else TEMPLATE_CASES
    start = time.perf_counter()
    template = run_closed_loop(cases, SEED)
    template_s = time.perf_counter() - start
    llm, fallbacks, llm_s = _llm_loop(30 if quick else LLM_CASES)
    start = time.perf_counter()
    mutations, drafts = run_generated_mutation_benchmark(60 if quick else MIN_MUTATIONS_PER_KIND)
    mutation_s = time.perf_counter() - start
    lines = [
        "## Closed loop (generated cases)",
        "",
        "Cases from `assistant/evaluation/generate.py` (seeded: every rule set, 万元 and 元, ratios on every "
        "threshold, ≥ ≤ = 定性 indicators, 40+ units, tricky names). A draft fails when the audit against its case "
        "finds an error, or when a figure it fills differs from the scoring core at the precision written "
        "(`assistant/evaluation/figures.py`).",
        "",
        "| drafter | cases tried | drafts with error findings | drafts with wrong figures | wall time |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| template | {template.tried} | {template.with_errors} | {template.with_figure_problems} | {template_s:.0f} s |",
        f"| LLM, faithful scripted model on 127.0.0.1 | {llm.tried} | {llm.with_errors} | "
        f"{llm.with_figure_problems} | {llm_s:.0f} s |",
        "",
        f"LLM drafts where a section fell back to the template: {fallbacks}.",
    ]
    for label, report in (("template", template), ("LLM", llm)):
        if report.failures:
            lines += [
                "",
                f"First {label} failures:",
                "",
                *[f"- {line}" for line in report.describe().splitlines()],
            ]
    lines += [
        "",
        f"### Mutation recall on generated drafts ({mutations.total} mutations in {drafts} template drafts, "
        f"at most 4 of each type per draft)",
        "",
        "| mutation type | caught | total | recall |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind in MUTATORS:
        result = mutations.kinds[kind]
        lines.append(f"| {kind} | {result.caught} | {result.total} | {result.recall * 100:.2f}% |")
    lines += [
        f"| **all** | {mutations.caught} | {mutations.total} | {mutations.recall * 100:.2f}% |",
        "",
        f"False errors: {sum(mutations.false_errors.values())} error findings on the {len(mutations.false_errors)} "
        f"clean generated drafts with their data; {sum(mutations.self_audit_errors.values())} as self-audits "
        f"against their own attached table ({len(mutations.self_audit_errors)} drafts with a 评分表). "
        f"Wall time {mutation_s:.0f} s on 2 worker processes.",
    ]
    if mutations.misses:
        lines += ["", "Missed mutations (first 30):", "", *[f"- {m}" for m in mutations.misses[:30]]]
    return "\n".join(lines)
