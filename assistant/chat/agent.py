"""The online chat: a model with typed tools (``tools``) that does the work against the workspace.

Loop: the model answers, each tool call it makes runs against the ``Workspace`` and its Chinese result goes
back as a tool message, until the model answers in plain text (at most ``MAX_STEPS`` model turns). Calls are
retried like the drafter's (``assistant.llm.retry``: timeouts, 429, 5xx); the final text streams through
``on_token``. The reply never rests on the model's word for numbers: it ends with the actual changes
(``Change.render``), and figures in the model's text that match no known number are called out.

langchain is imported inside functions only.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from assistant.chat import texts
from assistant.chat.reply import ChatReply
from assistant.chat.tools import run_tool, tool_schemas
from assistant.errors import JixiaoError
from assistant.llm.retry import CallBudget, RetryPolicy, RetryReport, call_with_retry
from assistant.llm.settings import LLMSettings, load_llm_settings
from assistant.numbers import find_numbers
from assistant.workspace import Workspace

MAX_STEPS = 6
HISTORY_MESSAGES = 12
HISTORY_CHARS = 1500
ChatToken = Callable[[str], None]  # a piece of the reply; "" means "forget what was shown so far"

SYSTEM = """\
你是“绩效自评助手”，帮助{unit}的经办人员整理数据、起草和审核{year}年度项目支出绩效自评报告。
工作规则：
1. 修改数据、增加指标、起草或重写报告、审核报告、解释得分、撤销修改，都必须调用工具完成；没有调用工具就不要说已经完成。
2. 案例的金额单位是{money_unit}。用户说的金额（如“5.6万元”“56000元”）连同单位原样传给工具，由系统换算。
3. 不要自己计算执行率、得分或等级，需要时调用 explain_score 或 show_data；工具结果中的数字才是准确的。
4. 工具返回“错误：”时，向用户说明原因，或换一种写法重新调用，不要编造结果。
5. 用简洁、礼貌的中文回答，不超过200字；修改明细由系统附在你的回答后面，不必逐条复述数字。
6. 用户要求写入报告的说明文字（如偏差原因）用 record_answer、update_field 或 redraft_section 的 instruction 记入数据，不要改动其中的事实。
7. 报告还缺只有经办人知道的内容时，按 list_missing 的顺序一次只问一个问题（用其中的问题原文，写明项目和需要说明的数字）；经办人的回答用 record_answer 原话记入对应编号；说“跳过”“下一个”时调用 skip_question。
8. “写详细一点”之类对写法的要求，作为 redraft_section 的 instruction 传入：它只改写法，不会成为报告内容。
9. 导出报告用 export_report；报告还有【待补充】时先告诉经办人还缺哪些，经办人确认后再以 confirmed=true 导出。

当前数据（序号. 项目名称：全年预算数、全年执行数、执行率、得分）：
{data}
报告状态：{report}
报告还缺的内容：{missing}"""


def system_prompt(ws: Workspace) -> str:
    if ws.report is None:
        report = "尚未起草"
    elif ws.report_stale:
        report = "已起草，但数据修改后尚未重新起草"
    else:
        report = f"已起草（共 {len(ws.report.sections)} 节）"
    case = ws.case
    gap = ws.next_gap()
    missing = f"{ws.progress()}；下一个要问的（编号 {gap.key}）：{gap.question}" if gap else ws.progress()
    return SYSTEM.format(
        unit=case.unit,
        year=case.year,
        money_unit=case.money_unit,
        data=texts.data_summary(ws),
        report=report,
        missing=missing,
    )


def _history(ws: Workspace) -> list[Any]:
    from langchain_core.messages import AIMessage, HumanMessage

    earlier = ws.chat[:-1] if ws.chat and ws.chat[-1]["role"] == "user" else ws.chat
    out: list[Any] = []
    for message in earlier[-HISTORY_MESSAGES:]:
        content = message["content"][:HISTORY_CHARS]
        out.append(HumanMessage(content) if message["role"] == "user" else AIMessage(content))
    return out


class _Turn:
    """One model call with retries and streaming; returns the AI message (tool calls parsed)."""

    def __init__(self, model: Any, settings: LLMSettings, on_token: ChatToken | None) -> None:
        self.model = model
        self.settings = settings
        self.on_token = on_token
        self.budget = CallBudget(settings.call_budget)
        self.report = RetryReport()
        self.policy = RetryPolicy.from_settings(settings)
        self.shown = False
        self.sleep: Callable[[float], None] | None = None

    def reset(self) -> None:
        if self.on_token is not None and self.shown:
            self.on_token("")
            self.shown = False

    def __call__(self, messages: list[Any]) -> Any:
        from assistant.llm.client import message_text

        def once() -> Any:
            if self.on_token is None:
                return self.model.invoke(messages)
            total = None
            for chunk in self.model.stream(messages):
                piece = message_text(chunk)
                if piece:
                    self.shown = True
                    self.on_token(piece)
                total = chunk if total is None else total + chunk
            if total is None:
                raise ValueError("No generation chunks were returned")
            return total

        kwargs: dict[str, Any] = {"sleep": self.sleep} if self.sleep else {}
        return call_with_retry(
            once,
            label="对话助手",
            policy=self.policy,
            budget=self.budget,
            report=self.report,
            secrets=(self.settings.secret(),),
            before_retry=self.reset,
            **kwargs,
        )


def respond_agent(
    ws: Workspace,
    message: str,
    *,
    llm: str = "auto",
    on_token: ChatToken | None = None,
    settings: LLMSettings | None = None,
    chat_model: Any | None = None,
) -> ChatReply:
    """Answer with the model and its tools; ``chat_model`` replaces the endpoint (any langchain chat model)."""
    from langchain_core.messages import HumanMessage, SystemMessage, ToolMessage

    from assistant.llm.client import build_chat_model, message_text

    settings = settings or load_llm_settings()
    model = (chat_model or build_chat_model(settings)).bind_tools(tool_schemas())
    turn = _Turn(model, settings, on_token)
    prompt = system_prompt(ws)
    messages: list[Any] = [SystemMessage(prompt), *_history(ws), HumanMessage(message)]
    officer_text = "\n".join([*(m["content"] for m in ws.chat if m["role"] == "user"), message])
    done: list[ChatReply] = []
    final = streamed = ""
    failure = None
    try:
        for _ in range(MAX_STEPS):
            ai = turn(messages)
            messages.append(ai)
            calls = list(getattr(ai, "tool_calls", None) or [])
            invalid = list(getattr(ai, "invalid_tool_calls", None) or [])
            if not calls and not invalid:
                streamed = message_text(ai)
                final = streamed.strip()
                break
            turn.reset()  # text said before tool calls is not the answer
            for call in calls:
                result = run_tool(ws, call["name"], call.get("args"), llm=llm, officer_text=officer_text)
                done.append(result)
                messages.append(ToolMessage(result.text, tool_call_id=call.get("id") or call["name"]))
            for bad in invalid:
                messages.append(
                    ToolMessage(
                        "错误：工具参数不是有效的 JSON，请重新调用",
                        tool_call_id=bad.get("id") or str(bad.get("name")),
                    )
                )
        else:
            final = "（已达到单次对话的最多步骤，先停在这里。）"
    except JixiaoError as exc:
        failure = settings.redact(str(exc))
    text = _compose(ws, final, done, failure, known=[prompt, message])
    if on_token is not None:
        shown = final if turn.shown and not failure and streamed == final else ""
        if shown and text.startswith(shown):
            on_token(text[len(shown) :])
        else:
            turn.reset()
            on_token(text)
    return ChatReply(
        text,
        [change for reply in done for change in reply.changes],
        report_changed=any(reply.report_changed for reply in done),
        findings=next((reply.findings for reply in reversed(done) if reply.findings is not None), None),
    )


def _compose(ws: Workspace, final: str, done: list[ChatReply], failure: str | None, known: list[str]) -> str:
    """The model's answer, then what really changed, then a warning about numbers nobody can vouch for."""
    parts = []
    if failure:
        parts.append(f"模型服务调用失败（{failure}）。可以稍后再试，或改用离线说法（说“帮助”看例子）。")
    elif final:
        parts.append(final)
    changes = [change for reply in done for change in reply.changes if change.diff]
    if changes:
        parts.append("本次实际修改如下：\n\n" + texts.change_summary(changes))
    elif not final and not failure:
        parts.append("\n\n".join(reply.text for reply in done) or "没有进行任何操作。")
    if final and not failure:
        sources = [*known, texts.data_summary(ws), *(reply.text for reply in done)]
        if ws.report_markdown:
            sources.append(ws.report_markdown)
        doubtful = untrusted_numbers(final, sources)
        if doubtful:
            parts.append(
                f"注意：回答中的数字{'、'.join(f'「{n}」' for n in doubtful)}与数据或修改记录对不上，"
                "请以上面的修改记录和评分表为准。"
            )
    return "\n\n".join(parts)


# Which kinds of known numbers can vouch for a number of each kind in the answer.
_VOUCHERS = {
    "amount": ("amount",),
    "percent": ("percent",),
    "percentage_point": ("percentage_point", "percent"),
    "score": ("score", "plain"),
}


def _known(sources: list[str]) -> dict[str, set[Decimal]]:
    known: dict[str, set[Decimal]] = {}
    for text in sources:
        for mention in find_numbers(text):
            known.setdefault(mention.kind, set()).update({mention.value, mention.raw_value})
    return known


def untrusted_numbers(answer: str, sources: list[str]) -> list[str]:
    """Amounts, percents and scores in ``answer`` that appear in none of ``sources`` (at the written precision)."""
    known = _known(sources)
    doubtful = []
    for mention in find_numbers(answer):
        if not mention.is_claim or mention.kind not in _VOUCHERS:
            continue
        candidates = {v for kind in _VOUCHERS[mention.kind] for v in known.get(kind, set()) if v.is_finite()}
        wanted = (mention.raw_value, mention.value)
        if mention.kind == "amount":  # amounts are stated exactly; rates and scores may be rounded
            matches = any(value in wanted for value in candidates)
        else:
            places = Decimal(1).scaleb(-mention.places)
            matches = any(
                value.quantize(places, ROUND_HALF_UP) in wanted
                for value in candidates
                if abs(value) < Decimal(10) ** 15
            )
        if not matches and mention.text not in doubtful:
            doubtful.append(mention.text)
    return doubtful
