"""The components that show a session's state, and how to fill them from a ``Workspace``.

Every handler that changes a session returns ``render_all`` (or a part of it) as a ``{component: value}``
dict, so the tables, scores, chart, chat, report and downloads never drift apart; ``render_all`` also clears
the message lines, so no message outlives the change it was about. Values come from the workspace's own rows
and audit (``assistant.ui.views`` turns them into frames and HTML).
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
from assistant.workspace.session import can_dismiss
from assistant.workspace.tables import INDICATOR_COLUMNS, PROJECT_COLUMNS

PROJECT_HEADERS = list(PROJECT_COLUMNS)
INDICATOR_HEADERS = list(INDICATOR_COLUMNS)
SCORE_HEADERS = ["项目", "执行率", "执行率得分", "得分", "等级", "自评表总分"]
NO_REPORT = '<div class="jx-report jx-empty">还没有起草报告。点击“起草报告”，几秒钟即可生成初稿。</div>'
FIRST_RUN = (
    "**第一次使用？** 现在打开的是内置的示例（{unit}{year}年度），可以先随意试。用自己的数据：\n"
    "1. 在下面上传本单位的 **Excel 自评表**（或案例文件）；\n"
    "2. 到 **对话** 页，助手会一项一项地问报告还缺的内容（偏差原因、改进措施、目标等），用平常的话回答即可；\n"
    "3. 到 **报告** 页起草、查看审核发现，下载 Word。"
)
NO_MISMATCH = "自评表填报的得分与按规则计算的一致。"


@dataclass
class Panels:
    """Session-state components, created by the tab builders (see ``layout``)."""

    title: gr.Markdown
    hint: gr.Markdown
    data_msg: gr.Markdown
    table_msg: gr.Markdown
    projects: gr.Dataframe
    indicators: gr.Dataframe
    scores: gr.Dataframe
    chart: gr.HTML
    data_findings: gr.HTML
    score_choices: gr.Column
    score_pick: gr.Dropdown
    chatbot: gr.Chatbot
    progress: gr.Markdown
    examples: gr.Dataset
    report: gr.HTML
    report_status: gr.Markdown
    report_msg: gr.Markdown
    findings: gr.HTML
    finding_pick: gr.Dropdown
    dismissed_pick: gr.Dropdown
    section_pick: gr.Dropdown
    supplement_target: gr.Dropdown
    dl_docx: gr.DownloadButton
    dl_md: gr.DownloadButton
    dl_json: gr.DownloadButton
    export_docx: gr.Button
    export_md: gr.Button
    dl_docx_anyway: gr.DownloadButton
    dl_md_anyway: gr.DownloadButton

    def all(self) -> list[Any]:
        return [getattr(self, f.name) for f in fields(self)]


def render_all(ws: Workspace, p: Panels) -> dict[Any, Any]:
    """Everything a session shows, with the message lines cleared (a change makes old messages stale)."""
    return {
        **render_data(ws, p),
        **render_chat(ws, p),
        **render_report(ws, p),
        p.data_msg: "",
        p.table_msg: "",
        p.report_msg: "",
    }


def render_data(ws: Workspace, p: Panels) -> dict[Any, Any]:
    """Title, first-run hint, both editable tables, the scores, the filed-score checks and the chart."""
    projects = ws.project_rows()
    indicators = ws.indicator_rows()
    case = ws.case
    return {
        p.title: f"**当前会话：** {ws.title}　｜　共 {len(projects)} 个项目、{len(indicators)} 个绩效指标",
        p.hint: gr.Markdown(
            FIRST_RUN.format(unit=case.unit, year=case.year) if ws.is_untouched_sample else "",
            visible=ws.is_untouched_sample,
        ),
        p.projects: views.frame(projects, PROJECT_HEADERS),
        p.indicators: views.frame(indicators, INDICATOR_HEADERS),
        p.scores: views.frame(ws.score_rows(), SCORE_HEADERS),
        p.chart: views.chart_svg(ws.chart_rows(), case.money_unit),
        **render_score_checks(ws, p),
    }


def render_score_checks(ws: Workspace, p: Panels) -> dict[Any, Any]:
    """The 自评表's own scores that differ from the rules, and the choice of which stands."""
    mismatches = ws.score_mismatches()
    findings = [m.finding() for m in mismatches]
    return {
        p.data_findings: views.findings_html(findings, empty=NO_MISMATCH, title="自评表得分核对"),
        p.score_choices: gr.Column(visible=bool(mismatches)),
        p.score_pick: gr.Dropdown(
            choices=[(m.label, m.key) for m in mismatches], value=mismatches[0].key if mismatches else None
        ),
    }


def render_chat(ws: Workspace, p: Panels) -> dict[Any, Any]:
    """The conversation (files made for the officer as downloadable messages), progress and examples."""
    from assistant.chat.texts import examples

    messages: list[dict[str, Any]] = []
    for m in ws.chat:
        if m.get("file"):
            served = _served(ws, Path(m["file"]))
            if served is not None:
                messages.append({"role": "assistant", "content": {"path": served}})
        else:
            messages.append({"role": m["role"], "content": m["content"]})
    return {
        p.chatbot: messages,
        p.progress: f"**报告进度：** {ws.progress()}",
        p.examples: gr.Dataset(samples=[[e] for e in examples(ws)]),
    }


def render_report(ws: Workspace, p: Panels) -> dict[Any, Any]:
    """Report preview with highlighted findings, the findings list, pickers and the export buttons."""
    if ws.report_markdown is None:
        return {
            p.report: NO_REPORT,
            p.report_status: "",
            p.findings: views.findings_html(
                [], empty="起草报告后，这里会列出文字与数据不符之处和还没写完的地方。"
            ),
            p.finding_pick: gr.Dropdown(choices=[], value=None),
            p.dismissed_pick: gr.Dropdown(choices=[], value=None),
            p.section_pick: gr.Dropdown(choices=[], value=None),
            p.supplement_target: gr.Dropdown(choices=[], value=None),
            **_exports(ws, p, ready=False),
        }
    result = ws.audit()
    sections = ws.sections()
    return {
        p.report: views.report_html(ws.report_markdown, result.findings, [s["id"] for s in sections]),
        p.report_status: report_status(ws),
        p.findings: views.findings_html(result.findings, result.dismissed),
        p.finding_pick: gr.Dropdown(
            choices=[(views.finding_label(f), f.fingerprint) for f in result.findings if can_dismiss(f)],
            value=None,
        ),
        p.dismissed_pick: gr.Dropdown(
            choices=[(views.finding_label(f), f.fingerprint) for f in result.dismissed], value=None
        ),
        p.section_pick: gr.Dropdown(
            choices=[("　" * max(s["level"] - 1, 0) + s["heading"], s["id"]) for s in sections], value=None
        ),
        p.supplement_target: gr.Dropdown(choices=supplement_choices(ws), value=""),
        **_exports(ws, p, ready=True),
    }


def report_status(ws: Workspace) -> str:
    """How the report was made, whether it is stale, and how many 【待补充】 remain."""
    sources = ws.state.sources
    model = [s for s, source in sources.items() if source == "llm"]
    lines = [f"由模型起草 {len(model)} 节，其余按模板生成。" if model else "本稿按模板生成（未使用模型）。"]
    left = ws.markers()
    if left:
        lines.append(f"**还有 {len(left)} 处【待补充】**：在“对话”页回答助手的问题即可补齐；导出前会再提醒。")
    else:
        lines.append("报告中没有【待补充】，可以导出。")
    if ws.report_stale:
        lines.append("注意：数据在起草后有改动，模型写的段落可能已过时：请重新起草或重写相关章节。")
    lines += [f"- {note}" for note in ws.state.notes]
    return "\n\n".join(lines)


def supplement_choices(ws: Workspace) -> list[tuple[str, str]]:
    """Where a supplement can go: the open gaps first (their 【待补充】 is replaced), then every project's
    narrative fields."""
    choices: list[tuple[str, str]] = [("（不补充内容，只按数据重写本节）", "")]
    gaps = ws.gaps()
    choices += [(f"{g.label}（待补充）", g.key) for g in gaps]
    seen = {g.key for g in gaps}
    for p, project in enumerate(ws.case.projects):
        for field in ("偏差原因", "改进措施", "年度总体目标", "实际完成情况"):
            if f"p{p}.{field}" not in seen:
                choices.append((f"{project.name} · {field}", f"p{p}.{field}"))
    return choices


def _exports(ws: Workspace, p: Panels, *, ready: bool) -> dict[Any, Any]:
    """Direct downloads when the report is finished; while 【待补充】 remain, a button that asks first."""
    unfinished = ready and bool(ws.markers())
    direct = ready and not unfinished
    return {
        p.dl_docx: download_button(ws, "docx", visible=not unfinished) if direct else _off(not unfinished),
        p.dl_md: download_button(ws, "md", visible=not unfinished) if direct else _off(not unfinished),
        p.dl_json: download_button(ws, "json") if ready else _off(True),
        p.export_docx: gr.Button(visible=unfinished),
        p.export_md: gr.Button(visible=unfinished),
        p.dl_docx_anyway: gr.DownloadButton(value=None, visible=False),
        p.dl_md_anyway: gr.DownloadButton(value=None, visible=False),
    }


def _off(visible: bool) -> gr.DownloadButton:
    return gr.DownloadButton(value=None, interactive=False, visible=visible)


def download_button(ws: Workspace, kind: str, *, visible: bool = True) -> gr.DownloadButton:
    """A download button for the session's export, copied into gradio's file cache."""
    try:
        source = ws.export(kind)  # type: ignore[arg-type]
    except JixiaoError:
        return gr.DownloadButton(value=None, interactive=False, visible=visible)
    return gr.DownloadButton(value=_served(ws, source), interactive=True, visible=visible)


def _served(ws: Workspace, source: Path) -> str | None:
    """``source`` copied under gradio's file cache (the only place it serves files from), or None if gone.

    The session directory (``$JIXIAO_HOME/sessions``) is deliberately not served, so nothing else in it is
    reachable over HTTP.
    """
    try:
        data = source.read_bytes()
    except OSError:
        return None
    target = Path(get_upload_folder()) / "jixiao-exports" / ws.id / source.name
    atomic_write_bytes(target, data)
    return str(target)
