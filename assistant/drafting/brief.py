"""What the model is told for one narrative section: the must-cover list, the slots, the facts JSON, the
markers to keep, and how long its answer may be.

Everything is derived from the template draft of the same section (the projects it names, the 【待补充】
markers it writes) and from the fact sheet, so the prompt asks for exactly what the template would say.
Prompt files are ``prompts/section.j2`` (first ask), ``reask.j2`` (problems of an answer) and ``continue.j2``
(an answer cut off at the token limit). The conversation itself lives in ``assistant.drafting.conversation``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from assistant.drafting.outline import OutlineSection
from assistant.drafting.validate import SectionValidator
from assistant.facts import FactSheet
from assistant.placeholders import CAUSE_PLACEHOLDER, GOAL_PLACEHOLDER, MEASURE_PLACEHOLDER
from assistant.scoring import IndicatorScore, ProjectScore, UnitScore

# Tokens an answer may need: a base for the opening and closing, plus so much per project the section covers
# and per indicator it must discuss (slots such as {{p12.i3.target}} cost 6 to 9 tokens each).
ANSWER_BASE_TOKENS = 600
PROJECT_TOKENS = {
    "background": 150,
    "goals": 220,
    "completion": 260,
    "indicators": 160,
    "deviations": 320,
    "experience": 260,
    "suggestions": 220,
}
INDICATOR_TOKENS = 90
MIN_ANSWER_TOKENS = 1024

_RULE_SLOTS = (
    "rules.explain_rate_below",
    "rules.exec_points",
    "rules.total_points",
    "rules.indicator_points",
)
_NAME_SLOT = re.compile(
    r"(?:^unit\.(?:name|self|money_unit)|\.(?:name|label|level1|level2|kind|unit|tier|grade))$"
)
_DEVIATION_TOPICS = ("deviations", "experience", "suggestions")


class Brief:
    """The prompt material for one section, derived from its template text and the fact sheet."""

    def __init__(
        self,
        unit: UnitScore,
        facts: FactSheet,
        outline_section: OutlineSection,
        validator: SectionValidator,
    ) -> None:
        self.unit = unit
        self.facts = facts
        self.outline_section = outline_section
        self.topic = outline_section.template or ""
        self.validator = validator
        by_index = {ps.index: ps for ps in unit.projects}
        self.projects: list[ProjectScore] = [by_index[i] for i in validator.required]

    def has(self, key: str) -> bool:
        return key in self.facts

    # --- the prompt ---

    def user_prompt(self, heading: str) -> str:
        from assistant.llm.prompts import render_prompt

        return render_prompt(
            "section.j2",
            heading=heading,
            guidance=self.outline_section.guidance or "",
            must_cover=self.must_cover(),
            keep=self.validator.markers,
            slots=self.slots(),
            facts_json=json.dumps(self.facts_json(), ensure_ascii=False, separators=(",", ":")),
            min_chars=max(100, min(len(self.validator.template_text) // 2, 800)),
        )

    def answer_tokens(self, limit: int) -> int:
        """``max_tokens`` for this section: sized from its projects and indicators, at most ``limit``."""
        per_project = PROJECT_TOKENS.get(self.topic, 200)
        indicators = sum(len(self._discussed(ps)) for ps in self.projects)
        wanted = ANSWER_BASE_TOKENS + per_project * max(len(self.projects), 1) + INDICATOR_TOKENS * indicators
        return min(max(wanted, MIN_ANSWER_TOKENS), limit)

    def _discussed(self, ps: ProjectScore) -> list[int]:
        """The indicators the answer discusses one by one: the flagged ones in the completion section."""
        if self.topic == "completion":
            return [k for k, s in enumerate(ps.indicators, 1) if s.missed or s.short or s.over_achieved]
        return self._indicators_for(ps)

    def _indicators_for(self, ps: ProjectScore) -> list[int]:
        """The 1-based numbers of the indicators the section discusses for a project: all of them for goals
        and completion, those of the section's 一级指标 for indicators, the missed or exceeded otherwise."""
        numbered = list(enumerate(ps.indicators, 1))
        if self.topic in ("goals", "completion"):
            return [k for k, _ in numbered]
        if self.topic == "indicators":
            level1 = (self.outline_section.level1 or "")[:2]
            return [k for k, s in numbered if not level1 or s.indicator.level1[:2] == level1]
        return [k for k, s in numbered if s.missed or s.over_achieved]

    # --- must cover ---

    def must_cover(self) -> list[str]:
        items = []
        if self.topic == "background" and self.has("unit.background"):
            items.append("单位职责和概况（{{unit.background}}）")
        if self.topic == "background" and len(self.unit.projects) > 1:
            items.append("共安排项目支出{{total.projects}}个，列出各项目名称")
        for ps in self.projects:
            items.append(self._project_item(ps))
        if not self.projects:
            if self.topic in (*_DEVIATION_TOPICS, "problems"):
                items.append("{{unit.self}}各项目均按计划执行，未发现明显偏离绩效目标的情况（不要编造问题）")
            else:
                items.append("按本节写作要求概括，不编造事实")
        return items

    def _project_item(self, ps: ProjectScore) -> str:
        p = self.facts.key_of(ps)
        parts: list[str] = []
        flagged = [(k, s) for k, s in enumerate(ps.indicators, 1) if s.missed or s.over_achieved]
        topic = self.topic
        if topic == "background":
            if self.has(f"{p}.background"):
                parts.append(f"项目背景（{{{{{p}.background}}}}）")
            for key, what in (("implementer", "实施单位"), ("department", "主管部门")):
                if self.has(f"{p}.{key}") and self.facts[f"{p}.{key}"] in self.validator.template_text:
                    parts.append(f"{what}（{{{{{p}.{key}}}}}）")
        elif topic == "goals":
            if self.has(f"{p}.goal"):
                parts.append(f"年度总体目标（{{{{{p}.goal}}}}）")
            else:
                parts.append(f"未填报年度总体目标，写{GOAL_PLACEHOLDER}，不得编写目标")
            if ps.indicators:
                parts.append(f"设置绩效指标{{{{{p}.indicators}}}}个及各指标的年度指标值和分值")
        elif topic == "completion":
            parts.append(
                "全年预算数、全年执行数、预算执行率" + ("、自评得分和等级" if self.has(f"{p}.score") else "")
            )
            if self.has(f"{p}.goal") or self.has(f"{p}.outcome"):
                parts.append("年度总体目标和实际完成情况（引用占位符）")
            if not self.has(f"{p}.outcome"):
                parts.append("未填报实际完成情况，不得编写完成情况或成效")
            parts += [self._indicator(p, k, s) for k, s in flagged]
            parts += [self._indicator(p, k, s) for k, s in enumerate(ps.indicators, 1) if _only_short(s)]
        elif topic == "indicators":
            for k in self._indicators_for(ps):
                parts.append(f"“{{{{{p}.i{k}.name}}}}”的年度指标值、实际完成值和得分")
        elif topic in _DEVIATION_TOPICS:
            parts += self._deviation(ps, p, flagged)
        elif topic == "problems":
            if self.unit.ruleset.rate_needs_explanation(ps.rate):
                parts.append("预算执行率低于{{rules.explain_rate_below}}%（不写原因）")
            parts += [self._indicator(p, k, s) for k, s in flagged]
            if not self.has(f"{p}.goal"):
                parts.append("未填报年度总体目标")
        elif topic.startswith("management_") and self.has(f"{p}.implementer"):
            parts.append(f"实施单位（{{{{{p}.implementer}}}}）")
        else:
            parts.append("本节涉及的情况")
        marks = [
            m for m in self.validator.segment_marks.get(ps.index, []) if not any(m in part for part in parts)
        ]
        if marks:
            parts.append("原样写" + "、".join(marks))
        return "{{" + p + ".label}}：" + "；".join(parts)

    def _indicator(self, p: str, k: int, s: IndicatorScore) -> str:
        how = "超额完成" if s.over_achieved else "未达成年度指标值"
        if _only_short(s):
            how = "略未达到年度指标值（按规则不扣分，不要写成已达到）"
        i = f"{p}.i{k}"
        if s.indicator.is_qualitative:
            return f"“{{{{{i}.name}}}}”指标{how}（评价档次、得分）"
        return f"“{{{{{i}.name}}}}”指标{how}（年度指标值、实际完成值、得分）"

    def _deviation(self, ps: ProjectScore, p: str, flagged: list[tuple[int, IndicatorScore]]) -> list[str]:
        parts = []
        if self.topic != "suggestions":
            rules = self.unit.ruleset
            if rules.rate_needs_explanation(ps.rate):
                parts.append(f"预算执行率{{{{{p}.rate}}}}%低于{{{{rules.explain_rate_below}}}}%")
            elif self.has(f"{p}.rate"):
                parts.append(f"全年预算数、全年执行数、预算执行率{{{{{p}.rate}}}}%")
            parts += [self._indicator(p, k, s) for k, s in flagged]
        notes = [f"{{{{{p}.i{k}.note}}}}" for k, _ in flagged if self.has(f"{p}.i{k}.note")]
        if notes:
            parts.append("指标偏差原因分析及改进措施（" + "、".join(notes) + "）")
        wanted = [("cause", "偏差原因", CAUSE_PLACEHOLDER), ("measure", "改进措施", MEASURE_PLACEHOLDER)]
        if self.topic == "experience":
            wanted = wanted[:1]
        elif self.topic == "suggestions":
            wanted = wanted[1:]
        marks = self.validator.project_marks.get(ps.index, [])
        for key, what, mark in wanted:
            if self.has(f"{p}.{key}"):
                parts.append(f"{what}（{{{{{p}.{key}}}}}，只引用，不发挥）")
            elif mark in marks:
                parts.append(f"未填报{what}，写{mark}，不得编写")
        return parts

    # --- slots and facts ---

    def slots(self) -> list[tuple[str, str]]:
        """Number-like keys with their values, plus names; officer texts are only in the facts JSON."""
        wanted = tuple(f"{self.facts.key_of(ps)}." for ps in self.projects)
        out = []
        for key, value in self.facts.values.items():
            head = key.split(".", 1)[0]
            if head == "rules" and key not in _RULE_SLOTS:
                continue
            if not (head in ("unit", "total", "grade_count", "rules") or key.startswith(wanted)):
                continue
            if key.endswith(".index"):
                continue  # a position in the case, never a figure of the report
            if self.facts.kinds.get(key) == "text" and not _NAME_SLOT.search(key):
                continue
            out.append(("{{" + key + "}}", value))
        return out

    def facts_json(self) -> dict[str, Any]:
        """The section's facts, pruned to what its topic needs (background needs no indicators)."""
        data = self.facts.section_facts(self.projects)
        data.pop("rules", None)  # the few rule keys a section needs are in the slot list
        by_key = {self.facts.key_of(ps): ps for ps in self.projects}
        for project in data["projects"]:
            project.pop("index", None)
            ps = by_key[project["key"]]
            if self.topic == "background" or self.topic.startswith("management_"):
                project.pop("src", None)
                project["indicators"] = []
                continue
            if self.topic in (*_DEVIATION_TOPICS, "problems", "indicators"):
                keep = {f"{project['key']}.i{k}" for k in self._indicators_for(ps)}
                project["indicators"] = [i for i in project["indicators"] if i["key"] in keep]
        return data


def render_reask(heading: str, answer: str, problems: list[str]) -> str:
    from assistant.llm.prompts import render_prompt

    return render_prompt("reask.j2", heading=heading, answer=answer or "（空）", problems=problems)


def render_continue(heading: str) -> str:
    from assistant.llm.prompts import render_prompt

    return render_prompt("continue.j2", heading=heading)


def _only_short(s: IndicatorScore) -> bool:
    """Short of its target by less than the score's rounding: no points lost, no cause needed, but not reached."""
    return s.short and not s.missed and not s.over_achieved
