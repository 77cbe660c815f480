"""What the assistant says, in Chinese: help (with the session's own projects), audit summaries, change
summaries, the report's state. Shared by the offline chat and the agent's tool results.
"""

from __future__ import annotations

from assistant.audit import AuditResult, Finding
from assistant.audit.names import YEAR_PREFIX
from assistant.errors import JixiaoError
from assistant.io import CASE_SUFFIXES, REPORT_SUFFIXES
from assistant.models import format_amount
from assistant.scoring import UnitScore, fmt
from assistant.workspace import Change, Workspace
from assistant.workspace.resolve import resolve_project

SEVERITY = {"error": "错误", "warning": "提醒", "info": "说明"}
MAX_FINDINGS = 10

HELP_HEAD = "我可以帮您把自评报告补全、起草、检查和导出。可以这样说："


def short_name(ws: Workspace, index: int) -> str:
    """A project's name as an officer would say it (without a leading year) when that is still unambiguous."""
    name = ws.case.projects[index].name
    short = YEAR_PREFIX.sub("", name) or name
    try:
        return short if resolve_project(ws.case, short) == index else name
    except JixiaoError:
        return name


def _focus(ws: Workspace) -> tuple[int, int]:
    """The project to use in examples (one that must explain a deviation, else the lowest score) and another."""
    unit = ws.unit()
    scored = sorted(
        unit.projects, key=lambda ps: (not ps.needs_explanation, ps.score if ps.score is not None else 0)
    )
    focus = scored[0].index - 1
    others = sorted(
        (ps for ps in unit.projects if ps.index - 1 != focus), key=lambda ps: len(ps.project.name)
    )
    return focus, (others[0].index - 1 if others else focus)


def example_why(ws: Workspace) -> str:
    focus, _ = _focus(ws)
    score = ws.unit().projects[focus].score
    return (
        f"“为什么{short_name(ws, focus)}只有{fmt(score)}分？”"
        if score is not None
        else "“为什么得分是这样？”"
    )


def examples(ws: Workspace) -> list[str]:
    """Short things to say, about the officer's own projects (the chat's example buttons)."""
    threshold = fmt(ws.unit().ruleset.deviation.explain_rate_below)
    return [
        "跳过",
        "还差什么",
        example_why(ws).strip("“”"),
        f"执行率不到{threshold}%的项目有几个？",
        "哪些项目没达标？",
        "写报告",
        "导出Word",
    ]


def help_text(ws: Workspace) -> str:
    """What the assistant understands, with examples from this session's projects."""
    focus, other = _focus(ws)
    money = ws.case.money_unit
    executed = format_amount(ws.case.projects[other].executed, money)
    threshold = fmt(ws.unit().ruleset.deviation.explain_rate_below)
    lines = [
        "回答我的问题：直接说内容；说“跳过”“下一个”先放一放，“还差什么”看还缺哪些，“撤销”收回上一条",
        f"改数字：“把{short_name(ws, other)}的执行数改为{executed}{money}”（金额单位自动换算）",
        f"补原因和措施：“{short_name(ws, focus)}的改进措施：加快验收付款进度”",
        f"问数据：{example_why(ws)}“执行率不到{threshold}%的项目有几个？”“哪些项目没达标？”",
        "写报告：“写报告”“帮我把报告写出来”；导出：“导出Word”",
        "改某一节：“重写第五部分，写详细一点”（配置模型后由模型改写；离线时说明能补充什么）",
        "检查：“检查这份报告”“能交了吗”；别的报告贴进来检查：“帮我检查一下这份报告：（全文）”",
        "用本单位的表：“怎么上传我们单位的自评表”",
    ]
    return HELP_HEAD + "\n" + "\n".join(f"- {line}" for line in lines)


def not_understood(ws: Workspace, *, configured: bool = False) -> str:
    tail = (
        "当前选择了离线模式（不使用模型）。"
        if configured
        else "更自由的问答需要管理员配置模型服务；不配置也能完成整篇报告。"
    )
    return "这句话我没听懂。" + help_text(ws).removeprefix(HELP_HEAD) + "\n\n" + tail


def audit_summary(
    result: AuditResult, *, stale: bool = False, full_list: str = "完整清单见报告旁的审核结果"
) -> str:
    """The findings in a few lines: counts, then the first ones with line, quote and what is expected;
    ``full_list`` says where to see them all when there are more."""
    s = result.summary
    dismissed = f"，另有 {len(result.dismissed)} 处已忽略" if result.dismissed else ""
    lines = []
    if stale:
        lines.append("注意：报告起草后数据又有修改，检查结果可能涉及已过期的数字，建议先重新起草。")
    if not result.findings:
        lines.append(f"审核完成，未发现文字与数据不一致之处{dismissed}。")
        return "\n".join(lines)
    lines.append(
        f"审核发现 {len(result.findings)} 处问题（错误 {s['error']} 处、提醒 {s['warning']} 处、说明 {s['info']} 处"
        f"{dismissed}）："
    )

    # errors first, then other warnings: a long list of 【待补充】 reminders must not hide a wrong number
    def rank(f: Finding) -> int:
        if f.severity == "error":
            return 0
        return 3 if f.severity == "info" else 2 if f.code == "PLACEHOLDER_LEFT" else 1

    ordered = sorted(result.findings, key=rank)
    for n, f in enumerate(ordered[:MAX_FINDINGS], 1):
        where = f"第{f.line}行" if f.line else (f.section or "正文")
        quote = f.quote.replace("\n", " ")
        quote = quote if len(quote) <= 60 else quote[:59] + "…"
        detail = ""
        if (f.expected or f.found) and f.code != "PLACEHOLDER_LEFT":
            detail = f"（应为 {f.expected or '—'}，文中为 {f.found or '—'}）"
        lines.append(f"{n}. 【{SEVERITY[f.severity or 'info']}】{where}“{quote}”：{f.message}{detail}")
    if len(result.findings) > MAX_FINDINGS:
        lines.append(f"……共 {len(result.findings)} 处，{full_list}。")
    return "\n".join(lines)


def report_note(ws: Workspace) -> str:
    """One sentence on how the report stands after a data change ("" when there is no report)."""
    if ws.report is None:
        return ""
    if ws.report_stale:
        return "报告中有模型起草的章节，数据修改后未自动更新，建议说“起草报告”重新生成。"
    return "报告已按新数据同步更新。"


def change_summary(changes: list[Change]) -> str:
    """Every change rendered (修改前/修改后 tables), for the end of a reply."""
    return "\n\n".join(change.render() for change in changes)


def totals_line(unit: UnitScore) -> str:
    """The unit in one sentence: budget, spending, rate and the mean score."""
    money = unit.case.money_unit
    rate = f"，预算执行率 {fmt(unit.rate_shown)}%" if unit.rate_shown is not None else ""
    mean = f"，各项目平均得分 {fmt(unit.mean_score)} 分" if unit.mean_score is not None else ""
    return (
        f"{len(unit.projects)} 个项目全年预算数合计 {format_amount(unit.budget, money)}{money}，"
        f"全年执行数合计 {format_amount(unit.executed, money)}{money}{rate}{mean}。"
    )


def data_summary(ws: Workspace, limit: int = 40, only: list[int] | None = None) -> str:
    """Current figures per project (or of the 0-based ``only``), one line each (also the agent's context)."""
    unit = ws.unit()
    money = ws.case.money_unit
    lines = []
    chosen = [unit.projects[i] for i in only] if only is not None else unit.projects[:limit]
    for ps in chosen:
        p = ps.project
        rate = f"{ps.rate_shown}%" if ps.rate_shown is not None else "不适用"
        score = f"{ps.score}分（{ps.grade}）" if ps.score is not None else "未评分"
        indicators = f"，指标{len(p.indicators)}个" if p.indicators else ""
        budget, executed = format_amount(p.budget, money), format_amount(p.executed, money)
        lines.append(
            f"{ps.index}. {p.name}：全年预算数{budget}{money}，全年执行数{executed}{money}，"
            f"执行率{rate}，得分{score}{indicators}"
        )
    if only is None and len(unit.projects) > limit:
        lines.append(f"……共 {len(unit.projects)} 个项目")
    return "\n".join(lines)


UPLOAD_LIMIT = "10 MB"  # the web UI's upload limit (``ui.config.MAX_UPLOAD``; a test keeps the two in step)


def upload_help() -> str:
    """How to bring in the unit's own 自评表 or case file in the web UI, and the formats read."""
    cases = "、".join(CASE_SUFFIXES)
    reports = "、".join(REPORT_SUFFIXES)
    return (
        "用本单位自己的数据：到“数据”页，把文件拖到“上传本单位的自评表”框里（或点击选择文件）。读入后新建一个会话，"
        "执行率、得分和等级自动算好，对话从头问起；当前会话已自动保存，可在“会话”页找回。\n"
        f"- 可以上传：Excel 自评表（.xlsx：全国通用格式、四川格式、云南格式，或一行一个项目的汇总表），"
        f"或 YAML / JSON 案例文件（{cases}）；单个文件不超过 {UPLOAD_LIMIT}。\n"
        "- 旧版 .xls 或 WPS 表格（.et）请先在 Excel 或 WPS 中另存为 .xlsx。\n"
        "- 表中没有写明单位名称或年度的，先在上传框下方“在此补充”处填上，再上传。\n"
        f"- 已经写好的报告（{reports}）不在这里上传：要检查它，请到“审核”页上传或粘贴，"
        "也可以直接把报告文字贴到对话里，说“帮我检查一下这份报告：……”。"
    )
