"""ARITHMETIC_MISMATCH / TOTAL_MISMATCH from a table of the text whose rows each carry their own factors and amount:
人数 × 标准 (× 月数) = 金额, 面积 × 单价 = 金额, 数量 × 单价 = 合同金额, 里程 × 标准 = 补助资金.

Bad: | 年龄段 | 人数 | 标准（元/人/月） | 月数 | 金额（万元） | over 80-89周岁 | 1,680 | 100 | 12 | 201.60, 90-99周岁 | 352 |
200 | 12 | 48.84 (352 × 200 × 12 = 84.48万元), 100周岁及以上 | 22 | 500 | 12 | 13.20. Bad: the same table closing on
合计 232.80 where its rows give 271.44 (a row left out). Good: 126.17 for 1,237 × 85 × 12 = 1,261,740元 (rounded to
the written cents); a row of 9 发放月数; 单价（元） beside 金额（万元）; a 合计 row that repeats the 标准 or 月数 (not
summable: only the amount column is summed); a 其中 row (part of the row above: the 合计 is read with and without it).

Layouts: lines split by pipes (with or without the outer ones) or tabs, tables copied one cell a line (a run of
short title lines, then rows of as many lines; a blank line is an empty cell), and a table run into one line (its
header, then groups of a name and as many figures). The header must name one amount column
(金额, 资金), one standard column (标准, 单价, 每户…) and at least one count column (人数, 面积, 里程, 数量); a 月数
column is one more factor. A monthly standard with no 月数 column is paid 12 months at most: any whole number of
months up to 12 fits. Units: a title's 万元 or 元 is read as written; a title with none may be either; a count
column titled in 万 (补贴面积（万亩）, 人数（万人）) counts ten thousands (86.40万亩 × 105元/亩 = 9,072.00万元).
A row's product is an error only when the table's own rows fix its reading: at least two other rows agree exactly
(at their written precision) under one unit reading, and this row fits none. Without that (two rows, or rows that
agree under no reading: the amount may hold more than the standard), a row within half as much again of the money
is a warning; anything farther says nothing. The 合计 of the amount column against its rows is arithmetic: an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import Cell, CellNumber
from ..prose.flat_rows import flat_tables
from ..prose.table_lines import line_cells, stacked_rows, title_run_ends
from ..registry import check_unit
from .text_table_rates import STACKED_COLUMNS, line_runs, summed_totals

_CUES = cues(__name__)
_WAN = Decimal(10000)
_MONTHS = range(1, 13)
_Reading = tuple[
    tuple[int, ...], Decimal, Decimal
]  # the factor columns read, the standard's scale, the amount's


@dataclass(frozen=True)
class Columns:
    amount: int
    standard: int
    factors: tuple[
        tuple[int, ...], ...
    ]  # the readings of the factor columns: each count alone, or all, with the period
    monthly: bool  # a monthly standard with no period column
    amount_scales: tuple[Decimal, ...]  # 元 per written unit
    standard_scales: tuple[Decimal, ...]
    count_scales: dict[int, Decimal]  # a count column titled in 万 (万亩, 万人): its cells times 10,000


@check_unit(also=("ARITHMETIC_MISMATCH", "TOTAL_MISMATCH"), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    summed = summed_totals(ctx.doc.text)
    for header, rows in product_tables(ctx.doc.text):
        columns = _columns(header)
        if columns is None:
            continue
        body = [
            r
            for r in rows
            if not _CUES.total_label.match(_label(r)) and _value(r[columns.amount]) is not None
        ]
        yield from _products(ctx, columns, body)
        for row in rows:
            if _CUES.total_label.match(_label(row)) and row[columns.amount].start not in summed:
                yield from _total(ctx, columns, row, body)


def product_tables(text: str) -> Iterator[tuple[list[Cell], list[list[Cell]]]]:
    """Tables of lines split by pipes or tabs (the first line naming an amount and a standard is the header, the
    lines after it with as many cells its rows) and tables written one cell a line."""
    for _, lines in line_runs(text):
        for k, header in enumerate(lines):
            if _titled(header):
                rows = [r for r in lines[k + 1 :] if len(r) == len(header)]
                if rows:
                    yield header, rows
                break
    yield from _stacked(text)
    for header, rows in flat_tables(text, _title):
        if _titled(header):
            yield header, rows  # a table run into one line ("学期 人数 标准 金额 春季 … 秋季 …")


def _titled(header: list[Cell]) -> bool:
    texts = [c.text for c in header]
    return any(_CUES.amount_title.search(t) for t in texts) and any(
        _CUES.standard_title.search(t) for t in texts
    )


def _stacked(text: str) -> Iterator[tuple[list[Cell], list[list[Cell]]]]:
    """Tables one cell a line: a run of short title lines naming an amount and a standard, then rows of as many
    lines, each holding words or a serial and numbers (a 合计 row may leave cells blank)."""
    lines = line_cells(text)
    ends = title_run_ends(lines, _title_line)
    k = 0
    while k < len(lines):
        width = ends[k] - k
        if (
            width
            and k + width < len(lines)
            and lines[k + width].number is not None
            and not _title(lines[k + width - 1])
        ):
            width -= 1  # the last words line, no column's title, is the first row's name
        header = lines[k : k + width][
            -STACKED_COLUMNS:
        ]  # a long run of short lines: only its end can be titles
        while len(header) >= 3 and not _titled(header):
            header = header[1:]  # a caption line over the titles
        if len(header) < 3 or not _titled(header):
            k += max(width, 1)
            continue
        rows, j = stacked_rows(lines, k + width, len(header), _stacked_row)
        if len(rows) >= 2:
            yield header, rows
        k = max(j, k + width)


def _title(cell: Cell) -> bool:
    return any(
        cue.search(cell.text)
        for cue in (_CUES.amount_title, _CUES.standard_title, _CUES.count_title, _CUES.period_title)
    )


def _title_line(cell: Cell) -> bool:
    return bool(cell.text) and cell.number is None and not _CUES.sentence.search(cell.text)


def _stacked_row(group: list[Cell]) -> bool:
    if any(_CUES.sentence.search(c.text) for c in group):
        return False
    numbers = sum(c.number is not None for c in group)
    words = sum(bool(c.text) and c.number is None for c in group)
    return (
        words >= 1
        and numbers >= 2
        and (words + numbers == len(group) or bool(_CUES.total_label.match(_label(group))))
    )


def _label(row: list[Cell]) -> str:
    return next((c.text for c in row if c.text and c.number is None), "")


def _columns(header: list[Cell]) -> Columns | None:
    standards = [k for k, c in enumerate(header) if _CUES.standard_title.search(c.text)]
    amounts = [k for k, c in enumerate(header) if _CUES.amount_title.search(c.text) and k not in standards]
    counts = [k for k, c in enumerate(header) if _CUES.count_title.search(c.text) and k not in standards]
    periods = [k for k, c in enumerate(header) if _CUES.period_title.search(c.text)]
    if len(amounts) != 1 or len(standards) != 1 or not counts or len(periods) > 1:
        return None
    standard = header[standards[0]].text
    if _CUES.daily.search(standard) and not periods and not _period_rows(header, standards[0]):
        return None  # paid per day or term: the periods are not in the row
    return Columns(
        amounts[0],
        standards[0],
        tuple(dict.fromkeys([*((k, *periods) for k in counts), (*counts, *periods)])),
        bool(_CUES.monthly.search(standard)) and not periods,
        _scales(header[amounts[0]].text),
        _scales(standard),
        {k: _WAN for k in counts if _CUES.wan_count.search(header[k].text)},
    )


def _period_rows(header: list[Cell], standard: int) -> bool:
    """Whether each row is one of the periods the standard is paid per (a 学期 column of 春季, 秋季 under a
    standard per 学期): then a row's product needs no period count."""
    title = header[standard].text
    return any(
        k != standard and _CUES.period_rows.fullmatch(c.text) is not None and c.text[-2:] in title
        for k, c in enumerate(header)
    )


def _scales(title: str) -> tuple[Decimal, ...]:
    if _CUES.wan.search(title):
        return (_WAN,)
    if _CUES.yuan.search(title):
        return (Decimal(1),)
    return (Decimal(1), _WAN)


def _value(cell: Cell) -> CellNumber | None:
    number = cell.number
    return (
        number if number is not None and not number.op and number.unit != "%" and number.value > 0 else None
    )


def _fits(
    columns: Columns, row: list[Cell]
) -> tuple[set[_Reading], list[tuple[tuple[int, ...], Decimal, Decimal]]] | None:
    """The unit readings (standard scale, amount scale) under which the row's product gives its amount, and the
    products in 元 under each standard scale (full periods); None when the row lacks a factor or its amount."""
    amount, standard = _value(row[columns.amount]), _value(row[columns.standard])
    if amount is None or standard is None:
        return None
    periods = _MONTHS if columns.monthly else (1,)
    full = Decimal(12) if columns.monthly else Decimal(1)
    slack = Decimal(1).scaleb(-amount.places)  # one unit of the last written place: rounding either way
    found, products = set(), []
    for kept in columns.factors:
        factors = [_value(row[k]) for k in kept]
        if any(f is None for f in factors):
            continue
        base = standard.value
        for k, factor in zip(kept, factors, strict=True):
            base *= factor.value * columns.count_scales.get(k, Decimal(1))  # type: ignore[union-attr]
        for s in columns.standard_scales:
            products.append((kept, s, base * s * full))
            for a in columns.amount_scales:
                low, high = (amount.value - slack) * a, (amount.value + slack) * a
                if any(low <= base * s * n <= high for n in periods):
                    found.add((kept, s, a))
    return (found, products) if products else None


def _products(ctx: AuditContext, columns: Columns, body: list[list[Cell]]) -> Iterator[Finding]:
    read = [(row, _fits(columns, row)) for row in body]
    read = [(row, fit) for row, fit in read if fit is not None]
    for row, (fits, products) in read:
        if fits:
            continue
        others = [f for r, (f, _) in read if r is not row]
        settled = [
            reading for reading in {x for f in others for x in f} if sum(reading in f for f in others) >= 2
        ]
        amount = _value(row[columns.amount])
        assert amount is not None
        if settled and sum(bool(f) for f in others) * 2 > len(others):
            kept, s, a = settled[0]
            product = next(p for k, t, p in products if (k, t) == (kept, s))
            if columns.monthly and product > amount.value * a:
                continue  # a monthly standard paid part of the year: no product to prove
            yield _finding(ctx, columns, row, kept, product / a, amount, proven=True)
            continue
        near = [
            (kept, p / a)
            for kept, _, p in products
            for a in columns.amount_scales
            if p * 2 <= amount.value * a * 3 and amount.value * a * 2 <= p * 3
        ]
        if len(near) == 1 and not columns.monthly:  # one reading only comes near the money
            yield _finding(ctx, columns, row, *near[0], amount, proven=False)


def _finding(
    ctx: AuditContext,
    columns: Columns,
    row: list[Cell],
    kept: tuple[int, ...],
    product: Decimal,
    amount: CellNumber,
    proven: bool,
) -> Finding:
    cell = row[columns.amount]
    shown = product.quantize(Decimal(1).scaleb(-amount.places))
    factors = " × ".join(row[k].text for k in (*kept, columns.standard))
    return ctx.relation_finding(
        "ARITHMETIC_MISMATCH",
        f"表中“{_label(row)}”行 {factors} ＝ {shown}，而该行金额写作 {cell.text}",
        (cell.start, cell.end),
        expected=str(shown),
        found=cell.text,
        proven=proven,
        quote=ctx.doc.text[row[0].start : row[-1].end],
    )


def _total(ctx: AuditContext, columns: Columns, row: list[Cell], body: list[list[Cell]]) -> Iterator[Finding]:
    """The 合计 of the amount column against its rows', read with and without the 其中 rows."""
    stated = _value(row[columns.amount])
    parts = [_value(r[columns.amount]) for r in body]
    if stated is None or len(parts) < 2 or any(p is None for p in parts):
        return
    own = [p for p, r in zip(parts, body, strict=True) if not _CUES.sub_row.match(_label(r))]
    places = max(stated.places, *(p.places for p in parts if p is not None))
    slack = Decimal(1).scaleb(-places) * len(parts)  # each row rounded to its cents
    sums = [sum((p.value for p in ps if p is not None), Decimal(0)) for ps in (parts, own)]
    if any(abs(s - stated.value) <= slack for s in sums):
        return
    cell = row[columns.amount]
    yield ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"表中“{_label(row)}”行金额 {cell.text}，各行合计 {sums[1]}",
        (cell.start, cell.end),
        expected=str(sums[1]),
        found=cell.text,
        quote=ctx.doc.text[row[0].start : row[-1].end],
        tied=True,
    )
