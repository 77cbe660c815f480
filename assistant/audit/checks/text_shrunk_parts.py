"""REPEAT_MISMATCH for a fund split twice: "下达…412.85万元，其中一般项目375.65万元，绩效奖励37.2万元" and, after a
cut, "…189.28万元，其中一般项目151.8万元，绩效奖励37.48万元". The whole shrank, yet one named part grew.

Bad: the second list's 绩效奖励 37.48万元 above the first's 37.2万元 while the whole fell from 412.85 to 189.28.
Good: every named part of the smaller whole at or below its value in the larger one. A text may re-split a fund
after a cut without saying so: the finding is a warning ("uncertain"), never an error. No finding when the two
lists are of different years (2022年下达… against 2023年追减后…): two funds, not one cut.
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.model import Statement
from ..prose.parts import Breakdown
from ..prose.periods import conflicting
from ..registry import check_unit
from .text_repeats import repeat_finding

_CUES = cues(__name__)


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    lists = [b for b in ctx.facts.breakdowns if b.total.kind == "amount" and b.total.subject is not None]
    findings = []
    for k, larger in enumerate(lists):
        for smaller in lists[k + 1 :]:
            if not _cut_between(ctx, larger, smaller):
                continue
            before = _named(ctx, larger)
            for label, part in _named(ctx, smaller).items():
                earlier = before.get(label)
                if earlier is None or not earlier.interval().below(part.interval()):
                    continue
                ctx.facts.mark(earlier, part)
                what = f"「{label}」（资金总额由 {larger.total.text} 减为 {smaller.total.text}，此项却增加）"
                findings.append(repeat_finding(ctx, earlier, part, what, proven=False))
    return findings


def _cut_between(ctx: AuditContext, larger: Breakdown, smaller: Breakdown) -> bool:
    """Is ``smaller`` the same fund (subject, 口径) after a cut the text states between the two lists (追减, 调减)?
    A budget split and then a spending split are two stages, not one fund cut."""
    a, b = larger.total, smaller.total
    if a.subject != b.subject or a.field != b.field or not b.interval().below(a.interval()):
        return False
    if conflicting(ctx.doc.text, a, b):
        return False
    return _CUES.cut.search(ctx.doc.text, a.span[1], b.span[0]) is not None


def _named(ctx: AuditContext, breakdown: Breakdown) -> dict[str, Statement]:
    """The breakdown's parts by the label right before each ("其中一般项目" → 一般项目), when every label differs."""
    named = {}
    for part in breakdown.parts:
        if part.sentence is None:
            return {}
        clause = _CUES.clause.split(ctx.doc.text[part.sentence.start : part.span[0]])[-1]
        label = _CUES.head.sub("", clause.strip())
        if len(label) < 2:
            return {}
        named[label] = part
    return named if len(named) == len(breakdown.parts) else {}
