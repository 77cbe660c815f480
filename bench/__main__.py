"""Run every benchmark and write BENCHMARKS.md with the command, the machine and the figures."""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
from datetime import date
from pathlib import Path

from bench import (
    audit_bench,
    closed_loop_bench,
    draft_bench,
    forms_bench,
    net_bench,
    noise_bench,
    persona_bench,
    real_bench,
    review_bench,
    writing_bench,
)

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description="jixiao benchmarks")
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    # Drafting first: its peak-memory figure reads the children's maximum RSS, and a child forked from a
    # process grown by the in-process audit runs would report that process's size, not its own.
    drafting = draft_bench.run(quick=args.quick)
    sections = [
        audit_bench.run(quick=args.quick),
        real_bench.run(quick=args.quick),
        noise_bench.run(quick=args.quick),
        net_bench.run(quick=args.quick),
        closed_loop_bench.run(quick=args.quick),
        writing_bench.run(quick=args.quick),
        review_bench.run(quick=args.quick),
        forms_bench.run(quick=args.quick),
        drafting,
        persona_bench.run(quick=args.quick),
    ]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    header = [
        "# Benchmarks",
        "",
        f"Command: `make bench` (runs `python -m bench`). Date: {date.today().isoformat()}. Commit: `{commit or '-'}`.",
        f"Machine: {machine()}.",
        "",
        "Figures are measured by the script, not asserted in tests; re-run `make bench` to refresh this file.",
        "",
    ]
    text = "\n".join(header + [s.strip() + "\n" for s in sections])
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
