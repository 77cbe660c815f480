"""审核 tab: check a report the officer brings (pasted, or a .txt/.md/.docx upload) and show the findings
beside the highlighted text.

By default the report is checked against itself (its attached table, else its own text); against the session's
data or an uploaded case only when chosen, and then only after the officer confirms a report that looks like
another unit's or year's (``assistant.workspace.report_check``). The text, the choice and the result are kept
in the session (``Workspace.audit_tab``); any change of the text or the choice clears the old result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import InputError
from assistant.io import load_report
from assistant.scoring import score_case
from assistant.ui import views
from assistant.ui.config import CASE_TYPES, REPORT_TYPES
from assistant.ui.context import Context
from assistant.ui.guard import guarded
from assistant.ui.style import GOTO_JS
from assistant.workspace import Workspace
from assistant.workspace.intake import load_uploaded_case
from assistant.workspace.report_check import AuditMemo, check_report

MAX_PASTE = 200_000
SOURCES = [
    ("只检查报告本身（所附评分表和文字）", "self"),
    ("对照当前会话的数据", "session"),
    ("对照上传的案例文件", "file"),
]
QUEUE = "audit-tab"  # one queue for the tab's events, so a clearing edit never lands after a result


@dataclass
class AuditTab:
    text: gr.Textbox
    report_file: gr.File
    source: gr.Radio
    case_file: gr.File
    run: gr.Button
    confirm: gr.Button
    message: gr.Markdown
    findings: gr.HTML
    preview: gr.HTML


def build() -> AuditTab:
    gr.Markdown(
        "粘贴或上传一份已写好的绩效自评报告，检查文中数字、执行率、得分、等级是否前后一致、与附表一致。"
        "默认只用报告自己的附表和文字核对；要对照数据，请在右侧选择。"
    )
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
            report_file = gr.File(label="或上传报告", elem_id="audit-report-file", height=110)
            source = gr.Radio(choices=SOURCES, value="self", label="对照什么", elem_id="audit-source")
            case_file = gr.File(
                label="案例文件（选“对照上传的案例文件”时）", elem_id="audit-case-file", height=110
            )
    with gr.Row():
        run = gr.Button("开始审核", variant="primary", elem_id="audit-run")
        confirm = gr.Button("仍然对照", visible=False, elem_id="audit-confirm")
    message = gr.Markdown(elem_id="audit-msg", elem_classes=["jx-msg-box"])
    with gr.Row():
        preview = gr.HTML(elem_id="audit-preview", js_on_load=GOTO_JS, max_height=720, padding=True)
        findings = gr.HTML(elem_id="audit-findings", js_on_load=GOTO_JS, max_height=720, padding=True)
    return AuditTab(text, report_file, source, case_file, run, confirm, message, findings, preview)


def _path(file: Any) -> Path | None:
    if not file:
        return None
    return Path(file if isinstance(file, str) else file.name)


def _named(exc: InputError, path: Path) -> str:
    return str(exc).replace(str(path), path.name)


def shown(tab: AuditTab, memo: AuditMemo, *, ask: bool = False) -> dict[Any, Any]:
    """The tab as the session remembers it."""
    found = memo.finding_objects() if memo.checked else []
    return {
        tab.text: memo.text,
        tab.source: memo.source,
        tab.message: memo.message,
        tab.findings: views.findings_html(found) if memo.checked else "",
        tab.preview: views.report_html(memo.text, found) if memo.checked else "",
        tab.confirm: gr.Button(visible=ask),
    }


def wire(tab: AuditTab, ctx: Context) -> None:
    outputs = [tab.text, tab.source, tab.message, tab.findings, tab.preview, tab.confirm]

    def remember(ws: Workspace, memo: AuditMemo, *, ask: bool = False) -> dict[Any, Any]:
        ws.remember_audit(memo)
        return shown(tab, memo, ask=ask)

    @guarded
    def edited(sid: str, text: str, source: str) -> dict[Any, Any]:
        ws = ctx.sessions.get(sid)
        memo = AuditMemo(text=_normal(text), source=source or "self")
        ws.remember_audit(memo)
        return {tab.message: "", tab.findings: "", tab.preview: "", tab.confirm: gr.Button(visible=False)}

    @guarded
    def report_uploaded(sid: str, file: Any, source: str) -> dict[Any, Any]:
        ws = ctx.sessions.get(sid)
        path = _path(file)
        if path is None:
            return {}
        if path.suffix.lower() not in REPORT_TYPES:
            hint = (
                "这是案例数据文件：请在下方“案例文件”处上传作对照，或到“数据”页打开"
                if path.suffix.lower() in CASE_TYPES
                else "请上传 .txt、.md、.docx 或 .pdf 格式的报告"
            )
            return {
                **shown(tab, AuditMemo(ws.audit_tab.text, source or "self")),
                tab.message: f"**未完成**　「{path.name}」不是报告文件：{hint}。",
                tab.report_file: None,
            }
        try:
            text = load_report(path)
        except InputError as exc:
            memo = AuditMemo(
                ws.audit_tab.text, source or "self", f"**未完成**　无法读取报告：{_named(exc, path)}"
            )
            return {**remember(ws, memo), tab.report_file: None}
        if not text.strip():  # an empty file, or a Word file of only pictures (a scan)
            memo = AuditMemo(
                ws.audit_tab.text,
                source or "self",
                f"**未完成**　「{path.name}」中没有可审核的文字（文件为空，或只有图片、扫描件）",
            )
            return {**remember(ws, memo), tab.report_file: None}
        memo = AuditMemo(_normal(text), source or "self", f"**已读取**　「{path.name}」，点“开始审核”。")
        return {**remember(ws, memo), tab.report_file: None}

    @guarded
    def case_uploaded(file: Any) -> dict[Any, Any]:
        path = _path(file)
        if path is None:
            return {}
        try:
            case = load_uploaded_case(path)
        except InputError as exc:
            return {tab.message: f"**未完成**　案例文件有误：{_named(exc, path)}"}
        return {
            tab.message: f"**已读取**　案例文件「{path.name}」（{case.unit}{case.year}年度），审核时将对照它。",
            tab.source: "file",
            tab.findings: "",
            tab.preview: "",
        }

    def check(confirmed: bool):
        @guarded
        def handler(sid: str, text: str, source: str, case_file: Any) -> dict[Any, Any]:
            ws = ctx.sessions.get(sid)
            text = _normal(text)
            source = source or "self"
            unit, basis = None, ""
            if source == "file":
                case_path = _path(case_file)
                if case_path is None:
                    memo = AuditMemo(text, source, "**未完成**　请上传案例文件，或改选其他对照方式")
                    return remember(ws, memo)
                try:
                    unit = score_case(load_uploaded_case(case_path))
                except InputError as exc:
                    memo = AuditMemo(text, source, f"**未完成**　案例文件有误：{_named(exc, case_path)}")
                    return remember(ws, memo)
                basis = f"案例文件「{case_path.name}」"
            elif source == "session":
                unit, basis = ws.unit(), f"当前会话（{ws.title}）"
            outcome = check_report(text, source, unit, basis, confirmed=confirmed)  # type: ignore[arg-type]
            found = outcome.result.findings if outcome.result else []
            memo = AuditMemo(
                text, source, outcome.message, [f.to_json() for f in found], outcome.result is not None
            )
            return remember(ws, memo, ask=outcome.ask)

        return handler

    events = dict(api_visibility="private", concurrency_id=QUEUE, concurrency_limit=1)
    tab.text.input(
        edited, inputs=[ctx.sid, tab.text, tab.source], outputs=outputs, trigger_mode="always_last", **events
    )
    tab.source.input(edited, inputs=[ctx.sid, tab.text, tab.source], outputs=outputs, **events)
    tab.report_file.upload(
        report_uploaded,
        inputs=[ctx.sid, tab.report_file, tab.source],
        outputs=[*outputs, tab.report_file],
        **events,
    )
    tab.case_file.upload(case_uploaded, inputs=[tab.case_file], outputs=outputs, **events)
    for button, confirmed in ((tab.run, False), (tab.confirm, True)):
        button.click(
            check(confirmed), inputs=[ctx.sid, tab.text, tab.source, tab.case_file], outputs=outputs, **events
        )
    ctx.on_switch(outputs, lambda ws: shown(tab, ws.audit_tab))


def _normal(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")
