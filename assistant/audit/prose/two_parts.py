"""A whole and the amounts that make it up: two that must add up to it (``whole_of_two``), one that cannot
exceed it (``over_budget``).

Checks that read "whole, then two shares" (an area's money and its two levels; money held, allocated and not yet
allocated) or "a part and its budget" (money left over, money paid) share the finding, so that the message, the
rounding (each number stands for the interval its written precision leaves) and the marking of the statements as
cross-checked are the same wherever the pattern is read.
"""

from __future__ import annotations

from typing import Any

from ..context import AuditContext
from ..findings import Finding
from .evidence import quote_of, show_interval, show_value, span_of
from .interval import total
from .model import Statement, list_places


def whole_of_two(
    ctx: AuditContext,
    whole: Statement,
    parts: tuple[Statement, Statement],
    named: str,
    doubt: str = "",
    *,
    span: tuple[int, int],
    proven: bool,
    places: int | None = None,
) -> Finding | None:
    """The TOTAL_MISMATCH finding when two amounts that make up ``whole`` do not add up to it.

    ``named`` says what the two are, ``doubt`` what would make them agree after all; ``places`` reads the parts to a
    precision they share (a list written with one decimal). The three statements count as cross-checked either way.
    """
    summed = total([p.interval(places) for p in parts])
    ctx.facts.mark(whole, *parts)
    if summed.overlaps(whole.interval()):
        return None
    return ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"{named} 之和为 {show_interval(summed, whole)}，与总数 {whole.text} 不符{doubt}",
        span,
        expected=show_value(summed.mid, whole),
        found=whole.text,
        proven=proven,
        quote=quote_of(ctx.doc.text, whole),
    )


def over_budget(
    ctx: AuditContext, code: str, part: Statement, budget: Statement, message: str, **details: Any
) -> Finding | None:
    """A finding when ``part`` (an amount paid or left over) exceeds the ``budget`` it is a part of, at their
    common precision (both marked checked); ``details`` go to ``relation_finding`` (``proven``, ``project``)."""
    places = list_places([budget, part])
    ctx.facts.mark(budget, part)
    if not budget.interval(places).below(part.interval(places)):
        return None
    return ctx.relation_finding(
        code,
        message,
        span_of(part, budget),
        expected=f"不超过{budget.text}",
        found=part.text,
        quote=quote_of(ctx.doc.text, part),
        **details,
    )
