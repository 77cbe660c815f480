"""TOTAL_MISMATCH for money allocated and not yet allocated: "县区直达资金合计33.88亿元，已分配33.80亿元，未分配0.08亿元"
— what was handed on and what was not make up the money held, by definition.

Bad: 县区资金合计43.88亿元，已分配33.80亿元，未分配0.08亿元 (33.88, not 43.88).
Good: 县区资金合计33.88亿元，已分配33.80亿元，未分配0.08亿元; or only one of the two stated (nothing to add).
Only amounts of one sentence are read so: the whole first, then the two shares, named by one verb (已分配 with
未分配, 已下达 with 未下达: "已下达30亿元，其中已分配29亿元，未分配1亿元" splits what was issued, not the whole).
Error conditions: the whole is the one amount of the sentence before the shares, no amount follows them (a third
share, "收回统筹0.20亿元", may stand after: then a warning unless all of them make the whole), and the shares' sum,
at their written precision, cannot be it. With several amounts before the shares (the whole and its sources, this year's
money and money carried in) no finding when any of them or all together make the shares' sum; otherwise a
warning ("uncertain") against the sentence's first amount: which of them is the whole is a reading.
Paid and unpaid money is the remainder check's (REMAINDER_MISMATCH).
"""

from __future__ import annotations

import re

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import span_of
from ..prose.interval import total
from ..prose.model import Statement, list_places
from ..prose.two_parts import whole_of_two
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    findings = []
    for sentence in ctx.doc.sentences:
        amounts = [
            s
            for s in ctx.facts.in_sentence(sentence)
            if s.kind == "amount" and s.role in ("value", "timed") and s.hedge is None and s.high is None
        ]
        for k, done in enumerate(amounts):
            verb = _verb(_CUES.allocated, ctx, done)
            if k == 0 or verb is None:
                continue
            left = next((s for s in amounts[k + 1 :] if _verb(_CUES.unallocated, ctx, s) == verb), None)
            before = amounts[:k]
            if left is None or any(_share(ctx, s) for s in before):
                continue
            after = amounts[amounts.index(left) + 1 :]
            finding = _finding(ctx, before, (done, left), verb, after)
            if finding is not None:
                findings.append(finding)
    return findings


def _verb(cue: re.Pattern[str], ctx: AuditContext, s: Statement) -> str | None:
    """The verb (分配, 下达, 分解) of a share's clause, None when the clause names no share."""
    match = cue.search(clause_before(ctx, s))
    return match.group("verb") if match else None


def _share(ctx: AuditContext, s: Statement) -> bool:
    return _verb(_CUES.allocated, ctx, s) is not None or _verb(_CUES.unallocated, ctx, s) is not None


def _finding(
    ctx: AuditContext,
    before: list[Statement],
    shares: tuple[Statement, Statement],
    verb: str,
    after: list[Statement],
) -> Finding | None:
    """The whole against its two shares: proven with one amount before them and none after; with several before,
    silent when any of them or all together make the shares' sum; with some after, silent when all the shares
    and those make the whole; else a warning against the first."""
    done, left = shares
    places = list_places([done, left])
    if after and total([s.interval(places) for s in (done, left, *after)]).overlaps(before[0].interval()):
        ctx.facts.mark(*before, done, left, *after)
        return None
    if len(before) > 1:
        summed = total([done.interval(places), left.interval(places)])
        together = total([s.interval() for s in before])
        if together.overlaps(summed) or any(s.interval().overlaps(summed) for s in before):
            ctx.facts.mark(*before, done, left)
            return None
    return whole_of_two(
        ctx,
        before[0],
        (done, left),
        f"已{verb} {done.text} 与未{verb} {left.text}",
        span=span_of(before[0], done, left),
        proven=len(before) == 1 and not after,
        places=places,
    )
