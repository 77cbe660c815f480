"""REMAINDER_MISMATCH from the text alone: the share left after a payment made up to a share of the whole,
"支付至X%，剩余Y%" — Y against 100 − X.

Why: contracts are paid in stages, and reports state the stage reached as a cumulative share ("竣工验收后支付至
合同价款的95%", "累计支付80%") and then what is held back ("剩余5%作为质量保证金"); the two shares of one whole
add up to 100 %.
Bad: 验收合格后付至合同金额的97%，剩余5%作为质保金 (100 − 97 = 3).
Good: the same with 剩余3%; "预付30%，进度款40%，剩余30%" (shares of separate stages: not read here);
"支付至95%，剩余3%质保金及2%审计费" (the rest split further: silent).
Only a cumulative share (至, 累计, 已) right before the remainder in its sentence, with nothing but the
remainder word between them, is read: the text's own arithmetic proves it (an error).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, show_interval, show_value, span_of
from ..prose.interval import Interval
from ..prose.model import Statement
from ..registry import check_unit

HUNDRED = Decimal(100)
_CUES = cues(__name__)


@check_unit(also=("REMAINDER_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for rest in ctx.facts.statements:
        if rest.kind != "percent" or rest.sentence is None or not rest.exact_claim:
            continue
        paid = _paid_before(ctx, rest)
        if paid is None or _split_further(ctx, rest):
            continue
        computed = Interval.exact(HUNDRED) - paid.interval()
        ctx.facts.mark(paid, rest)
        if computed.overlaps(rest.interval()):
            continue
        yield ctx.relation_finding(
            "REMAINDER_MISMATCH",
            f"文中称已支付至 {paid.text}，剩余应为 {show_interval(computed, rest)}，文中写作 {rest.text}",
            span_of(rest, paid),
            expected=show_value(computed.mid, rest),
            found=rest.text,
            proven=True,
            quote=quote_of(text, rest),
        )


def _paid_before(ctx: AuditContext, rest: Statement) -> Statement | None:
    """The cumulative share paid right before the remainder in its sentence ("支付至95%，剩余" + rest), if any."""
    text = ctx.doc.text
    before = [
        s for s in ctx.facts.in_sentence(rest.sentence) if s.span[1] <= rest.span[0] and s.kind != "date"
    ]
    if not before or before[-1].kind != "percent" or not before[-1].exact_claim:
        return None
    paid = before[-1]
    if not _CUES.rest_word.fullmatch(text[paid.span[1] : rest.span[0]]):
        return None
    if not _CUES.paid_to.search(text[max(rest.sentence.start, paid.span[0] - 16) : paid.span[0]]):
        return None
    return paid


def _split_further(ctx: AuditContext, rest: Statement) -> bool:
    """ "剩余3%质保金及2%审计费": another share right after the remainder splits it; it is no longer all the rest."""
    after = [s for s in ctx.facts.in_sentence(rest.sentence) if s.span[0] >= rest.span[1]]
    if not after or after[0].kind != "percent":
        return False
    return _CUES.joins_share.fullmatch(ctx.doc.text[rest.span[1] : after[0].span[0]]) is not None
