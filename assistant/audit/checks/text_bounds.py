"""SCORE_MISMATCH from the text alone: a total score above full marks.

Bad: 自评得分为200分 (a self-evaluation is scored out of 100). Good: 自评得分为96分.
It needs no other number of the text, but the full marks are a rule: 100 unless the text writes its own (满分N分,
N分制, a form's 总分 row; "总分90分以上为优" is a grade boundary, not full marks); above the text's own full marks it
is an error, above the usual 100 a warning. No finding where the sentence says why the score may pass the full
marks: bonus points (其中加分项2分) or a sum over several projects (3个项目自评得分合计285分); none either where
no full marks are written and three or more scores pass 100 (自评得分110分…霍邱县110分、舒城县110分: the text
scores on a larger scale it does not state, as some provinces' 民生工程 evaluations do). Full marks written
for a part (产出指标满分50分) are not the report's, nor are those written in brackets right after a score that
is not the total ("得分12分（满分15分）" on an indicator's line): they are that score's own.
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..fields import clause_of
from ..findings import Finding
from ..prose.evidence import quote_of, span_of
from ..prose.model import Statement
from ..registry import check_unit

HUNDRED = Decimal(100)
_SCALE_EVIDENT = (
    3  # scores above 100 written this many times, no full marks stated: the text's scale is larger
)
_CUES = cues(__name__)


@check_unit(also=("SCORE_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    stated = _stated_full_marks(ctx)
    full = stated or HUNDRED
    above = [
        s
        for s in ctx.facts.statements
        if s.role == "value"
        and s.exact_claim
        and s.origin == "prose"
        and s.kind == "score"
        and s.field == "score"
        and "indicator" not in s.extra
        and s.value > full
    ]
    if stated is None and len(above) >= _SCALE_EVIDENT:
        return []  # "自评得分110分…霍邱县110分、舒城县110分": the text scores on a scale of its own, unstated
    for s in above:
        if s.sentence is not None and _CUES.beyond_marks.search(s.sentence.text):
            continue  # "102分（其中加分项2分）", "3个项目自评得分合计285分"
        ctx.facts.mark(s)
        findings.append(_above(ctx, s, full, proven=stated is not None))
    return findings


def _stated_full_marks(ctx: AuditContext) -> Decimal | None:
    """Full marks the text writes itself: a form's 总分 points, or 满分100分 / 百分制 in the prose."""
    form = ctx.facts.form
    if form.total is not None and form.total[2] is not None:
        return form.total[2]
    text = ctx.doc.text
    marks = [
        Decimal(next(g for g in match.groups() if g))
        for match in _CUES.full_marks.finditer(text)
        if not _CUES.part_marks.search(clause := clause_of(text[max(0, match.start() - 30) : match.start()]))
        and not _CUES.own_marks.search(clause)
    ]
    return max(marks, default=None)


def _above(ctx: AuditContext, s: Statement, full: Decimal, proven: bool) -> Finding:
    return ctx.relation_finding(
        "SCORE_MISMATCH",
        f"文中写得分 {s.text}，超过满分 {full}分" + ("" if proven else "（按百分制；若另有满分规定请核对）"),
        span_of(s),
        expected=f"不超过{full}分",
        found=s.text,
        proven=proven,
        quote=quote_of(ctx.doc.text, s),
    )
