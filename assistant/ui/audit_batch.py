"""The 审核 tab's batch review: several reports (.txt/.md/.docx/.pdf) audited at once, each against itself, a
table of one row per report and the review workbook to download (``assistant.review``, as ``jixiao check …
--summary``). One bad file becomes a row saying why; it never stops the others."""

from __future__ import annotations

import html
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.review.batch import ReportRecord, review
from assistant.review.workbook import write_review_workbook
from assistant.ui.config import REPORT_TYPES
from assistant.ui.guard import guarded

MAX_BATCH = 200


@dataclass
class BatchReview:
    files: gr.File
    run: gr.Button
    message: gr.Markdown
    table: gr.HTML
    workbook: gr.File


def build() -> BatchReview:
    with gr.Accordion("批量审核（多份报告，生成审核汇总表）", open=False, elem_id="audit-batch"):
        files = gr.File(
            label="上传多份报告（.txt / .md / .docx / .pdf）",
            file_count="multiple",
            file_types=REPORT_TYPES,
            elem_id="audit-batch-files",
            height=120,
        )
        run = gr.Button("批量审核", variant="primary", elem_id="audit-batch-run")
        message = gr.Markdown(elem_id="audit-batch-msg", elem_classes=["jx-msg-box"])
        table = gr.HTML(elem_id="audit-batch-table", padding=True)
        workbook = gr.File(label="审核汇总（Excel）", elem_id="audit-batch-workbook", interactive=False)
    return BatchReview(files, run, message, table, workbook)


def _paths(files: Any) -> list[Path]:
    return [Path(f if isinstance(f, str) else f.name) for f in files or []]


def summary_html(records: list[ReportRecord]) -> str:
    """One row per report: file, unit, year, projects, errors, warnings, status and the first findings."""
    head = "".join(
        f"<th>{h}</th>" for h in ("文件", "单位", "年度", "项目", "错误", "提醒", "状态", "主要发现")
    )
    rows = []
    for r in records:
        cells = (Path(r.file).name, r.unit or "", r.year or "", r.projects, r.errors, r.warnings, r.status)
        row = "".join(f"<td>{html.escape(str(c))}</td>" for c in cells)
        rows.append(
            f'<tr class="{"jx-bad" if r.errors or not r.ok else ""}">{row}'
            f"<td>{html.escape(r.first_findings())}</td></tr>"
        )
    return f'<table class="jx-batch"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def wire(tab: BatchReview) -> None:
    @guarded
    def run(files: Any, progress: gr.Progress = gr.Progress()) -> dict[Any, Any]:  # noqa: B008
        paths = _paths(files)
        if not paths:
            return {tab.message: "**未完成**　请先上传要审核的报告（可一次选多份）"}
        if len(paths) > MAX_BATCH:
            return {tab.message: f"**未完成**　一次最多审核 {MAX_BATCH} 份报告，本次上传了 {len(paths)} 份"}
        done: list[ReportRecord] = []

        def advance(record: ReportRecord) -> None:
            done.append(record)
            progress((len(done), len(paths)), desc="审核报告")

        records = review(paths, progress=advance)
        for record in records:  # the reviewer sees the names uploaded, not the server's temporary paths
            record.file = Path(record.file).name
        out = Path(tempfile.mkdtemp(prefix="jixiao-review-")) / "审核汇总.xlsx"
        write_review_workbook(records, out)
        failed = sum(not r.ok for r in records)
        with_errors = sum(r.errors > 0 for r in records)
        return {
            tab.message: f"**已完成**　审核 {len(records)} 份报告：有错误的 {with_errors} 份，无法审核的 {failed} 份。",
            tab.table: summary_html(records),
            tab.workbook: str(out),
        }

    tab.run.click(
        run,
        inputs=[tab.files],
        outputs=[tab.message, tab.table, tab.workbook],
        api_visibility="private",
    )
