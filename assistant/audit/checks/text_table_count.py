"""COUNT_MISMATCH from the text alone: a count of places ("分配至12个县（市）") against the money table right after it,
which lists the places a row each and closes with a 合计 equal to the money the count's sentence gives.

Bad: 下达资金6,713.00万元，分配至12个县（市）, then a table of 11 county rows and 合计 6,713.00 (the whole sum in
eleven rows: the count or a row is wrong). Good: the same with 11个县（市）; a table whose 合计 is not the sentence's
sum (it may list some places only: no finding); "分配至4个市、23个县（区）" over a table of the 4 市 (the sentence
counts the rows' places too, and the 23 are a level below). The rows are the table's own (``text_table_rates.money_tables``:
rows with the header's number of cells), 小计/合计 rows left out; the count must name places (县, 区, 乡镇…) and the
table must start within a short reach after it (often under the next heading, 资金执行情况). The sum settles that
the table is the whole: an error.
A count of projects ("全市共实施改造项目14个") is read against a table of places right after it with a 项目个数
column: the column's rows added up must make the count, when the table's 合计 row states an amount the count's
paragraph states too (the table is every place). Bad: 项目9个 and rows 3, 2, 3 with 合计 支出 2,350.00 written in the
paragraph; good: the same with 8个, or a paragraph that states none of the 合计 (the table may show some places).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import Cell
from ..prose.listed_total import amount_of_paragraph, amount_of_sentence
from ..prose.model import Statement
from ..registry import check_unit
from .text_numbered_items import project_count, whole_list_finding
from .text_table_rates import money_cell, money_columns, money_tables

_CUES = cues(__name__)
_REACH = 1500  # characters after a count its table may start within
_AMOUNT_COLUMNS = ("budget", "arrived", "executed")


@check_unit(also=("COUNT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    tables = list(money_tables(text))
    for count in ctx.facts.statements:
        if not _place_count(text, count):
            if project_count(text, count):
                yield from _counted_column(ctx, count, tables)
            continue
        table = _table_after(tables, count)
        if table is None:
            continue
        header, rows = table
        columns = money_columns(header)
        body = [r for r in rows if not _CUES.total_row.match(r[0].text)]
        closing = [r for r in rows if _CUES.total_row.match(r[0].text)]
        if len(closing) != 1 or len(body) < 2 or len(body) == count.value:
            continue
        if _rows_counted_beside(ctx, count, len(body)):
            continue
        totals = [money_cell(closing[0], columns, name) for name in _AMOUNT_COLUMNS]
        whole = amount_of_sentence(ctx, count, [n.value for n in totals if n is not None])
        if whole is None:
            continue
        yield whole_list_finding(ctx, count, f"其后表中逐行列出 {len(body)} 个；表中合计", len(body), whole)


def _rows_counted_beside(ctx: AuditContext, count: Statement, rows: int) -> bool:
    """Does the count's sentence count other places too, as many as the table's rows ("分配至4个市、23个县（区）"
    over a table of the 4 市)? The table lists those; the other count is of places a level below."""
    text = ctx.doc.text
    return any(
        other is not count
        and other.sentence is count.sentence
        and other.value == rows
        and other.kind == "count"
        and other.unit == "个"
        and (_place_count(text, other) or _CUES.upper_places_after.match(text, other.span[1]) is not None)
        for other in ctx.facts.statements
    )


def _table_after(
    tables: list[tuple[list[Cell], list[list[Cell]]]], count: Statement
) -> tuple[list[Cell], list[list[Cell]]] | None:
    """The first money table that starts within a short reach after the count."""
    return next((t for t in tables if 0 < t[0][0].start - count.span[1] <= _REACH), None)


def _counted_column(
    ctx: AuditContext, count: Statement, tables: list[tuple[list[Cell], list[list[Cell]]]]
) -> Iterator[Finding]:
    """ "全市共实施改造项目14个，惠及居民6,938户。…累计支出11,660.37万元。分县情况见下表" then a table of places with a
    项目个数 column: a count of projects against the column's rows added up, when the table's 合计 row states an
    amount the count's paragraph states too (the table is the whole, not some of the places)."""
    table = _table_after(tables, count)
    if table is None or count.sentence is None:
        return
    header, rows = table
    column = next((k for k, cell in enumerate(header) if _CUES.count_column.search(cell.text)), None)
    body = [r for r in rows if not _CUES.total_row.match(r[0].text)]
    closing = [r for r in rows if _CUES.total_row.match(r[0].text)]
    if column is None or len(closing) != 1 or len(body) < 2:
        return
    cells = [r[column].plain for r in body]
    if any(c is None or c.places for c in cells):
        return
    summed = sum(c.value for c in cells if c is not None)
    if summed == count.value:
        return
    columns = money_columns(header)
    totals = [money_cell(closing[0], columns, name) for name in _AMOUNT_COLUMNS]
    whole = amount_of_paragraph(ctx, count, [n.value for n in totals if n is not None])
    if whole is None:
        return
    yield whole_list_finding(
        ctx,
        count,
        f"其后表中「{header[column].text}」各行合计 {summed} 个；表中合计",
        int(summed),
        whole,
        "同段",
    )


def _place_count(text: str, count: Statement) -> bool:
    """A stated count of places ("12个县（市）", "9个乡镇")."""
    return (
        count.kind == "count"
        and count.origin == "prose"
        and count.role == "value"
        and count.exact_claim
        and count.unit == "个"
        and _CUES.places_after.match(text, count.span[1]) is not None
    )
