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
A count written in the 合计 (or 小计) row itself counts the rows it closes (其中 rows left out; a 小计 its own group).
Bad: 合计 | 5个村（社区） | 942,000 over six rows of 村 and 社区 (an error: the names are of the noun's kind); 合计（7个单位）
over six bureaus (a warning: 单位 names no kind, the rows are a reading of it). Good: 合计 | 共6个 over six rows;
小计 | 3个村 under its three rows; 合计 | 23个村 over five towns (a count of another kind: nothing said).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import Cell
from ..prose.listed_total import amount_of_paragraph, amount_of_sentence
from ..prose.model import Statement
from ..prose.places import all_places, place_endings
from ..registry import check_unit
from .text_counted_apart import exact_count
from .text_numbered_items import project_count, whole_list_finding
from .text_table_rates import (
    amount_columns,
    closing_rows,
    money_cell,
    money_columns,
    money_tables,
    own_rows,
)

_CUES = cues(__name__)
_REACH = 1500  # characters after a count its table may start within
_AMOUNT_COLUMNS = ("budget", "arrived", "executed")


@check_unit(also=("COUNT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    tables = list(money_tables(text))
    for _header, rows in tables:
        yield from _closing_counts(ctx, rows)
    for count in ctx.facts.statements:
        bodies = _body_count(count)
        if not (_place_count(text, count) or bodies):
            if project_count(text, count):
                yield from _counted_column(ctx, count, tables)
            continue
        table = _table_after(tables, count)
        if table is None:
            continue
        header, rows = table
        columns = money_columns(header)
        body = [r for r in rows if not _CUES.total_row.match(r[0].text)]
        if bodies and not all_places(count.extra["noun"], [_row_name(r) for r in body]):
            continue  # "12所学校" over rows of towns: the table lists something else
        closing = [r for r in rows if _CUES.total_row.match(r[0].text)]
        if len(closing) != 1 or len(body) < 2 or len(body) == count.value:
            continue
        if _rows_counted_beside(ctx, count, len(body)):
            continue
        totals = [money_cell(closing[0], columns, name) for name in amount_columns(columns)]
        whole = amount_of_sentence(ctx, count, [n.value for n in totals if n is not None])
        if whole is None:
            continue
        yield whole_list_finding(ctx, count, f"其后表中逐行列出 {len(body)} 个；表中合计", len(body), whole)


def _closing_counts(ctx: AuditContext, rows: list[list[Cell]]) -> Iterator[Finding]:
    """A count written in a 合计 or 小计 row ("合计 | 5个村（社区） | 942,000", "合计（7个单位）", "小计 | 3个村") against
    the rows it closes (其中 rows left out). The rows are the count's own when their names end in its noun (村,
    社区, 镇): an error; a count of rows by a general word (单位, 项目, none: "共6个") is a reading: a warning; a
    count of another kind ("合计 | 23个村" over rows of towns) says nothing of the rows."""
    for row, parts in closing_rows(rows):
        own = own_rows(parts)
        names = [next((c.text for c in r if c.text and c.number is None), "") for r in own]
        for cell in row:
            match = _CUES.row_count.fullmatch(cell.text) or _CUES.row_count.search(cell.text)
            if match is None or len(own) < 2 or int(match["n"]) == len(own):
                continue
            kinds = [k for k in _CUES.bracket.split(match["noun"]) if k]
            # each row's name ends in a kind the noun names (城关镇, 南原乡 under 乡镇; 石桥社区 under 村（社区）)
            fits = bool(kinds) and all(any(n[-1:] in k for k in kinds) for n in names)
            if not fits and match["noun"] and not _CUES.general_rows.fullmatch(match["noun"]):
                continue
            start = cell.start + match.start()
            yield ctx.relation_finding(
                "COUNT_MISMATCH",
                f"表中“{row[0].text}”行写 {match.group()}，其上逐行列出 {len(own)} 个",
                (start, cell.start + match.end()),
                expected=f"{len(own)}个",
                found=match.group(),
                proven=fits,
                quote=ctx.doc.text[row[0].start : row[-1].end],
            )


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


def _body_count(count: Statement) -> bool:
    """A stated count of bodies or places by their own noun ("12所学校", "5家医院", "8个村"): its table counts only
    when every row is named as one of them (``_row_name`` ends in the noun's kind)."""
    return (
        exact_count(count)
        and count.unit in ("个", "所", "家")
        and place_endings(count.extra.get("noun") or "") is not None
    )


def _row_name(row: list[Cell]) -> str:
    """A row's name: its first cell that is no number (a 序号 column left out)."""
    return next((c.text for c in row if c.text and c.number is None), "")


def _place_count(text: str, count: Statement) -> bool:
    """A stated count of places ("12个县（市）", "9个乡镇")."""
    return (
        exact_count(count)
        and count.unit == "个"
        and _CUES.places_after.match(text, count.span[1]) is not None
    )
