"""Render drafted report.docx files through LibreOffice into the page images shown in the docs.

For the seed case (万元): docs/report-page1.png (first page), docs/report-table.png (附件1, the 汇总表) and
docs/report-form.png (附件2, the first 自评表); for weijian_anlan_2022 (元 with thousands separators):
docs/report-yuan-page1.png and docs/report-yuan-form.png. Needs LibreOffice (soffice) and poppler-utils
(pdftotext, pdftoppm). Run: .venv/bin/python scripts/render_docs_images.py
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.drafting import draft_template  # noqa: E402
from assistant.io import load_case  # noqa: E402
from assistant.render.docx import render_docx  # noqa: E402
from assistant.scoring import score_case  # noqa: E402

SEED_CASE = ROOT / "eval_data" / "seed_yushui_2022" / "data.yaml"
YUAN_CASE = ROOT / "eval_data" / "weijian_anlan_2022" / "data.yaml"
# case, file prefix, and which pages: "page1", or the page a line starting with this text opens
RENDERS = (
    (SEED_CASE, "report", {"page1": None, "table": "附件1", "form": "附件2"}),
    (YUAN_CASE, "report-yuan", {"page1": None, "form": "附件2"}),
)
TIMEOUT = 180


def run(args: list[str]) -> str:
    """Run a tool in its own process group, killing the group on timeout (soffice forks)."""
    with subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, text=True
    ) as proc:
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise SystemExit(f"{args[0]} 超时（{TIMEOUT} 秒）") from None
    if proc.returncode != 0:
        raise SystemExit(f"{args[0]} 失败（退出码 {proc.returncode}）：{err[-2000:]}")
    return out


def need(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise SystemExit(f"缺少 {name}：请安装 LibreOffice（libreoffice-writer-nogui）和 poppler-utils")
    return path


def to_pdf(docx: Path, folder: Path) -> Path:
    profile = folder / "profile"
    run(
        [
            need("soffice"),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx),
        ]
    )
    return folder / (docx.stem + ".pdf")


def page_png(pdf: Path, page: int, target: Path, dpi: int) -> None:
    prefix = target.with_suffix("")
    run(
        [
            need("pdftoppm"),
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
            pdf = to_pdf(render_docx(report, folder / "report.docx"), folder)
            pages = [re.sub(r"\s+", "", page) for page in run([need("pdftotext"), str(pdf), "-"]).split("\f")]
            for name, opens in wanted.items():
                page = 1 if opens is None else next(i for i, p in enumerate(pages, 1) if p.startswith(opens))
                target = args.out / f"{prefix}-{name}.png"
                page_png(pdf, page, target, args.dpi)
                written.append(f"{target.name}（第 {page} 页）")
    print("已写入 " + "、".join(written))


if __name__ == "__main__":
    main()
