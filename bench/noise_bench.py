"""Copy noise: the fixed probe sets as they come out of a PDF or a web page (``assistant.evaluation.copy_noise``),
audited as they are. Written as its own section of BENCHMARKS.md."""

from __future__ import annotations

from pathlib import Path

from assistant.evaluation.copy_noise import TRANSFORMS, noisy
from assistant.evaluation.probes import load_probe_set, probe_sets
from assistant.evaluation.real_corpus import CorpusReport, evaluate

ROOT = Path(__file__).resolve().parent.parent
TITLE = "## Copy noise (the fixed probe sets laid out as a PDF or a web page gives them)"


def run(quick: bool = False) -> str:
    texts = [t for folder in probe_sets(ROOT / "eval_data") for t in load_probe_set(folder)]
    lines = [
        TITLE,
        "",
        "Each transform changes how a text is laid out, never what it says, and moves the key's anchors with it "
        "(`assistant/evaluation/copy_noise.py`): `wrapped` sets prose in a 64-wide column, line ends falling inside "
        "numbers and words; `paged` breaks the text every 12 lines with a rule, a running title and a page number; "
        "`full_width` writes every figure in full-width characters; `spaced` sets thousands apart by a space. "
        "`tests/test_copy_noise.py` holds the floors.",
        "",
        "| layout | texts | slips caught | clean texts with an error | clean texts with a warning |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    rows = [("as written", evaluate(texts))]
    rows += [(name, evaluate(noisy(texts, name))) for name in TRANSFORMS]
    lines += [_row(name, report) for name, report in rows]
    return "\n".join(lines)


def _row(name: str, report: CorpusReport) -> str:
    clean = [t for t in report.texts if t.clean]
    errors = sum(1 for t in clean if any(f.severity == "error" for f in t.findings))
    warnings = sum(1 for t in clean if any(f.severity == "warning" for f in t.findings))
    return f"| {name} | {len(report.texts)} | {report.caught} of {report.contradictions} | {errors} | {warnings} |"
