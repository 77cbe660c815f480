"""The page: header, the 数据 / 对话 / 报告 / 审核 / 会话 tabs, and which session a visitor sees.

A visit opens the session named in the address (``?s=<id>``), else the one this browser used last
(``BrowserState``), else a new session with the sample case. The address is then rewritten to carry the
session id, so a refresh, a bookmark or a restarted server brings the officer back to the same work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from assistant.ui import audit_batch, audit_tab, chat_tab, data_tab, report_tab, sessions_tab
from assistant.ui.config import SAMPLE_CASE, SAMPLES_DIR, browser_secret, bundled_samples
from assistant.ui.context import Context
from assistant.ui.guard import guarded
from assistant.ui.panels import Panels
from assistant.ui.registry import Sessions
from assistant.workspace import SessionStore

TITLE = "绩效自评助手 jixiao"


def model_note() -> str:
    """One line saying whether a model endpoint is configured (never the key)."""
    try:
        from assistant.llm.settings import load_llm_settings

        settings = load_llm_settings()
    except Exception:
        return "模型设置有误（请检查 JIXIAO_LLM_* 环境变量），当前按离线模式工作。"
    if settings.configured:
        return f"已配置模型：{settings.model}。"
    return "未配置模型服务：离线模式（模板起草、规则解析对话），所有数字均由程序计算。"


def build_app(
    store: SessionStore | None = None,
    sample: Path | None = SAMPLE_CASE,
    samples_dir: Path = SAMPLES_DIR,
    secret: str | None = None,
) -> gr.Blocks:
    """The workspace as a Gradio app (not launched; see ``assistant.ui.server``)."""
    sessions = Sessions(store, sample)
    samples = bundled_samples(samples_dir)
    note = model_note()
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        sid = gr.Textbox(
            visible=False, elem_id="session-id"
        )  # client-side so the address-bar script can read it
        last = gr.BrowserState(None, storage_key="jixiao-last-session", secret=secret or browser_secret())
        with gr.Row(equal_height=True):
            gr.Markdown(f"## {TITLE}\n项目支出绩效自评报告的起草与审核。{note}", elem_id="app-header")
        title = gr.Markdown(elem_id="session-title")
        hint = gr.Markdown(visible=False, elem_id="first-run-hint", elem_classes=["jx-hint"])
        notice = gr.Markdown(elem_id="page-msg", elem_classes=["jx-msg-box"])
        with gr.Tabs():
            ctx = Context(sessions=sessions, samples=samples, sid=sid, last=last)
            with gr.Tab("数据", id="data", elem_id="tab-data"):
                data = data_tab.build(samples)
            with gr.Tab("对话", id="chat", elem_id="tab-chat"):
                chat = chat_tab.build()
            with gr.Tab("报告", id="report", elem_id="tab-report"):
                report = report_tab.build()
            with gr.Tab("审核", id="audit", elem_id="tab-audit"):
                audit = audit_tab.build()
                batch = audit_batch.build()
            with gr.Tab("会话", id="sessions", elem_id="tab-sessions") as sessions_item:
                sess = sessions_tab.build(sessions.store.root)
        ctx.panels = Panels(
            title=title,
            hint=hint,
            data_msg=data.message,
            table_msg=data.table_msg,
            projects=data.projects,
            indicators=data.indicators,
            scores=data.scores,
            chart=data.chart,
            data_findings=data.data_findings,
            score_choices=data.score_choices,
            score_pick=data.score_pick,
            chatbot=chat.chatbot,
            progress=chat.progress,
            examples=chat.examples,
            report=report.report,
            report_status=report.report_status,
            report_msg=report.message,
            findings=report.findings,
            finding_pick=report.finding_pick,
            dismissed_pick=report.dismissed_pick,
            section_pick=report.section_pick,
            supplement_target=report.supplement_target,
            dl_docx=report.dl_docx,
            dl_md=report.dl_md,
            dl_json=report.dl_json,
            export_docx=report.export_docx,
            export_md=report.export_md,
            dl_docx_anyway=report.dl_docx_anyway,
            dl_md_anyway=report.dl_md_anyway,
        )
        ctx.message_lines = [sess.message, notice]
        audit_tab.wire(audit, ctx)  # first: it registers what a session switch restores
        audit_batch.wire(batch)
        data_tab.wire(data, ctx)
        chat_tab.wire(chat, ctx)
        report_tab.wire(report, ctx)
        sessions_tab.wire(sess, ctx, sessions_item)

        @guarded
        def on_load(remembered: Any, request: gr.Request) -> dict[Any, Any]:
            wanted = request.query_params.get("s") if request is not None else None
            ws = sessions.resume(wanted, remembered if isinstance(remembered, str) else None)
            updates = ctx.switched(ws)
            if wanted and ws.id != wanted:
                updates[notice] = "**提示**　地址中的会话不存在或已损坏，已为您打开另一个会话。"
            return updates

        ctx.follow(demo.load(on_load, inputs=[last], outputs=ctx.session_outputs(), api_visibility="private"))
    return demo
