"""REPEAT_MISMATCH for a head count written twice with two neighbouring digits swapped: "确认符合条件的奖励扶助对象
9,856人" … "全年为9,865名奖励扶助对象发放扶助金".

Why: the count checks tie two counts by the label they read before the figure, and a label that is also an action
("奖励" read as the verb) or that follows the figure ("…9,865名奖励扶助对象发放…") reads none; but two exact head
counts (人/名 alike) whose digits differ only by two neighbours swapped, with one noun of four characters or more
written next to both (in its clause, before or after the figure), are very rarely two true groups: a hand copied the
one figure. Not of two qualified groups (城镇低保对象 / 农村低保对象), stages or scopes (计划 / 实际, 年初 / 年末, 新增,
累计, 其中), periods, places, versions or list items; 人次 counts visits, not people. The tie rests on the digits,
so always a warning; when one count times the text's per-head standard (每人每年960元) gives an amount the text
states and the other does not, that one is taken as right and the finding points at the other.
Pairs whose two counts both carry a label ``text_label_repeats`` reads are left to it.
Bad: 确认奖励扶助对象9,856人 … 为9,865名奖励扶助对象发放扶助金.
Good: 城镇低保对象2,316人 … 农村低保对象2,361人 (two groups); 计划培训乡村医生1,254人 … 实际培训乡村医生1,524人 (not
neighbours) or 计划 … 实际 at swapped digits (two stages); 年初在册…3,415人 … 年末在册…3,451人 (two dates); 服务1,326人次
… 服务1,362人 (visits and people).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from assistant.numbers.keystroke import transposed, written_digits

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.items import in_table_row, other_items, restarted_list
from ..prose.labels import count_label
from ..prose.model import Statement
from ..prose.periods import conflicting, other_days, other_versions, other_years
from ..registry import check_unit
from .text_repeats import repeat_finding
from .text_transposed_repeats import TRANSPOSED_WHY, two_places

_CUES = cues(__name__)
_HEADS = frozenset({"人", "名"})
_NOUN_CHARS = 4
_REACH = 16


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    counts = [s for s in ctx.facts.statements if _candidate(text, s)]
    for k, later in enumerate(counts):
        for earlier in counts[:k]:
            if (
                earlier.sentence is not later.sentence
                and transposed(_digits(earlier), _digits(later), 4)
                and _shared_noun(text, earlier, later)
                and clause_scope(text, earlier) == clause_scope(text, later)
                and not conflicting(text, earlier, later)
                and not other_years(text, earlier, later)
                and not other_days(text, earlier, later)
                and not other_versions(text, earlier, later)
                and not other_items(text, earlier, later)
                and not restarted_list(text, earlier, later)
                and not two_places(text, earlier, later)
                and not (
                    count_label(text, earlier) and count_label(text, later)
                )  # text_label_repeats reads them
            ):
                ctx.facts.mark(earlier, later)
                right, wrong, why = _settled(ctx, earlier, later)
                noun = _shared_noun(text, earlier, later)
                yield repeat_finding(ctx, right, wrong, f"“{noun}”人数", proven=False, why=why)
                break


def _candidate(text: str, s: Statement) -> bool:
    """An exact head count of prose (人, 名), not in a form's row."""
    return (
        s.origin == "prose"
        and s.kind == "count"
        and s.unit in _HEADS
        and s.exact_claim
        and s.sentence is not None
        and not text.startswith("次", s.span[1])
        and not in_table_row(text, s)
    )


def _digits(s: Statement) -> str:
    return written_digits(s.raw, s.places)


def _clause(text: str, s: Statement) -> tuple[str, str]:
    """The Chinese words of the figure's clause before it and after it, at most ``_REACH`` characters each."""
    start = s.span[0]
    k = start
    while k > 0 and start - k < _REACH and _CUES.clause_mark.match(text[k - 1]) is None:
        k -= 1
    end = s.span[1]
    j = end
    while j < len(text) and j - end < _REACH and _CUES.clause_mark.match(text[j]) is None:
        j += 1
    return text[k:start], text[end:j]


def clause_scope(text: str, s: Statement) -> frozenset[str]:
    """The scope and stage words of the figure's clause (计划, 实际, 年初, 年末, 新增, 累计, 其中…)."""
    before, after = _clause(text, s)
    return frozenset(m.group(0) for m in _CUES.scope.finditer(before + "|" + after))


def _shared_noun(text: str, a: Statement, b: Statement) -> str | None:
    """The longest run of Chinese characters, four or more, written in both figures' clauses, when the characters
    right before it do not name two groups (城镇低保对象 / 农村低保对象); None otherwise."""
    wa, wb = "|".join(_clause(text, a)), "|".join(_clause(text, b))
    best = ""
    for i in range(len(wa)):
        for j in range(i + _NOUN_CHARS, len(wa) + 1):
            piece = wa[i:j]
            if not all("\u4e00" <= c <= "\u9fff" for c in piece) or piece not in wb:
                break
            if len(piece) > len(best):
                best = piece
    if len(best) < _NOUN_CHARS or _CUES.generic.fullmatch(best) is not None:
        return None
    qualifiers = {_qualifier(wa, best), _qualifier(wb, best)}
    return None if None not in qualifiers and len(qualifiers) == 2 else best


def _qualifier(window: str, noun: str) -> str | None:
    """The word right before the noun when it qualifies it (城镇, 农村); None after a figure or a particle (的, 为)."""
    at = window.find(noun)
    before = window[max(at - 2, 0) : at]
    if not before or _CUES.particle.search(before[-1:]) or not all("\u4e00" <= c <= "\u9fff" for c in before):
        return None
    return before


def _settled(ctx: AuditContext, earlier: Statement, later: Statement) -> tuple[Statement, Statement, str]:
    """(right, wrong, why): the count whose product with the text's per-head standard gives an amount the text
    states is right, when only one of them does; else the earlier one is taken as written first."""
    fit = {s.span: _paid(ctx, s) for s in (earlier, later)}
    if bool(fit[earlier.span]) != bool(fit[later.span]):
        right, wrong = (earlier, later) if fit[earlier.span] else (later, earlier)
        return right, wrong, f"{TRANSPOSED_WHY}；{fit[right.span]}"
    return earlier, later, TRANSPOSED_WHY


def _paid(ctx: AuditContext, count: Statement) -> str:
    """ "9,856人×960元=9,461,760元": the count times a per-head standard of the text equal to an amount it states."""
    prices = [
        s for s in ctx.facts.statements if s.kind == "amount" and s.field == "unit_price" and s.exact_claim
    ]
    amounts = [s for s in ctx.facts.statements if s.kind == "amount" and s.exact_claim]
    for price in prices:
        product = count.value * price.value
        for amount in amounts:
            if amount is not price and amount.value == product and amount.value != Decimal(0):
                return f"{count.text}×{price.text}={amount.text}"
    return ""
