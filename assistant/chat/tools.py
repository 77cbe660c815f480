"""The agent's typed tools: pydantic argument models, their OpenAI function schemas, and one dispatcher.

Schemas are plain OpenAI ``tools`` dicts built from the models (no langchain here), so tests can check the
exact request the model received. Each tool runs an ``actions`` function; bad arguments come back to the
model as Chinese text, never as an exception.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.chat import actions
from assistant.chat.grounding import OFFICER_ONLY_FIELDS, not_said_message, said_by_officer
from assistant.chat.reply import ChatReply
from assistant.errors import JixiaoError
from assistant.validation import Wording, problems_from
from assistant.workspace import Workspace
from assistant.workspace.fields import project_field

log = logging.getLogger("assistant.chat")
_PROJECT = "项目名称（可用名称中能唯一识别的几个字）或序号（从1开始）"


class _Args(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)  # models send 56000 for "56000"


class UpdateField(_Args):
    """修改一个项目的一项数据，如全年执行数、全年预算数、年初预算数、偏差原因、改进措施、年度总体目标、实际完成情况、自评得分。"""

    project: str = Field(description=_PROJECT)
    field: str = Field(
        description="字段名，如 全年执行数、全年预算数、年初预算数、偏差原因、改进措施、年度总体目标、实际完成情况、自评得分"
    )
    value: str = Field(
        description="新值。金额请带单位原样填写，如“5.6万元”或“56000元”，系统按案例的金额单位换算"
    )


class UpdateIndicator(_Args):
    """修改某个项目的一个绩效指标的一项数据，如实际完成值、年度指标值、分值、得分（仅定性指标）、评价档次。"""

    project: str = Field(description=_PROJECT)
    indicator: str = Field(description="三级指标名称（可用能唯一识别的部分）或该项目内的指标序号")
    field: str = Field(
        description="字段名，如 实际完成值、年度指标值、分值、得分、评价档次、指标性质、度量单位、偏差原因分析及改进措施"
    )
    value: str = Field(description="新值")


class AddIndicator(_Args):
    """给一个项目增加一个绩效指标。"""

    project: str = Field(description=_PROJECT)
    name: str = Field(description="三级指标名称")
    level1: str = Field(description="一级指标：产出指标、效益指标或满意度指标")
    level2: str | None = Field(
        default=None, description="二级指标，如 数量指标、质量指标、社会效益指标、服务对象满意度指标"
    )
    kind: str = Field(default="≥", description="指标性质：≥（正向）、≤（反向）、=（等于）或 定性")
    target: str | None = Field(default=None, description="年度指标值（定量指标填数字）")
    actual: str | None = Field(default=None, description="实际完成值（定量指标填数字）")
    unit: str | None = Field(default=None, description="度量单位，如 %、人次、个")
    points: str = Field(description="分值")
    score: str | None = Field(default=None, description="得分（仅定性指标填写）")
    tier: str | None = Field(default=None, description="评价档次（仅定性指标）")
    deviation_note: str | None = Field(default=None, description="偏差原因分析及改进措施")


class DraftReport(_Args):
    """按当前数据起草（或重新起草）整篇绩效自评报告，并自动审核。"""


class RedraftSection(_Args):
    """重写报告的一节。instruction 是经办人要求写入的内容（如偏差原因），会先记入项目数据再重写该节。"""

    section: str = Field(
        description="章节标题或其中的关键词，如“偏离绩效目标的原因和改进措施”“偏离原因”“项目背景”"
    )
    instruction: str | None = Field(
        default=None, description="经办人要求说明的内容，如“尾款要验收后支付”；没有则留空"
    )


class RunAudit(_Args):
    """审核当前报告：找出文字与数据不一致、缺少偏差原因等问题。"""


class ExplainScore(_Args):
    """按评分记录解释一个项目的得分：执行率得分、各指标的计分规则、公式和失分。"""

    project: str = Field(description=_PROJECT)


class Undo(_Args):
    """撤销上一次数据修改或章节重写。"""


class ListMissing(_Args):
    """列出报告还缺的内容（每项有编号 key、所属项目、字段和要问经办人的问题），按应当询问的顺序。"""


class RecordAnswer(_Args):
    """把经办人对某个问题的回答（原话）记入对应项目的对应字段，替换报告中的【待补充】。"""

    key: str = Field(description="list_missing 给出的编号，如 p2.偏差原因、unit.评价组织、all.资金来源")
    answer: str = Field(description="经办人的回答原文，不要改写、不要编造")


class SkipQuestion(_Args):
    """经办人暂时不回答某个问题（说“跳过”“下一个”时调用），之后再问。"""

    key: str = Field(description="list_missing 给出的编号")


class ExportReport(_Args):
    """导出报告文件。报告还有【待补充】时，先告诉经办人还缺什么，经办人确认后再以 confirmed=true 调用。"""

    kind: str = Field(default="docx", description="docx（Word）或 md（Markdown）")
    confirmed: bool = Field(default=False, description="经办人已确认在有【待补充】时仍要导出")


class ShowData(_Args):
    """查看当前数据：不填 project 时列出全部项目的金额、执行率和得分；填写时显示该项目的全部字段和指标。"""

    project: str | None = Field(default=None, description=_PROJECT + "；留空表示全部项目")


Runner = Callable[[Workspace, Any, str, Any], ChatReply]

TOOLS: dict[str, tuple[type[_Args], Runner]] = {
    "update_field": (UpdateField, lambda ws, a, llm, tok: actions.set_field(ws, a.project, a.field, a.value)),
    "update_indicator": (
        UpdateIndicator,
        lambda ws, a, llm, tok: actions.set_indicator(ws, a.project, a.indicator, a.field, a.value),
    ),
    "add_indicator": (
        AddIndicator,
        lambda ws, a, llm, tok: actions.add_indicator(ws, a.project, a.model_dump(exclude={"project"})),
    ),
    "draft_report": (DraftReport, lambda ws, a, llm, tok: actions.draft(ws, llm=llm, on_token=tok)),
    "redraft_section": (
        RedraftSection,
        lambda ws, a, llm, tok: actions.redraft(ws, a.section, a.instruction, llm=llm, on_token=tok),
    ),
    "run_audit": (RunAudit, lambda ws, a, llm, tok: actions.audit(ws)),
    "explain_score": (ExplainScore, lambda ws, a, llm, tok: actions.explain(ws, a.project)),
    "undo": (Undo, lambda ws, a, llm, tok: actions.undo(ws)),
    "show_data": (ShowData, lambda ws, a, llm, tok: actions.show(ws, a.project)),
    "list_missing": (ListMissing, lambda ws, a, llm, tok: actions.list_missing(ws)),
    "record_answer": (RecordAnswer, lambda ws, a, llm, tok: actions.record_answer(ws, a.key, a.answer)),
    "skip_question": (SkipQuestion, lambda ws, a, llm, tok: actions.skip_question(ws, a.key)),
    "export_report": (
        ExportReport,
        lambda ws, a, llm, tok: actions.export(ws, a.kind, confirmed=a.confirmed),
    ),
}


def tool_schemas() -> list[dict[str, Any]]:
    """The tools in OpenAI function-calling form."""
    out = []
    for name, (model, _) in TOOLS.items():
        schema = model.model_json_schema()
        schema.pop("title", None)
        schema.pop("description", None)
        for prop in schema.get("properties", {}).values():
            prop.pop("title", None)
        out.append(
            {
                "type": "function",
                "function": {
                    "name": name,
                    "description": (model.__doc__ or "").strip(),
                    "parameters": schema,
                },
            }
        )
    return out


def _officer_content(name: str, parsed: Any) -> str | None:
    """The text a call files as the officer's own content, or None (figures and commands are checked elsewhere)."""
    if name == "record_answer":
        return parsed.answer
    if name == "update_field":
        try:
            field = project_field(parsed.field)
        except JixiaoError:
            return None  # the action itself says the field is wrong
        return parsed.value if field in OFFICER_ONLY_FIELDS else None
    return None


# Tool calls: 参数「field」：缺少必填参数.
TOOL_WORDING = Wording(key="参数")


def run_tool(
    ws: Workspace,
    name: str,
    args: Any,
    *,
    llm: str = "auto",
    on_token: Any = None,
    officer_text: str | None = None,
) -> ChatReply:
    """Run one tool call; unknown tools and bad arguments are answered in Chinese (``error=True``).

    ``officer_text``: everything the officer said in this chat; when given, an answer or a cause, measure, goal or
    outcome the model files must come from it (``grounding``)."""
    if name not in TOOLS:
        return ChatReply(f"错误：没有名为「{name}」的工具，可用：{'、'.join(TOOLS)}", error=True)
    model, runner = TOOLS[name]
    try:
        parsed = model.model_validate(args or {})
    except ValidationError as exc:
        problems = "；".join(str(p) for p in problems_from(exc, args, None, TOOL_WORDING, model=model))
        return ChatReply(f"错误：工具「{name}」的参数不对（{problems}），请按说明重新调用", error=True)
    recorded = _officer_content(name, parsed)
    if officer_text is not None and recorded is not None and not said_by_officer(recorded, officer_text):
        log.info("tool %s refused: text not said by the officer", name)
        return ChatReply(not_said_message(recorded), error=True)
    try:
        reply = runner(ws, parsed, llm, on_token)
    except Exception as exc:  # a bug must not end the conversation; the log keeps the traceback
        log.exception("tool %s failed", name)
        return ChatReply(
            f"错误：执行工具「{name}」时出现内部错误（{type(exc).__name__}），请换一种方式或稍后再试",
            error=True,
        )
    if reply.error and not reply.text.startswith("错误"):
        reply.text = "错误：" + reply.text.removeprefix("未能完成：")
    return reply
