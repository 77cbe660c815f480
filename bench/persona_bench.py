"""The LLM drafter against the persona corpus: how much good prose gets in and how much invention does not.

Each case of ``tests/fixtures/llm_personas`` is drafted once per persona over the scripted server (answers in
order, cut at ``max_tokens``); the figures are the issue 16 targets, asserted by ``tests/test_llm_personas``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(quick: bool = False) -> str:
    sys.path.insert(0, str(ROOT))
    from tests.llm_personas import PERSONAS, corpus_cases, judge_answers, load_corpus, measure_case

    cases = corpus_cases()
    planted = {p: sum(len(f.planted) for f in load_corpus() if f.persona == p) for p in PERSONAS}
    rows = []
    start = time.perf_counter()
    for persona in PERSONAS:
        results = [measure_case(case, persona) for case in cases]
        sections = [s for r in results for s in r.sections]
        count = len(sections)
        rows.append(
            {
                "persona": persona,
                "sections": count,
                "first": sum(s.first_ask for s in sections) / count,
                "kept": sum(s.kept for s in sections) / count,
                "answers": sum(s.answers for s in sections if s.kept) / max(sum(s.kept for s in sections), 1),
                "cut": sum(s.cuts for s in sections),
                "leaked": sum(len(s.planted_in_report) for s in sections),
                "planted": planted[persona],
                "errors": sum(len(r.errors) for r in results),
            }
        )
    wall = time.perf_counter() - start
    lines = [
        "## LLM drafting on the persona corpus",
        "",
        f"{len(cases)} cases × 4 narrative sections × 3 personas "
        "(`tests/fixtures/llm_personas`: answers a strong, a 7B-class and a careless model would give to the real "
        "prompts, served in order over the scripted OpenAI-compatible server, cut at `max_tokens`).",
        "",
        "| persona | sections | accepted at the first ask | kept from the model (≤ 2 re-asks) | answers per kept "
        "section | answers cut and continued | planted items in final reports | error findings in final reports |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['persona']} | {row['sections']} | {row['first']:.0%} | {row['kept']:.0%} | {row['answers']:.2f} "
            f"| {row['cut']} | {row['leaked']} of {row['planted']} | {row['errors']} |"
        )
    lines += [
        "",
        f"All {len(rows) * len(cases)} drafts took {wall:.1f} s. Targets: strong accepted at the first ask ≥ 95 % "
        "(target 100 %); kept after ≤ 2 re-asks: strong 100 %, mid ≥ 90 %; planted items and error findings in "
        "final reports: 0. A careless section is kept only when a later answer is clean; otherwise it keeps the "
        "template text, which the disclosure says.",
    ]
    lines += ["", *_per_answer(judge_answers(), PERSONAS)]
    return "\n".join(lines)


def _per_answer(verdicts: list, personas: tuple[str, ...]) -> list[str]:
    """Every answer judged on its own: planted items refused and named per kind, true text refused."""
    kinds: dict[tuple[str, str], list[int]] = {}
    for v in verdicts:
        for p in v.planted:
            row = kinds.setdefault((v.persona, p.kind), [0, 0, 0])
            row[0] += 1
            row[1] += p.refused
            row[2] += p.named
    lines = [
        "Every answer judged on its own by its section's validator (all three answers of every file, audit on): "
        "each planted item counted where it occurs; *refused*: the answer carrying it was refused (or cleaning "
        "removed it); *named*: the re-ask's feedback points at it.",
        "",
        "| persona | kind | occurrences | answer refused | named in the feedback |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for (persona, kind), (total, refused, named) in sorted(
        kinds.items(), key=lambda kv: (personas.index(kv[0][0]), kv[0][1])
    ):
        lines.append(
            f"| {persona} | {kind} | {total} | {refused} ({refused / total:.0%}) | {named} ({named / total:.0%}) |"
        )
    lines.append("")
    for persona in personas:
        own = [v for v in verdicts if v.persona == persona]
        clean = [v for v in own if not v.planted]
        wrongly = sum(len(v.true_text_refused) for v in own)
        lines.append(
            f"- {persona}: {len(own)} answers, {len(clean)} without a planted item, of which refused "
            f"{sum(not v.ok for v in clean)}; issues refusing true text: {wrongly}."
        )
    return lines
