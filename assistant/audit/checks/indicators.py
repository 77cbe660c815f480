"""INDICATOR_MISMATCH and SCORE_MISMATCH for numbers said of one indicator (“受助学生满意度”…得分9.5分).

Bad: “维修改造校舍面积”指标年度指标值12000平方米，实际完成值11860平方米 (data: 10860).
Good: the indicator's 年度指标值, 实际完成值, 完成率 and 得分 as scored.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.numbers.precision import agrees, shown

from ..claims import Claim
from ..context import AuditContext, claim_span
from ..findings import Finding

_LABELS = {"target": "年度指标值", "actual": "实际完成值", "completion": "完成率", "score": "得分"}


def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    for claim in ctx.claims:
        if claim.indicator is None and claim.points is not None and claim.field == "score":
            findings += _check_within_points(ctx, claim)
        if claim.indicator is None or claim.field not in _LABELS:
            continue
        project = ctx.project(claim.project)
        if project is None or claim.indicator >= len(project.indicators):
            continue
        ind = project.indicators[claim.indicator]
        truth: Decimal | None = getattr(ind, claim.field)
        m = claim.mention
        if truth is None or m.kind in ("year", "date") or m.high is not None:
            continue
        # The data holds the number as filed with its 度量单位 ("1.2" 万亩), the text may scale it (12000亩).
        if any(agrees(v, m.places, truth, m.hedge, None) for v in {m.raw_value, m.value}):
            continue
        code = "SCORE_MISMATCH" if claim.field == "score" else "INDICATOR_MISMATCH"
        label = _LABELS[claim.field]
        expected = shown(truth, max(m.places, 2 if claim.field == "completion" else 0))
        findings.append(
            ctx.finding(
                code,
                f"「{project.name}」“{ind.name}”指标{label}应为 {expected}，文中写作 {m.text}",
                span=claim_span(claim),
                quote=claim.sentence.text,
                project=project.name,
                expected=expected,
                found=m.text,
            )
        )
    return findings


def _check_within_points(ctx: AuditContext, claim: Claim) -> list[Finding]:
    """ "得16分（分值15分）": an indicator's score never exceeds its 分值, whichever indicator it is."""
    m = claim.mention
    if claim.points is None or m.value <= claim.points:
        return []
    project = ctx.project(claim.project) if claim.scope == "project" else None
    return [
        ctx.finding(
            "SCORE_MISMATCH",
            f"指标得分 {m.text} 超过其分值 {format(claim.points, 'f')} 分",
            span=claim_span(claim),
            quote=claim.sentence.text,
            project=project.name if project else None,
            expected=f"≤{format(claim.points, 'f')}分",
            found=m.text,
        )
    ]
