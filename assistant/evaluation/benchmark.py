"""The mutation benchmark: recall per mutation kind over every gold report, and false errors on clean golds.

Used by ``bench/audit_bench.py`` (figures for BENCHMARKS.md) and by the tests (a small fixed-seed sample).
Mutations come from ``mutations``; a finding already present on the clean gold never counts as a catch.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.audit import audit_text
from assistant.errors import InputError
from assistant.io import load_case
from assistant.rules import load_ruleset
from assistant.scoring import UnitScore, score_case

from .mutations import MUTATORS, caught, generate

DEFAULT_SEED = 20221


@dataclass(frozen=True)
class GoldCase:
    name: str
    text: str
    unit: UnitScore


@dataclass
class KindResult:
    total: int = 0
    caught: int = 0

    @property
    def recall(self) -> float:
        return self.caught / self.total if self.total else 1.0


@dataclass
class MutationReport:
    kinds: dict[str, KindResult] = field(default_factory=dict)
    false_errors: dict[str, int] = field(default_factory=dict)  # error findings on each clean gold, --data
    self_audit_errors: dict[str, int] = field(default_factory=dict)  # the same without data (its own table)
    misses: list[str] = field(default_factory=list)
    audit_ms: list[float] = field(default_factory=list)  # one in-process audit of a mutated report each

    @property
    def total(self) -> int:
        return sum(k.total for k in self.kinds.values())

    @property
    def caught(self) -> int:
        return sum(k.caught for k in self.kinds.values())

    @property
    def recall(self) -> float:
        return self.caught / self.total if self.total else 1.0

    @property
    def min_recall(self) -> float:
        return min((k.recall for k in self.kinds.values()), default=1.0)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.audit_ms) if self.audit_ms else 0.0

    def merge(self, other: MutationReport, keep_misses: int = 30) -> None:
        """Add another run's counts (the parallel runner's workers)."""
        for kind, result in other.kinds.items():
            mine = self.kinds.setdefault(kind, KindResult())
            mine.total += result.total
            mine.caught += result.caught
        self.false_errors.update(other.false_errors)
        self.self_audit_errors.update(other.self_audit_errors)
        self.misses.extend(other.misses[: max(0, keep_misses - len(self.misses))])
        self.audit_ms.extend(other.audit_ms)

    @property
    def clean_drafts_with_errors(self) -> int:
        return sum(1 for n in self.false_errors.values() if n)


def load_gold_cases(root: Path) -> list[GoldCase]:
    """Every ``<root>/<case>/gold.md`` with its ``data.yaml``, scored under the case's own rule set."""
    cases = []
    for gold in sorted(root.glob("*/gold.md")):
        case = load_case(gold.parent / "data.yaml")
        unit = score_case(case, load_ruleset(case.rules))
        cases.append(GoldCase(gold.parent.name, gold.read_text(encoding="utf-8"), unit))
    return cases


def run_mutation_benchmark(
    cases: Iterable[GoldCase], per_kind: int = 60, seed: int = DEFAULT_SEED, keep_misses: int = 30
) -> MutationReport:
    """Plant up to ``per_kind`` slips of every kind in every gold report and count what the audit catches."""
    report = MutationReport(kinds={kind: KindResult() for kind in MUTATORS})
    for case in cases:
        clean = audit_text(case.text, case.unit).findings
        report.false_errors[case.name] = sum(f.severity == "error" for f in clean)
        try:
            own = audit_text(case.text).findings
            report.self_audit_errors[case.name] = sum(f.severity == "error" for f in own)
        except InputError:
            pass  # no 评分表 attached (a single-project report's 自评表): nothing to self-audit against
        known = {f.fingerprint for f in clean}
        for mutation in generate(case.text, case.unit, per_kind, seed):
            start = time.perf_counter()
            findings = audit_text(mutation.text, case.unit).findings
            report.audit_ms.append((time.perf_counter() - start) * 1000)
            hit = caught(mutation, [f for f in findings if f.fingerprint not in known])
            result = report.kinds[mutation.kind]
            result.total += 1
            result.caught += hit
            if not hit and len(report.misses) < keep_misses:
                report.misses.append(f"{case.name} {mutation.kind}: {mutation.description}")
    return report


# --- the same benchmark over template drafts of generated cases ----------------------------------------


def generated_drafts(seeds: Iterable[int]) -> Iterator[GoldCase]:
    """Template drafts of generated cases, as the benchmark's clean reports."""
    from .closed_loop import template_markdown
    from .generate import generate_case

    for seed in seeds:
        unit = score_case(generate_case(seed))
        yield GoldCase(f"generated-{seed}", template_markdown(unit), unit)


def _generated_chunk(args: tuple[list[int], int, int]) -> MutationReport:
    seeds, per_kind, seed = args
    return run_mutation_benchmark(generated_drafts(seeds), per_kind=per_kind, seed=seed)


def run_generated_mutation_benchmark(
    min_per_kind: int, per_case: int = 4, seed: int = DEFAULT_SEED, workers: int = 2, chunk: int = 50
) -> tuple[MutationReport, int]:
    """Plant up to ``per_case`` slips of every kind in each generated draft until every kind has at least
    ``min_per_kind``; returns the report and the number of drafts used. Chunks of cases run in ``workers``
    processes (the machine has two cores)."""
    from concurrent.futures import ProcessPoolExecutor

    report = MutationReport(kinds={kind: KindResult() for kind in MUTATORS})
    next_seed, drafts = seed, 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        while (
            min((k.total for k in report.kinds.values()), default=0) < min_per_kind
            and drafts < 100 * min_per_kind
        ):
            batch = [
                (list(range(next_seed + i * chunk, next_seed + (i + 1) * chunk)), per_case, seed)
                for i in range(workers)
            ]
            next_seed += workers * chunk
            drafts += workers * chunk
            for part in pool.map(_generated_chunk, batch):
                report.merge(part)
    return report, drafts
