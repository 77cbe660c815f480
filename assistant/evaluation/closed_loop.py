"""The closed-loop property: every report jixiao drafts for a valid case is true of that case.

For each generated case (``generate``): draft it, audit the draft against the case (no error finding allowed),
and check every figure the drafter filled against the scoring core (``figures``, independent of the audit).
The template drafter is the default; a caller passes another drafter (the LLM path over a scripted model in
tests and bench). Used by ``tests/test_closed_loop.py`` and ``bench/closed_loop_bench.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from assistant.audit import audit_text
from assistant.drafting.outline import outline_for
from assistant.drafting.template import draft_template
from assistant.models import Case
from assistant.render.markdown import render_markdown
from assistant.rules import load_ruleset
from assistant.scoring import UnitScore, score_case

from .figures import figure_problems, recording_figures
from .generate import generate_cases

Drafter = Callable[[UnitScore], str]  # a scored case → the report's Markdown


def template_markdown(unit: UnitScore) -> str:
    return render_markdown(draft_template(unit, outline_for(unit.case.outline)))


@dataclass
class CaseResult:
    seed: int
    errors: list[str]  # error findings: "CODE: message | quote"
    figures: list[str]  # figures that differ from the core

    @property
    def ok(self) -> bool:
        return not self.errors and not self.figures


@dataclass
class LoopReport:
    tried: int = 0
    with_errors: int = 0
    with_figure_problems: int = 0
    failures: list[CaseResult] = field(default_factory=list)

    def add(self, result: CaseResult, keep: int = 20) -> None:
        self.tried += 1
        self.with_errors += bool(result.errors)
        self.with_figure_problems += bool(result.figures)
        if not result.ok and len(self.failures) < keep:
            self.failures.append(result)

    def describe(self) -> str:
        lines = [f"seed {r.seed}: {'; '.join(r.errors + r.figures)[:600]}" for r in self.failures]
        return "\n".join(lines)


def check_case(seed: int, case: Case, drafter: Drafter = template_markdown) -> CaseResult:
    """Draft ``case``, audit the draft against it and check every figure it states."""
    unit = score_case(case, load_ruleset(case.rules))
    with recording_figures() as recording:
        markdown = drafter(unit)
    errors = [
        f"{f.code}: {f.message} | {f.quote}"
        for f in audit_text(markdown, unit).findings
        if f.severity == "error"
    ]
    return CaseResult(seed, errors, figure_problems(recording, unit))


def run_closed_loop(
    count: int,
    seed: int = 0,
    drafter: Drafter = template_markdown,
    cases: Iterable[tuple[int, Case]] | None = None,
) -> LoopReport:
    """The property over ``count`` generated cases from ``seed`` on (or over the given cases)."""
    report = LoopReport()
    for n, case in cases if cases is not None else generate_cases(count, seed):
        report.add(check_case(n, case, drafter))
    return report
