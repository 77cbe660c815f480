"""The money rows of a flattened 自评表: the 年度资金总额 row against its 其中 sub-rows, its 执行率 against its
amounts, its 得分 against 分值 × 执行率 (the 分值 its own cell, else the one the funds heading or the report's method
states: "采用百分制：预算执行率分值10分…" over "（一）预算执行情况：全年预算数…，执行率86.40%，得分8.46分"). Part of ``text_form`` (it reports through the same codes). A lone 其中 row
short of the total in every column ("其中：上年结转资金 0 26.00 26.00" under 300.00 326.00 311.48) names one source,
not the breakdown (``one_component``, shared with ``form_funds``)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..findings import Finding
from ..infer import stated_execution_points
from ..prose.cells import Cell
from ..prose.form import Form, FundRow
from ..prose.interval import Interval, total
from .text_execution_score import heading_points

HUNDRED = Decimal(100)
_AMOUNTS = (("budget_initial", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数"))


def check_funds(ctx: AuditContext, form: Form) -> list[Finding]:
    findings: list[Finding] = []
    for k, row in enumerate(form.funds):
        if not row.total:
            continue
        subs = []
        for other in form.funds[k + 1 :]:
            if other.total:
                break
            subs.append(other)
        places = max((n.places for c, n in row.cells.values()), default=0)
        findings += _against_subs(ctx, row, subs, places)
        findings += _rate_and_score(ctx, row, places, _stated_points(ctx, form, row))
    return findings


def _mark(ctx: AuditContext, *cells: Cell) -> None:
    ctx.facts.mark(*cells)


def _against_subs(ctx: AuditContext, row: FundRow, subs: list[FundRow], places: int) -> list[Finding]:
    if not subs:
        return []
    fields = [f for f, _ in _AMOUNTS if f in row.cells]
    filled = [[(s.cells[f][1].value, row.cells[f][1].value) for f in fields if f in s.cells] for s in subs]
    if one_component([pairs for pairs in filled if pairs]):
        return []
    wrong = []
    for field, label in _AMOUNTS:
        if field not in row.cells:
            continue
        cell, stated = row.cells[field]
        values = [s.cells[field] for s in subs if field in s.cells]
        if not values:
            continue
        complete = len(values) == len(subs)
        summed = total([n.interval(places) for _, n in values])
        _mark(ctx, cell, *(c for c, _ in values))
        given = stated.interval(places)
        if summed.overlaps(given) or not (given.below(summed) or complete):
            continue
        wrong.append(f"{label} {cell.text}，其中各项合计 {summed.shown()}")
    if not wrong:
        return []
    end = max(s.end for s in subs)
    return [
        ctx.relation_finding(
            "TOTAL_MISMATCH",
            f"“{row.label}”行与其下资金来源各行不符：" + "；".join(wrong),
            (row.start, end),
            expected=None,
            found="；".join(wrong),
        )
    ]


def one_component(rows: list[list[tuple[Decimal, Decimal]]]) -> bool:
    """The (part, total) pairs of each 其中 row that has money, column by column: one such row, short of the total
    in each column it fills and equal to it in none ("年度资金总额 300 326 311.48 / 其中：上年结转资金 0 26 26"), is
    one source named (the money carried in), not the breakdown of the total; the form does not say what the rest is.
    A lone row above the total, or equal to it in one column (the whole budget from one source: "中央 2000 1157.9"
    under "2000 1157.97"), is still read as the breakdown."""
    return len(rows) == 1 and bool(rows[0]) and all(part < whole for part, whole in rows[0])


def _stated_points(ctx: AuditContext, form: Form, row: FundRow) -> Decimal | None:
    """The 执行率 item's weight the report states apart from the row: in the row's label ("（一）预算执行情况（10分）："),
    the line right above it ("（一）预算执行（10分）"), the funds block's heading ("预算执行情况（万元）（20分）"), else in
    its method ("预算执行率分值10分，得分按“执行率×10”计算")."""
    line_start = ctx.doc.text.rfind("\n", 0, row.start) + 1
    above = ctx.doc.text[:line_start].rstrip().rsplit("\n", 1)[-1]
    for line in (ctx.doc.text[line_start : row.start], above):
        points = heading_points(line)
        if points is not None:
            return points
    if form.execution_points is not None:
        return form.execution_points
    return stated_execution_points(ctx.doc.text[: ctx.doc.body_end])


def _rate_and_score(
    ctx: AuditContext, row: FundRow, places: int, stated: Decimal | None
) -> Iterator[Finding]:
    cells = row.cells
    computed: Interval | None = None
    if "budget" in cells and "executed" in cells and cells["budget"][1].value > 0:
        quotient = cells["executed"][1].interval(places).divided_by(cells["budget"][1].interval(places))
        computed = quotient.scaled(HUNDRED) if quotient is not None else None
    rate = cells.get("rate")
    if rate is not None and computed is not None:
        _mark(ctx, rate[0], cells["budget"][0], cells["executed"][0])
        if not computed.overlaps(rate[1].interval()):
            yield ctx.relation_finding(
                "RATE_MISMATCH",
                f"“{row.label}”行执行率 {rate[0].text}，按执行数÷预算数 "
                f"{cells['executed'][0].text}÷{cells['budget'][0].text} 应为 {computed.shown()}%",
                (row.start, row.end),
                expected=f"{computed.shown()}%",
                found=rate[0].text,
            )
    points = cells["points"][1].value if "points" in cells else stated
    if points is None or "score" not in cells:
        return
    basis = rate[1].interval() if rate is not None else computed
    if basis is None:
        return
    capped = Interval(min(basis.lo, HUNDRED), min(basis.hi, HUNDRED)).scaled(points / HUNDRED)
    score_cell, score = cells["score"]
    _mark(ctx, score_cell, *(cells["points"][:1] if "points" in cells else ()))
    if capped.overlaps(score.interval()):
        return
    yield ctx.relation_finding(
        "SCORE_MISMATCH",
        f"“{row.label}”行预算执行率得分应为 分值 {points} × 执行率 ＝ {capped.shown()} 分，表中为 {score_cell.text}",
        (row.start, row.end),
        expected=f"{capped.shown()}分",
        found=score_cell.text,
        proven=False,
    )
