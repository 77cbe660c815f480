"""The budget a figure belongs to — 一般公共预算, 政府性基金预算, 国有资本经营预算 or 社会保险基金预算: the last such name
written before it in its sentence, else the one its subsection's (then section's) heading names.

Why: a 决算 of a government, a 乡镇 or a whole department reports each budget apart in the same words (收入总计,
支出总计, 上级补助收入, 结转下年). "(一)一般公共预算收支情况 … 支出总计1,867.48万元" and "(二)政府性基金预算收支情况 …
支出总计0万元" are two quantities, not one written two ways. Within one budget, 基本支出 and 项目支出 are its two
kinds of spending, reported apart in the same words too ("…财政拨款基本支出…本年支出216万元" and "…财政拨款项目支出…
本年支出1232.23万元" are two quantities).
"""

from __future__ import annotations

from ..cues import cues
from ..document import Sentence
from .model import Statement

_CUES = cues(__name__)


def _named(text: str) -> str | None:
    found = list(_CUES.budget.finditer(text))
    return found[-1].lastgroup if found else None


def budget_of(text: str, statement: Statement) -> str | None:
    """ "general", "fund", "capital", "social" or None (no budget named before it nor above it)."""
    sentence: Sentence | None = statement.sentence
    if sentence is None:
        return None
    own = _named(text[sentence.start : statement.span[0]])
    if own is not None:
        return own
    for heading in (sentence.subsection, sentence.section):
        if heading is not None and (named := _named(heading.text)) is not None:
            return named
    return None


def spending_kind(text: str, statement: Statement) -> str | None:
    """ "basic" (基本支出) or "project" (项目支出): the last kind of spending named before the figure in its sentence."""
    if statement.sentence is None:
        return None
    found = list(_CUES.spending_kind_word.finditer(text, statement.sentence.start, statement.span[0]))
    return found[-1].lastgroup if found else None


def spending_kinds(words: str) -> set[str]:
    """The kinds of spending (基本支出, 项目支出) the words name, as written."""
    return {m.group() for m in _CUES.spending_kind_word.finditer(words)}


def other_budgets(text: str, a: Statement, b: Statement) -> bool:
    """Are ``a`` and ``b`` said of two different budgets, or of a budget's two kinds of spending (both named)?"""
    for read in (budget_of, spending_kind):
        first, second = read(text, a), read(text, b)
        if first is not None and second is not None and first != second:
            return True
    return False
