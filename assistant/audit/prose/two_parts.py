"""A whole and the two amounts that make it up (each told apart by the words of its clause, ``clauses``).

Checks that read "whole, then two shares" (an area's money and its two levels; money held, allocated and not yet
allocated) share the finding when the two shares miss the whole, so that the message, the rounding (a whole is
compared with the interval its parts' written precision leaves) and the marking of the statements as
cross-checked are the same wherever the pattern is read.
"""

from __future__ import annotations

from ..context import AuditContext
from ..findings import Finding
from .evidence import quote_of, show_interval, show_value
from .interval import total
from .model import Statement


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
