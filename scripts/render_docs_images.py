"""Render drafted report.docx files through LibreOffice into the page images shown in the docs.

For the seed case (万元): docs/report-page1.png (first page), docs/report-table.png (附件1, the 汇总表) and
docs/report-form.png (附件2, the first 自评表); for weijian_anlan_2022 (元 with thousands separators):
docs/report-yuan-page1.png and docs/report-yuan-form.png. Needs LibreOffice (soffice) and poppler-utils
(pdftotext, pdftoppm). Run: .venv/bin/python scripts/render_docs_images.py
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.drafting import draft_template  # noqa: E402
from assistant.io import load_case  # noqa: E402
from assistant.render.docx import render_docx  # noqa: E402
from assistant.scoring import score_case  # noqa: E402
from tests.office_tools import ToolError, convert, run, tool  # noqa: E402

SEED_CASE = ROOT / "eval_data" / "seed_yushui_2022" / "data.yaml"
YUAN_CASE = ROOT / "eval_data" / "weijian_anlan_2022" / "data.yaml"
# case, file prefix, and which pages: "page1", or the page a line starting with this text opens
RENDERS = (
    (SEED_CASE, "report", {"page1": None, "table": "附件1", "form": "附件2"}),
    (YUAN_CASE, "report-yuan", {"page1": None, "form": "附件2"}),
)


def page_png(pdf: Path, page: int, target: Path, dpi: int) -> None:
    prefix = target.with_suffix("")
    run(
        [
            tool("pdftoppm"),
            "-r",
            str(dpi),
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    for case, prefix, wanted in RENDERS:
        report = draft_template(score_case(load_case(case)))
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            pdf = convert([render_docx(report, folder / "report.docx")], "pdf", folder)[0]
            pages = [re.sub(r"\s+", "", page) for page in run([tool("pdftotext"), str(pdf), "-"]).split("\f")]
            for name, opens in wanted.items():
                page = 1 if opens is None else next(i for i, p in enumerate(pages, 1) if p.startswith(opens))
                target = args.out / f"{prefix}-{name}.png"
                page_png(pdf, page, target, args.dpi)
                written.append(f"{target.name}（第 {page} 页）")
    print("已写入 " + "、".join(written))


if __name__ == "__main__":
    try:
        main()
    except ToolError as error:
        raise SystemExit(str(error)) from None
