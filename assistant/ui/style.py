"""Look of the workspace: a theme that uses only fonts already on the machine (no web-font download,
so the page works offline and Chinese renders with the system's CJK font) and the CSS for reports and findings."""

from __future__ import annotations

import gradio as gr

CJK_FONTS = [
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
    "Source Han Sans SC",
    "sans-serif",
]
MONO_FONTS = ["Consolas", "DejaVu Sans Mono", "monospace"]


def theme() -> gr.themes.Base:
    return gr.themes.Default(primary_hue="blue", neutral_hue="slate", font=CJK_FONTS, font_mono=MONO_FONTS)


CSS = """
/* Rows are added through the chat and sorted by the data; the table's own row/column menu is hidden
   (the server also refuses a table whose shape changed). */
.cell-menu, .cell-menu-button, .add-row-button { display: none !important; }
.jx-msg-box p { margin: 0.2em 0; }
#table-msg, #data-msg, #report-msg, #audit-msg, #session-msg { min-height: 1.5em; }
/* The upload box's label sits above the drop zone instead of over its icon. */
#case-upload .upload-container, #audit-report-file .upload-container, #audit-case-file .upload-container { padding-top: 2.2em; }
.jx-batch { border-collapse: collapse; font-size: 0.9em; }
.jx-batch th, .jx-batch td { border: 1px solid #d0d5db; padding: 0.2em 0.5em; vertical-align: top; }
.jx-batch tr.jx-bad td { background: #fdf1f1; }
.jx-note p { font-size: 0.85em; color: #555; margin: 0.2em 0; }
.jx-hint { border-left: 4px solid #2f6fb3; background: #eef4fb; padding: 0.4em 0.8em; }
#chat-progress p { font-size: 0.95em; margin: 0.2em 0; }
.jx-chart-box svg { width: 100%; height: auto; font-family: inherit; }
.jx-chart .jx-chart-title { font-size: 15px; font-weight: bold; fill: #333; }
.jx-chart .jx-axis-title, .jx-chart .jx-tick, .jx-chart .jx-xlabel, .jx-chart .jx-legend text { font-size: 12px; fill: #444; }
.jx-chart .jx-grid { stroke: #e5e8ec; }
.jx-chart .jx-axis { stroke: #888; }
.jx-chart .jx-bar:hover { opacity: 0.8; }
.jx-report { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", serif; line-height: 1.9; }
.jx-report h2 { text-align: center; font-size: 1.35em; margin: 0.6em 0; }
.jx-report h3, .jx-report h4, .jx-report h5 { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; margin: 0.8em 0 0.3em; }
.jx-report p { text-indent: 2em; margin: 0.3em 0; }
.jx-report p.jx-caption { text-indent: 0; text-align: center; }
.jx-report.jx-empty { color: #666; padding: 2em; text-align: center; }
.jx-report .jx-table { overflow-x: auto; }
.jx-report table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
.jx-report th, .jx-report td { border: 1px solid #999; padding: 2px 6px; }
.jx-report mark.jx-error { background: #fde2e1; border-bottom: 2px solid #c0392b; }
.jx-report mark.jx-warning { background: #fff3cd; border-bottom: 2px solid #d4a017; }
.jx-report mark.jx-info { background: #e8f1fb; border-bottom: 2px dotted #2f6fb3; }
.jx-anchor { scroll-margin-top: 80px; }
.jx-report mark.jx-current { outline: 3px solid #2f6fb3; }
.jx-toc { font-family: sans-serif; font-size: 0.85em; padding: 0.4em 0; border-bottom: 1px solid #ddd; }
.jx-toc a { margin-right: 1em; white-space: nowrap; }
.jx-findings .jx-summary { font-weight: bold; }
.jx-findings .jx-list { padding-left: 1.4em; }
.jx-finding { margin: 0 0 0.8em 0; padding: 0.4em 0.6em; border-left: 4px solid #999; background: #fafafa; }
.jx-finding.jx-error { border-color: #c0392b; }
.jx-finding.jx-warning { border-color: #d4a017; }
.jx-finding.jx-info { border-color: #2f6fb3; }
.jx-badge { display: inline-block; padding: 0 0.4em; border-radius: 3px; color: #fff; background: #888; font-size: 0.8em; }
.jx-error .jx-badge { background: #c0392b; }
.jx-warning .jx-badge { background: #b7860b; }
.jx-info .jx-badge { background: #2f6fb3; }
.jx-quote { color: #555; font-size: 0.9em; }
.jx-where { color: #777; font-size: 0.85em; }
.jx-ef { font-size: 0.9em; }
"""


# Findings link to their sentence, the contents line to its section. Gradio pages carry <base href>, so a plain "#f-…" link would navigate
# away from "?s=<session>"; scroll instead.
GOTO_JS = """
element.addEventListener('click', (event) => {
  const link = event.target.closest('a.jx-goto');
  if (!link) return;
  event.preventDefault();
  const target = document.getElementById(link.getAttribute('href').slice(1));
  if (!target) return;
  target.scrollIntoView({ block: target.tagName === 'SPAN' ? 'center' : 'start' });
  document.querySelectorAll('.jx-current').forEach((el) => el.classList.remove('jx-current'));
  const mark = target.tagName === 'SPAN' ? target.nextElementSibling : null;
  if (mark) mark.classList.add('jx-current');
});
"""


# Gradio titles its pop-up messages in English ("Warning", "Error"); say it in Chinese.
TOAST_JS = """
() => {
  const names = { Warning: "提醒", Error: "出错了", Info: "提示", Success: "完成" };
  const translate = (root) => root.querySelectorAll(".toast-title").forEach((title) => {
    title.childNodes.forEach((node) => {
      const word = node.nodeType === 3 ? node.textContent.trim() : "";
      if (names[word]) node.textContent = names[word] + " ";
    });
  });
  new MutationObserver(() => translate(document)).observe(document.body, { childList: true, subtree: true });
}
"""
