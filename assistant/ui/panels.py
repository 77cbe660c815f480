"""The components that show a session's state, and how to fill them from a ``Workspace``.

Every handler that changes a session returns ``render_all`` (or a part of it) as a ``{component: value}``
dict, so the tables, scores, chart, chat, report and downloads never drift apart. Values come from the
workspace's own rows and audit (``assistant.ui.views`` turns them into frames and HTML).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import gradio as gr
from gradio.utils import get_upload_folder

from assistant.errors import JixiaoError
from assistant.fsutil import atomic_write_bytes
from assistant.ui import views
from assistant.workspace import Workspace
from assistant.workspace.tables import INDICATOR_COLUMNS, PROJECT_COLUMNS

PROJECT_HEADERS = list(PROJECT_COLUMNS)
INDICATOR_HEADERS = list(INDICATOR_COLUMNS)
SCORE_HEADERS = ["项目", "执行率", "执行率得分", "得分", "等级"]
NO_REPORT = '<div class="jx-report jx-empty">还没有起草报告。点击“起草报告”，几秒钟即可生成初稿。</div>'


@dataclass
class Panels:
    """Session-state components, created by the tab builders (see ``layout``)."""

    title: gr.Markdown
    projects: gr.Dataframe
    indicators: gr.Dataframe
    scores: gr.Dataframe
    chart: gr.BarPlot
    chatbot: gr.Chatbot
    report: gr.HTML
    report_status: gr.Markdown
    findings: gr.HTML
    finding_pick: gr.Dropdown
    dismissed_pick: gr.Dropdown
    section_pick: gr.Dropdown
    dl_docx: gr.DownloadButton
    dl_md: gr.DownloadButton
    dl_json: gr.DownloadButton

    def all(self) -> list[Any]:
        return [getattr(self, f.name) for f in fields(self)]

    def data(self) -> list[Any]:
        return [self.title, self.projects, self.indicators, self.scores, self.chart]

    def report_part(self) -> list[Any]:
        return [
            self.report,
            self.report_status,
            self.findings,
            self.finding_pick,
            self.dismissed_pick,
            self.section_pick,
            self.dl_docx,
            self.dl_md,
            self.dl_json,
        ]


def render_all(ws: Workspace, p: Panels) -> dict[Any, Any]:
    return {**render_data(ws, p), **render_chat(ws, p), **render_report(ws, p)}


def render_data(ws: Workspace, p: Panels) -> dict[Any, Any]:
    """Title, both editable tables, the score table and the chart, from the current case."""
    projects = ws.project_rows()
    indicators = ws.indicator_rows()
    return {
        p.title: f"**当前会话：** {ws.title}　｜　共 {len(projects)} 个项目、{len(indicators)} 个绩效指标",
        p.projects: views.frame(projects, PROJECT_HEADERS),
        p.indicators: views.frame(indicators, INDICATOR_HEADERS),
        p.scores: views.frame(ws.score_rows(), SCORE_HEADERS),
        # A plain frame: returning gr.BarPlot(value=…, sort=…) here leaves the old chart on screen.
        p.chart: views.chart_frame(ws.chart_rows()),
    }


def render_chat(ws: Workspace, p: Panels) -> dict[Any, Any]:
    return {p.chatbot: [dict(m) for m in ws.chat]}


def render_report(ws: Workspace, p: Panels) -> dict[Any, Any]:
    """Report preview with highlighted findings, the findings list, pickers and download files."""
    if ws.report_markdown is None:
        return {
            p.report: NO_REPORT,
            p.report_status: "",
            p.findings: views.findings_html([], empty="起草报告后，这里会列出文字与数据不符之处。"),
            p.finding_pick: gr.Dropdown(choices=[], value=None),
            p.dismissed_pick: gr.Dropdown(choices=[], value=None),
            p.section_pick: gr.Dropdown(choices=[], value=None),
            p.dl_docx: gr.DownloadButton(value=None, interactive=False),
            p.dl_md: gr.DownloadButton(value=None, interactive=False),
            p.dl_json: gr.DownloadButton(value=None, interactive=False),
        }
    result = ws.audit()
    sections = ws.sections()
    notes = _report_notes(ws)
    return {
        p.report: views.report_html(ws.report_markdown, result.findings, [s["id"] for s in sections]),
        p.report_status: notes,
        p.findings: views.findings_html(result.findings, result.dismissed),
        p.finding_pick: gr.Dropdown(
            choices=[(views.finding_label(f), f.fingerprint) for f in result.findings], value=None
        ),
        p.dismissed_pick: gr.Dropdown(
            choices=[(views.finding_label(f), f.fingerprint) for f in result.dismissed], value=None
        ),
        p.section_pick: gr.Dropdown(
            choices=[("　" * max(s["level"] - 1, 0) + s["heading"], s["id"]) for s in sections], value=None
        ),
        p.dl_docx: _download(ws, "docx"),
        p.dl_md: _download(ws, "md"),
        p.dl_json: _download(ws, "json"),
    }


def _download(ws: Workspace, kind: str) -> gr.DownloadButton:
    """A download button for the session's export, copied into gradio's file cache.

    Gradio serves only files it created or that sit under its cache, the working or temp directory; the
    session directory (``$JIXIAO_HOME/sessions``) is deliberately none of these, so nothing else in it is
    reachable over HTTP.
    """
    try:
        source = ws.export(kind)  # type: ignore[arg-type]
    except JixiaoError:
        return gr.DownloadButton(value=None, interactive=False)
    target = Path(get_upload_folder()) / "jixiao-exports" / ws.id / source.name
    atomic_write_bytes(target, source.read_bytes())
    return gr.DownloadButton(value=str(target), interactive=True)


def _report_notes(ws: Workspace) -> str:
    lines = []
    model = [s for s, source in ws.sections_source.items() if source == "llm"]
    lines.append(
        f"由模型起草 {len(model)} 节，其余按模板生成。" if model else "本稿按模板生成（未使用模型）。"
    )
    if getattr(ws, "report_stale", False):
        lines.append("注意：数据在起草后有改动，模型写的段落可能已过时：请重新起草或重写相关章节。")
    lines += [f"- {note}" for note in getattr(ws, "draft_notes", []) or []]
    return "\n\n".join(lines)
