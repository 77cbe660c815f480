"""The nets alone: what each wording-free check (``net=True``) catches and where it fires when it is the only check
run, over every keyed text. In the full audit a net adds only what the worded checks miss, so this is the one
measure of its own reach; the first-run misses of past blind sets (texts whose wording the worded checks did not
take when first seen) say how far it reaches past those readers. Written as its own section of BENCHMARKS.md.

``python -m bench.net_bench [MODULE ...]``: print the figures for the named check modules only (together).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.audit import audit_text, registry
from assistant.evaluation.probes import load_probe_set
from assistant.evaluation.real_corpus import RealText, load_corpus, matches

ROOT = Path(__file__).resolve().parent.parent
TITLE = "## Nets alone (each wording-free check run as the only check)"
_MISSED = re.compile(r"^\s+(\S+/\S+)\s+MISSED")


@dataclass
class Reach:
    planted: int = 0
    caught: int = 0
    past: int = 0
    past_caught: int = 0
    clean: int = 0
    clean_errors: int = 0
    clean_warnings: int = 0


def keyed_texts(root: Path = ROOT / "eval_data") -> list[RealText]:
    """Every text with a key: probe sets and sweeps (outside ``untuned/``), the real corpora."""
    keys = {p.parent for p in root.glob("probes_s*/**/key.yaml")} | {
        p.parent for p in root.glob("sweeps_s*/*/key.yaml")
    }
    texts = [
        t for folder in sorted(k for k in keys if "untuned" not in k.parts) for t in load_probe_set(folder)
    ]
    for corpus in [root / "real", *sorted(root.glob("real_holdout*"))]:
        texts += load_corpus(corpus)
    return texts


def past_misses(root: Path = ROOT / "eval_data") -> set[str]:
    """Planted texts a blind set's first run missed (its ``FIRST_RUN_START.md``, else ``FIRST_RUN.md``)."""
    slugs: set[str] = set()
    for record in root.glob("probes_s*/**/FIRST_RUN*.md"):
        if record.name == "FIRST_RUN.md" and (record.parent / "FIRST_RUN_START.md").exists():
            continue
        slugs |= {
            m.group(1)
            for line in record.read_text(encoding="utf-8").splitlines()
            if (m := _MISSED.match(line))
        }
    return slugs


def reach(checks: Iterable[Callable], texts: list[RealText], past: set[str]) -> Reach:
    """Run only ``checks`` over ``texts``: planted caught, past first-run misses caught, clean texts fired on."""
    checks = list(checks)
    out = Reach()
    for text in texts:
        loud = [
            f for f in audit_text(text.text, checks=checks).findings if f.severity in ("error", "warning")
        ]
        if text.contradictions:
            hit = any(matches(f, text.text, c.anchors) for f in loud for c in text.contradictions)
            out.planted += 1
            out.caught += hit
            if text.slug in past:
                out.past += 1
                out.past_caught += hit
        elif text.clean:
            out.clean += 1
            out.clean_errors += any(f.severity == "error" for f in loud)
            out.clean_warnings += any(f.severity == "warning" for f in loud)
    return out


def nets() -> dict[str, Callable]:
    registry.load()
    return {unit.name: unit.run for unit in registry.units() if unit.net}


def run(quick: bool = False) -> str:
    texts, past, found = keyed_texts(), past_misses(), nets()
    rows = [("all nets together", reach(found.values(), texts, past))]
    if not quick:
        rows += [(f"`{name}`", reach([check], texts, past)) for name, check in sorted(found.items())]
    lines = [
        TITLE,
        "",
        "Only the named checks run (`audit_text(…, checks=…)`) over every keyed text: the probe sets and sweeps and "
        "the real corpora. *Past first-run misses* are the planted slips a blind set's first run missed "
        "(`FIRST_RUN_START.md`), the wordings the worded checks did not take when first seen. A net's finding in "
        "the full audit is dropped where a worded check already reports the same place.",
        "",
        "| checks | planted caught | past first-run misses caught | clean texts with an error | clean texts with a warning |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {name} | {r.caught} of {r.planted} | {r.past_caught} of {r.past} | {r.clean_errors} of {r.clean} "
        f"| {r.clean_warnings} of {r.clean} |"
        for name, r in rows
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    if not argv:
        print(run())
        return
    registry.load()
    units = {unit.name: unit.run for unit in registry.units()}
    r = reach([units[name] for name in argv], keyed_texts(), past_misses())
    print(
        f"{' '.join(argv)}: planted caught {r.caught} of {r.planted}; past first-run misses {r.past_caught} of "
        f"{r.past}; clean texts with an error {r.clean_errors}, with a warning {r.clean_warnings} (of {r.clean})"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
