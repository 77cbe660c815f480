"""A project's sub-projects listed with their money apart from the project's own budget: "项目总投资2,746.00万元" in
the overview, then "本项目包含4个子项目，投资分别为：甲片区986.00万元、乙片区742.50万元、…" in a later section.

Why: sub-projects split the project; their money, one amount each and as many as the count says, makes up the
project's budget, however far apart the two are written. The list names no total of its own, so its total is the
one budget the report states before it (every such statement agreeing, in the parts' unit). That the list's 投资 is
the budget's 口径 is a reading, so a mismatch is a warning (``loose``).
Bad: 总投资2,746.00万元 … 4个子项目…986.00、742.50、615.00、412.50 (2,756.00).
Good: the same with 2,756.00万元; fewer amounts than the count, or two different budgets before it: nothing said.
"""

from __future__ import annotations

from ..cues import cues
from ..document import Document
from .model import Statement
from .parts import Breakdown
from .parts_apart import one_budget_before

_CUES = cues(__name__)


def subprojects(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """Each sentence counting N sub-projects, then N amounts and nothing else, paired with the one budget before."""
    found = []
    by_sentence: dict[int, list[Statement]] = {}
    for s in statements:
        if s.sentence is not None:
            by_sentence.setdefault(id(s.sentence), []).append(s)
    for sentence in doc.sentences:
        own = by_sentence.get(id(sentence), [])
        counts = [
            k
            for k, s in enumerate(own)
            if s.kind == "count" and _CUES.sub_noun.search(s.extra.get("noun", ""))
        ]
        if len(counts) != 1:
            continue
        count, parts = own[counts[0]], own[counts[0] + 1 :]
        if len(parts) < 2 or count.value != len(parts):
            continue
        if any(
            p.kind != "amount" or p.role != "value" or p.span in taken or p.subject is None for p in parts
        ):
            continue
        whole = one_budget_before(statements, sentence.start, parts[0].subject, parts)
        if whole is None:
            continue
        found.append(Breakdown(whole, tuple(parts), True, "子项目", loose=True))
    return found
