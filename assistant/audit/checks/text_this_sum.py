"""REPEAT_MISMATCH for an amount that points back: "这笔200万元…" (这笔, 该笔, 此笔: "this sum") is a sum stated
before, so it must be the value of the money stated last before its sentence.

Why: the subject readers tie a repeat by the subject and 口径 the words name; "这笔" names neither (the fund may
follow in other words: "这笔3亿元中央预算"), yet the writer says outright that it is the same money as the amount
just told. The antecedent is the sentence with money written last before it (an amount in an earlier sentence):
the pointer may take one of its amounts or their sum ("A 100万元、B 100万元…这笔200万元"); matching neither (at the
written precision) is a warning with verdict "uncertain": which sum the writer points at is a reading.
Bad: 下达…补助资金200万元,用于建设托养中心。… 这笔300万元资金全部用于托养中心建设.
Good: the same with 这笔200万元; 下达A资金120万元、B资金80万元。这笔200万元… (their sum).
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.interval import total
from ..prose.model import Statement
from ..registry import check_unit
from .text_repeats import repeat_finding

_CUES = cues(__name__)
_POINTER_REACH = 4  # characters before an amount where 这笔 may be written


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    text = ctx.doc.text
    money = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount" and s.origin == "prose" and s.sentence is not None and s.hedge is None
    ]
    findings: list[Finding] = []
    for k, s in enumerate(money):
        assert s.sentence is not None
        pointed = _CUES.pointer.search(text[max(0, s.span[0] - _POINTER_REACH) : s.span[0]])
        if not s.exact_claim or pointed is None:
            continue
        told = _told_before(money[:k], s)
        if not told:
            continue
        ctx.facts.mark(*told, s)
        sums = [t.interval() for t in told]
        if any(i.overlaps(s.interval()) for i in (*sums, total(sums))):
            continue
        findings.append(repeat_finding(ctx, told[-1], s, "“这笔”所指的资金", proven=False))
    return findings


def _told_before(earlier: list[Statement], pointer: Statement) -> list[Statement]:
    """The plain amounts of the last sentence before ``pointer``'s that states money."""
    before = [e for e in earlier if e.sentence is not None and e.span[1] <= pointer.sentence.start]  # type: ignore[union-attr]
    if not before:
        return []
    last = before[-1].sentence
    return [e for e in before if e.sentence is last and e.exact_claim]
