"""Reading many flattened 自评表 in one text: wall time and peak memory of ``read_forms`` and ``audit_text``.

A 部门 may publish 40 project 自评表 in one PDF. The texts here are the repository's flattened forms (the
``*_biao.txt`` probes and the real ``t_*`` form texts) joined one after another up to about 50 KB and 500 KB
(5 MB on request). Each measurement runs in a fresh process so that its peak memory (``ru_maxrss`` above the process's size
once the text is built) is its own. Run alone: ``python -m bench.forms_bench [--sizes 50000 500000]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval_data"
SIZES = (50_000, 500_000)  # 5 MB on request (--sizes 5000000): its audit takes over 20 minutes here
SEPARATOR = "\n\n"


@cache
def form_texts() -> tuple[str, ...]:
    """The repository's flattened form texts, in path order."""
    paths = sorted(EVAL.glob("probes_s*/**/blind*/*_biao.txt")) + sorted(EVAL.glob("real*/t_*/report.txt"))
    return tuple(p.read_text(encoding="utf-8") for p in paths)


def joined_forms(size: int) -> tuple[str, int]:
    """(text, pieces): the form texts joined in turn, repeated until the text reaches ``size`` characters."""
    texts = form_texts()
    parts: list[str] = []
    length = 0
    while length < size:
        part = texts[len(parts) % len(texts)]
        parts.append(part)
        length += len(part) + len(SEPARATOR)
    return SEPARATOR.join(parts), len(parts)


def _max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(size: int, what: str) -> dict[str, float]:
    """Wall seconds, peak memory growth (MiB) and result count of one call on the joined text (this process)."""
    from assistant.audit import audit_text
    from assistant.forms import read_forms

    text, pieces = joined_forms(size)
    call = read_forms if what == "read_forms" else audit_text
    call(form_texts()[0])  # warm up: lazy imports and caches belong to start-up, not to the text
    base = _max_rss_mib()
    start = time.perf_counter()
    result = call(text)
    seconds = time.perf_counter() - start
    count = len(result) if what == "read_forms" else len(result.findings)
    return {
        "chars": len(text),
        "pieces": pieces,
        "seconds": seconds,
        "mib": _max_rss_mib() - base,
        "count": count,
    }


def measure_apart(size: int, what: str) -> dict[str, float]:
    """``measure`` in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.forms_bench", "--one", str(size), what],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def run(quick: bool = False, sizes: tuple[int, ...] = SIZES) -> str:
    sizes = sizes[:2] if quick else sizes
    lines = [
        "## Reading many 自评表 in one text (`python -m bench.forms_bench`)",
        "",
        f"The {len(form_texts())} flattened form texts of the repository (`*_biao.txt` probes, real `t_*` forms) "
        "joined in turn; one fresh process per figure; memory is the growth of the peak RSS during the call.",
        "",
        "| text | form texts | `read_forms` | forms read | peak memory | `audit_text` | findings | peak memory |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in sizes:
        forms = measure_apart(size, "read_forms")
        audit = measure_apart(size, "audit_text")
        lines.append(
            f"| {forms['chars'] / 1000:.0f} k characters | {forms['pieces']} | {forms['seconds']:.2f} s | "
            f"{forms['count']} | {forms['mib']:.0f} MiB | {audit['seconds']:.2f} s | {audit['count']} | "
            f"{audit['mib']:.0f} MiB |"
        )
        print(lines[-1], file=sys.stderr, flush=True)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--one", nargs=2, metavar=("SIZE", "WHAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(int(args.one[0]), args.one[1])))
        return
    print(run(sizes=tuple(args.sizes)))


if __name__ == "__main__":
    main()
