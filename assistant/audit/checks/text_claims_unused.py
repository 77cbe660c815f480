"""CLAIM_MISMATCH from the text alone: money said to be all paid out or used while a fund of it is said unused.

Bad: 林业改革资金共…万元,已全部拨付使用。… 天然商品林管护补助资金全年共…万元,当年未使用,预算执行率0%.
Good: 资金已全部拨付使用。… 管护补助资金全年共…万元,预算执行率100% (nothing said unused), or a claim that
names its exception.
Why: a report often masks or omits the amounts, so no rate can be worked out for the claim's subject (that is
``text_claims``); but a sentence that says some money went unused and states its 执行率 below 100 % speaks
against "全部使用" of the whole. Whether that fund is part of the money the claim speaks of, and whether
拨付 (passed on) and 使用 (spent) are one stage, the text does not settle: a warning ("uncertain"), never an error.
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)
_CLAIMS = cues(f"{__package__}.text_claims")  # one wording of negation and of condition for every claim
_HUNDRED = Decimal(100)


@check_unit(also=("CLAIM_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    unused = [s for s in ctx.facts.statements if _unused(ctx, s)]
    if not unused:
        return []
    findings: list[Finding] = []
    for sentence in ctx.doc.sentences:
        if sentence.role == "method":
            continue
        match = _CUES.spent.search(sentence.text)
        if match is None or _CLAIMS.negated.search(sentence.text[: match.start()]):
            continue
        if _CLAIMS.condition.search(sentence.text[: match.start()]):
            continue
        others = [s for s in unused if s.sentence is not sentence]
        if not others:
            continue
        rate = others[0]
        ctx.facts.mark(rate)
        subject = (
            rate.subject.label if rate.subject is not None and rate.subject.kind != "report" else "部分资金"
        )
        findings.append(
            ctx.relation_finding(
                "CLAIM_MISMATCH",
                f"文中称“{match.group(0)}”，但{subject}“{_said(ctx, rate)}”，执行率 {rate.text}"
                "（若该资金属于所称资金，则不符）",
                (sentence.start + match.start(), sentence.start + match.end()),
                expected=f"执行率 {rate.text}",
                found=match.group(0),
                proven=False,
                quote=sentence.text,
            )
        )
    return findings


def _unused(ctx: AuditContext, s: Statement) -> bool:
    """A written 执行率 below 100 % in a sentence that says money went unused before it ("当年未使用,预算执行率0%")."""
    if s.kind != "percent" or s.field != "rate" or s.role != "value" or s.sentence is None:
        return False
    if s.value >= _HUNDRED:
        return False
    head = ctx.doc.text[s.sentence.start : s.span[0]]
    return _CUES.unused.search(head) is not None


def _said(ctx: AuditContext, s: Statement) -> str:
    assert s.sentence is not None
    head = ctx.doc.text[s.sentence.start : s.span[0]]
    match = _CUES.unused.search(head)
    return match.group(0) if match else ""
