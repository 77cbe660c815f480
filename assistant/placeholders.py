"""The visible placeholder a draft leaves where only the officer can supply the text: 【待补充：偏差原因】.

Nothing is invented: the drafters (``drafting.template``) write these marks, the model drafter's validator
(``drafting.validate``) refuses an answer that drops one, and the audit (``audit.checks.placeholders``) reports
each left in a report as a warning. The workspace's interview asks the officer for each one and writes the answer
into the field ``FIELD_OF_LABEL`` names, after which the re-drafted text no longer has it. Drafters should write
labels from this table so that every mark they leave can be answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal


def placeholder(topic: str) -> str:
    """The mark asking the officer for ``topic``: 【待补充：topic】."""
    return f"【待补充：{topic}】"


# The topics of the facts a project files (the marker labels every drafter writes, template and model alike).
GOAL = "年度总体目标"
OUTCOME = "实际完成情况"
SOURCES = "资金来源"
CAUSE = "偏差原因"
MEASURE = "改进措施"
IMPLEMENTER = "实施单位"

CAUSE_PLACEHOLDER = placeholder(CAUSE)
MEASURE_PLACEHOLDER = placeholder(MEASURE)


# A project's missing fact: one mark per project and fact (never one for ten projects), in a sentence naming the
# project, which reads as finished once the officer's text takes the mark's place. Template and model drafter
# (its brief and validator) write the same marks.
GOAL_PLACEHOLDER = placeholder(GOAL)
OUTCOME_PLACEHOLDER = placeholder(OUTCOME + "（主要产出、效益和满意度情况）")
SOURCES_HINT = "当年财政拨款、上年结转资金和其他资金金额"

# Any placeholder, including 【待核实：…】 (a figure the officer must confirm).
ANY_PLACEHOLDER = re.compile(r"【待(?:补充|核实)：[^】]*】")

PREFIX = "【待补充"
# A 【待补充】 mark with or without its topic; group 1 is the topic.
MARKER = re.compile(r"【待补充(?:[：:]\s*([^】]*))?】")

Scope = Literal["project", "unit"]

# The unit-level facts only the officer knows: data key (as in the case file) → what it is, in Chinese.
OFFICER_FACTS: dict[str, str] = {
    "评价组织": "谁牵头组织本次自评（如“由办公室牵头、各业务股室配合成立绩效评价工作组”）",
    "评价依据": "本次自评依据的通知或文件",
    "存在问题": "项目管理中存在的问题",
    "结果应用": "自评结果拟如何应用",
    "公开情况": "自评结果的公开情况",
    "主要经验": "主要经验及做法",
    "其他说明": "其他需要说明的问题",
    "组织实施": "项目的组织实施方式（实施方案、任务分解、进度管控和验收）",
    "资金管理": "资金拨付、支付审批、会计核算和结余资金管理情况",
    "制度建设": "项目管理和资金管理制度的制定和执行情况",
    "政府采购": "政府采购执行情况（不涉及的写明不涉及）",
    "主要成效": "项目实施取得的主要成效",
    "成文日期": "报告的成文日期",
}

# Marker topic (what a drafter writes after 待补充：) → (scope, data key of the field that fills it).
FIELD_OF_LABEL: dict[str, tuple[Scope, str]] = {
    "偏差原因": ("project", "偏差原因"),
    "改进措施": ("project", "改进措施"),
    "绩效目标": ("project", GOAL),  # the older label models still write
    GOAL: ("project", GOAL),
    OUTCOME: ("project", OUTCOME),
    SOURCES: ("project", SOURCES),
    "自评得分": ("project", "自评得分"),
    "项目背景": ("unit", "单位概况"),
    "单位概况": ("unit", "单位概况"),
    "评价组织": ("unit", "评价组织"),
    "自评组织": ("unit", "评价组织"),
    "评价依据": ("unit", "评价依据"),
    "自评依据": ("unit", "评价依据"),
    "存在问题": ("unit", "存在问题"),
    "存在的问题": ("unit", "存在问题"),
    "结果应用": ("unit", "结果应用"),
    "自评结果应用": ("unit", "结果应用"),
    "公开情况": ("unit", "公开情况"),
    "主要经验": ("unit", "主要经验"),
    "主要经验及做法": ("unit", "主要经验"),
    "其他说明": ("unit", "其他说明"),
    "其他需要说明的问题": ("unit", "其他说明"),
    IMPLEMENTER: ("project", IMPLEMENTER),
    "组织实施": ("unit", "组织实施"),
    "资金管理": ("unit", "资金管理"),
    "制度建设": ("unit", "制度建设"),
    "政府采购": ("unit", "政府采购"),
    "主要成效": ("unit", "主要成效"),
    "成文日期": ("unit", "成文日期"),
}


@dataclass(frozen=True)
class Marker:
    """One placeholder in a text: its topic (may be empty) and where it is."""

    label: str
    start: int
    end: int

    @property
    def text(self) -> str:
        return placeholder(self.label) if self.label else "【待补充】"


def find_markers(text: str) -> list[Marker]:
    """Every 【待补充…】 in ``text``, in order."""
    return [Marker((m.group(1) or "").strip(), m.start(), m.end()) for m in MARKER.finditer(text)]


def field_of(label: str) -> tuple[Scope, str] | None:
    """The field a marker's topic asks for; a topic with a note after it ("其他需要说明的问题（如无…）") counts."""
    bare = re.split(r"[（(，,：:]", label, maxsplit=1)[0].strip()
    return FIELD_OF_LABEL.get(bare) or FIELD_OF_LABEL.get(label.strip())


def topic_of(mark: str) -> str | None:
    """The data key a marker asks for (年度总体目标 for 【待补充：绩效目标】 and 【待补充：年度总体目标（…）】)."""
    found = find_markers(mark)
    target = field_of(found[0].label) if found else None
    return target[1] if target else None
