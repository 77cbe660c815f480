"""The 总分 row of a flattened 自评表: against the scores of the rows read (their sum, and the points they lost),
and its grade against the scale. Part of ``text_form`` (it reports through the same codes).

A total above what the rows leave attainable (100 − the points each row read lost) is proven wrong whatever
the rows not read scored; a total that is not the sum of the rows is proven wrong when the rows read account for
every point of the form (or when they already sum to more). Within the rows' rounding, a sum off the total is a
warning when the sheet's habit says the scores are not rounded (``sum_against``): "9.68" beside whole scores, or a
whole-score sheet more than a point off ("总分 100 自评得分 96.68" over rows that give 97.68).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from ..context import AuditContext
from ..findings import Finding
from ..prose.cells import Cell, CellNumber
from ..prose.form import Form
from ..prose.interval import Interval, total, written
from ..prose.model import Statement
from ..prose.scale import GRADE_NAMES, NATIONAL_SCALE
from .grades_told import told_in_prose

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Execution:
    """The 预算执行率 item: its points and score, and whether it is one of the indicator rows."""

    points: Decimal | None
    score: tuple[Cell, CellNumber] | None
    in_rows: bool


def execution_item(form: Form) -> Execution:
    row = next((r for r in form.indicators if "执行率" in r.label), None)
    if row is not None:
        return Execution(row.points[1].value, row.score, True)
    fund = next((r for r in form.funds if r.total), None)
    points = (
        fund.cells["points"][1].value
        if fund is not None and "points" in fund.cells
        else form.note.get("执行率", form.execution_points)
    )
    return Execution(points, fund.cells.get("score") if fund is not None else None, False)


def check_total(ctx: AuditContext, form: Form) -> list[Finding]:
    if form.total is None:
        return []
    if form.total_from:  # two forms of two years: the last 总分 closes the last form, not the rows of both
        form = replace(
            form,
            indicators=[r for r in form.indicators if r.start >= form.total_from],
            funds=[r for r in form.funds if r.start >= form.total_from],
        )
    start, end, points, score, grade = form.total
    stated = written(score, max(0, -score.as_tuple().exponent))  # type: ignore[operator]
    full = points if points is not None else HUNDRED
    execution = execution_item(form)
    rows = form.indicators
    ctx.facts.mark((start, end))
    findings = _sum(ctx, form, stated, full, execution) if rows else []
    if not findings and rows:
        findings = _cap(ctx, form, stated, full, execution)
    if grade:
        findings += _grade(ctx, form, stated, grade)
    return findings


def _sum(
    ctx: AuditContext, form: Form, stated: Interval, full: Decimal, execution: Execution
) -> list[Finding]:
    start, end, _, score, _ = form.total  # type: ignore[misc]
    rows = form.indicators
    numbers = [r.score[1] for r in rows]
    accounted = sum((r.points[1].value for r in rows), Decimal(0))
    if not execution.in_rows:
        if execution.score is None:
            return []
        numbers.append(execution.score[1])
        accounted += execution.points or 0
    read = sum_against(numbers, stated)
    if read is None:
        return []
    summed, proven = read
    if not (accounted == full or stated.below(summed)):
        return []
    return [
        ctx.relation_finding(
            "SCORE_MISMATCH",
            f"读到的 {len(numbers)} 项得分（含预算执行率）合计 {summed.shown('分')}，表中总分 {score} 分",
            (start, end),
            expected=summed.shown("分"),
            found=f"{score}分",
            proven=proven,
        )
    ]


def sum_against(
    numbers: Sequence[CellNumber | Statement], stated: Interval, sheet_places: int = 0
) -> tuple[Interval, bool] | None:
    """The sum of a sheet's scores when it cannot be the total stated, and whether arithmetic proves it.

    Each score stands for what its rounding allows, so a sum beyond that is proven. Short of it the sheet's habit
    decides, a warning: one that writes some scores with decimals (9.68, 96.68) keeps them, so its whole numbers
    are whole; one that writes whole scores only could reach a total more than a point off its rows only by
    rounding three or more rows the same way by a third of a point or more. ``sheet_places``: the decimals the
    sheet writes elsewhere (other parts' rows, 4.5, 9.6), which make its whole numbers whole here too.
    """
    summed = total([n.interval() for n in numbers])
    if not summed.overlaps(stated):
        return summed, True
    places = max(sheet_places, *(n.places for n in numbers))
    if places > 0:
        summed = total([n.interval(places) for n in numbers])
        return None if summed.overlaps(stated) else (summed, False)
    written = sum((n.value for n in numbers), Decimal(0))
    if stated.lo - written > 1 or written - stated.hi > 1:
        return Interval.exact(written), False
    return None


def _cap(
    ctx: AuditContext, form: Form, stated: Interval, full: Decimal, execution: Execution
) -> list[Finding]:
    start, end, _, score, _ = form.total  # type: ignore[misc]
    items = [(r.label, r.points[1], r.score[1]) for r in form.indicators]
    if not execution.in_rows and execution.points is not None and execution.score is not None:
        items.append(("预算执行率", CellNumber(None, execution.points, 0, ""), execution.score[1]))
    # the least each row lost, reading its score at the top of what its rounding allows
    lost = [(label, points, got) for label, points, got in items if points.value - got.interval().hi > 0]
    ceiling = full - sum((points.value - got.interval().hi for _, points, got in lost), Decimal(0))
    if not lost or stated.lo <= ceiling:
        return []
    listed = "、".join(f"{label} {got.value}/{points.value}" for label, points, got in lost[:5])
    return [
        ctx.relation_finding(
            "SCORE_MISMATCH",
            f"表中已失分的项（{listed}）使总分至多 {ceiling.normalize()} 分（得分按所写精度取最宽），表中总分 {score} 分",
            (start, end),
            expected=f"≤{ceiling.normalize()}分",
            found=f"{score}分",
        )
    ]


def _grade(ctx: AuditContext, form: Form, stated: Interval, grade: str) -> list[Finding]:
    start, end, _, score, _ = form.total  # type: ignore[misc]
    scale = ctx.facts.scale or NATIONAL_SCALE
    allowed = scale.grades_for(stated.lo, stated.hi)
    if not allowed or GRADE_NAMES[grade] in allowed or told_in_prose(ctx, Decimal(score), GRADE_NAMES[grade]):
        return []
    return [
        ctx.relation_finding(
            "GRADE_MISMATCH",
            f"总分 {score} 分按{'文中所述' if scale.stated else '通用'}等级标准属“{'/'.join(sorted(allowed))}”，"
            f"表中为“{grade}”",
            (start, end),
            expected="/".join(sorted(allowed)),
            found=grade,
            proven=scale.stated,
        )
    ]
