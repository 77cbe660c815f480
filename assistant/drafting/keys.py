"""Fixes for unknown slots: the key a model meant ({{p13.title}} → {{p13.name}}), or the marker when the fact it
reaches for was never filed ({{p2.cause}} → 【待补充：偏差原因】), or what the project does have."""

from __future__ import annotations

import difflib
import re

from assistant.drafting.wording import prefix_of, suffix_of
from assistant.facts import FactSheet
from assistant.placeholders import CAUSE, GOAL, MEASURE, OUTCOME, placeholder

# Keys models guess, and the keys they mean (in order of preference).
_SYNONYMS = {
    "level": ("grade", "tier"),
    "title": ("name",),
    "goals": ("goal",),
    "bg": ("background",),
    "over_rate": ("completion",),
    "dept": ("department",),
}
_MARKS = {"cause": CAUSE, "measure": MEASURE, "outcome": OUTCOME, "goal": GOAL}  # the template's labels
_QUOTABLE = ("goal", "outcome", "background", "cause", "measure", "note")
# Keys never offered as a fix: a position in the case, a numeral twin.
HIDDEN_KEYS = re.compile(r"\.index$|_cn$")


def suggest_key(facts: FactSheet, key: str) -> str:
    """How to fix an unknown key, as the end of a Chinese sentence ("，应写 {{p13.name}}（三名工作室经费）")."""
    prefix, _, suffix = key.rpartition(".")
    siblings = {suffix_of(k): k for k in facts.values if prefix_of(k) == prefix and not HIDDEN_KEYS.search(k)}
    for word in _SYNONYMS.get(suffix, (suffix,)):
        if word in siblings:
            return f"，应写 {{{{{siblings[word]}}}}}（{facts[siblings[word]]}）"
    mark = _MARKS.get(suffix)
    if mark and re.fullmatch(r"p\d+", prefix):
        return f"（该项目未填报{mark}），请原样写{placeholder(mark)}，不得编写"
    if siblings and any(suffix_of(k) == suffix for k in facts.values):
        return "：事实表没有给出这项数据，请删去这个占位符及其说法"
    stems = [k for k in siblings if suffix.startswith(k) or k.startswith(suffix)]
    close = max(stems, key=len) if stems else None
    close = close or next(iter(difflib.get_close_matches(suffix, list(siblings), n=1, cutoff=0.75)), None)
    if close:
        return f"，应写 {{{{{siblings[close]}}}}}（{facts[siblings[close]]}）"
    texts = [f"{{{{{k}}}}}" for s, k in siblings.items() if s in _QUOTABLE]
    hint = f"；该项目填报的文字可用 {'、'.join(texts[:4])} 引用" if texts else ""
    return f"，事实表中没有这项内容，请删去这个占位符及其说法{hint}"
