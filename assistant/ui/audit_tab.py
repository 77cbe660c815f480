"""审核 tab: check an existing report (pasted, or a .txt/.md/.docx upload) against a case, or against its
own attached score table, and show the findings beside the highlighted text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.audit import audit_text
from assistant.errors import InputError
from assistant.io import load_report
from assistant.scoring import score_case
from assistant.ui import views
from assistant.ui.config import CASE_TYPES, REPORT_TYPES
from assistant.ui.context import Context
from assistant.ui.guard import guarded
from assistant.ui.style import GOTO_JS
from assistant.workspace.intake import load_uploaded_case

MAX_PASTE = 200_000
SOURCES = [
    ("对照当前会话的数据", "session"),
    ("对照上传的案例文件", "file"),
    ("只对照报告所附的评分表", "table"),
]


@dataclass
class AuditTab:
    text: gr.Textbox
    report_file: gr.File
    source: gr.Radio
    case_file: gr.File
    run: gr.Button
    message: gr.Markdown
    findings: gr.HTML
    preview: gr.HTML


def build() -> AuditTab:
    gr.Markdown("粘贴或上传一份已写好的绩效自评报告，检查文中数字、执行率、得分、等级与数据是否一致。")
    with gr.Row():
        with gr.Column(scale=3):
            text = gr.Textbox(
                label="报告文字（粘贴）",
                lines=10,
                max_lines=20,
                placeholder="把报告全文粘贴到这里，或在右侧上传文件",
                elem_id="audit-text",
                max_length=MAX_PASTE,
            )
        with gr.Column(scale=2):
            report_file = gr.File(
                label="或上传报告（.txt / .md / .docx，不超过 10 MB）",
                file_types=REPORT_TYPES,
                elem_id="audit-report-file",
                height=110,
            )
            source = gr.Radio(choices=SOURCES, value="session", label="对照的数据", elem_id="audit-source")
            case_file = gr.File(
                label="案例文件（选“对照上传的案例文件”时使用）",
                file_types=CASE_TYPES,
                elem_id="audit-case-file",
                height=110,
            )
    run = gr.Button("开始审核", variant="primary", elem_id="audit-run")
    message = gr.Markdown(elem_id="audit-msg", elem_classes=["jx-msg-box"])
    with gr.Row():
        preview = gr.HTML(elem_id="audit-preview", js_on_load=GOTO_JS, max_height=720, padding=True)
        findings = gr.HTML(elem_id="audit-findings", js_on_load=GOTO_JS, max_height=720, padding=True)
    return AuditTab(text, report_file, source, case_file, run, message, findings, preview)


def _path(file: Any) -> Path | None:
    if not file:
        return None
    return Path(file if isinstance(file, str) else file.name)


def _named(exc: InputError, path: Path) -> str:
    return str(exc).replace(str(path), path.name)


def wire(tab: AuditTab, ctx: Context) -> None:
    @guarded
    def run(sid: str, text: str, report_file: Any, source: str, case_file: Any) -> dict[Any, Any]:
        report_path = _path(report_file)
        if report_path is not None:
            try:
                text = load_report(report_path)
            except InputError as exc:
                return {tab.message: f"**未完成**　无法读取报告：{_named(exc, report_path)}"}
        text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            return {tab.message: "**未完成**　请粘贴报告文字或上传报告文件"}
        if source == "file":
            case_path = _path(case_file)
            if case_path is None:
                return {tab.message: "**未完成**　请上传案例文件，或改选其他对照方式"}
            try:
                unit = score_case(load_uploaded_case(case_path))
            except InputError as exc:
                return {tab.message: f"**未完成**　案例文件有误：{_named(exc, case_path)}"}
            basis = f"案例文件「{case_path.name}」"
        elif source == "session":
            ws = ctx.sessions.get(sid)
            unit, basis = ws.unit(), f"当前会话（{ws.title}）"
        else:
            unit, basis = None, ""
        result = audit_text(text, unit)
        if unit is None:  # no data: the attached 评分表, else the text checked against itself
            basis = "报告所附评分表" if result.reference.source == "table" else "报告文字本身（前后核对）"
        coverage = f"{result.coverage.describe()}。" if result.coverage else ""
        return {
            tab.message: f"**已完成**　已对照{basis}审核，发现 {len(result.findings)} 项。{coverage}",
            tab.findings: views.findings_html(result.findings),
            tab.preview: views.report_html(text, result.findings),
        }

    tab.run.click(
        run,
        inputs=[ctx.sid, tab.text, tab.report_file, tab.source, tab.case_file],
        outputs=[tab.message, tab.findings, tab.preview],
        api_visibility="private",
    )
