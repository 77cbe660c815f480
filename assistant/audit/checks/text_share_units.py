"""UNIT_SUSPECT from the text alone: a share of a whole ("总保费1293.45万元，…省级财政补贴32.5%为420.37元") whose
amount is P% of the whole in the other unit (1293.45万元 × 32.5% = 420.37万元, written 元).

Why: reports split a whole by shares (补贴比例, 分担比例) and write each share's amount after its percentage; a
slip of 万 leaves the figure right and the unit wrong, and P% × the whole settles which unit was meant.
The whole is the nearest amount before the percentage in its sentence that is not itself a share's amount.
Bad: 总保费1293.45万元，中央财政补贴47.5%为614.39万元，省级财政补贴32.5%为420.37元.
Good: …32.5%为420.37万元; …32.5%为420元 (neither unit gives P% of the whole: another relation, not a slip).
An error when the whole, the percentage and the amount are all stated values (the arithmetic then proves the
unit); the amount as written must miss P% × the whole and the other unit must meet it, at the written precision.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, show_written, span_of
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)
_WAN = Decimal(10000)
_HUNDRED = Decimal(100)


@check_unit(also=("UNIT_SUSPECT",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for sentence in ctx.doc.sentences:
        own = ctx.facts.in_sentence(sentence)
        shares = [
            (rate, amount)
            for rate, amount in pairwise(own)
            if rate.kind == "percent"
            and amount.kind == "amount"
            and _CUES.share_amount.fullmatch(text[rate.span[1] : amount.span[0]])
        ]
        taken = {amount.span for _, amount in shares}
        for rate, amount in shares:
            whole = next(
                (
                    s
                    for s in reversed(own)
                    if s.span[1] <= rate.span[0] and s.kind == "amount" and s.span not in taken
                ),
                None,
            )
            if whole is not None:
                finding = _slip(ctx, whole, rate, amount)
                if finding is not None:
                    yield finding


def _slip(ctx: AuditContext, whole: Statement, rate: Statement, amount: Statement) -> Finding | None:
    """The finding when P% × whole misses the amount as written and meets it in the other unit."""
    if amount.unit == "元":
        other, unit = replace(amount, value=amount.value * _WAN, factor=amount.factor * _WAN), "万元"
    elif amount.unit in ("万元", "万"):
        other, unit = replace(amount, value=amount.value / _WAN, factor=amount.factor / _WAN), "元"
    else:
        return None
    share = whole.interval() * rate.interval().scaled(1 / _HUNDRED)
    if share.overlaps(amount.interval()) or not share.overlaps(other.interval()):
        return None
    ctx.facts.mark(whole, rate, amount)
    raw = show_written(amount, "")
    return ctx.relation_finding(
        "UNIT_SUSPECT",
        f"{whole.text} × {rate.text} ＝ {raw}{unit}，文中写作 {amount.text}：单位疑为{unit}",
        span_of(whole, rate, amount),
        expected=f"{raw}{unit}",
        found=amount.text,
        proven=all(s.exact_claim for s in (whole, rate, amount)),
        quote=quote_of(ctx.doc.text, amount),
    )
