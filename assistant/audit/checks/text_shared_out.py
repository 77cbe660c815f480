"""TOTAL_MISMATCH from the text alone: money shared out among all the places a count names, listed place by place,
against the money the sentence before states ("下达…资金500万元，加上上年结转80万元，共580万元。按…因素分配，全县
4个乡镇具体为：A镇150万元、B镇120万元、C镇140万元、D镇110万元").

Why: an allocation report states the money handed down (and what was carried in) in one sentence and shares it out
place by place in the next; the sentence with the list names no amount of its own, so the sum checks find no whole
for it. The places' sum must be one of the amounts before (or several of them together).
Bad: the list above (520) beside 500 and 580: above the money handed down, and no amount of the sentence before.
Good: the same list beside 下达520万元; a list summing to 500 or to 580; a sum below the money handed down (the
holder may keep a share, or share out one batch only).
Read only so: a count of places (个县区, 个乡镇…) after a word of sharing out (分配, 下达, 安排…) in its sentence and
before it no amount; its items each a name and one exact amount, as many as the count, no 等 and no 主要 (the list
is whole); the sentence before in the same paragraph states only money held (budget, carried in, arrived), no
spending. Which of those amounts the list shares out is a reading: a warning ("uncertain").
"""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of
from ..prose.interval import Interval, total
from ..prose.listed_total import listed_amounts
from ..prose.model import Statement, list_places
from ..prose.quantity_lists import item_spans, quantity_list
from ..registry import check_unit

_CUES = cues(__name__)
_HELD = (None, "budget", "arrived", "unspent")  # money held, not a stage of spending it
_MOST = 4  # amounts of the sentence before: more are a table, not a statement of the money


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    counts = [s for s in ctx.facts.statements if s.kind == "count" and s.origin == "prose" and s.exact_claim]
    return [f for f in (_shared(ctx, c) for c in counts if c.sentence is not None) if f is not None]


def _shared(ctx: AuditContext, count: Statement) -> Finding | None:
    text, sentence = ctx.doc.text, count.sentence
    assert sentence is not None
    place = _CUES.places.match(text[count.span[1] : count.span[1] + 8])
    if place is None:
        return None
    if not _CUES.shared_out.search(text[sentence.start : count.span[0]]):
        return None
    if any(s.kind == "amount" and s.span[0] < count.span[0] for s in ctx.facts.in_sentence(sentence)):
        return None  # the whole is in the list's own sentence: the sum checks read it
    listed = quantity_list(text, count)
    if listed is None:
        return None
    start, stretch, (split, _mark, segments) = listed
    if len(segments) != count.value or _CUES.some.search(text[count.span[1] : start]):
        return None
    parts = listed_amounts(ctx, item_spans(text, start, stretch, split)[: len(segments)])
    held = _held_before(ctx, count)
    if parts is None or held is None:
        return None
    places = list_places([*parts, *held])
    listed_sum = total([p.interval(places) for p in parts])
    wholes = [h.interval(places) for h in held]
    if listed_sum.below(wholes[0]) or any(listed_sum.overlaps(w) for w in _sums(wholes)):
        return None
    said = "、".join(h.text for h in held)
    summed = f"{sum((p.value for p in parts), start=Decimal(0))}万元"
    return ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"文中为 {count.text}{place.group(0)} 逐一列出分配金额，合计 {summed}，"
        f"与前句所列资金 {said} 及其合计均不相符（分配的是哪一笔资金属推断）",
        (held[0].span[0], start + len(stretch)),
        expected=said,
        found=summed,
        proven=False,
        quote=quote_of(text, held[0]),
    )


def _held_before(ctx: AuditContext, count: Statement) -> list[Statement] | None:
    """The amounts of the sentence before the count's, in its paragraph, when all are money held (no spending)."""
    sentences = ctx.doc.sentences
    at = next((k for k, s in enumerate(sentences) if s is count.sentence), 0)
    if at == 0 or count.sentence is None or sentences[at - 1].para_start != count.sentence.para_start:
        return None
    amounts = [
        s for s in ctx.facts.in_sentence(sentences[at - 1]) if s.kind == "amount" and s.origin == "prose"
    ]
    if not amounts or len(amounts) > _MOST or not all(a.exact_claim and a.field in _HELD for a in amounts):
        return None
    return amounts


def _sums(wholes: list[Interval]) -> list[Interval]:
    """Each amount and each sum of several of them: the money a list may share out."""
    return [total(list(group)) for n in range(1, len(wholes) + 1) for group in combinations(wholes, n)]
