"""An indicator's result written where its goal belongs.

The 绩效目标 section states each indicator's 年度指标值 and 分值. A slot of what was achieved there
("{{p1.i4.name}}{{p1.i4.actual}}{{p1.i4.unit}}", "（46.5公里，{{p1.i2.score}}分）") renders a true number of the
indicator under the wrong name: the audit cannot tell 34分钟 from a target, nor 9.42分 from a 分值, so the
section itself must say that results are not goals — unless the sentence says it speaks of results.
"""

from __future__ import annotations

import re

from assistant.drafting.issues import Issue
from assistant.facts import SLOT

_RESULT_FIELDS = {"actual": "实际完成值", "score": "得分", "completion": "完成率"}
_RESULT_KEY = re.compile(r"^(p\d+\.i\d+)\.(actual|score|completion)$")
# Words that make a sentence speak of results ("实际完成…", "得分…", "完成率…", "上年…")
_RESULT_WORDS = re.compile(r"实际|完成值|完成率|得分|得了|上年|去年|自评")


def is_goals_section(section_id: str, heading: str) -> bool:
    return section_id == "goals" or (heading.endswith("绩效目标") and "偏离" not in heading)


def results_in_goals(paragraphs: list[str]) -> list[Issue]:
    """A wrong_slot issue per result slot of an indicator written in the goals section without a result word
    in its sentence."""
    issues = []
    for paragraph in paragraphs:
        for sentence in re.split(r"(?<=[。；;])", paragraph):
            if _RESULT_WORDS.search(SLOT.sub("", sentence)):
                continue
            for match in SLOT.finditer(sentence):
                key = _RESULT_KEY.match(match.group(1))
                if key is None:
                    continue
                field = _RESULT_FIELDS[key.group(2)]
                issues.append(
                    Issue(
                        "wrong_slot",
                        f"绩效目标一节写的是年度指标值和分值，{{{{{match.group(1)}}}}} 是指标的{field}："
                        f"年度指标值请写 {{{{{key.group(1)}.target}}}}，分值请写 {{{{{key.group(1)}.points}}}}。",
                    )
                )
    return list(dict.fromkeys(issues))
