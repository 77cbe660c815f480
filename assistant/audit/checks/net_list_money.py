"""The money a count's set is given before its list ("共有项目13个，预算数1,697.44万元，支出数1,583.63万元，具体为：
甲项目…万元、乙项目…万元"): read for the lists net (net_lists), which otherwise takes no list whose lead-in writes
figures.

Why: a department's report counts its projects, states their budget and spending, then names each project with its
money; the figures between the count and the list are the set's own totals, not another subject. Only clauses that
write amounts and nothing else are passed over, and the list is taken only when every item writes its amount too.
"""

from __future__ import annotations

import re

from assistant.numbers import find_numbers

from ..cues import cues

_CUES = cues(__name__)

_CLAUSE = re.compile(r"[，；;]|,(?!\d{3})")  # not the comma of thousands (2,146.30)
MONEY_REACH = 64  # characters from the count to the opener when the lead-in is the set's money


def money_lead(lead: str) -> bool:
    """Is the lead-in (count to opener) made of clauses that each state an amount and no other figure?"""
    clauses = [c for c in _CLAUSE.split(lead) if c.strip()]
    if not clauses or not re.search(r"\d", lead):
        return False
    for clause in clauses:
        amounts = [m for m in find_numbers(clause) if m.kind == "amount"]
        if not amounts:
            return False
        rest = clause
        for m in sorted(amounts, key=lambda m: m.start, reverse=True):
            rest = rest[: m.start] + rest[m.end :]
        if re.search(r"\d", rest):
            return False
    return True


def each_writes_amount(text: str, start: int, ends: list[int]) -> bool:
    """Does every item (from ``start``, each ending at one of ``ends``) write an amount of its own?"""
    starts = [start, *ends[:-1]]
    return all(
        any(m.kind == "amount" for m in find_numbers(text[a:b])) for a, b in zip(starts, ends, strict=True)
    )


def last_item(text: str, cut: int, end: int) -> int | None:
    """After a list of priced items cut at a comma, the one priced item that closes the sentence ("…3.50万元，丁经费
    500.00万元。"): where it ends, or None when the tail is anything else (a sum, a clause, more items)."""
    tail = text[cut + 1 : end]
    if re.search(r"[、，；;]|,(?!\d{3})", tail) or _CUES.tail_not_item.match(tail):
        return None
    amounts = [m for m in find_numbers(tail) if m.kind == "amount"]
    if len(amounts) != 1 or amounts[0].end < len(tail.rstrip()) or amounts[0].start < 2:
        return None
    return end
