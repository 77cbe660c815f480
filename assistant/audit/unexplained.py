"""Doubt a text-read sum or repeat whose miss no slip of the hand explains.

Why: read from the text alone, a whole is tied to its parts (or two mentions to one quantity) by words and layout,
and that tie is the weak link. When it holds, a published slip leaves a miss one slip of the hand explains: a digit
struck or two swapped, a carry lost, a digit dropped, the point or the unit shifted, a count off by one, or a whole a
hair off its parts. When no figure of the relation, retyped once, would close the miss, a misreading (a target beside
the results, a partial list, another year's figure, a column out of line) is the likelier cause than a slip, and the
text's figures no longer prove it: the finding stays, as an uncertain warning, so that a real contradiction is still
shown while a clean report is not called wrong. Not doubted: ties by form (``Finding.tied``: a table's 合计 row over
its rows, buckets whose counts close on the total), and the reference checks' findings against case data or an
attached 评分表 (the engine calls this for text-basis checks, or for all when the reference is the text itself):
there the tie is given.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from assistant.numbers import NumberMention, find_numbers
from assistant.numbers.keystroke import one_hand_slip
from assistant.numbers.model import NON_CLAIM_KINDS

from .findings import Finding

# A whole within this share of its parts' sum is a slip of addition or of one figure, not a misreading.
NEAR_SHARE = Decimal("0.01")
# The codes whose text-read ties are by reading, not by form (a whole and its parts, one quantity written twice),
# each with what its doubt adds to the message.
NOTES = {
    "TOTAL_MISMATCH": "（差额不能由某一数字的笔误解释，也可能所列数字并非该总数的组成部分或口径不同，请核对）",
    "REPEAT_MISMATCH": "（两处差额不能由笔误解释，也可能并非同一数字：口径、年份或对象不同，请核对）",
    "AMOUNT_MISMATCH": "（差额不能由笔误解释，也可能并非同一口径的金额，请核对）",
}


def doubt_unexplained(finding: Finding, spaced: bool = False) -> None:
    """Make ``finding`` an uncertain warning when it is an error of a doubted code whose miss no slip explains.
    ``spaced``: the text writes thousands with spaces (2 010.07), as its findings then quote them."""
    if finding.severity != "error" or finding.code not in NOTES or finding.tied:
        return
    stated, computed = _single(finding.found, spaced), _single(finding.expected, spaced)
    if stated is None or computed is None or stated.kind != computed.kind:
        return
    whole = finding.code == "TOTAL_MISMATCH"  # a whole computed from parts; else one quantity written twice
    parts = find_numbers(f"{finding.message}\n{finding.quote}", spaced) if whole else []
    if _explained(stated, computed, parts, once_for_twice=not whole):
        return
    finding.severity = "warning"
    finding.verdict = "uncertain"
    finding.message += NOTES[finding.code]


def _explained(
    stated: NumberMention, computed: NumberMention, parts: Iterable[NumberMention], once_for_twice: bool
) -> bool:
    """Would retyping one figure once close the miss: the stated one, or one of the ``parts`` it was computed from
    (the figures of the finding's message and quote)?
    ``once_for_twice``: one quantity written twice may also be written once for twice (30.9 for 61.8: a source
    counted twice, or one year's half for the whole)."""
    gap = computed.value - stated.value
    if abs(gap) <= abs(computed.value) * NEAR_SHARE:
        return True
    if one_hand_slip(stated.raw_value, _as_written(computed.value, stated), stated.places):
        return True
    if once_for_twice and computed.value in (stated.value * 2, stated.value / 2):
        return True
    for figure in parts:
        if figure.kind != stated.kind or figure.kind in NON_CLAIM_KINDS or figure.value in (0, stated.value):
            continue  # the stated figure is mended above, as the whole; mending it as a part would add the miss
        mended = _as_written(figure.value - gap, figure)
        if mended >= 0 and one_hand_slip(figure.raw_value, mended, figure.places):
            return True
    return False


def _as_written(value: Decimal, like: NumberMention) -> Decimal:
    """``value`` (canonical) in the unit ``like`` is written in."""
    if like.value == 0:
        return value
    return value * like.raw_value / like.value


def _single(shown: str | None, spaced: bool) -> NumberMention | None:
    """The one figure a finding's found/expected shows, or None when it shows none or several ("0、0、0")."""
    figures = [m for m in find_numbers(shown or "", spaced) if m.kind not in NON_CLAIM_KINDS]
    return figures[0] if len(figures) == 1 or _ranged(figures) else None


def _ranged(figures: list[NumberMention]) -> bool:
    """ "6014.30（6014.27～6014.33）": a value and the range its precision allows, one figure."""
    if len(figures) != 2 or figures[1].high is None:
        return False
    return figures[1].value <= figures[0].value <= figures[1].high
