"""SCORE_MISMATCH for net_products: a score against 分值 × rate, from the raw figures of its line, the weight the
lines above state (分值10分, 执行率×10) and a rate the text names by the row's label.

Why: a 自评表 row rarely carries its rate, and a prose score often leaves its 分值 to the rule stated above it; the
figures are tied by position and by the row's name, never by a sentence a reader must foresee.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import permutations

from assistant.numbers.model import NumberMention
from assistant.numbers.precision import round_to

from ..context import AuditContext
from ..findings import Finding
from .net_figures import MIN_DIGITS, enough, finding, variants

_WEIGHT_MARKS = ("分值", "满分", "×", "*")  # words that state an indicator's weight
_MAX_WEIGHT = Decimal(30)  # an indicator's 分值: a part of 100, not a total


def scores(
    ctx: AuditContext,
    text: str,
    own: list[NumberMention],
    window: list[NumberMention],
    before: list[NumberMention],
) -> Iterator[Finding]:
    marks = [m for m in own if m.kind in ("score", "plain")]
    weights = [m for m in marks if m.places == 0 and 0 < m.value <= _MAX_WEIGHT] or [
        m  # the rule stated above the score (预算执行率分值10分，得分按“执行率×10”计算)
        for m in before
        if m.kind in ("score", "plain")
        and m.places == 0
        and 0 < m.value <= _MAX_WEIGHT
        and _is_weight(text, m)
    ]
    amounts = [m for m in own if m.kind == "amount" and m.value > 0]
    rates = [(m.text, m.value) for m in own if m.kind == "percent" and 0 < m.value < 100] + [
        (f"{a.text}÷{b.text}", a.value / b.value * 100)
        for a, b in permutations(amounts, 2)
        if a.value < b.value
    ]
    struck = MIN_DIGITS + 1
    if not rates and (label := _row_label(text, own)):
        # a 自评表 row's rate written in the text above it (预算执行率91.36% … | 预算执行率 | 10 | 9.64 |): the row
        # names it, so a digit struck in a three-digit score is read too
        rates = [
            (m.text, m.value)
            for m in window
            if m.kind == "percent" and 0 < m.value < 100 and _named(text, m, label)
        ]
        struck = MIN_DIGITS
    for score in marks:
        if score.places < 1 or not any(w.value > score.value for w in weights):
            continue
        places = score.places
        made = {
            round_to(w.value * r / 100, places) for w in weights if w.value > score.value for _, r in rates
        }
        if score.raw_value in made:
            continue
        for w, (shown, r) in ((w, r) for w in weights if w.value > score.value for r in rates):
            product = round_to(w.value * r / 100, places)
            if enough(product, places) and product in variants(score.raw_value, places, struck):
                formula = f"{w.text} × {shown} = {product}"
                yield finding(ctx, "SCORE_MISMATCH", score, f"{product}", formula)
                break


def _is_weight(text: str, m: NumberMention) -> bool:
    """A weight the text states as such: 分值10分, 满分10分, 执行率×10."""
    before = text[max(0, m.start - 4) : m.start]
    return any(word in before for word in _WEIGHT_MARKS)


def _row_label(text: str, own: list[NumberMention]) -> str | None:
    """A piped row's first cell (| 预算执行率 | 10 | 9.64 |): the indicator its figures are of."""
    start = text.rfind("\n", 0, own[0].start) + 1
    cells = [c.strip() for c in text[start : own[0].start].split("|") if c.strip()]
    return cells[0] if len(cells) == 1 and len(cells[0]) >= 3 else None


def _named(text: str, m: NumberMention, label: str) -> bool:
    """Does the text name the figure by the row's label just before it (预算执行率91.36%, 预算执行率为91.36%)?"""
    return label in text[max(0, m.start - len(label) - 3) : m.start]
