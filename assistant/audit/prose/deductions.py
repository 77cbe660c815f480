"""Deductions a report states for its indicators ("取证率未达标扣5分", "就业率未达标扣4分").

Why: a report that explains the points it took off an indicator scores it by its own rule; a score that differs from
the national proportional rule by exactly that deduction is no slip. The 自评表 readers (``checks.form_scores`` on a
form read as a table, ``checks.text_form`` on one flattened into the text) ask this before they doubt a score, and
``checks.text_part_deductions`` sums a part's deductions.
"""

from __future__ import annotations

from decimal import Decimal

from ..cues import cues

_CUES = cues(__name__)
_NAME_PIECE = 3  # characters of an indicator's name a deduction's words must share to be said of it


def points_taken(text: str) -> list[Decimal]:
    """The points each deduction of ``text`` takes off ("…扣3分；…扣减1.5分" → 3, 1.5)."""
    return [Decimal(found.group("n")) for found in _CUES.deduction.finditer(text)]


def deduction_stated(text: str, name: str, lost: Decimal) -> bool:
    """Does ``text`` say it took ``lost`` points off the indicator ``name`` ("取证率未达标扣5分": the words before 扣
    share a piece of the name)?"""
    pieces = {name[k : k + _NAME_PIECE] for k in range(len(name) - _NAME_PIECE + 1)}
    return any(
        Decimal(found.group("n")) == lost and any(piece in found.group("words") for piece in pieces)
        for found in _CUES.deduction.finditer(text)
    )
