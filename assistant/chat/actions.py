"""The things the assistant can do to a workspace, each returning a ``ChatReply`` and never raising on bad input.

The offline intent parser and the agent's tools both end here, so a change reads the same whichever path
asked for it. A user error (unknown project, invalid amount) comes back as ``ChatReply(error=True)`` with the
Chinese message; the previous data stays.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.chat.reply import ChatReply
from assistant.chat.texts import audit_summary, change_summary, data_summary, report_note, totals_line
from assistant.errors import InputError, JixiaoError
from assistant.scoring import fmt
from assistant.workspace import Change, Workspace
from assistant.workspace.interview import Gap
from assistant.workspace.redraft import bare_heading
from assistant.workspace.resolve import resolve_project

# What feeds a section of each outline topic, for "make this section fuller" without a model.
_FED_BY = {
    "deviations": "需说明偏差的项目的偏差原因和改进措施（说得越具体，这一节越充实）",
    "experience": "偏差原因、存在的问题和主要经验做法",
    "suggestions": "各项目的改进措施",
    "completion": "各项目的实际完成情况和绩效指标的实际完成值",
    "indicators": "绩效指标的实际完成值和偏差说明",
    "goals": "各项目的年度总体目标",
    "background": "单位概况和项目背景",
}


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
        text = f"已{how}报告《{result.report.title}》，共 {count} 节，可在“报告”页预览和下载。\n\n"
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
        if ws.report_markdown is None:  # nothing written yet: what can be checked is the data
            mismatches = ws.score_mismatches()
            data = (
                f"数据方面，自评表有 {len(mismatches)} 处得分与按规则计算的不一致：\n"
                + "\n".join(f"- {m.finding().message}" for m in mismatches[:5])
                if mismatches
                else "数据方面，自评表填报的得分与按规则计算的一致。"
            )
            return ChatReply(
                f"还没有起草报告，暂时没有文字可以检查。{data}\n{ws.progress().rstrip('。')}。"
                "说“写报告”起草后我再检查；已有报告可以在“审核”页粘贴或上传，也可以把报告文字直接贴到对话里让我检查。",
                findings=[m.finding() for m in mismatches],
            )
        result = ws.audit()
        return ChatReply(audit_summary(result, stale=ws.report_stale), findings=list(result.findings))

    return perform(ws, run)


def readiness(ws: Workspace) -> ChatReply:
    """ "能交了吗": whether the report can be handed in (no error, no 【待补充】, not out of date), from the audit's
    counts, and what to fix first. Every number is counted here, none is said by a template."""

    def run() -> ChatReply:
        mismatches = ws.score_mismatches()
        if ws.report_markdown is None:
            data = (
                f"另外，自评表有 {len(mismatches)} 处得分与按规则计算的不一致，要先确认以哪个为准（“数据”页）。"
                if mismatches
                else ""
            )
            return ChatReply(
                f"还不能交：报告还没有起草。{ws.progress().rstrip('。')}。{data}"
                "说“写报告”按模板起草，起草后再问我“能交了吗”，我按审核结果告诉您还要改什么。",
                findings=[m.finding() for m in mismatches],
            )
        result = ws.audit()
        s = result.summary
        left = ws.unfinished()
        blockers = []
        if s["error"]:
            blockers.append(f"审核发现 {s['error']} 处错误（文字与数据或前后文不一致），必须改正")
        if left:
            blockers.append(f"还有 {len(left)} 处【待补充】，要由您补上")
        if ws.report_stale:
            blockers.append("报告起草后数据又有修改，需要重新起草")
        # 【待补充】 reminders are counted above
        warnings = sum(1 for f in result.findings if f.severity == "warning" and f.code != "PLACEHOLDER_LEFT")
        if blockers:
            head = "还不能交：\n" + "\n".join(f"- {b}" for b in blockers)
            if warnings > 0:
                head += f"\n另有 {warnings} 处提醒，请逐条核对。"
            how = "\n说“还差什么”逐项补上，改完后再问我“能交了吗”。" if left else "\n改完后再问我“能交了吗”。"
            return ChatReply(
                head + how + "\n\n" + audit_summary(result, stale=ws.report_stale),
                findings=list(result.findings),
            )
        if warnings > 0:
            return ChatReply(
                f"没有发现错误，也没有【待补充】；还有 {warnings} 处提醒，核对无误后就可以交。"
                "说“导出Word”下载。\n\n" + audit_summary(result),
                findings=list(result.findings),
            )
        return ChatReply(
            "可以交：审核没有发现错误和提醒，也没有【待补充】。报送前建议在“报告”页通读一遍，说“导出Word”下载。",
            findings=list(result.findings),
        )

    return perform(ws, run)


def explain(ws: Workspace, project: str | int) -> ChatReply:
    return perform(ws, lambda: ChatReply(ws.explain_score(project)))


def show(ws: Workspace, project: str | int | None = None) -> ChatReply:
    """Current figures: the unit's totals and every project's line, or one project's fields and indicators."""

    def run() -> ChatReply:
        if project is None or str(project).strip() == "":
            return ChatReply(totals_line(ws.unit()) + "\n" + data_summary(ws))
        index = resolve_project(ws.case, project)
        row = ws.project_rows()[index]
        lines = [f"{key}：{value}" for key, value in row.items() if value]
        scored = ws.unit().projects[index]
        rate = f"{fmt(scored.rate_shown)}%" if scored.rate_shown is not None else "不适用（全年预算数为 0）"
        grade = f"，等级“{scored.grade}”" if scored.grade else ""
        score = f"，得分 {fmt(scored.score)} 分{grade}" if scored.score is not None else ""
        lines.insert(min(5, len(lines)), f"预算执行率：{rate}{score}")
        for ind in ws.indicator_rows(index):
            lines.append(
                "指标「{三级指标}」（{一级指标}/{二级指标}，{指标性质}）：年度指标值{年度指标值}{度量单位}，"
                "实际完成值{实际完成值}{度量单位}，分值{分值}，计算得分{计算得分}".format(**ind)
            )
        lines.append(f"金额单位：{ws.case.money_unit}")
        return ChatReply("\n".join(lines))

    return perform(ws, run)


def restyle(ws: Workspace, section: str, request: str, llm: str = "off", on_token: Any = None) -> ChatReply:
    """A request about how a section reads: the model rewrites it; offline, say what would make it fuller."""
    from assistant.pipeline import use_llm

    def run() -> ChatReply:
        from assistant.drafting.outline import outline_for
        from assistant.workspace.redraft import find_section

        if use_llm(llm):
            return redraft(ws, section, request, llm=llm, on_token=on_token)
        if ws.report is None:
            ws.draft(llm="off")
        report = ws.report
        assert report is not None
        outline = outline_for(ws.case.outline, report.outline or None)
        index = find_section(report, outline, section)
        heading, topic = report.sections[index].heading, outline.sections[index].template
        ws.redraft_section(report.sections[index].id, request, llm="off")  # kept for a model redraft
        feeds = _FED_BY.get(topic or "", "这一节引用的数据")
        return ChatReply(
            f"「{heading}」是按模板根据数据写的，离线时不能改写文风，您的要求已记下。"
            f"要让这一节更充实，可以补充{feeds}：直接告诉我，例如“某某项目的改进措施：……”。"
            "配置模型服务后，再说一次“重写这一节，写详细一点”，由模型按要求改写（数字仍由系统填写并审核）。"
        )

    return perform(ws, run)


def export(ws: Workspace, kind: str = "docx", *, confirmed: bool = False) -> ChatReply:
    """A file of the report; while it still has 【待补充】 the officer is asked first and told which."""

    def run() -> ChatReply:
        drafted = ""
        if ws.report is None:
            ws.draft(llm="off")
            drafted = "已先按模板起草报告。"
        left = ws.unfinished()
        name = "Word" if kind == "docx" else "Markdown"
        if left and not confirmed:
            return ChatReply(
                f"{drafted}报告还有 {len(left)} 处【待补充】：{'；'.join(left)}。"
                f"建议先补齐（说“继续”我接着问）；现在就要的话，说“仍然导出{name}”，或到“报告”页下载。"
            )
        path = ws.export(kind)  # type: ignore[arg-type]
        still = f"（其中还有 {len(left)} 处【待补充】）" if left else ""
        return ChatReply(
            f"{drafted}已生成{name}文件《{path.name}》{still}，点下面的文件即可下载。", files=[path]
        )

    return perform(ws, run)


def file_cause(ws: Workspace, project: int | None, text: str, asked: Gap | None = None) -> ChatReply:
    """A cause told as a statement: into that project's 偏差原因 (the one asked about, or the only one)."""

    def run() -> ChatReply:
        index = project
        if index is None and asked is not None and asked.project is not None:
            index = asked.project
        needing = [ps.index - 1 for ps in ws.unit().needing_explanation]
        if index is None and len(needing) == 1:
            index = needing[0]
        if index is None:
            raise InputError.single("这是哪个项目的原因？请带上项目名称，例如“档案数字化项目没花完是因为……”")
        change = ws.answer(f"p{index}.偏差原因", text)
        note = report_note(ws)
        return ChatReply(f"已记下：\n\n{change.render()}" + (f"\n\n{note}" if note else ""), [change])

    return perform(ws, run)


def list_missing(ws: Workspace) -> ChatReply:
    """The interview's list: key, owner and question of every gap (for the agent)."""

    def run() -> ChatReply:
        gaps = ws.gaps()
        if not gaps:
            return ChatReply("报告需要经办人补充的内容都齐了。")
        skipped = set(ws.interview.skipped)
        lines = [
            f"{n}. [{g.key}] {g.label}{'（已跳过）' if g.key in skipped else ''}：{g.question}"
            for n, g in enumerate(gaps, 1)
        ]
        return ChatReply(f"{ws.progress()}：\n" + "\n".join(lines))

    return perform(ws, run)


def record_answer(ws: Workspace, key: str, answer: str) -> ChatReply:
    """The officer's answer written into the field of gap ``key`` (a diff, undoable)."""

    def run() -> ChatReply:
        change = ws.answer(key, answer)
        gap = ws.ask()
        after = f"{ws.progress()}。下一项：{gap.question}" if gap else ws.progress()
        return ChatReply(f"已记入：\n\n{change.render()}\n\n{after}", [change])

    return perform(ws, run)


def skip_question(ws: Workspace, key: str) -> ChatReply:
    def run() -> ChatReply:
        ws.skip(key)
        gap = ws.ask()
        return ChatReply(f"已跳过。{ws.progress()}" + (f"。下一项：{gap.question}" if gap else ""))

    return perform(ws, run)
