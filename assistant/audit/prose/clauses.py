"""The clause a statement stands in: the words that name its number, back to the last clause mark before it.

Checks tell one amount from another by the words of its own clause ("已分配33.80亿元", "计划改造200户"); one
reading of where a clause starts (``fields.clause_of``: comma, semicolon, colon or full stop) serves them all.
"""

from __future__ import annotations

from ..context import AuditContext
from ..fields import clause_of
from .model import Statement


def clause_before(ctx: AuditContext, s: Statement) -> str:
    """The words of the statement's clause before its number ("全市财政直达资金总额"): what names it."""
    assert s.sentence is not None
    return clause_of(ctx.doc.text[s.sentence.start : s.span[0]])
