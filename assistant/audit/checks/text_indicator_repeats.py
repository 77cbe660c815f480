"""REPEAT_MISMATCH between the prose and the report's own 自评表: a quantity the narrative states for what an
indicator row measures, against that row's 实际完成值.

Bad: 完成美丽宜居自然村庄整治302个 … 指标2:建设美丽宜居自然村庄数量 | ≥200 | 202 |.
Good: the same with 202个; or a prose number equal to the row's target (the text may restate the plan).
The prose number is tied to the row by wording only (the longest run of characters its clause shares with the
indicator's name, generic words aside), so a mismatch is a warning with verdict "uncertain".
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..fields import first_clause
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)
_MIN_SHARED = 4
_SHARE = 0.6  # of the indicator's own words


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    facts = ctx.facts
    actuals = [
        s
        for s in facts.statements
        if s.origin == "table"
        and s.field == "actual"
        and s.subject is not None
        and s.subject.kind == "indicator"
    ]
    if not actuals:
        return []
    findings: list[Finding] = []
    for s in facts.statements:
        if s.origin != "prose" or s.role != "value" or s.kind not in ("count", "amount") or not s.exact_claim:
            continue
        row = _row_named(ctx, s, actuals)
        if row is None or not _same_unit(s, row):
            continue
        target = _target_of(facts.statements, row)
        facts.mark(s, row)
        if row.interval().overlaps(s.interval()) or (
            target is not None and target.interval().overlaps(s.interval())
        ):
            continue
        assert row.subject is not None
        findings.append(
            ctx.relation_finding(
                "REPEAT_MISMATCH",
                f"文中写 {s.text}，评分表“{row.subject.name}”的实际完成值为 {row.text}",
                s.span,
                expected=row.text,
                found=s.text,
                proven=False,
                quote=quote_of(ctx.doc.text, s),
            )
        )
    return findings


def _row_named(ctx: AuditContext, s: Statement, actuals: list[Statement]) -> Statement | None:
    """The indicator row most of whose own words the number's clause holds (None when two tie or none does)."""
    if s.sentence is None:
        return None
    text = ctx.doc.text
    before = clause_before(ctx, s)[-24:]
    after = first_clause(text[s.span[1] : s.sentence.end])[:16]
    clause = _CUES.generic.sub("|", before + "|" + after)
    scored = []
    for k, row in enumerate(actuals):
        if row.subject is None or not _same_unit(s, row):
            continue
        own = _CUES.generic.sub("", row.subject.name)
        shared = _shared(clause, own)
        if shared >= _MIN_SHARED and shared >= _SHARE * len(own):
            scored.append((shared, k))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return actuals[scored[0][1]]


def _shared(a: str, b: str) -> int:
    """Length of the longest run of characters both strings hold."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _same_unit(s: Statement, row: Statement) -> bool:
    """A table cell without a unit is a count like the prose's; with one, they must agree."""
    if row.kind != "count" and row.kind != s.kind:
        return False
    return (row.unit is None and s.kind == "count") or (row.unit is not None and row.unit == s.unit)


def _target_of(statements: list[Statement], row: Statement) -> Statement | None:
    return next(
        (t for t in statements if t.subject == row.subject and t.field == "target" and t.origin == "table"),
        None,
    )
