"""Writing-rule benchmark (issue 17): template drafts of generated cases under both reference outlines, each
draft checked against every writing rule a 财政局 reviewer reads for (``tests/writing_rules.py``, the same
functions the tests assert). Run alone with ``python -m bench.writing_bench`` (rewrites only its section of
BENCHMARKS.md) or as part of ``make bench``.
"""

from __future__ import annotations

import argparse
import subprocess
import time
from collections import Counter
from datetime import date
from pathlib import Path

from assistant.drafting import draft_template
from assistant.evaluation.generate import generate_cases
from assistant.scoring import score_case
from tests.writing_rules import RULES

SEED = 0
UNTUNED_SEED = 5000  # a range no rule or fix was looked at on: a check that the figures are not tuned to SEED
CASES = 1000
OUTLINES = ("unit_multi", "single_project")
HEADING = "## Writing rules (generated cases)"
ROOT = Path(__file__).resolve().parent.parent


def measure(count: int, seed: int = SEED) -> tuple[int, Counter[str], dict[str, list[str]], float]:
    """(drafts, drafts breaking each rule, the first few breaches of each rule, wall seconds)."""
    broken: Counter[str] = Counter()
    examples: dict[str, list[str]] = {name: [] for name in RULES}
    drafts = 0
    start = time.perf_counter()
    for n, case in generate_cases(count, seed):
        unit = score_case(case)
        for outline in OUTLINES:
            report = draft_template(unit, outline)
            drafts += 1
            for name, rule in RULES.items():
                found = rule(unit, report)
                if found:
                    broken[name] += 1
                    if len(examples[name]) < 5:
                        examples[name].append(f"seed {n}, {outline}: {found[0][:80]}")
    return drafts, broken, examples, time.perf_counter() - start


def run(quick: bool = False) -> str:
    count = 200 if quick else CASES
    from bench.__main__ import machine  # the package's entry point; imported here to avoid a cycle

    drafts, broken, examples, seconds = measure(count)
    other, other_broken, _, _ = measure(count, UNTUNED_SEED)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT, check=False
    ).stdout.strip()
    lines = [
        HEADING,
        "",
        f"Command: `python -m bench.writing_bench` (this section only) or `make bench`. Date: "
        f"{date.today().isoformat()}. Commit: `{commit or '-'}`. Machine: {machine()}.",
        "",
        f"Template drafts of {count} generated cases (`assistant/evaluation/generate.py`, seeds {SEED}–"
        f"{SEED + count - 1}) under both reference outlines (`unit_multi`, `single_project`): {drafts} drafts, "
        f"each checked against the rules of `tests/writing_rules.py` (the functions the tests assert). "
        f"A passage is a run of 31 characters of the prose (title, headings, paragraphs, 附件说明, 落款; the "
        f"attached tables left out) with project names and 【…】 markers masked. Wall time {seconds:.0f} s.",
        "",
        "| rule | drafts that keep it | of | rate |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name in RULES:
        kept = drafts - broken[name]
        lines.append(f"| {name} | {kept} | {drafts} | {kept / drafts * 100:.2f}% |")
    kept = {name: other - other_broken[name] for name in RULES}
    lines += [
        "",
        f"Untuned seeds {UNTUNED_SEED}–{UNTUNED_SEED + count - 1} (same run): "
        + ", ".join(f"{name} {kept[name]}/{other}" for name in RULES)
        + ".",
    ]
    breaches = [f"- {name}: {ex}" for name in RULES for ex in examples[name]]
    if breaches:
        lines += ["", "First breaches:", "", *breaches]
    return "\n".join(lines)


def replace_section(text: str, section: str) -> str:
    """BENCHMARKS.md with this section replaced (or appended when absent)."""
    start = text.find(HEADING)
    if start < 0:
        return text.rstrip("\n") + "\n\n" + section.strip() + "\n"
    end = text.find("\n## ", start + len(HEADING))
    rest = text[end + 1 :] if end >= 0 else ""
    return text[:start] + section.strip() + "\n\n" + rest


def main() -> None:
    parser = argparse.ArgumentParser(description="writing-rule benchmark → its section of BENCHMARKS.md")
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--quick", action="store_true", help="200 cases instead of 1,000")
    args = parser.parse_args()
    section = run(quick=args.quick)
    path = Path(args.out)
    path.write_text(
        replace_section(path.read_text(encoding="utf-8") if path.exists() else "", section), "utf-8"
    )
    print(section)


if __name__ == "__main__":
    main()
