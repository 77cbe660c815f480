"""What a model-assisted report says about itself: each section's outcome and the closing disclosure line.

``SectionOutcome`` records who wrote one narrative section (the model, or the template after the model
failed) and why; ``note`` is its line in the draft's notes. ``disclosure`` is the paragraph ending the report
("本报告第四部分由大模型辅助起草……"); it has no digits, so the audit never reads it as a claim.
Places are named the way 公文 refer to parts: 第四部分, 第一部分“项目背景简要情况”.
The drafting loop lives in ``assistant.drafting.conversation``; the run in ``assistant.drafting.llm``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.drafting.issues import Issue, reasons
from assistant.facts import count_cn
from assistant.report import Report

Place = tuple[int, str | None]

# Failure kinds of ``assistant.llm.retry`` as the disclosure states them (no digits).
FAILURE_BRIEF = {
    "timeout": "模型请求超时",
    "rate_limit": "模型接口限流",
    "server": "模型服务端出错",
    "connection": "模型连接中断",
    "malformed": "模型返回内容无法解析",
    "budget": "模型调用次数已用完",
    "time_budget": "模型调用总时限已到",
    "status": "模型接口拒绝请求",
}


@dataclass
class SectionOutcome:
    """What happened to one narrative section: who wrote it, in how many answers, and why it fell back."""

    section_id: str
    label: str
    source: str = "template"
    answers: int = 0
    issues: list[list[Issue]] = field(default_factory=list)
    reason: str | None = None
    brief: str | None = None  # the reason as the disclosure states it (no digits)
    continued: int = 0  # answers cut off at the token limit and continued

    def note(self) -> str:
        if self.source == "llm":
            tail = (
                "" if self.answers <= 1 else f"（此前 {self.answers - 1} 次回答未通过校验：{self._seen()}）"
            )
            cut = f"（回答超出单次长度，续写 {self.continued} 次）" if self.continued else ""
            return f"{self.label}：由模型起草，第 {self.answers} 次回答通过校验{tail}{cut}。"
        return f"{self.label}：{self.reason or '未采用模型输出'}，改用模板。"

    def _seen(self) -> str:
        return reasons(issue for round_ in self.issues for issue in round_)


def section_places(report: Report) -> list[Place]:
    """Where each section sits: (level-1 ordinal, heading below level 1 or None); ordinal 0 = unnumbered."""
    places: list[Place] = []
    part = 0
    for section in report.sections:
        numbered = section.heading[:1] in "一二三四五六七八九十"
        if section.level == 1 and numbered:
            part += 1
        bare = section.heading
        for sep in ("、", "）", "."):
            head, found, rest = bare.partition(sep)
            if found and len(head) <= 4:
                bare = rest
                break
        places.append((part, None) if section.level == 1 and numbered else (part, bare))
    return places


def section_labels(report: Report) -> list[str]:
    """How notes name each section: 第四部分, or 第一部分“项目背景简要情况” below level 1."""
    return [_place_label(part, sub) for part, sub in section_places(report)]


def _place_label(part: int, sub: str | None) -> str:
    if part == 0:
        return f"“{sub}”"
    return f"第{count_cn(part)}部分" + (f"“{sub}”" if sub else "")


def join_places(places: Iterable[Place]) -> str:
    """[(1, 背景), (1, 目标), (4, None), (5, None)] → 第一部分“背景”“目标”，第四、五部分."""
    tokens: list[str] = []
    wholes: list[int] = []

    def flush() -> None:
        if wholes:
            tokens.append("第" + "、".join(count_cn(n) for n in wholes) + "部分")
            wholes.clear()

    by_part: dict[int, list[str | None]] = {}
    for part, sub in places:
        by_part.setdefault(part, []).append(sub)
    for part, subs in by_part.items():
        if part and None in subs:
            wholes.append(part)
            continue
        flush()
        named = "".join(f"“{sub}”" for sub in subs if sub)
        tokens.append((f"第{count_cn(part)}部分" if part else "") + named)
    flush()
    return "，".join(tokens)


def disclosure(places: Sequence[Place], outcomes: Iterable[tuple[int, SectionOutcome]]) -> str:
    """The closing line naming model-written and fallen-back sections (no digits, so the audit ignores it).

    ``outcomes`` are (section index, outcome) for every section the model was asked to write.
    """
    outcomes = list(outcomes)
    model = [places[index] for index, outcome in outcomes if outcome.source == "llm"]
    fallen = [(index, outcome) for index, outcome in outcomes if outcome.source != "llm"]
    if model:
        text = f"说明：本报告{join_places(model)}由大模型辅助起草，其余部分由模板生成"
    else:
        text = "说明：本报告全部由模板生成"
    if fallen:
        causes = "；".join(
            f"{join_places([places[index]])}因{outcome.brief or '未采用模型输出'}"
            for index, outcome in fallen
        )
        text += f"；{causes}，改用模板"
    return text + "。文中数字均由事实表自动填入，请经办人员核对后使用。"
