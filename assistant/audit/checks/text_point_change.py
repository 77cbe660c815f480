"""TOTAL_MISMATCH from the text alone: a change in percentage points against the two rates it is the change of.

Bad: 森林覆盖率由上年的61.2%提高到62.8%，提高2.6个百分点 (62.8 − 61.2 = 1.6).
Bad: 卫生厕所普及率达到87%，较上年的83.5%提高4.5个百分点 (3.5).
Good: the same with 1.6 and 3.5 个百分点. Each rate stands for the interval its written precision allows; only a
change that no pair of values in them gives is a contradiction.
A percentage point is, by its definition, the difference of two percentages: when one sentence writes the rate
before (由/从…, or 比/较…的…) and after (…到/至…, or 达到… before 比/较), then the change in 百分点, the three are
bound by arithmetic alone (an error, when all three are exact values).
UNIT_SUSPECT: a change written in % that is the two rates' difference, not the change relative to the rate before
(体质健康达标率92.6%，较上年的88.4%提高4.2%: 4.2 个百分点, or a rise of 4.75 %): 百分点 written as % (a warning: the
meaning is plain, the unit wrong). Good: 提高4.75%, or 提高4.2个百分点; a % change that fits neither is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, span_of
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("TOTAL_MISMATCH", "UNIT_SUSPECT"), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    for sentence in ctx.doc.sentences:
        own = sorted(
            (s for s in ctx.facts.in_sentence(sentence) if s.origin == "prose" and s.role == "value"),
            key=lambda s: s.span,
        )
        for k, change in enumerate(own):
            if change.kind not in ("percentage_point", "percent") or k < 2:
                continue
            pair = _rates_of(ctx, own[k - 2], own[k - 1], change)
            if pair is None:
                continue
            if change.kind == "percent":
                yield from _points_as_percent(ctx, *pair, change)
            else:
                yield from _compare(ctx, *pair, change)


def _rates_of(
    ctx: AuditContext, first: Statement, second: Statement, change: Statement
) -> tuple[Statement, Statement] | None:
    """(before, after) when the two percentages right before the change are its two ends, in either wording:
    "由A提高到B，提高Z个百分点" or "达到B，比上年的A提高Z个百分点"."""
    if first.kind != "percent" or second.kind != "percent":
        return None
    text = ctx.doc.text
    lead = text[max(first.sentence.start, first.span[0] - 12) : first.span[0]]  # type: ignore[union-attr]
    between = text[first.span[1] : second.span[0]]
    tail = text[second.span[1] : change.span[0]]
    if (
        _CUES.from_rate.search(lead)
        and _CUES.to_rate.fullmatch(between)
        and _CUES.change_words.fullmatch(tail)
    ):
        return first, second
    if _CUES.compared_rate.fullmatch(between) and _CUES.change_words.fullmatch(tail):
        return second, first
    return None


def _compare(ctx: AuditContext, before: Statement, after: Statement, change: Statement) -> Iterator[Finding]:
    difference = after.interval() - before.interval()  # each at its own written precision
    stated = change.interval()
    ctx.facts.mark(before, after, change)
    if difference.overlaps(stated) or difference.overlaps(stated.scaled(Decimal(-1))):
        return
    value = after.value - before.value
    yield ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"{after.text}与{before.text}相差 {abs(value).normalize():f} 个百分点，文中写作 {change.text}",
        span_of(change, before, after),
        expected=f"{abs(value).normalize():f}个百分点",
        found=change.text,
        proven=all(s.exact_claim for s in (before, after, change)),
        quote=quote_of(ctx.doc.text, change),
    )


def _points_as_percent(
    ctx: AuditContext, before: Statement, after: Statement, change: Statement
) -> Iterator[Finding]:
    """ "达标率92.6%，较上年的88.4%提高4.2%": a % change that is the difference of the rates, not the relative change."""
    difference = after.interval() - before.interval()
    stated = change.interval()
    relative = difference.divided_by(before.interval())
    if relative is not None and (
        relative.scaled(Decimal(100)).overlaps(stated) or relative.scaled(Decimal(-100)).overlaps(stated)
    ):
        return  # "由80%提高到90%，提高12.5%": the change relative to the rate before, in %
    if not (difference.overlaps(stated) or difference.overlaps(stated.scaled(Decimal(-1)))):
        return  # a % change that fits neither reading is of something else
    ctx.facts.mark(before, after, change)
    points = f"{change.value.normalize():f}个百分点"
    yield ctx.relation_finding(
        "UNIT_SUSPECT",
        f"{after.text}与{before.text}相差 {points}，文中写作 {change.text}（两个比率之差应以“百分点”表示；"
        f"以%表示的变动幅度应为相对上年的增减比例）",
        span_of(change, before, after),
        expected=points,
        found=change.text,
        proven=False,
        quote=quote_of(ctx.doc.text, change),
    )
