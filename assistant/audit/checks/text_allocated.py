"""TOTAL_MISMATCH for money allocated and not yet allocated: "县区直达资金合计33.88亿元，已分配33.80亿元，未分配0.08亿元"
— what was handed on and what was not make up the money held, by definition.

Bad: 县区资金合计43.88亿元，已分配33.80亿元，未分配0.08亿元 (33.88, not 43.88).
Good: 县区资金合计33.88亿元，已分配33.80亿元，未分配0.08亿元; or only one of the two stated (nothing to add).
Only the three amounts of one sentence, in that order, are read so (the whole first, then the two shares).
Paid and unpaid money is the remainder check's (REMAINDER_MISMATCH).
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import span_of
from ..prose.model import list_places
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
            if k == 0 or not _CUES.allocated.search(clause_before(ctx, done)):
                continue
            left = next(
                (s for s in amounts[k + 1 :] if _CUES.unallocated.search(clause_before(ctx, s))), None
            )
            if left is None:
                continue
            whole = amounts[k - 1]
            if _CUES.allocated.search(clause_before(ctx, whole)) or _CUES.unallocated.search(
                clause_before(ctx, whole)
            ):
                continue
            finding = whole_of_two(
                ctx,
                whole,
                (done, left),
                f"已分配 {done.text} 与未分配 {left.text}",
                span=span_of(whole, done, left),
                proven=True,
                places=list_places([done, left]),
            )
            if finding is not None:
                findings.append(finding)
    return findings
