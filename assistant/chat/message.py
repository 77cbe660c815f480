"""A typed chat message as every recogniser sees it: the ``Intent`` they return, the message cleaned of polite
lead-ins, and the few readings more than one recogniser needs.

Why apart: the verb of a change is what ``edits`` looks for and what ``commands`` and ``lookups`` refuse; the
test of a look-up ("预算是多少") and the projects a question opens with are read by both ``edits`` and
``lookups``. Kept here once, the recognisers stay in step. Bad: "七一项目执行数是多少" read as a change (the
look-up test known to one recogniser only). Good: a look-up to every recogniser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.models import Case
from assistant.workspace.resolve import project_candidates, projects_in


@dataclass
class Intent:
    """What the officer asked for: a kind and its arguments (``error`` when it could not be understood)."""

    kind: str
    args: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


PUNCT = "。！!？?；;，,、 \n\t"

# lead-ins that carry nothing: politeness, and the speaker as "we" ("咱们还剩几项要补充的")
_POLITE = re.compile(r"^(?:请你?|麻烦你?|帮我|帮忙|你|我想|我要|能否|能不能|可以|咱们|我们|咱)+")

# Slips of typing that change what a recogniser sees: 么 for 吗 at the end of a question ("在么", "能交了么"),
# 么有 for 没有, wrod for word. Not after 什/怎/这/那/多 (什么, 怎么, 这么…).
_TYPOS = (
    (re.compile(r"(?<![什怎这那多要])么(?=[？?。！!]*$)"), "吗"),
    (re.compile(r"(?<![什怎这那多要])么有"), "没有"),
    (re.compile(r"wrod|wrd|wodr", re.I), "word"),
)


def normalise(message: str) -> str:
    """The message with the common slips of typing put right (see ``_TYPOS``)."""
    for pattern, right in _TYPOS:
        message = pattern.sub(right, message)
    return message


def clean(message: str) -> str:
    """The message without polite lead-ins and surrounding punctuation (a question mark is kept), typing slips
    put right."""
    text = normalise(message.strip())
    asked = text.endswith(("？", "?"))
    text = _POLITE.sub("", text.strip(PUNCT)).strip()
    return text + "？" if asked and text else text


VERB = re.compile(
    r"(?:修改为|修改成|改为|改成|调整为|调整成|更改为|更正为|更新为|设置为|设为|设成|变更为|变为|变成|应为|应该是|"
    r"填写为|填为|填成|调为|调到|调整到|改到|改写为|写成|写为|补充为|=|＝)"
)

# a message that ends by asking for a value ("预算是多少", "…的情况", "哪来的"): a look-up, never a correction. Not
# ``questions.QUESTION``, which tells any question from a statement.
ASKS_FOR_VALUE = re.compile(
    r"(?:是|为|有)?(?:多少|几|什么|啥|怎样|如何)[钱元万个分项]*[？?吗呢。]*$|(?:的)?(?:情况|数据|数字|信息)[？?。]*$"
    r"|(?:是)?(?:从)?哪(?:里|儿)?来的?[？?吗呢。]*$"
)

WHOLE_UNIT = re.compile(r"单位|整体|总体|全部项目|所有项目|各项目|各个项目|汇总")

_HEAD_END = re.compile(
    r"为什么|为啥|为何|咋|怎么|花了|用了|执行了|执行率|一共|总共|总|合计|是多少|多少|的钱|的执行|的预算|预算|的?指标"
)


def head_projects(text: str, case: Case) -> list[int]:
    """The projects a question opens with ("档案数字化为啥…", "七一活动经费花了多少"), or [].

    The words before the question may be a loose short name: the longest start of them that fits any project
    gives the candidates (the reply names each project in full, so the officer sees which one was meant)."""
    named = projects_in(case, text)
    if named:
        return named
    head = _HEAD_END.split(text, maxsplit=1)[0].strip()
    head = re.sub(r"(?:那个|这个|那|这)?(?:项目)?(?:的)?$", "", head)
    if WHOLE_UNIT.search(head):
        return []
    for end in range(len(head), 1, -1):
        if found := project_candidates(case, head[:end]):
            return found
    return []
