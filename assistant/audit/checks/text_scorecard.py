"""WEIGHT_MISMATCH in a 评分表 copied as text with its points inside the labels: an item's points against the
points of the items one level below it ("| 部门决策(25分) | 目标任务(15分) | 相关性(5分) |" …).

Bad: 部门决策(25分) over 目标任务(15分) and 预算编制(15分): 15 + 15 = 30.
Good: the same over 目标任务(15分) and 预算编制(10分); an item with a child whose points the copy does not show
(a bare "部门特性指标") is not compared. The 一级指标 of one table share a 100-point scale: passing 100 is reported,
falling short is not (a copy may hold only part of the table). A copy without pipes runs the same table as one
stream, each row ending with its leaf's score ("部门决策(25分) 目标任务(15分) 相关性(5分) 5 明确性(5分) 5 …"):
read the same way. So is a table with a 序号 and a 分值 column, the leaf's points in a cell of their own
("4 | 绩效目标(6分) | 目标合理性 | 4 | 看单位…"), a row broken after its first labels going on on the next line.
Which row sits under which item is read from the flattened layout (the labels of a row are its last levels), so a
mismatch is a warning, "uncertain".
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..findings import Finding
from ..prose.scorecard import Item, read_scorecards
from ..registry import check_unit

_SCALE = Decimal(100)  # a 评分表 scores out of 100


@check_unit(also=("WEIGHT_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    for card in read_scorecards(ctx.doc.text):
        for item in card.top:
            findings += _under(ctx, item)
        findings += _scale(ctx, card.top)
    return findings


def _scale(ctx: AuditContext, top: list[Item]) -> list[Finding]:
    """The 一级指标 against the 100-point scale of a 评分表."""
    points = [i.points for i in top]
    if len(points) < 2 or any(p is None for p in points):
        return []
    summed = sum((p for p in points if p is not None), Decimal(0))
    if summed == _SCALE:
        ctx.facts.mark(*(i.mark for i in top))
    if summed <= _SCALE:
        return []
    listed = "＋".join(str(p) for p in points)
    return [
        ctx.relation_finding(
            "WEIGHT_MISMATCH",
            f"评分表一级指标分值 {listed} ＝ {summed}分，超过满分 {_SCALE}分",
            (top[0].span[0], top[-1].span[1]),
            expected=f"{_SCALE}分",
            found=f"{summed}分",
            proven=False,
            quote=ctx.doc.text[top[0].span[0] : top[0].span[1]],
        )
    ]


def _under(ctx: AuditContext, item: Item) -> list[Finding]:
    findings: list[Finding] = []
    for child in item.children:
        findings += _under(ctx, child)
    points = [c.points for c in item.children]
    if item.points is None or len(points) < 2 or any(p is None for p in points):
        return findings
    summed = sum((p for p in points if p is not None), Decimal(0))
    ctx.facts.mark(*(i.mark for i in (item, *item.children)))
    if summed == item.points:
        return findings
    listed = "＋".join(str(p) for p in points)
    findings.append(
        ctx.relation_finding(
            "WEIGHT_MISMATCH",
            f"“{item.name}”（{item.points}分）下一级各项分值 {listed} ＝ {summed}分",
            item.span,
            expected=f"{summed}分",
            found=f"{item.points}分",
            proven=False,
            quote=ctx.doc.text[item.span[0] : item.span[1]],
        )
    )
    return findings
