"""RATE_MISMATCH from the text alone: a year-on-year change stated as an amount and as a percentage.

Bad: 收入792.22万元，比上年度多189.25万元，增幅35.9% (the year before was 602.97, so the rise is 31.39 %).
Good: the same with 增幅31.39% (189.25 ÷ 602.97 = 31.386 % → "31.39%" at the written precision).
The three numbers must follow one another in one paragraph: the amount, the change (比上年多/增加/少/减少…),
then the percentage after a word of growth or decline. Each stands for its written interval; only intervals that
cannot meet are a contradiction, and only exact numbers of the text prove it (an error).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, span_of
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)
HUNDRED = Decimal(100)


@check_unit(
    also=("RATE_MISMATCH",),
    basis="text",
)
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    prose = [s for s in ctx.facts.statements if s.origin == "prose" and s.sentence is not None]
    findings += _against_last_year(ctx, prose)
    for base, change, percent in zip(prose, prose[1:], prose[2:], strict=False):
        if not _triple(ctx, base, change, percent):
            continue
        down = bool(_CUES.down.search(_clause_before(ctx, change)))
        before = base.interval() + change.interval() if down else base.interval() - change.interval()
        ratio = change.interval().divided_by(before)
        if ratio is None:
            continue
        ratio = ratio.scaled(HUNDRED)
        ctx.facts.mark(base, change, percent)
        if ratio.overlaps(percent.interval()):
            continue
        shown = round(ratio.mid, max(percent.places, 2))
        message = (
            f"{base.text}比上年{'减少' if down else '增加'}{change.text}，上年应为 "
            f"{round(before.mid, max(base.places, change.places))}，变动幅度为 {shown}%，文中写作 {percent.text}"
        )
        findings.append(_finding(ctx, message, shown, percent, base, change))
    return findings


def _against_last_year(ctx: AuditContext, prose: list[Statement]) -> list[Finding]:
    """ "本年支出1200万元，上年支出1000万元，较上年增长25%": both years' amounts, then the change as a percentage."""
    findings = []
    for now, last, percent in zip(prose, prose[1:], prose[2:], strict=False):
        if now.kind != "amount" or last.kind != "amount" or percent.kind != "percent":
            continue
        if (
            now.sentence is not percent.sentence
            or last.sentence is not percent.sentence
            or now.field != last.field
        ):
            continue
        if not _CUES.last_year.search(_clause_before(ctx, last)) or _CUES.last_year.search(
            _clause_before(ctx, now)
        ):
            continue
        between = ctx.doc.text[last.span[1] : percent.span[0]]
        if not (_CUES.between_years.match(between) and _CUES.growth_word.search(between)):
            continue
        down = bool(_CUES.down.search(between))
        change = now.interval() - last.interval() if not down else last.interval() - now.interval()
        ratio = change.divided_by(last.interval())
        if ratio is None:
            continue
        ratio = ratio.scaled(HUNDRED)
        ctx.facts.mark(now, last, percent)
        if ratio.overlaps(percent.interval()):
            continue
        shown = round(ratio.mid, max(percent.places, 2))
        message = f"本年 {now.text}、上年 {last.text}，{'下降' if down else '增长'} {shown}%，文中写作 {percent.text}"
        findings.append(_finding(ctx, message, shown, percent, now, last))
    return findings


def _finding(
    ctx: AuditContext, message: str, shown: Decimal, percent: Statement, *amounts: Statement
) -> Finding:
    """Only exact numbers of the text prove a wrong change (an error); a hedged one leaves a doubt."""
    return ctx.relation_finding(
        "RATE_MISMATCH",
        message,
        span_of(percent, *amounts),
        expected=f"{shown}%",
        found=percent.text,
        proven=all(s.exact_claim for s in (percent, *amounts)),
        quote=quote_of(ctx.doc.text, percent),
    )


def _clause_before(ctx: AuditContext, statement: Statement) -> str:
    head = ctx.doc.text[statement.sentence.start : statement.span[0]]  # type: ignore[union-attr]
    return re.split(r"[，,；;。]", head)[-1]


def _triple(ctx: AuditContext, base: Statement, change: Statement, percent: Statement) -> bool:
    """Amount, then its change on the year before, then the change as a percentage, close together."""
    if base.kind != "amount" or change.kind != "amount" or percent.kind != "percent":
        return False
    if change.field != "difference" or base.field in ("difference", "change", "unit_price"):
        return False
    if base.sentence.para_start != percent.sentence.para_start:  # type: ignore[union-attr]
        return False
    if not re.search(r"上年|去年|上一年|同期", _clause_before(ctx, change)):
        return False
    gap = ctx.doc.text[base.span[1] : change.span[0]]
    if len(gap) > 16 or re.search(r"[；;]", gap):
        return False
    between = ctx.doc.text[change.span[1] : percent.span[0]]
    return bool(_CUES.between.match(between) and _CUES.growth_word.search(between))
