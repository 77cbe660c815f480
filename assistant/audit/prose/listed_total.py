"""Whether the amounts of a count's listed items add up exactly to a total the text states before the list, or that
closes the list as its 合计.

Why: "共实施小型水库除险加固8座，具体为：A水库186万元、…" with seven items whose amounts add up to exactly the
1,015万元 the text states above them: no item and no money is left out of the list, so the list is whole and a
count it does not match is the slip. Without such a total a count above the list may count an item the writer
left out (a doubt, not a proof).
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from .model import Statement

_CUES = cues(__name__)


def _amounts_in(ctx: AuditContext, start: int, end: int) -> list[Statement]:
    return [
        s
        for s in ctx.facts.statements
        if s.kind == "amount" and s.origin == "prose" and start <= s.span[0] and s.span[1] <= end
    ]


def listed_amounts(ctx: AuditContext, items: list[tuple[int, int]]) -> list[Statement] | None:
    """The one exact amount each listed item writes, in the items' order; None when any item has none or several."""
    own = [_amounts_in(ctx, a, b) for a, b in items]
    if any(len(found) != 1 or not found[0].exact_claim for found in own):
        return None
    return [found[0] for found in own]


def amount_of_sentence(
    ctx: AuditContext, count: Statement, values: list[Decimal], unit: str | None = None
) -> Statement | None:
    """The exact amount of the count's own sentence whose value is one of ``values`` (in ``unit``, when given): the
    sum a list written elsewhere must make to be the whole the sentence counts."""
    for s in ctx.facts.in_sentence(count.sentence):
        if s.kind == "amount" and s.exact_claim and s.value in values and (unit is None or s.unit == unit):
            return s
    return None


def amount_of_paragraph(ctx: AuditContext, count: Statement, values: list[Decimal]) -> Statement | None:
    """The exact amount of the count's own paragraph whose value is one of ``values``: a table's 合计 that the
    paragraph introducing the table states too ("…项目14个，…。截至年底累计支出11,660.37万元。分县情况见下表")."""
    if count.sentence is None:
        return None
    for s in ctx.facts.statements:
        if s.kind == "amount" and s.origin == "prose" and s.exact_claim and s.value in values:
            if s.sentence is not None and s.sentence.para_start == count.sentence.para_start:
                return s
    return None


def listed_total(ctx: AuditContext, count: Statement, items: list[tuple[int, int]]) -> Statement | None:
    """The amount stated before the first item, in the count's level-1 section or (in any section) named as the
    projects' spending ("项目支出196万元") or a whole ("项目总投资1,265.00万元"), or the 合计 right after the last item, that the items' amounts (one exact amount each, in one unit of writing)
    add up to exactly; None when any item has none or several."""
    if count.sentence is None or len(items) < 2:
        return None
    parts = listed_amounts(ctx, items)
    if parts is None:
        return None
    whole = sum((p.value for p in parts), start=Decimal(0))
    closing = _closing_sum(ctx, items[-1][1])
    if closing is not None and closing.value == whole:
        return closing  # "…，古树保护经费24.85万元，合计1,604.00万元": the list closes with its own sum
    section = count.sentence.section
    for stated in _amounts_in(ctx, 0, items[0][0]):
        if stated.exact_claim and stated.value == whole and stated.sentence is not None:
            if stated.sentence.section == section or _named_whole(ctx.doc.text, stated):
                return stated
    return None


def stated_sum(ctx: AuditContext, items: list[tuple[int, int]]) -> Statement | None:
    """An exact amount written anywhere outside the items that their amounts (one exact amount each) add up to: in
    another section and not named a whole, it suggests the list is whole without proving it."""
    parts = listed_amounts(ctx, items) if len(items) >= 2 else None
    if parts is None:
        return None
    whole = sum((p.value for p in parts), start=Decimal(0))
    inside = range(items[0][0], items[-1][1])
    for stated in ctx.facts.statements:
        if (
            stated.kind == "amount"
            and stated.exact_claim
            and stated.value == whole
            and stated.span[0] not in inside
        ):
            return stated
    return None


def _closing_sum(ctx: AuditContext, end: int) -> Statement | None:
    """The exact amount a 合计/共计 right after the last item states ("…24.85万元，合计1,604.00万元"): the list's own
    sum as its writer gives it."""
    first = min(_amounts_in(ctx, end, len(ctx.doc.text)), key=lambda s: s.span, default=None)
    if first is None or not first.exact_claim:
        return None
    return first if _CUES.closing_sum.fullmatch(ctx.doc.text[end : first.span[0]]) else None


def _named_whole(text: str, stated: Statement) -> bool:
    """Whether the words right before the amount name it the projects' spending ("…，项目支出196.00万元") or a
    whole ("项目总投资1,265.00万元")."""
    start = stated.sentence.start if stated.sentence is not None else 0
    before = text[max(start, stated.span[0] - 20) : stated.span[0]]
    return _CUES.projects_spending.search(before) is not None or _CUES.named_whole.search(before) is not None
