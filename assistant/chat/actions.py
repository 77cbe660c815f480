"""The things the assistant can do to a workspace, each returning a ``ChatReply`` and never raising on bad input.

The offline intent parser and the agent's tools both end here, so a change reads the same whichever path
asked for it. A user error (unknown project, invalid amount) comes back as ``ChatReply(error=True)`` with the
Chinese message; the previous data stays.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.chat.reply import ChatReply
from assistant.chat.texts import audit_summary, change_summary, data_summary, report_note
from assistant.errors import JixiaoError
from assistant.workspace import Change, Workspace
from assistant.workspace.redraft import bare_heading
from assistant.workspace.resolve import resolve_project


def perform(ws: Workspace, action: Callable[[], ChatReply]) -> ChatReply:
    """Run an action; a user error becomes an error reply, and report changes are noticed."""
    before = ws.report_markdown
    try:
        reply = action()
    except JixiaoError as exc:
        return ChatReply(f"未能完成：{exc}", error=True)
    reply.report_changed = reply.report_changed or ws.report_markdown != before
    return reply


def _changed(ws: Workspace, change: Change, head: str = "已修改") -> ChatReply:
    if not change.diff:
        return ChatReply(f"{change.description}。")
    note = report_note(ws)
    text = f"{head}：\n\n{change.render()}" + (f"\n\n{note}" if note else "")
    return ChatReply(text, [change])


def set_field(ws: Workspace, project: str | int, field: str, value: str) -> ChatReply:
    return perform(ws, lambda: _changed(ws, ws.set_field(project, field, value)))


def set_indicator(
    ws: Workspace, project: str | int, indicator: str | int, field: str, value: str
) -> ChatReply:
    return perform(ws, lambda: _changed(ws, ws.set_indicator(project, indicator, field, value)))


def add_indicator(ws: Workspace, project: str | int, fields: dict[str, Any]) -> ChatReply:
    def run() -> ChatReply:
        index = resolve_project(ws.case, project)
        first = not ws.case.projects[index].indicators
        reply = _changed(ws, ws.add_indicator(index, fields), "已增加指标")
        if first and reply.changes:
            rules = ws.unit().ruleset
            reply.text += (
                f"\n\n注意：该项目原来没有分项指标（按自评得分计分），现在改按预算执行率得分加各指标得分计分；"
                f"请补齐其余指标，使指标分值合计为 {rules.weights.total - rules.execution.points} 分。"
            )
        return reply

    return perform(ws, run)


def undo(ws: Workspace) -> ChatReply:
    def run() -> ChatReply:
        change = ws.undo()
        if change is None:
            return ChatReply("没有可以撤销的修改。")
        note = report_note(ws)
        return ChatReply(change.render() + (f"\n\n{note}" if note else ""), [change])

    return perform(ws, run)


def draft(ws: Workspace, llm: str = "auto", on_token: Any = None) -> ChatReply:
    def run() -> ChatReply:
        result = ws.draft(llm=llm, on_token=on_token)
        how = "由模型辅助起草（数字均由系统填入并已校验）" if result.llm_used else "按模板起草"
        count = len(result.report.sections)
        text = f"已{how}报告《{result.report.title}》，共 {count} 节，可在右侧预览和下载。\n\n"
        text += audit_summary(result.audit)
        return ChatReply(text, report_changed=True, findings=list(result.audit.findings))

    return perform(ws, run)


def redraft(
    ws: Workspace, section: str, instruction: str | None, llm: str = "auto", on_token: Any = None
) -> ChatReply:
    def run() -> ChatReply:
        history = len(ws.history)
        text = ws.redraft_section(section, instruction, llm=llm, on_token=on_token)
        changes = ws.history[history:]
        heading = bare_heading(text.splitlines()[0].lstrip("# ")) if text else section
        reply = f"已重写「{heading}」一节：\n\n{text}"
        if changes and changes[-1].diff and changes[-1].case_before is not None:
            reply += "\n\n" + change_summary(changes)
        return ChatReply(reply, list(changes), report_changed=True)

    return perform(ws, run)


def audit(ws: Workspace) -> ChatReply:
    def run() -> ChatReply:
        if ws.report_markdown is None:
            return ChatReply("还没有报告可以检查：请先说“起草报告”，或在“审核”页粘贴已有的报告。", error=True)
        result = ws.audit()
        return ChatReply(audit_summary(result, stale=ws.report_stale), findings=list(result.findings))

    return perform(ws, run)


def explain(ws: Workspace, project: str | int) -> ChatReply:
    return perform(ws, lambda: ChatReply(ws.explain_score(project)))


def show(ws: Workspace, project: str | int | None = None) -> ChatReply:
    """Current figures: every project's line, or one project's fields and indicators."""

    def run() -> ChatReply:
        if project is None or str(project).strip() == "":
            return ChatReply(data_summary(ws))
        index = resolve_project(ws.case, project)
        row = ws.project_rows()[index]
        lines = [f"{key}：{value}" for key, value in row.items() if value]
        for ind in ws.indicator_rows(index):
            lines.append(
                "指标「{三级指标}」（{一级指标}/{二级指标}，{指标性质}）：年度指标值{年度指标值}{度量单位}，"
                "实际完成值{实际完成值}{度量单位}，分值{分值}，计算得分{计算得分}".format(**ind)
            )
        lines.append(f"金额单位：{ws.case.money_unit}")
        return ChatReply("\n".join(lines))

    return perform(ws, run)
