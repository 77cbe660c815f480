"""What the assistant says, in Chinese: help, audit summaries, change summaries, the report's state.

Shared by the offline intent handler and the agent's tool results so both describe things the same way.
"""

from __future__ import annotations

from assistant.audit import AuditResult
from assistant.models import format_amount
from assistant.workspace import Change, Workspace

SEVERITY = {"error": "错误", "warning": "提醒", "info": "说明"}
MAX_FINDINGS = 10

CAPABILITIES = """\
- 修改数据：“把七一项目的执行数改为5.6万元”“七一项目全年执行数改成56000元”（金额单位自动换算）“档案数字化项目的改进措施：加快验收”
- 查看数据：“七一项目执行数是多少”“看看档案数字化项目”“本单位是什么情况”
- 修改指标：“把家庭医生项目‘签约居民满意度’指标的实际完成值改为92”
- 增加指标：“给七一项目增加一个指标：数量指标，表彰人数不少于10人，实际完成12人，分值10”
- 撤销：“撤销”“撤回上一步”
- 起草报告：“起草报告”“生成报告”
- 重写一节：“重写偏离原因一节，说明尾款要验收后支付”（说明文字写入项目的偏差原因等字段后重新起草该节）
- 解释得分：“为什么档案数字化项目只有90分？”
- 审核报告：“检查这份报告”“审核”"""

HELP = "我可以帮您整理数据、起草和审核绩效自评报告。可以这样说：\n" + CAPABILITIES
OFFLINE = (
    "未配置模型服务，离线模式可以：\n"
    + CAPABILITIES
    + "\n\n其他问题需要配置模型服务后才能回答（设置 JIXIAO_LLM_BASE_URL、JIXIAO_LLM_MODEL，需要时设置 JIXIAO_LLM_API_KEY）。"
)
OFF_MODE = "当前为离线模式（未启用模型），可以：\n" + CAPABILITIES


def audit_summary(result: AuditResult, *, stale: bool = False) -> str:
    """The findings in a few lines: counts, then the first ones with line, quote and what is expected."""
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
    for n, f in enumerate(result.findings[:MAX_FINDINGS], 1):
        where = f"第{f.line}行" if f.line else (f.section or "正文")
        quote = f.quote.replace("\n", " ")
        quote = quote if len(quote) <= 60 else quote[:59] + "…"
        detail = ""
        if f.expected or f.found:
            detail = f"（应为 {f.expected or '—'}，文中为 {f.found or '—'}）"
        lines.append(f"{n}. 【{SEVERITY[f.severity or 'info']}】{where}“{quote}”：{f.message}{detail}")
    if len(result.findings) > MAX_FINDINGS:
        lines.append(f"……共 {len(result.findings)} 处，完整清单见报告旁的审核结果。")
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


def data_summary(ws: Workspace, limit: int = 40) -> str:
    """Current figures per project, one line each (for the agent's context and number checks)."""
    unit = ws.unit()
    money = ws.case.money_unit
    lines = []
    for ps in unit.projects[:limit]:
        p = ps.project
        rate = f"{ps.rate_shown}%" if ps.rate_shown is not None else "不适用"
        score = f"{ps.score}分（{ps.grade}）" if ps.score is not None else "未评分"
        indicators = f"，指标{len(p.indicators)}个" if p.indicators else ""
        budget, executed = format_amount(p.budget, money), format_amount(p.executed, money)
        lines.append(
            f"{ps.index}. {p.name}：全年预算数{budget}{money}，全年执行数{executed}{money}，"
            f"执行率{rate}，得分{score}{indicators}"
        )
    if len(unit.projects) > limit:
        lines.append(f"……共 {len(unit.projects)} 个项目")
    return "\n".join(lines)
