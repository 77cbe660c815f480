"""SCORE_MISMATCH for net_products: a score against 分值 × rate, from the raw figures of its line, the weight the
lines above state (分值10分, 执行率×10) and a rate the text names by the row's label.

Why: a 自评表 row rarely carries its rate, and a prose score often leaves its 分值 to the rule stated above it; the
figures are tied by position and by the row's name, never by a sentence a reader must foresee.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise, permutations

from assistant.numbers.keystroke import written_digits
from assistant.numbers.mentions import find_numbers, writes_spaced_thousands
from assistant.numbers.model import NumberMention
from assistant.numbers.precision import round_to

from ..context import AuditContext
from ..findings import Finding
from .net_figures import MIN_DIGITS, WHY, WHY_RULE, enough, finding, variants

_WEIGHT_MARKS = ("分值", "满分", "×", "*")  # words that state an indicator's weight
_MAX_WEIGHT = Decimal(30)  # an indicator's 分值: a part of 100, not a total
_AT_LEAST = ("≥", "不低于", "以上", ">=")  # a target count the row's outcome is scored against
_RATE_NAME = re.compile(
    r"([\u4e00-\u9fff]{1,8}率)(?:指标)?(?:分值|满分|（)"
)  # 预算执行率分值10分: the rate scored


def scores(
    ctx: AuditContext,
    text: str,
    own: list[NumberMention],
    window: list[NumberMention],
    before: list[NumberMention],
) -> Iterator[Finding]:
    marks = [m for m in own if m.kind in ("score", "plain")]
    weights = (
        [m for m in marks if m.places == 0 and 0 < m.value <= _MAX_WEIGHT]
        or [
            m  # the rule stated above the score (预算执行率分值10分，得分按“执行率×10”计算)
            for m in before
            if m.kind in ("score", "plain")
            and m.places == 0
            and 0 < m.value <= _MAX_WEIGHT
            and _is_weight(text, m)
        ]
        or _row_weights(text, own)
    )
    amounts = [m for m in own if m.kind == "amount" and m.value > 0]
    rates = [(m.text, m.value) for m in own if m.kind == "percent" and 0 < m.value < 100] + [
        (f"{a.text}÷{b.text}", a.value / b.value * 100)
        for a, b in permutations(amounts, 2)
        if a.value < b.value
    ]
    rates += _count_shares(text, own)
    struck = MIN_DIGITS + 1
    tied = {  # rates in the score's own line or row, written to four digits: the form ties them
        m.text for m in own if m.kind == "percent" and m.places >= 2
    }
    named = False
    prose = _prose_label(text, own)
    if not rates and (label := prose or _row_label(text, own)):
        # a 自评表 row's rate written in the text above it (预算执行率91.36% … | 预算执行率 | 10 | 9.64 |): the row
        # names it, so a digit struck in a three-digit score is read too
        rates = [
            (m.text, m.value)
            for m in window
            if m.kind == "percent" and 0 < m.value < 100 and _named(text, m, label)
        ]
        struck = MIN_DIGITS
        named = prose is not None and len({r for _, r in rates}) == 1
    for score in marks:
        if score.places < 1 or not any(w.value > score.value for w in weights):
            continue
        places = score.places
        made = {
            round_to(w.value * r / 100, places) for w in weights if w.value > score.value for _, r in rates
        }
        if score.raw_value in made or (named and _made_by_amounts(score, weights, window)):
            continue
        for w, (shown, r) in ((w, r) for w in weights if w.value > score.value for r in rates):
            product = round_to(w.value * r / 100, places)
            slip = enough(product, places) and product in variants(score.raw_value, places, struck)
            slip = slip or (
                shown in tied and places >= 2 and _lead_struck(score, product)
            )  # the row's rate pins it
            if slip or (named and places == 2 and w.value == 10 and enough(score.raw_value, places)):
                formula = f"{w.text} × {shown} = {product}"
                why = WHY if slip else WHY_RULE
                yield finding(ctx, "SCORE_MISMATCH", score, f"{product}", formula, why=why)
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


def _lead_struck(score: NumberMention, product: Decimal) -> bool:
    """The score's leading digit struck (9.40 for 8.40), its other digits exact: read only where the rate stands in
    the score's own line or row, so the row's form, not a sentence, ties the three figures."""
    a, b = written_digits(score.raw_value, score.places), written_digits(product, score.places)
    return len(a) == len(b) and a[0] != b[0] and a[1:] == b[1:]


def _count_shares(text: str, own: list[NumberMention]) -> list[tuple[str, Decimal]]:
    """An outcome count against its target count in the score's line (指标值≥43个，实际40个，分值15分): the share a
    row is scored by (实际 ÷ 指标值 × 分值); the target's hedge is what marks it, whatever the words."""
    start = text.rfind("\n", 0, own[0].start) + 1
    end = text.find("\n", own[0].start)
    line = text[start : end if end >= 0 else len(text)]
    counts = [
        m for m in find_numbers(line, writes_spaced_thousands(text)) if m.kind == "count" and m.value > 0
    ]
    return [
        (f"{a.text}÷{b.text.lstrip(''.join(_AT_LEAST))}", a.value / b.value * 100)
        for b, a in pairwise(counts)
        if b.hedge in _AT_LEAST and a.hedge is None and a.unit == b.unit and a.value < b.value
    ]


def _prose_label(text: str, own: list[NumberMention]) -> str | None:
    """The rate a prose score is of, named right before its weight (预算执行率分值10分，得分9.36分)."""
    start = text.rfind("\n", 0, own[0].start) + 1
    head = text[start : own[-1].start]
    found = _RATE_NAME.findall(head)
    return found[-1] if len(found) == 1 and len(found[-1]) >= 3 else None


def _made_by_amounts(score: NumberMention, weights: list[NumberMention], window: list[NumberMention]) -> bool:
    """Does some pair of the window's amounts make the score with a weight (支出1,706.40 ÷ 预算1,896.00 × 10 = 9.00)?
    Then the score follows the money and the rate beside it is the slip, another net's."""
    amounts = [m for m in window if m.kind == "amount" and m.value > 0]
    return any(
        round_to(w.value * a.value / b.value, score.places) == score.raw_value
        for w in weights
        for a, b in permutations(amounts, 2)
        if a.value < b.value
    )


def _row_weights(text: str, own: list[NumberMention]) -> list[NumberMention]:
    """The 分值 of a row that writes the same rate as the score's line (| 10 | 83.98% | 9.40 | in the table, then
    预算执行率83.98%，执行率得分9.40分 in the conclusion): the prose restates the row, so the row's weight is the
    line's. A rate at two places written twice ties the lines wherever they stand."""
    if not any(m.kind in ("score", "plain") and m.places >= 2 for m in own):
        return []
    spaced = writes_spaced_thousands(text)
    for rate in (m for m in own if m.kind == "percent" and m.places >= 2):
        offset = 0
        for line in text.split("\n"):
            here, offset = offset, offset + len(line) + 1
            if rate.text not in line or here <= rate.start < offset:
                continue  # the score's own line holds no weight
            found = find_numbers(line, spaced)
            if any(m.kind == "percent" and m.value == rate.value for m in found):
                weights = [m for m in found if m.kind in ("score", "plain") and m.places == 0]
                if len(weights) == 1 and 0 < weights[0].value <= _MAX_WEIGHT:
                    return weights
    return []
