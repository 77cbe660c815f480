"""REMAINDER_MISMATCH from the text alone: a money table's 结余/未支付 cell against its row's whole (预算, 合同金额)
less what the row spent or paid.

Why apart from ``text_table_rates``: that module reads a row's rate and a 合计's sum; the rest column is a third
relation of the same row, and the tables that hold it (合同名称 | 合同金额 | 已支付 | 未支付) often name no column
its title cues know.
Bad: | 食堂设备采购 | 238.50 | 226.58 | 21.92 | under 合同金额 | 已支付 | 未支付 (238.50 − 226.58 = 11.92); a table
flattened into one line, its titles then its row ("项目名称 年初预算 全年预算 执行数 结余 执行率 农村公路养护 420.00
456.00 431.28 34.72 94.58%": 456.00 − 431.28 = 24.72, the 全年 budget over the 年初 one). Good: 11.92; a rest
that another money column of the row less the paid one gives (到位 − 支出); a table with two rest columns (结转 and
结余 split the rest: neither alone is it); a 上年结转 column (money brought in, a source of the budget, not its rest). The header names each column, the row holds the numbers: an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import Cell, CellNumber
from ..prose.interval import Interval
from ..prose.table_lines import row_cells
from ..registry import check_unit
from .text_table_rates import line_runs

_CUES = cues(__name__)
_SPACES = re.compile(r"[ \t\u3000]+")


@check_unit(also=("REMAINDER_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    for header, rows in [*_tables(ctx.doc.text), *_flattened(ctx.doc.text)]:
        columns = _columns(header)
        if columns is None:
            continue
        for row in rows:
            finding = _row(ctx, columns, row)
            if finding is not None:
                yield finding


def _tables(text: str) -> Iterator[tuple[list[Cell], list[list[Cell]]]]:
    """Each run of table lines with a header naming a rest column: the header and the lines after it with as many
    cells."""
    for _, lines in line_runs(text):
        for k, header in enumerate(lines):
            if _columns(header) is not None:
                yield header, [r for r in lines[k + 1 :] if len(r) == len(header)]
                break


def _flattened(text: str) -> Iterator[tuple[list[Cell], list[list[Cell]]]]:
    """A table flattened into one line of spaced cells: n titles (words), then rows of n cells, each a name and
    n − 1 numbers ("项目名称 年初预算 全年预算 执行数 结余 执行率 农村公路养护 420.00 456.00 431.28 34.72 94.58%")."""
    position = 0
    for line in text.split("\n"):
        start, position = position, position + len(line) + 1
        if "|" in line or not _CUES.rest_title.search(line):
            continue
        cells = row_cells(line, start, _SPACES)
        width = next((k for k, c in enumerate(cells) if c.number is not None), 0) - 1
        if width < 3 or len(cells) % width or len(cells) < 2 * width:
            continue
        groups = [cells[k : k + width] for k in range(0, len(cells), width)]
        if all(c.number is None for c in groups[0]) and all(
            g[0].number is None and all(c.number is not None for c in g[1:]) for g in groups[1:]
        ):
            yield groups[0], groups[1:]


def _columns(header: list[Cell]) -> tuple[int, int, int, list[int]] | None:
    """(whole, paid, rest, other money columns) by the header's titles: one rest column (结余, 未支付), a paid one
    (已支付, 执行数) and a whole (预算, 合同金额; the 全年 budget over a 年初 one); None when the header is not so."""
    titles = [c.text for c in header]
    rest = [
        k
        for k, t in enumerate(titles)
        if _CUES.rest_title.search(t) and not _CUES.rate_title.search(t) and not _CUES.opening_title.search(t)
    ]
    plain = [k for k, t in enumerate(titles) if k not in rest and not _CUES.rate_title.search(t)]
    paid = [k for k in plain if _CUES.paid_title.search(titles[k])]
    wholes = [k for k in plain if k not in paid and _CUES.whole_title.search(titles[k])]
    if len(wholes) > 1:
        wholes = [k for k in wholes if not _CUES.initial_title.search(titles[k])]
    if len(rest) != 1 or len(paid) != 1 or len(wholes) != 1:
        return None
    others = [k for k in plain if k not in (paid[0], wholes[0])]
    return wholes[0], paid[0], rest[0], others


def _amount(row: list[Cell], k: int) -> CellNumber | None:
    number = row[k].number
    return number if number is not None and not number.op and not number.unit else None


def _row(ctx: AuditContext, columns: tuple[int, int, int, list[int]], row: list[Cell]) -> Finding | None:
    whole_k, paid_k, rest_k, others = columns
    whole, paid, rest = _amount(row, whole_k), _amount(row, paid_k), _amount(row, rest_k)
    if whole is None or paid is None or rest is None:
        return None
    places = max(whole.places, paid.places, rest.places)
    computed = whole.interval(places) - paid.interval(places)
    ctx.facts.mark(row[whole_k], row[paid_k], row[rest_k])
    if computed.overlaps(rest.interval()) or _other_rest(row, others, paid.interval(places), rest.interval()):
        return None
    shown = computed.mid.quantize(Decimal(1).scaleb(-places))
    name = next((c.text for c in row if c.text and c.number is None), row[0].text)
    return ctx.relation_finding(
        "REMAINDER_MISMATCH",
        f"表中“{name}”{row[whole_k].text}－{row[paid_k].text}＝{shown}，结余（未支付）栏写作 {row[rest_k].text}",
        (row[0].start, row[-1].end),
        expected=str(shown),
        found=row[rest_k].text,
        quote=ctx.doc.text[row[0].start : row[-1].end],
    )


def _other_rest(row: list[Cell], others: list[int], paid: Interval, rest: Interval) -> bool:
    """Does another money column of the row less the paid one give the rest (到位 − 支出)?"""
    return any((n.interval() - paid).overlaps(rest) for k in others if (n := _amount(row, k)) is not None)
