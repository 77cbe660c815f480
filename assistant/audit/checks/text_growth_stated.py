"""The stated change against its two figures: an amount, the amount it is compared with and the change in one
sentence, the change their difference (TOTAL_MISMATCH); the base named, the change right after it and the change as
a percentage, the percentage the change over the base (RATE_MISMATCH).

Why apart: here the base is written beside its change, so no reading of whose amount it is is needed. Bad:
"支出850万元，比上年决算数780万元增加60万元": the change is their difference (70). Bad: 项目支出较上年10,952.70万元
增加1,533.60万元，增长16.0% (1,533.60 ÷ 10,952.70 = 14.00 %); 上年“三公”经费支出15.82万元，本年减少3.18万元，下降25.16%
(3.18 ÷ 15.82 = 20.10 %). Good: "“三公”经费支出22.84万元，其中…公务接待费3.78万元，较上年的25.30万元减少2.46万元": the
change of the whole further back in the sentence, not of its last item.
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.change_whole import earlier_figure_gives
from ..prose.clauses import clause_before
from ..prose.model import Statement
from .growth_reading import change_finding, percent_differs, rate_finding

_CUES = cues(__name__)
_GROWTH = cues(f"{__package__}.text_growth")  # the words of growth and decline, and what stands between


def stated_change(ctx: AuditContext, prose: list[Statement]) -> list[Finding]:
    """ "支出850万元，比上年决算数780万元增加60万元": an amount, the amount it is compared with, and the change, in one
    sentence: the change must be their difference at the written precision (850 − 780 = 70)."""
    findings = []
    for k, (now, base, change) in enumerate(zip(prose, prose[1:], prose[2:], strict=False)):
        if {now.kind, base.kind, change.kind} != {
            "amount"
        } or not now.sentence is base.sentence is change.sentence:
            continue
        if now.field in ("difference", "change", "unit_price") or base.field in ("difference", "change"):
            continue
        if not _CUES.compared_with.search(clause_before(ctx, base)):
            continue
        between = ctx.doc.text[base.span[1] : change.span[0]]
        if not _CUES.change_after_base.match(between):
            continue
        down = bool(_GROWTH.down.search(between))
        gap = base.interval() - now.interval() if down else now.interval() - base.interval()
        ctx.facts.mark(now, base, change)
        if gap.overlaps(change.interval()) or _whole_before(prose[:k], now, base, change, down):
            continue
        findings.append(change_finding(ctx, f"{now.text}比{base.text}", gap, down, now, base, change))
    return findings


def _whole_before(
    earlier: list[Statement], now: Statement, base: Statement, change: Statement, down: bool
) -> bool:
    """Is the change that of an amount further back in the sentence ("“三公”经费支出22.84万元，其中…公务接待费3.78万元，
    较上年的25.30万元减少2.46万元": the whole's, not its last item's)? Any that fits is the writer's reading."""
    candidates = [
        s
        for s in earlier
        if s.sentence is now.sentence
        and s.kind == "amount"
        and s.field not in ("difference", "change", "unit_price")
    ]
    return earlier_figure_gives(
        candidates,
        now.unit,
        change,
        lambda other: base.interval() - other.interval() if down else other.interval() - base.interval(),
    )


def change_on_its_base(ctx: AuditContext, prose: list[Statement]) -> list[Finding]:
    """ "项目支出较上年10,952.70万元增加1,533.60万元，增长16.0%": the base named as the year before's, the change
    right after it, then the change as a percentage, in one sentence: the percentage is the change over the base."""
    findings = []
    for base, change, percent in zip(prose, prose[1:], prose[2:], strict=False):
        if (base.kind, change.kind, percent.kind) != ("amount", "amount", "percent"):
            continue
        if not base.sentence is change.sentence is percent.sentence:
            continue
        if not _base_then_change(ctx, base, change):
            continue
        between = ctx.doc.text[change.span[1] : percent.span[0]]
        if not (_GROWTH.between.match(between) and _GROWTH.growth_word.search(between)):
            continue
        differs = percent_differs(ctx, change.interval().divided_by(base.interval()), percent, base, change)
        if differs is None:
            continue
        shown, truncated = differs
        word = "减少" if _GROWTH.down.search(ctx.doc.text[base.span[1] : change.span[0]]) else "增加"
        message = f"较 {base.text}{word}{change.text}，变动幅度为 {shown}%，文中写作 {percent.text}"
        findings.append(rate_finding(ctx, message, (shown, truncated), percent, base, change))
    return findings


def _base_then_change(ctx: AuditContext, base: Statement, change: Statement) -> bool:
    """Is ``change`` a change on ``base``, named as what is compared with ("较上年10,952.70万元增加1,533.60万元") or
    in its own clause as the year before's, the change said of this year right after it ("上年“三公”经费支出15.82万元，
    本年减少3.18万元")?"""
    between = ctx.doc.text[base.span[1] : change.span[0]]
    if _CUES.compared_with.search(clause_before(ctx, base)):
        return _CUES.change_after_base.match(between) is not None
    return (
        base.field not in ("difference", "change", "unit_price")
        and _CUES.last_year_amount.search(clause_before(ctx, base)) is not None
        and _CUES.change_after_last_year.match(between) is not None
    )
