"""Audit findings for the terminal: grouped by section, in reading order, in Chinese."""

from __future__ import annotations

import sys
from collections.abc import Callable

from assistant.audit import AuditResult, Finding

_LABEL = {"error": "错误", "warning": "提醒", "info": "说明"}
_VERDICT = {"false": "", "missing": "（缺失）", "uncertain": "（存疑）"}
_BASIS = {
    "data": "对照案例数据",
    "table": "对照报告所附评分表（自审）",
    "text": "无数据、无附表，按报告文字自身前后核对",
}


def format_findings(result: AuditResult, source: str, locate: Callable[[Finding], str] | None = None) -> str:
    """Plain text (no colour codes), so output can be piped or saved as is; ``locate`` names the place
    (a PDF's page) instead of the line."""
    lines: list[str] = []
    projects = len(result.reference.projects)
    counted = f"，共 {projects} 个项目" if projects or result.reference.source != "text" else ""
    lines.append(f"审核 {source}：{_BASIS[result.reference.source]}{counted}")
    if result.coverage is not None:
        lines.append(result.coverage.describe())
    section = object()
    for f in result.findings:
        if f.section != section:
            section = f.section
            lines.append("")
            lines.append(f"【{f.section or '正文'}】")
        where = locate(f) if locate else f"第{f.line}行" if f.line else ""
        lines.append(f"  {_LABEL[f.severity or 'info']}{_VERDICT[f.verdict]} {f.code} {where}：{f.message}")
        lines.append(f"      原文：{f.quote[:90]}")
    s = result.summary
    lines.append("")
    if result.findings:
        lines.append(f"合计：错误 {s['error']} 处，提醒 {s['warning']} 处，说明 {s['info']} 处")
    elif result.coverage is not None and not result.coverage.checkable:
        lines.append("未发现问题，但文中没有可核对的数字（见上方覆盖说明）。")
    elif result.reference.source == "text":
        lines.append("未发现文字前后矛盾之处。")
    else:
        lines.append("未发现文字与数据不一致之处。")
    return "\n".join(lines)


def print_findings(result: AuditResult, source: str, locate: Callable[[Finding], str] | None = None) -> None:
    sys.stdout.write(format_findings(result, source, locate) + "\n")
