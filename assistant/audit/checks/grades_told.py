"""Whether the prose states a 总分 with its grade: a 自评表 repeating them repeats one slip, told once in the prose.

Apart from ``text_grades`` so that the form checks can ask it without importing the prose grade check (which reads
the report's stated total through ``text_score_sum``).
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..prose.scale import GRADE_NAMES

# the grade wording is the prose grade check's own (``scores``): one table for both
_SCORES = cues("assistant.audit.checks.scores")


def told_in_prose(ctx: AuditContext, total: Decimal, grade: str) -> bool:
    """The prose states this 总分 with this grade ("综合得分88.85分，自评等级为“优”"): a 自评表 whose total and grade
    cells repeat them repeats one slip, which this check tells in the prose."""
    for s in ctx.facts.statements:
        if (
            s.kind != "score"
            or s.field != "score"
            or s.origin != "prose"
            or s.value != total
            or s.sentence is None
        ):
            continue
        match = _SCORES.grade_statement.search(s.sentence.text[s.span[1] - s.sentence.start :])
        if match and GRADE_NAMES[match.group(1) or match.group(2) or match.group(3)] == grade:
            return True
    return False
