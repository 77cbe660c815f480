"""Reading 自评表 from the real corpus, and batch review of many reports (``jixiao check DIR --summary``).

Forms: every real 自评表 text (eval_data/real/t_*) read and compared with its hand-written clean twin
(tests/fixtures/forms/twins.yaml), as published and re-flattened into each shape converters produce. Batch
review: 200 text reports (the 39 real texts, repeated) and 200 PDFs (real forms in reports printed by LibreOffice)
audited in one `jixiao check` run each; wall time and the largest process's peak memory.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.forms import read_forms
from tests.forms_shapes import (
    KEYS,
    LOSSY,
    REAL,
    SHAPES,
    compare,
    expected,
    grid,
    load_twins,
    twin_forms,
    write_docx,
)
from tests.office_tools import convert

ROOT = Path(__file__).resolve().parent.parent
REPORTS = 200


def _exact(form, twin) -> bool:  # type: ignore[no-untyped-def]
    keys = tuple(k for k in KEYS if k in twin and not (k == "indicators" and twin.get("partial")))
    return compare(form, twin, keys) == expected(twin, keys)


def _honest(form, twin) -> bool:  # type: ignore[no-untyped-def]
    """Read exactly, or every row either right or reported as uncertain (never silently wrong)."""
    if _exact(form, twin):
        return True
    got = compare(form, twin, ("funds", "indicators"))
    uncertain = {row.label for row in form.funds if row.uncertain}
    funds_ok = all(
        label in uncertain or got["funds"].get(label) == cells
        for label, cells in twin.get("funds", {}).items()
    )
    rows_ok = all(row in twin.get("indicators", []) for row in got.get("indicators", []))
    rest = tuple(k for k in KEYS if k in twin and k not in ("funds", "indicators"))
    return funds_ok and rows_ok and compare(form, twin, rest) == expected(twin, rest)


def forms_section() -> list[str]:
    slugs = sorted(p.name for p in REAL.iterdir() if p.name.startswith("t_"))
    twins = twin_forms()
    not_read = load_twins()["not_read"]
    forms = [(slug, twin) for slug in twins for twin in twins[slug]]
    right = 0
    for slug, items in twins.items():
        read = read_forms((REAL / slug / "report.txt").read_text(encoding="utf-8"))
        right += sum(
            1
            for form, twin in zip(read, items, strict=False)
            if len(read) == len(items) and _exact(form, twin)
        )
    lines = [
        "## Reading 自评表 (`assistant/forms`, `python -m bench.review_bench`)",
        "",
        f"Real texts with forms: {len(slugs)} (eval_data/real/t_*); {len(twins)} have hand-written clean twins "
        f"({len(forms)} forms), {len(not_read)} are layouts the reader does not take apart (listed, never "
        f"invented), {len(slugs) - len(twins) - len(not_read)} hold no form.",
        "",
        f"As published: **{right} of {len(forms)} forms** read to their twin's figures (name, units, year, "
        "funds rows, indicators, 总分, 等级).",
        "",
        "Re-flattened by test code into each shape (forms with a funds block):",
        "",
        "| shape | exact | exact or marked uncertain | silently wrong |",
        "| --- | ---: | ---: | ---: |",
    ]
    cases = [twin for _, twin in forms if twin.get("funds")]
    for shape in sorted(SHAPES):
        exact = honest = 0
        for twin in cases:
            read = [f for f in read_forms(SHAPES[shape](grid(twin))) if f.funds]
            if len(read) == 1:
                exact += _exact(read[0], twin)
                honest += _honest(read[0], twin)
        lossy = " (cell boundaries lost)" if shape in LOSSY else ""
        lines.append(
            f"| {shape}{lossy} | {exact}/{len(cases)} | {honest}/{len(cases)} | {len(cases) - honest} |"
        )
    return [*lines, ""]


def _check(folder: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, largest process) of one `jixiao check DIR --summary` run."""
    jixiao = str(Path(sys.executable).with_name("jixiao"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [jixiao, "check", str(folder), "--summary", str(out), "--json"], capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    assert done.returncode in (0, 1), done.stderr[-2000:]
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return wall, peak / 1024


def batch_section() -> list[str]:
    with tempfile.TemporaryDirectory(prefix="jixiao-review-bench-") as tmp:
        root = Path(tmp)
        texts = sorted(REAL.glob("*/report.txt"))
        text_dir = root / "text"
        text_dir.mkdir()
        for index in range(REPORTS):
            source = texts[index % len(texts)]
            shutil.copy(source, text_dir / f"{index:03d}_{source.parent.name}.txt")
        text_wall, text_peak = _check(text_dir, root / "text.xlsx")
        docs = root / "docx"
        docs.mkdir()
        made = []
        for slug, items in twin_forms().items():
            for index, twin in enumerate(items):
                if twin.get("funds"):
                    prose = [f"{twin.get('name') or slug}绩效自评报告", "附件：项目支出绩效自评表"]
                    made.append(write_docx(docs / f"{slug}-{index}.docx", [*prose, grid(twin)]))
        pdfs = convert(made, "pdf", docs)
        pdf_dir = root / "pdf"
        pdf_dir.mkdir()
        for index in range(REPORTS):
            source = pdfs[index % len(pdfs)]
            shutil.copy(source, pdf_dir / f"{index:03d}_{source.name}")
        pdf_wall, pdf_peak = _check(pdf_dir, root / "pdf.xlsx")
    return [
        "### Batch review (`jixiao check DIR --summary review.xlsx --json`, one run, worker processes)",
        "",
        "| reports | wall time incl. start-up | reports/s | peak memory (largest process, RSS) |",
        "| --- | ---: | ---: | ---: |",
        f"| {REPORTS} real texts (39 real 自评报告 and 自评表 texts, repeated) | {text_wall:.1f} s | "
        f"{REPORTS / text_wall:.1f} | {text_peak:.0f} MB |",
        f"| {REPORTS} PDFs (15 real forms in Word reports printed by LibreOffice, repeated) | {pdf_wall:.1f} s | "
        f"{REPORTS / pdf_wall:.1f} | {pdf_peak:.0f} MB |",
        "",
        "Targets: ≥ 20 reports/s for text, ≥ 5/s for PDF, on 2 cores.",
        "",
    ]


def run(quick: bool = False) -> str:
    return "\n".join(forms_section() + batch_section())


if __name__ == "__main__":
    print(run())
