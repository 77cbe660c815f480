"""A slot that contradicts the officer's own words about the same thing.

"全区耕地面积{{p2.i1.actual}}万亩" renders a subsidy indicator's 11.0398 where the unit's background says
"全区耕地面积38.6万亩": the key exists and its kind fits the unit, yet the number is not the one the filed text
gives for that noun. The filed texts (单位概况, 项目背景, 目标, 完成情况…) are the evidence for what a noun
measures, so a slot written right after a noun that a filed text states with another number is a wrong field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

# The officer's own texts (单位概况, 项目背景, 目标, 完成情况, 原因, 措施, 指标说明), by key suffix.
FILED_TEXTS = frozenset({"background", "goal", "outcome", "cause", "measure", "note"})
# A noun of at least this many characters, right before the slot: shorter runs (为, 达到, 不低于) name nothing.
_MIN_NOUN = 4
# Words that make the figure a bound or a goal ("森林覆盖率{{p1.i6.target}}%以上"): the filed present value
# is no evidence against it.
_BOUND_AFTER = re.compile(r"^\s*(?:%|％|‰)?\s*(?:以上|以下|以内|及以上|左右)")
_GOAL_BEFORE = re.compile(r"目标|指标值|计划|不低于|不少于|不高于|不超过|控制在|力争|确保")


def stated_numbers(texts: Iterable[str], noun: str) -> list[Decimal]:
    """The numbers the texts write right after ``noun`` ("森林覆盖率71.36%" → 71.36)."""
    pattern = re.compile(re.escape(noun) + r"(\d+(?:\.\d+)?)")
    found = []
    for text in texts:
        for match in pattern.finditer(text):
            try:
                found.append(Decimal(match.group(1)))
            except InvalidOperation:
                continue
    return found


def contradicts_filed(noun: str, value: str, clause: str, after: str, texts: Iterable[str]) -> list[Decimal]:
    """The filed numbers for ``noun`` when none of them is ``value`` (the slot's), else [].

    ``clause`` is the text of the clause before the slot and ``after`` what follows it: a goal or a bound
    is not a statement of the present value, so it is never held against the filed one."""
    if len(noun) < _MIN_NOUN or _GOAL_BEFORE.search(clause) or _BOUND_AFTER.match(after):
        return []
    try:
        shown = Decimal(value.replace(",", ""))
    except InvalidOperation:
        return []
    texts = list(texts)
    # the longest ending of the words before the slot that a filed text states ("所辖全县林地面积" → 全县林地面积)
    stated: list[Decimal] = []
    for start in range(len(noun) - _MIN_NOUN + 1):
        stated = stated_numbers(texts, noun[start:])
        if stated:
            break
    if not stated or any(number == shown for number in stated):
        return []
    return stated
