"""What the model records as the officer's answer must be what the officer said.

Causes, measures, goals and outcomes come only from the officer (the mission's rule). The prompt asks the model to
record answers in the officer's own words; this module makes it a check: a text the model files into such a field
must be found in the officer's messages — verbatim, or tidied (punctuation, lead-ins such as 主要是因为, a few
joining words) so that nearly all of its character pairs are the officer's. An invented cause shares few.
"""

from __future__ import annotations

import re

# Fields whose content only the officer knows (project fields the model may set with update_field).
OFFICER_ONLY_FIELDS = frozenset({"年度总体目标", "实际完成情况", "背景", "偏差原因", "改进措施"})
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_NOTHING = re.compile(r"^(?:无|没有|暂无|没|无问题|没有问题)$")
SHARE_NEEDED = 0.75  # of the recorded text's character pairs found in what the officer said


def _plain(text: str) -> str:
    return "".join(_KEEP.findall(text or ""))


def _pairs(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]


def said_by_officer(recorded: str, officer_text: str) -> bool:
    """True when ``recorded`` is the officer's own words, verbatim or lightly tidied."""
    value, said = _plain(recorded), _plain(officer_text)
    if not value:
        return True  # nothing recorded: nothing invented
    if value in said:
        return True
    if _NOTHING.match(value):  # "无" for "暂时没有" / "没发现什么问题"
        return bool(re.search(r"无|没有|没|暂无", said))
    pairs = _pairs(value)
    if len(pairs) < 2:
        return False
    found = sum(pair in said for pair in pairs)
    return found / len(pairs) >= SHARE_NEEDED


def not_said_message(recorded: str) -> str:
    """The tool's refusal. It names both ways out: a model that had rewritten the officer's answer into formal
    words retries with the officer's own, instead of asking again for what was already said."""
    shown = recorded if len(recorded) <= 40 else recorded[:40] + "…"
    return (
        f"错误：「{shown}」不是经办人说过的话。原因、措施、目标和完成情况只能记入经办人自己提供的内容，不能代写、"
        "不能改写成书面语。经办人已经说过的，请照其原话（可去掉口语词和标点）重新调用；没有说过的，请先向经办人询问。"
    )
