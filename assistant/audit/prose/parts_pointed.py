"""Levels told one a sentence, then taken up together: "中央补助资金1,500.00万元已下达。省级补助资金480.00万元…。区级
配套资金380.00万元…。上述资金均已到位。" apart from the project's one budget stated earlier ("年度预算资金2,340.00万元").

Why: the pointing sentence (上述资金, 以上资金) gathers the level sentences right before it into one money, and with one
budget of their holder stated before, that is the money they make up. Which stage the budget is of rests on reading,
and the levels may leave a source unnamed: a warning (``loose``, not ``exhaustive``). A run holding 上年结转 (money
carried over, outside the year's budget) or of a year named apart from the budget's is left alone.
"""

from __future__ import annotations

from ..cues import cues
from ..document import Document
from .model import Statement
from .parts import Breakdown
from .parts_apart import one_budget_before

_CUES = cues(__name__)


def levels_pointed(
    doc: Document, statements: list[Statement], taken: set[tuple[int, int]]
) -> list[Breakdown]:
    """Budgets of fund sources, one a sentence in a run, closed by a sentence that takes them up together and
    states no amount: their total is the holder's one budget stated before the run."""
    found = []
    for k, sentence in enumerate(doc.sentences):
        if not _CUES.gathered.match(sentence.text):
            continue
        if any(s.sentence is sentence and s.kind == "amount" for s in statements):
            continue
        parts: list[Statement] = []
        for before in reversed(doc.sentences[:k]):
            own = [s for s in statements if s.sentence is before and s.kind == "amount"]
            if len(own) != 1 or not _source_budget(own[0]) or own[0].span in taken:
                break
            parts.insert(0, own[0])
        if len(parts) < 2 or any(_CUES.carried.search(s.subject.name) for s in parts if s.subject):
            continue  # 上年结转 beside the year's levels: money outside the year's budget
        parent = parts[0].subject.parent if parts[0].subject is not None else None
        if parent is None or len({s.subject for s in parts}) != len(parts):
            continue
        if any(s.subject is None or s.subject.parent != parent for s in parts):
            continue
        whole = one_budget_before(statements, parts[0].span[0], parent, parts)
        if whole is not None and whole.sentence is not None and whole.sentence is not parts[0].sentence:
            found.append(Breakdown(whole, tuple(parts), False, "上述资金", loose=True))
    return found


def _source_budget(statement: Statement) -> bool:
    subject = statement.subject
    return (
        statement.role == "value"
        and statement.field == "budget"
        and subject is not None
        and subject.kind == "source"
    )
