"""What the year-on-year readings of ``text_growth`` share: whether a written percentage can state a change, the
findings of a wrong percentage and of a wrong stated change (the latter built here for ``text_stated_gap`` and
``text_unarrived`` too: any difference written out after its two figures), this year's figure less the year before's, and the total a part is
listed under.

Why apart: the change read with its percentage (``text_growth``), the two years' figures read as a pair
(``text_growth_pair``), the stated change against its two figures (``text_growth_stated``) and the lists read
respectively (``text_growth_respective``) all weigh a percentage at its written precision and word their findings
the same way. Bad: 23.5078 % written "23.51%" called wrong by one reading and right by another. Good: one interval
test, here: only intervals that cannot meet are a contradiction, and a percent the change cut off at its decimals
(23.50) is a writing habit (a warning).
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, show_value, span_of
from ..prose.interval import Interval
from ..prose.model import Statement

_CUES = cues(__name__)
HUNDRED = Decimal(100)


def percent_differs(
    ctx: AuditContext, ratio: Interval | None, percent: Statement, *amounts: Statement
) -> tuple[Decimal, bool] | None:
    """The change as a percentage (``ratio`` a share of the year before, None when it cannot be computed),
    rounded for the message, when the written ``percent`` cannot state it, with whether the percent is the change
    cut off at its decimals (38.2877 written 38.28); None when it states it."""
    if ratio is None:
        return None
    ratio = ratio.scaled(HUNDRED)
    ctx.facts.mark(*amounts, percent)
    if ratio.overlaps(percent.interval()):
        return None
    step = Decimal(1).scaleb(-percent.places)
    cut = Interval(abs(percent.value), abs(percent.value) + step)
    return round(ratio.mid, max(percent.places, 2)), ratio.overlaps(cut)


def rate_finding(
    ctx: AuditContext, message: str, differs: tuple[Decimal, bool], percent: Statement, *amounts: Statement
) -> Finding:
    """Only exact numbers of the text prove a wrong change (an error); a hedged one leaves a doubt, and so does a
    percent the change cut off at its decimals gives (a writing habit, not a wrong figure)."""
    shown, truncated = differs
    return ctx.relation_finding(
        "RATE_MISMATCH",
        message,
        span_of(percent, *amounts),
        expected=f"{shown}%",
        found=percent.text,
        proven=all(s.exact_claim for s in (percent, *amounts)) and not truncated,
        quote=quote_of(ctx.doc.text, percent),
    )


def change_finding(
    ctx: AuditContext,
    lead: str,
    gap: Interval,
    down: bool,
    now: Statement,
    base: Statement,
    change: Statement,
) -> Finding:
    """A stated change that is not the difference ``gap`` of the two figures it is the change of."""
    return difference_finding(ctx, f"{lead}{'减少' if down else '增加'}", gap, now, base, change)


def difference_finding(
    ctx: AuditContext,
    head: str,
    difference: Interval,
    first: Statement,
    second: Statement,
    stated: Statement,
    *,
    proven: bool = True,
    main: Statement | None = None,
) -> Finding:
    """TOTAL_MISMATCH: a difference written out (a change, an excess, a net figure, a balance, money not arrived)
    that is not the ``difference`` of the two figures it is of. ``head`` is the message up to 应为 ("A 与 B 之差",
    "本年 A、上年 B，增加"); only exact numbers of the text prove it (an error), and only when the reading itself is
    ``proven``. The span runs over the three figures when they share ``main``'s sentence, else it is ``main``'s
    (default ``first``): a stated figure read against two from sentences before it is marked where it stands."""
    shown = show_value(difference.mid, stated, max(first.places, second.places))
    return ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"{head}应为 {shown}，文中写作 {stated.text}",
        span_of(main or first, first, second, stated),
        expected=shown,
        found=stated.text,
        proven=proven and all(s.exact_claim for s in (first, second, stated)),
        quote=quote_of(ctx.doc.text, stated),
    )


def year_change(now: Statement, last: Statement, down: bool) -> Interval:
    """This year's amount less the year before's, or the other way round for a decline."""
    return last.interval() - now.interval() if down else now.interval() - last.interval()


def head_of_parts(ctx: AuditContext, prose: list[Statement], part: Statement) -> Statement | None:
    """The total a part is listed under in its sentence ("会议费支出6400元，其中场地租赁费2400元，…资料印制费4000元";
    "学生共12,348人，其中小学生8,436人、初中生3,912人"): the last figure of the same kind (a count in the same unit)
    and 口径 before the sentence's 其中, when ``part`` stands after it; else None."""
    sentence = part.sentence
    assert sentence is not None
    openers = list(_CUES.parts_opener.finditer(ctx.doc.text, sentence.start, part.span[0]))
    if not openers:
        return None
    heads = [
        s
        for s in prose
        if s.sentence is sentence
        and s.kind == part.kind
        and (s.kind == "amount" or s.unit == part.unit)
        and s.field == part.field
        and s.span[1] <= openers[-1].start()
    ]
    return heads[-1] if heads else None
