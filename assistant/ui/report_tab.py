"""报告 tab: draft the report, read it section by section beside its findings, supplement or redraft one
section, set findings aside (or bring them back) and download .docx / .md / audit.json.

Findings link to their sentence: the preview carries an anchor ``#f-<fingerprint>`` at each finding's span
(see ``views.report_html``). Dismissals are stored in the session by fingerprint, so they survive re-drafts;
【待补充】 and filed-score findings cannot be dismissed. A supplement goes into the field chosen under
“补充到” (replacing its marker); a request about style is kept for the model and never becomes text. While the
report has 【待补充】, the download buttons ask first and name what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.ui.context import Context
from assistant.ui.guard import guarded
from assistant.ui.panels import NO_REPORT, download_button, render_all, render_report
from assistant.ui.style import GOTO_JS

LLM_CHOICES = [("自动（已配置模型时由模型起草叙述段落）", "auto"), ("仅模板（离线、确定）", "off")]


@dataclass
class ReportTab:
    llm: gr.Radio
    draft: gr.Button
    report_status: gr.Markdown
    report: gr.HTML
    findings: gr.HTML
    finding_pick: gr.Dropdown
    dismiss: gr.Button
    dismissed_pick: gr.Dropdown
    restore: gr.Button
    section_pick: gr.Dropdown
    supplement_target: gr.Dropdown
    instruction: gr.Textbox
    style: gr.Textbox
    redraft: gr.Button
    message: gr.Markdown
    dl_docx: gr.DownloadButton
    dl_md: gr.DownloadButton
    dl_json: gr.DownloadButton
    export_docx: gr.Button
    export_md: gr.Button
    dl_docx_anyway: gr.DownloadButton
    dl_md_anyway: gr.DownloadButton


def build() -> ReportTab:
    with gr.Row(equal_height=True):
        llm = gr.Radio(choices=LLM_CHOICES, value="auto", label="起草方式", scale=3, elem_id="llm-mode")
        draft = gr.Button("起草报告", variant="primary", scale=1, elem_id="draft-btn")
    with gr.Row():
        dl_docx = gr.DownloadButton("下载 Word（.docx）", interactive=False, size="sm", elem_id="dl-docx")
        dl_md = gr.DownloadButton("下载 Markdown（.md）", interactive=False, size="sm", elem_id="dl-md")
        export_docx = gr.Button("下载 Word（.docx）", visible=False, size="sm", elem_id="export-docx")
        export_md = gr.Button("下载 Markdown（.md）", visible=False, size="sm", elem_id="export-md")
        dl_docx_anyway = gr.DownloadButton(
            "仍然下载 Word", visible=False, size="sm", elem_id="dl-docx-anyway"
        )
        dl_md_anyway = gr.DownloadButton(
            "仍然下载 Markdown", visible=False, size="sm", elem_id="dl-md-anyway"
        )
        dl_json = gr.DownloadButton(
            "下载审核结果（audit.json）", interactive=False, size="sm", elem_id="dl-json"
        )
    report_status = gr.Markdown(elem_id="report-status")
    message = gr.Markdown(elem_id="report-msg", elem_classes=["jx-msg-box"])
    with gr.Row():
        with gr.Column(scale=3):
            report = gr.HTML(
                NO_REPORT, elem_id="report-preview", js_on_load=GOTO_JS, max_height=720, padding=True
            )
        with gr.Column(scale=2):
            findings = gr.HTML(elem_id="findings-list", js_on_load=GOTO_JS, max_height=520, padding=True)
            finding_pick = gr.Dropdown(label="选择一项审核发现", choices=[], elem_id="finding-pick")
            dismiss = gr.Button("忽略此项（确认不是问题）", size="sm", elem_id="dismiss-btn")
            dismissed_pick = gr.Dropdown(label="已忽略的发现", choices=[], elem_id="dismissed-pick")
            restore = gr.Button("恢复此项", size="sm", elem_id="restore-btn")
    with gr.Group():
        with gr.Row(equal_height=True):
            section_pick = gr.Dropdown(label="重写哪一节", choices=[], scale=2, elem_id="section-pick")
            supplement_target = gr.Dropdown(
                label="补充到（项目 · 字段）", choices=[], scale=2, elem_id="supplement-target"
            )
        with gr.Row(equal_height=True):
            instruction = gr.Textbox(
                label="补充内容（记入所选字段，替换报告中的【待补充】）",
                placeholder="例如：尾款需项目验收合格后支付",
                scale=3,
                elem_id="redraft-note",
                max_length=1000,
            )
            style = gr.Textbox(
                label="写法要求（可选，如“写详细一点”；由模型重写时采用，不会写进报告）",
                scale=2,
                elem_id="redraft-style",
                max_length=100,
            )
            redraft = gr.Button("重写本节", scale=1, elem_id="redraft-btn")
    return ReportTab(
        llm,
        draft,
        report_status,
        report,
        findings,
        finding_pick,
        dismiss,
        dismissed_pick,
        restore,
        section_pick,
        supplement_target,
        instruction,
        style,
        redraft,
        message,
        dl_docx,
        dl_md,
        dl_json,
        export_docx,
        export_md,
        dl_docx_anyway,
        dl_md_anyway,
    )


def wire(tab: ReportTab, ctx: Context) -> None:
    p = ctx.p

    @guarded
    def draft(sid: str, llm: str, progress: gr.Progress = gr.Progress()) -> dict[Any, Any]:  # noqa: B008
        ws = ctx.sessions.get(sid)
        progress(0.05, desc="正在评分并起草报告……")
        tokens = {"n": 0}

        def on_token(*args: Any) -> None:  # (stream_id, text) from the drafter; show that it is alive
            tokens["n"] += len(str(args[-1])) if args else 0
            try:
                progress(None, desc=f"模型正在起草……已生成 {tokens['n']} 字")
            except Exception:  # progress is cosmetic; never let it break a draft
                pass

        result = ws.draft(llm=llm or "auto", on_token=on_token)
        progress(0.9, desc="正在审核并生成下载文件……")
        n = len(result.audit.findings)
        note = f"已起草报告（{'模型辅助' if result.llm_used else '模板'}），审核发现 {n} 项。"
        return {**render_all(ws, p), tab.message: f"**已完成**　{note}"}

    @guarded
    def redraft(
        sid: str, section: str | None, target: str | None, instruction: str, style: str, llm: str
    ) -> dict[Any, Any]:
        if not section:
            return {tab.message: "**未完成**　请先选择要重写的章节"}
        ws = ctx.sessions.get(sid)
        supplement = (instruction or "").strip()
        if supplement:
            ws.redraft_section(section, supplement, llm=llm or "auto", target=target or None)
        if (style or "").strip():
            ws.redraft_section(section, style.strip(), llm=llm or "auto")
        if not supplement and not (style or "").strip():
            ws.redraft_section(section, None, llm=llm or "auto")
        done = "已记入所选字段并重写该节。" if supplement else "已重写该节。"
        if (style or "").strip() and not ws.state.llm_used and (llm or "auto") != "on":
            done += "写法要求已记下（离线按模板起草，配置模型后重写时采用）。"
        return {**render_all(ws, p), tab.message: f"**已完成**　{done}", tab.instruction: "", tab.style: ""}

    @guarded
    def dismiss(sid: str, fingerprint: str | None) -> dict[Any, Any]:
        if not fingerprint:
            return {tab.message: "**未完成**　请先在右侧选择一项审核发现"}
        ws = ctx.sessions.get(sid)
        ws.dismiss(fingerprint)
        return {
            **render_report(ws, p),
            tab.message: "**已完成**　已忽略该项；重新起草后仍保持忽略，可随时恢复。",
        }

    @guarded
    def restore(sid: str, fingerprint: str | None) -> dict[Any, Any]:
        if not fingerprint:
            return {tab.message: "**未完成**　请先选择一项已忽略的发现"}
        ws = ctx.sessions.get(sid)
        ws.restore(fingerprint)
        return {**render_report(ws, p), tab.message: "**已完成**　已恢复该项。"}

    def ask_export(kind: str, anyway: gr.DownloadButton):
        @guarded
        def handler(sid: str) -> dict[Any, Any]:
            ws = ctx.sessions.get(sid)
            left = ws.unfinished()
            name = "Word" if kind == "docx" else "Markdown"
            text = (
                f"**请先确认**　报告还有 {len(left)} 处【待补充】：{'；'.join(left)}。"
                f"建议先在“对话”页补齐；仍要下载请点“仍然下载 {name}”。"
            )
            return {tab.message: text, anyway: download_button(ws, kind)}

        return handler

    outputs = [*p.all(), tab.instruction, tab.style]
    tab.draft.click(
        draft,
        inputs=[ctx.sid, tab.llm],
        outputs=outputs,
        api_visibility="private",
        show_progress_on=[tab.report],
    )
    tab.redraft.click(
        redraft,
        inputs=[ctx.sid, tab.section_pick, tab.supplement_target, tab.instruction, tab.style, tab.llm],
        outputs=outputs,
        api_visibility="private",
        show_progress_on=[tab.report],
    )
    tab.dismiss.click(dismiss, inputs=[ctx.sid, tab.finding_pick], outputs=p.all(), api_visibility="private")
    tab.restore.click(
        restore, inputs=[ctx.sid, tab.dismissed_pick], outputs=p.all(), api_visibility="private"
    )
    for button, kind, anyway in (
        (tab.export_docx, "docx", tab.dl_docx_anyway),
        (tab.export_md, "md", tab.dl_md_anyway),
    ):
        button.click(
            ask_export(kind, anyway),
            inputs=[ctx.sid],
            outputs=[tab.message, anyway],
            api_visibility="private",
        )
