"""REMAINDER_MISMATCH from the text alone: left-over amounts listed 分别 ("年末结余分别为31.80万元和9.60万元") against
the money less the spending of the sources (or items) written before them, one by one in their order.

Why apart from ``remainders``: that module reads one remainder against one subject's budget; a 分别 list gives
several at once, each the rest of the pair (到位/预算, then 支出) the text wrote in the same order just before.
Bad: 中央资金到位500.00万元，支出468.20万元；省级资金到位300.00万元，支出291.40万元。上述两项资金年末结余分别为
31.80万元和9.60万元 (300.00 − 291.40 = 8.60). Good: 8.60; a list whose count differs from the pairs before it
(which rest is whose is unknown: silent). When another pair of the list agrees, the order is proven: an error;
else a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, show_interval, show_value, span_of
from ..prose.model import Statement, list_places
from ..registry import check_unit

_CUES = cues(__name__)
_WHOLES = ("budget", "arrived")


@check_unit(also=("REMAINDER_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for cue in _CUES.respective_rest.finditer(text):
        rests = _listed(ctx, cue.end())
        pairs = _pairs_before(ctx, cue.start(), rests)
        if len(rests) < 2 or len(pairs) != len(rests):
            continue
        agree = [_agrees(w, s, r) for (w, s), r in zip(pairs, rests, strict=True)]
        for (whole, spent), rest, ok in zip(pairs, rests, agree, strict=True):
            ctx.facts.mark(whole, spent, rest)
            if not ok:
                yield _finding(ctx, whole, spent, rest, proven=any(agree))


def _listed(ctx: AuditContext, start: int) -> list[Statement]:
    """The amounts of the list right after the cue, joined by 、/和/及/，, in the order written."""
    listed: list[Statement] = []
    end = start
    for s in sorted(ctx.facts.statements, key=lambda s: s.span):
        if s.span[0] < start or s.kind != "amount":
            continue
        if not _CUES.joiner.fullmatch(ctx.doc.text[end : s.span[0]]):
            break
        listed.append(s)
        end = s.span[1]
    return listed


def _pairs_before(ctx: AuditContext, start: int, rests: list[Statement]) -> list[tuple[Statement, Statement]]:
    """The (money, spending) pairs of the cue's paragraph before it, each whole followed by its subject's spending
    before the next whole; the last as many as the list has amounts."""
    if not rests or rests[0].sentence is None:
        return []
    para = rests[0].sentence.para_start
    before = [
        s
        for s in sorted(ctx.facts.statements, key=lambda s: s.span)
        if s.kind == "amount"
        and s.exact_claim
        and s.span[1] <= start
        and s.sentence is not None
        and s.sentence.para_start == para
    ]
    pairs: list[tuple[Statement, Statement]] = []
    whole: Statement | None = None
    for s in before:
        if s.field in _WHOLES:
            whole = s
        elif s.field == "executed" and whole is not None and s.subject == whole.subject:
            pairs.append((whole, s))
            whole = None
    return pairs[-len(rests) :]


def _agrees(whole: Statement, spent: Statement, rest: Statement) -> bool:
    places = list_places([whole, spent, rest])
    return (whole.interval(places) - spent.interval(places)).overlaps(rest.interval(places))


def _finding(ctx: AuditContext, whole: Statement, spent: Statement, rest: Statement, proven: bool) -> Finding:
    places = list_places([whole, spent, rest])
    computed = whole.interval(places) - spent.interval(places)
    return ctx.relation_finding(
        "REMAINDER_MISMATCH",
        f"按所列顺序，{whole.text}－{spent.text}＝{show_interval(computed, rest)}，文中对应结余写作 {rest.text}",
        span_of(rest, spent, whole),
        expected=show_value(computed.mid, rest),
        found=rest.text,
        proven=proven and all(s.exact_claim for s in (whole, spent, rest)),
        quote=quote_of(ctx.doc.text, rest),
    )
