"""TOTAL_MISMATCH for an area's whole and its two levels: "全市财政直达资金总额75.20亿元…市本级直达资金45.66亿元…
县区直达资金合计33.88亿元" (45.66 + 33.88 = 79.54, not 75.20). A city's (province's, county's) money is what its
own level holds plus what its lower areas hold, written in separate sentences with no 其中 to join them.

Bad: 全市资金总额75.20亿元。…市本级资金45.66亿元。…县区资金合计33.88亿元。
Good: 全市资金总额79.54亿元 with the same two levels; or a whole with only one of the levels named.
The pairing rests on reading the two levels as apart (money the own level passes down may be counted twice):
a warning, "uncertain", never an error. No finding where the text sets a level's figure apart from the whole:
another stage (市本级已支出…, 县区已分配… beside the money held), another fund (市本级衔接资金 beside 全市直达资金),
another year, or another moment (截至6月底 against 截至年底).
"""

from __future__ import annotations

import re

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.model import Statement
from ..prose.periods import conflicting
from ..prose.two_parts import whole_of_two
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    amounts = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount" and s.role in ("value", "timed") and s.hedge is None and s.sentence is not None
    ]
    findings = []
    for k, whole in enumerate(amounts):
        if not _CUES.area_whole.search(clause_before(ctx, whole)):
            continue
        later = [
            s
            for s in amounts[k + 1 :]
            if ctx.doc.section_at(s.span[0]) == ctx.doc.section_at(whole.span[0]) and _alike(ctx, whole, s)
        ]
        own = next((s for s in later if _CUES.own_level.search(clause_before(ctx, s))), None)
        lower = next((s for s in later if _CUES.lower_areas.search(clause_before(ctx, s))), None)
        if own is None or lower is None or whole.sentence in (own.sentence, lower.sentence):
            continue
        finding = whole_of_two(
            ctx,
            whole,
            (own, lower),
            f"本级 {own.text} 与下级 {lower.text}",
            "（若本级与下级的资金有重复计算，则不矛盾）",
            # the two levels are what the reading rests on: the finding points at them, from one to the other
            span=(min(own.span[0], lower.span[0]), max(own.span[1], lower.span[1])),
            proven=False,
        )
        if finding is not None:
            findings.append(finding)
    return findings


def _alike(ctx: AuditContext, whole: Statement, level: Statement) -> bool:
    """The level's figure may be a part of the whole: the same stage, fund, year and moment, as far as both name
    them."""
    text, clause, own = ctx.doc.text, clause_before(ctx, whole), clause_before(ctx, level)
    if {m.group() for m in _CUES.stage.finditer(clause)} != {m.group() for m in _CUES.stage.finditer(own)}:
        return False
    funds = {_named(_CUES.fund, clause), _named(_CUES.fund, own)}
    moments = {_named(_CUES.moment, _head(ctx, whole)), _named(_CUES.moment, _head(ctx, level))}
    return len(funds - {None}) < 2 and len(moments - {None}) < 2 and not conflicting(text, whole, level)


def _named(cue: re.Pattern[str], words: str) -> str | None:
    """The last fund (moment) the words name."""
    found = [m.group("name") for m in cue.finditer(words)]
    return found[-1] if found else None


def _head(ctx: AuditContext, s: Statement) -> str:
    assert s.sentence is not None
    return ctx.doc.text[s.sentence.start : s.span[0]]
