"""WEIGHT_MISMATCH on the two-part 自评表 layout ("预算执行情况(10分)", "绩效指标(90分)", "合计 | 100"): the two
headings against the 合计 row, and the 绩效指标 heading against the 权重 of its rows. Part of ``text_form``.

Bad: 绩效指标(80分) over rows weighing 60 and 30 (90 cannot fit under 80); 预算执行情况(10分) + 绩效指标(90分)
with 合计 200. A 合计 below the headings' sum may be the score column, so only one above it is wrong; a heading
borrowed from the text's other copy of the form (this copy cut before its own) makes the finding a warning.
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..findings import Finding
from ..prose.form_blocks import WeightBlock, read_weight_blocks


def check_blocks(ctx: AuditContext) -> list[Finding]:
    blocks = read_weight_blocks(ctx.doc.text)
    findings: list[Finding] = []
    for block in blocks:
        findings += _against_total(ctx, block, blocks)
        findings += _against_rows(ctx, block)
    return findings


def _against_total(ctx: AuditContext, block: WeightBlock, blocks: list[WeightBlock]) -> list[Finding]:
    if not block.total or block.total_span is None:
        return []
    execution = block.execution
    borrowed = execution is None
    if execution is None:
        others = {b.execution.points for b in blocks if b.execution is not None}
        if len(others) != 1:
            return []
        execution_points = others.pop()
    else:
        execution_points = execution.points
    parts = execution_points + block.performance.points
    stated = Decimal(block.total[0].text)
    ctx.facts.mark(block.performance, block.total_span)
    if stated <= parts:
        return []  # equal, or a 合计 that may be the 得分 column
    start = min(block.performance.start, execution.start if execution else block.performance.start)
    return [
        ctx.relation_finding(
            "WEIGHT_MISMATCH",
            f"预算执行情况 {execution_points} 分＋绩效指标 {block.performance.points} 分＝{parts} 分，"
            f"合计行为 {stated} 分" + ("（预算执行情况分值取自文中另一份同式样的表）" if borrowed else ""),
            (start, block.total_span[1]) if not borrowed else (block.performance.start, block.total_span[1]),
            expected=f"{parts}分",
            found=f"{stated}分",
            proven=not borrowed,
            quote=ctx.doc.text[block.total_span[0] : block.total_span[1]],
        )
    ]


def _against_rows(ctx: AuditContext, block: WeightBlock) -> list[Finding]:
    if not block.weights:
        return []
    heading = block.performance
    summed = sum((Decimal(c.text) for c in block.weights), Decimal(0))
    ctx.facts.mark(*block.weights)
    if summed == heading.points or not (summed > heading.points or block.complete):
        return []
    span = (heading.start, heading.end)
    return [
        heading_finding(
            ctx, "绩效指标", heading.points, len(block.weights), summed, span, block.weights[-1].end
        )
    ]


def heading_finding(
    ctx: AuditContext, name: str, points: Decimal, rows: int, summed: Decimal, span: tuple[int, int], end: int
) -> Finding:
    """A heading's points (at ``span``) against the points of the rows under it, the last ending at ``end``:
    above is proven (the rows cannot fit under it), short rests on every row having been read (a warning)."""
    above = summed > points
    return ctx.relation_finding(
        "WEIGHT_MISMATCH",
        f"“{name}”标明 {points} 分，其下{'各' if above else f'读到的 {rows} 个'}指标分值合计 {summed} 分",
        span,
        expected=f"{points}分",
        found=f"{summed}分",
        proven=above,
        quote=ctx.doc.text[span[0] : end][:160],
    )
