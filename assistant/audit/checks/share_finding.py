"""The finding of a share or rate read as one amount (or count) over another: shared by the readings of
``text_shares`` and ``arrival_rates``, so the message, the rounding (each figure stands for its written interval;
a rate cut rather than rounded at its written place is only a doubt) and the marking of what was compared are
the same wherever a stated percentage is checked as part ÷ whole.
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..findings import Finding
from ..prose.evidence import quote_of, show_interval, span_of
from ..prose.interval import Interval
from ..prose.model import Statement, list_places

HUNDRED = Decimal(100)


def share_finding(
    ctx: AuditContext,
    rate: Statement,
    part: Statement,
    whole: Statement,
    part_word: str,
    whole_word: str,
    local: bool,
    moment: bool = False,
    doubt: str = "",
) -> Finding | None:
    places = list_places([part, whole])
    quotient = part.interval(places).divided_by(whole.interval(places))
    if quotient is None:
        return None
    computed: Interval = quotient.scaled(HUNDRED)
    ctx.facts.mark(rate, part, whole)
    if computed.overlaps(rate.interval()):
        return None
    # 31.6 % written "31%": cut at the written place rather than rounded, a convention — no proof
    cut = computed.cut_to(rate.value, rate.canonical_places)
    return ctx.relation_finding(
        "RATE_MISMATCH",
        f"{part_word}{part.text}÷{whole_word}{whole.text}＝{show_interval(computed, rate)}，文中写作 {rate.text}"
        + ("" if local else f"（{whole_word}见文中他处）")
        + ("（所写为某一时点的完成情况，计划或为全年之数）" if moment else "")
        + ("（若按截位而非四舍五入填写，则二者相符）" if cut else "")
        + doubt,
        span_of(rate, part, whole),
        expected=show_interval(computed, rate),
        found=rate.text,
        proven=local and not cut and not moment and not doubt,
        quote=quote_of(ctx.doc.text, rate),
    )
