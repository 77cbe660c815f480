"""Wall time of a `jixiao` command as a user sees it: a fresh process each run, bytecode cached.

Why: with PYTHONDONTWRITEBYTECODE set (as in some CI and sandbox shells) every run recompiles the whole package,
which measures the shell, not the program; one warm-up run writes the bytecode before the timed runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def median_wall_seconds(args: list[str], repeats: int) -> float:
    """Median wall seconds of ``jixiao ARGS`` over ``repeats`` fresh processes, after one warm-up run."""
    exe = Path(sys.executable).with_name("jixiao")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([str(exe), *args], capture_output=True, check=False, env=env)
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([str(exe), *args], capture_output=True, check=False, env=env)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)
