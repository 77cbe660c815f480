"""COUNT_MISMATCH from the text alone: a count of places ("分配至12个县（市）") against the money table right after it,
which lists the places a row each and closes with a 合计 equal to the money the count's sentence gives.

Bad: 下达资金6,713.00万元，分配至12个县（市）, then a table of 11 county rows and 合计 6,713.00 (the whole sum in
eleven rows: the count or a row is wrong). Good: the same with 11个县（市）; a table whose 合计 is not the sentence's
sum (it may list some places only: no finding). The rows are the table's own (``text_table_rates.money_tables``:
rows with the header's number of cells), 小计/合计 rows left out; the count must name places (县, 区, 乡镇…) and the
table must start within a short reach after it (often under the next heading, 资金执行情况). The sum settles that
the table is the whole: an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.listed_total import amount_of_sentence
from ..prose.model import Statement
from ..registry import check_unit
from .text_numbered_items import whole_list_finding
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
            continue
        table = next((t for t in tables if 0 < t[0][0].start - count.span[1] <= _REACH), None)
        if table is None:
            continue
        header, rows = table
        columns = money_columns(header)
        body = [r for r in rows if not _CUES.total_row.match(r[0].text)]
        closing = [r for r in rows if _CUES.total_row.match(r[0].text)]
        if len(closing) != 1 or len(body) < 2 or len(body) == count.value:
            continue
        totals = [money_cell(closing[0], columns, name) for name in _AMOUNT_COLUMNS]
        whole = amount_of_sentence(ctx, count, [n.value for n in totals if n is not None])
        if whole is None:
            continue
        yield whole_list_finding(ctx, count, f"其后表中逐行列出 {len(body)} 个；表中合计", len(body), whole)


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
