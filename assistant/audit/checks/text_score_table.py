"""SCORE_MISMATCH in a score table copied as text: the 得分 of its rows against the total the table's 合计 row or
the prose right before or after it states ("本项目综合得分93分，各指标得分如下：" over "指标 | 分值 | 得分" rows).

Bad: 综合得分93分 over 预算执行率 10 9, 产出指标 50 47, 效益指标 30 26, 满意度指标 10 9 (9 + 47 + 26 + 9 = 91).
Good: the same with 综合得分91分. The rows are the whole only when their 分值 make up the full marks (100, or the
合计 row's 分值): a table of some items, or of items and their sub-items, is not compared. A total beyond what the
rows' rounding allows is proven (an error); within it, the sheet's writing habit decides (``sum_against``): a
warning. Rows the 自评表 reader already read with their 总分 are left to it.
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..findings import Finding
from ..prose.cells import Cell, CellNumber
from ..prose.score_table import ScoreRow, ScoreTable, read_score_tables
from ..registry import check_unit
from .text_form_total import sum_against

_FULL = Decimal(100)


@check_unit(also=("SCORE_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> list[Finding]:
    form = ctx.facts.form
    taken = form.spans() if form.total is not None else []
    findings: list[Finding] = []
    for table in read_score_tables(ctx.doc.text):
        if any(a < r.score[0].end and r.label.start < b for r in table.rows for a, b in taken):
            continue  # the 自评表 reader read these rows and their 总分: its check compares them
        findings += _against_total(ctx, table)
    return findings


def _against_total(ctx: AuditContext, table: ScoreTable) -> list[Finding]:
    totals: list[tuple[Cell, CellNumber]] = []
    full = _FULL
    if isinstance(table.total_row, ScoreRow):
        full = table.total_row.points[1].value
        totals.append(table.total_row.score)
    elif table.total_row is not None:
        totals.append(table.total_row)
    if table.stated is not None:
        totals.append(table.stated)
    weights = sum((r.points[1].value for r in table.rows), Decimal(0))
    if not totals or weights != full:
        return []  # the rows are not the whole the total scores
    scores = [r.score for r in table.rows]
    ctx.facts.mark(*(c for r in table.rows for c in (r.points[0], r.score[0])))
    findings: list[Finding] = []
    for cell, number in totals:
        ctx.facts.mark(cell)
        read = sum_against([n for _, n in scores], number.interval())
        if read is None:
            continue
        summed, proven = read
        listed = "＋".join(c.text for c, _ in scores)
        shown = f"{summed.lo.normalize():f}分" if summed.point else summed.shown("分")
        text = ctx.doc.text
        line = (text.rfind("\n", 0, cell.start) + 1, (text.find("\n", cell.end) + 1 or len(text) + 1) - 1)
        findings.append(
            ctx.relation_finding(
                "SCORE_MISMATCH",
                f"评分表各项得分 {listed} ＝ {shown}（各项分值合计 {full} 分），总分写作 {cell.text} 分",
                (min(cell.start, table.start), max(cell.end, table.end)),
                expected=shown,
                found=f"{cell.text}分",
                proven=proven,
                quote=text[line[0] : line[1]].strip(),
            )
        )
    return findings
