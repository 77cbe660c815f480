"""The mutation benchmark: recall per mutation kind over every gold report, and false errors on clean golds.

Used by ``bench/audit_bench.py`` (figures for BENCHMARKS.md) and by the tests (a small fixed-seed sample).
Mutations come from ``mutations``; a finding already present on the clean gold never counts as a catch.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.audit import audit_text
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
        own = audit_text(case.text).findings
        report.self_audit_errors[case.name] = sum(f.severity == "error" for f in own)
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
