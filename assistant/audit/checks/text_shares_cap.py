"""INDICATOR_MISMATCH from the text alone: a share that cannot pass 100 % written above it.

Bad: 项目(工程)验收合格率为200%; 群众满意度180%. Good: 验收合格率为100%; 预算执行率102.59% (spending may pass the
budget); 完成率130% (a target may be passed); 资金到位率110% (more money may arrive than was planned).
A 合格率, 满意度, 知晓率, 达标率, 通过率, 覆盖率, 入住率 or 及时率 counts a part of a whole, as does a share "占…总数
(总额)的" (not of another year's or a plan's total): it is 100 % at most by what it is, whatever else the text
states — an error. Only a plain value of the prose is read (not a bound such as ≥90%, nor a
form's cell, where OCR turns "≥90%" into "290%").
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of
from ..registry import check_unit

HUNDRED = Decimal(100)
_CUES = cues(__name__)


@check_unit(also=("INDICATOR_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    text = ctx.doc.text
    for s in ctx.facts.statements:
        if (
            s.kind != "percent"
            or s.unit != "%"
            or s.role != "value"
            or s.origin != "prose"
            or not s.exact_claim
            or s.sentence is None
            or s.value <= HUNDRED
        ):
            continue
        clause = clause_before(ctx, s)
        share = _CUES.share.search(clause)
        if share is None:
            continue
        ctx.facts.mark(s)
        findings.append(
            ctx.relation_finding(
                "INDICATOR_MISMATCH",
                f"“{share.group('word')}”所述是部分占全体的比例，最高为100%，文中写作 {s.text}",
                s.span,
                expected="≤100%",
                found=s.text,
                quote=quote_of(text, s),
            )
        )
    return findings
