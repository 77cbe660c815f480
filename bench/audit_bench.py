"""Audit benchmarks: mutation recall per type, false errors on clean gold reports, speed, CLI start-up."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from assistant.audit import audit_text
from assistant.evaluation.mutations import MUTATORS, caught, generate
from assistant.io import load_case
from assistant.scoring import score_case

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval_data"
SEED = EVAL / "seed_yushui_2022"


def gold_cases() -> list[tuple[str, str, object]]:
    cases = []
    for gold in sorted(EVAL.glob("*/gold.md")):
        unit = score_case(load_case(gold.parent / "data.yaml"))
        cases.append((gold.parent.name, gold.read_text(encoding="utf-8"), unit))
    return cases


def mutation_recall(per_kind: int = 60) -> tuple[dict[str, list[int]], dict[str, int], list[str]]:
    """Recall per mutation type over every gold report, and error findings on the clean gold reports."""
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    clean_errors: dict[str, int] = {}
    misses: list[str] = []
    for name, text, unit in gold_cases():
        clean = audit_text(text, unit).findings
        clean_errors[name] = sum(f.severity == "error" for f in clean)
        clean_prints = {f.fingerprint for f in clean}
        for mutation in generate(text, unit, per_kind):
            findings = [
                f for f in audit_text(mutation.text, unit).findings if f.fingerprint not in clean_prints
            ]
            hit = caught(mutation, findings)
            stats[mutation.kind][0] += hit
            stats[mutation.kind][1] += 1
            if not hit and len(misses) < 30:
                misses.append(f"{name} {mutation.kind}: {mutation.description}")
    return stats, clean_errors, misses


def audit_speed(repeats: int) -> tuple[float, float]:
    """Median in-process ms for the seed report with data, and for a self-audit."""
    text = (SEED / "report.txt").read_text(encoding="utf-8")
    unit = score_case(load_case(SEED / "data.yaml"))
    timings_data, timings_self = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        audit_text(text, unit)
        timings_data.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        audit_text(text)
        timings_self.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings_data), statistics.median(timings_self)


def cli_startup(repeats: int) -> float:
    """Median wall seconds of `jixiao check` on the seed (a fresh process each time)."""
    exe = Path(sys.executable).with_name("jixiao")
    cmd = [str(exe), "check", str(SEED / "report.txt"), "--data", str(SEED / "data.yaml")]
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def run(quick: bool = False) -> str:
    stats, clean_errors, misses = mutation_recall(per_kind=20 if quick else 60)
    total = sum(n for _, n in stats.values())
    lines = [
        "## Audit",
        "",
        f"### Mutation recall (`assistant/evaluation/mutations.py`, {total} mutated reports from "
        f"{len(clean_errors)} gold reports, {len(stats)} mutation types)",
        "",
        "| mutation type | caught | total | recall |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind in MUTATORS:
        hit, n = stats.get(kind, [0, 0])
        lines.append(f"| {kind} | {hit} | {n} | {hit / n * 100:.1f}% |" if n else f"| {kind} | 0 | 0 | – |")
    hit_all = sum(h for h, _ in stats.values())
    lines += [f"| **all** | {hit_all} | {total} | {hit_all / max(total, 1) * 100:.1f}% |", ""]
    lines.append(
        "False errors on clean gold reports: " + ", ".join(f"{k} {v}" for k, v in clean_errors.items())
    )
    if misses:
        lines += ["", "Missed mutations (first 30):", ""] + [f"- {m}" for m in misses]
    data_ms, self_ms = audit_speed(10 if quick else 50)
    startup = cli_startup(3 if quick else 10)
    lines += [
        "",
        "### Speed",
        "",
        "| what | median |",
        "| --- | ---: |",
        f"| audit of the 14-project seed report with `--data`, in process | {data_ms:.1f} ms |",
        f"| self-audit of the seed report (its own 评分表), in process | {self_ms:.1f} ms |",
        f"| `jixiao check seed --data …` wall time incl. start-up | {startup:.2f} s |",
        "",
        "Targets: audit of a 14-project report under 20 ms in process; `jixiao check` under 0.5 s wall.",
    ]
    return "\n".join(lines)
