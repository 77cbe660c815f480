"""The money rows of a flattened 自评表: the 年度资金总额 row against its 其中 sub-rows, its 执行率 against its
amounts, its 得分 against 分值 × 执行率. Part of ``text_form`` (it reports through the same codes)."""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..findings import Finding
from ..prose.cells import Cell, CellNumber
from ..prose.form import Form, FundRow
from ..prose.interval import Interval, total, written

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
        findings += _rate_and_score(ctx, row, places)
    return findings


def _iv(number: CellNumber, places: int = 0) -> Interval:
    return written(number.value, max(number.places, places))


def _mark(ctx: AuditContext, *cells: Cell) -> None:
    ctx.facts.checked.update((c.start, c.end) for c in cells)


def _against_subs(ctx: AuditContext, row: FundRow, subs: list[FundRow], places: int) -> list[Finding]:
    if not subs:
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
        summed = total([_iv(n, places) for _, n in values])
        _mark(ctx, cell, *(c for c, _ in values))
        given = _iv(stated, places)
        if summed.overlaps(given) or not (given.below(summed) or complete):
            continue
        wrong.append(f"{label} {cell.text}，其中各项合计 {_show(summed)}")
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
            quote=ctx.doc.text[row.start : end][:160],
        )
    ]


def _rate_and_score(ctx: AuditContext, row: FundRow, places: int) -> list[Finding]:
    findings: list[Finding] = []
    cells = row.cells
    computed: Interval | None = None
    if "budget" in cells and "executed" in cells and cells["budget"][1].value > 0:
        quotient = _iv(cells["executed"][1], places).divided_by(_iv(cells["budget"][1], places))
        computed = quotient.scaled(HUNDRED) if quotient is not None else None
    rate = cells.get("rate")
    if rate is not None and computed is not None:
        _mark(ctx, rate[0], cells["budget"][0], cells["executed"][0])
        if not computed.overlaps(_iv(rate[1])):
            findings.append(
                ctx.relation_finding(
                    "RATE_MISMATCH",
                    f"“{row.label}”行执行率 {rate[0].text}，按执行数÷预算数 "
                    f"{cells['executed'][0].text}÷{cells['budget'][0].text} 应为 {_show(computed)}%",
                    (row.start, row.end),
                    expected=f"{_show(computed)}%",
                    found=rate[0].text,
                    quote=ctx.doc.text[row.start : row.end],
                )
            )
    if "points" not in cells or "score" not in cells:
        return findings
    basis = _iv(rate[1]) if rate is not None else computed
    if basis is None:
        return findings
    points = cells["points"][1].value
    capped = Interval(min(basis.lo, HUNDRED), min(basis.hi, HUNDRED)).scaled(points / HUNDRED)
    score_cell, score = cells["score"]
    _mark(ctx, score_cell, cells["points"][0])
    if capped.overlaps(_iv(score)):
        return findings
    findings.append(
        ctx.relation_finding(
            "SCORE_MISMATCH",
            f"“{row.label}”行预算执行率得分应为 分值 {points} × 执行率 ＝ {_show(capped)} 分，表中为 {score_cell.text}",
            (row.start, row.end),
            expected=f"{_show(capped)}分",
            found=score_cell.text,
            proven=False,
            quote=ctx.doc.text[row.start : row.end],
        )
    )
    return findings


def _show(interval: Interval) -> str:
    low, high = round(interval.lo, 2), round(interval.hi, 2)
    return f"{low}" if low == high else f"{round(interval.mid, 2)}（{low}～{high}）"
