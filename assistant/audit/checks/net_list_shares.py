"""A count's set shared out below it, one line a member ("覆盖全县8个镇，计划奖补5,813户、资金1,046.34万元。⏎…各镇分配
情况为：⏎甲镇1,118户、201.24万元；⏎…"): read for the lists net (net_lists).

Why: a later line that names the counted kind with 各 ("各镇", "各乡镇", "各学校") and opens lines below announces the
set member by member, but lines announced apart may be one part of the set. They are read as the whole set only
when a column of their figures adds up EXACTLY to a figure of the same unit written in the count's own sentence
(every member and every yuan accounted for), so the count is the figure out of step.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.numbers import find_numbers
from assistant.numbers.model import NumberMention

from .net_list_names import kind_pattern

_REACH = 800  # characters after the count in which its shares may be announced
_LINES_MOST = 30


def shared_lines(text: str, count: NumberMention, noun: str) -> int | None:
    """Where the line break after a "各<kind>…：" line stands, when their figures add up to one of the count's sentence."""
    sentence_end = text.find("。", count.end)
    if sentence_end < 0:
        return None
    start = max(text.rfind("。", 0, count.start), text.rfind("\n", 0, count.start)) + 1
    totals = {(m.unit, m.value) for m in find_numbers(text[start:sentence_end])}
    totals.discard((count.unit, count.value))
    reach = text[sentence_end : sentence_end + _REACH]
    lead = re.search(rf"各(?:{kind_pattern(noun)})[^。\n：:]{{0,16}}[：:]\s*\n", reach)
    if lead is None or re.search(rf"\d+\s*{count.unit}(?:{kind_pattern(noun)})", reach[: lead.start()]):
        return None  # another count of the kind between: the lines are its
    at = sentence_end + lead.end() - 1  # the line break after the colon: the lines open below it
    rows = _rows(text, at + 1)
    if len(rows) < 2:
        return None
    width = min(len(r) for r in rows)
    for k in range(width):
        column = [r[k] for r in rows]
        if len({m.unit for m in column}) != 1 or any(m.places != column[0].places for m in column):
            continue
        total = sum((Decimal(str(m.value)) for m in column), Decimal(0))
        if any(unit == column[0].unit and Decimal(str(value)) == total for unit, value in totals):
            return at
    return None


def _rows(text: str, at: int) -> list[list[NumberMention]]:
    """The figures of each line below, up to the first line that writes none or closes a sentence of prose."""
    rows: list[list[NumberMention]] = []
    for line in text[at:].split("\n")[:_LINES_MOST]:
        figures = [m for m in find_numbers(line) if m.kind in ("amount", "count")]
        if not line.strip() or not figures:
            break
        rows.append(figures)
        if line.rstrip().endswith("。"):
            break
    return rows
