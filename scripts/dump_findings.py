"""Dump every finding ``audit_text`` makes on every eval_data text, one line each, to compare two versions.

Run before and after a change that must not change any result, then diff the two files:

    .venv/bin/python scripts/dump_findings.py > before.txt
    ... change ...
    .venv/bin/python scripts/dump_findings.py > after.txt && diff before.txt after.txt
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def dump_one(path: str) -> str:
    """Every finding (and dismissed finding) of one text, as JSON lines prefixed by the text's path."""
    from assistant.audit import audit_text

    name = str(Path(path).relative_to(ROOT))
    text = Path(path).read_text(encoding="utf-8")
    try:
        result = audit_text(text)
    except Exception as error:  # a crash is a result too: it must not change either
        return f"{name}\tCRASH {type(error).__name__}: {error}\n"
    lines = []
    for kind, findings in (("finding", result.findings), ("dismissed", result.dismissed)):
        for f in findings:
            record = [
                kind,
                f.code,
                f.severity,
                f.verdict,
                f.span,
                f.line,
                f.message,
                f.expected,
                f.found,
                f.quote,
            ]
            lines.append(f"{name}\t{json.dumps(record, ensure_ascii=False, default=str)}\n")
    return "".join(lines) or f"{name}\t(none)\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    paths = sorted(str(p) for p in (ROOT / "eval_data").rglob("*.txt"))
    with ProcessPoolExecutor(args.jobs) as pool:
        for block in pool.map(dump_one, paths, chunksize=8):
            sys.stdout.write(block)


if __name__ == "__main__":
    main()
