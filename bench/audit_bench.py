"""Audit benchmarks: mutation recall per type, false errors on clean gold reports, speed, CLI start-up."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from assistant.audit import audit_text
from assistant.evaluation import load_gold_cases, run_mutation_benchmark
from assistant.evaluation.mutations import MUTATORS
from assistant.io import load_case
from assistant.scoring import score_case
from bench.cli_timing import median_wall_seconds

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval_data"
SEED = EVAL / "seed_yushui_2022"


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


def scaled_case(count: int):
    """The 元-filed health case with its projects repeated under distinct names, ``count`` in all."""
    from assistant.io import case_from_data, parse_case_text

    path = EVAL / "weijian_anlan_2022" / "data.yaml"
    data = parse_case_text(path.read_text(encoding="utf-8"), str(path))
    base = data["项目"]
    data["项目"] = [
        {**base[n % len(base)], "项目名称": f"{base[n % len(base)]['项目名称']}（第{n + 1}号）"}
        for n in range(count)
    ]
    return case_from_data(data, str(path))


def audit_scaling(counts: tuple[int, ...]) -> list[tuple[int, int, float]]:
    """(projects, report characters, seconds) auditing the template draft of ever larger cases."""
    from assistant.pipeline import draft_case
    from assistant.render.markdown import render_markdown

    rows = []
    for count in counts:
        case = scaled_case(count)
        markdown = render_markdown(draft_case(case).report)
        unit = score_case(case)
        start = time.perf_counter()
        audit_text(markdown, unit)
        rows.append((count, len(markdown), time.perf_counter() - start))
    return rows


def number_reading_ms(copies: int = 50) -> tuple[int, float]:
    """(characters, ms) for ``find_numbers`` over ``copies`` seed reports joined: no backtracking blow-up."""
    from assistant.numbers import find_numbers

    text = (SEED / "report.txt").read_text(encoding="utf-8") * copies
    start = time.perf_counter()
    find_numbers(text)
    return len(text), (time.perf_counter() - start) * 1000


def cli_startup(repeats: int) -> float:
    """Median wall seconds of `jixiao check` on the seed (a fresh process each time)."""
    return median_wall_seconds(
        ["check", str(SEED / "report.txt"), "--data", str(SEED / "data.yaml")], repeats
    )


def run(quick: bool = False) -> str:
    report = run_mutation_benchmark(load_gold_cases(EVAL), per_kind=20 if quick else 60)
    lines = [
        "## Audit",
        "",
        f"### Mutation recall (`assistant/evaluation/mutations.py`, {report.total} mutated reports from "
        f"{len(report.false_errors)} gold reports, {len(report.kinds)} mutation types)",
        "",
        "Each mutation plants one slip that contradicts the case data (a changed number never lands on another "
        "true value); a hit is a finding of an expected code at the mutated place.",
        "",
        "| mutation type | caught | total | recall |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind in MUTATORS:
        result = report.kinds[kind]
        lines.append(
            f"| {kind} | {result.caught} | {result.total} | {result.recall * 100:.1f}% |"
            if result.total
            else f"| {kind} | 0 | 0 | – |"
        )
    lines += [f"| **all** | {report.caught} | {report.total} | {report.recall * 100:.1f}% |", ""]
    lines.append(
        "Error findings on the clean gold reports with `--data`: "
        + ", ".join(f"{k} {v}" for k, v in report.false_errors.items())
        + "; as self-audits (no data): "
        + ", ".join(f"{k} {v}" for k, v in report.self_audit_errors.items())
        + "."
    )
    if report.misses:
        lines += ["", "Missed mutations (first 30):", ""] + [f"- {m}" for m in report.misses]
    data_ms, self_ms = audit_speed(10 if quick else 50)
    startup = cli_startup(3 if quick else 10)
    big_chars, big_ms = number_reading_ms()
    lines += [
        "",
        "### Speed",
        "",
        "| what | median |",
        "| --- | ---: |",
        f"| audit of one mutated gold report with `--data`, in process | {report.median_ms:.1f} ms |",
        f"| audit of the 14-project seed report with `--data`, in process | {data_ms:.1f} ms |",
        f"| self-audit of the seed report (its own 评分表), in process | {self_ms:.1f} ms |",
        f"| `jixiao check seed --data …` wall time incl. start-up | {startup:.2f} s |",
        f"| number reading (`find_numbers`) of 50 seed reports joined ({big_chars / 1000:.0f} k characters) | "
        f"{big_ms:.0f} ms |",
        "",
        "Targets: audit of a 14-project report under 20 ms in process; `jixiao check` under 0.5 s wall.",
        "",
        "Scaling (template draft of a case with N projects, audited with `--data`, in process, one run each):",
        "",
        "| projects | report size | audit | per project |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for count, chars, seconds in audit_scaling((10, 100, 1000) if quick else (10, 100, 250, 1000)):
        lines.append(
            f"| {count} | {chars / 1000:.0f} k characters | {seconds:.2f} s | {seconds / count * 1000:.1f} ms |"
        )
    return "\n".join(lines)
