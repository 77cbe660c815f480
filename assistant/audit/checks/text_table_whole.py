"""TOTAL_MISMATCH and RATE_MISMATCH from the text alone: the prose that announces or closes a money table, stating
the whole of one of its columns or the rate of its totals, against what the table's rows make.

Why: a report copies a table into its text (pipes, tabs, one cell a line) and writes the same money in prose right
before it ("市财政共安排…专项资金3,465.20万元…具体分配情况见下表") or right after it ("上述四项资金合计4,024.00万元",
"项目预算执行率为94.80%"). The column's whole is its 合计 row when that row agrees with the rows, else the rows'
sum (a table with no 合计 row); the prose may write it in another unit (元 under a 万元 table).
Bad: 共安排3,465.20万元 over rows in 元 whose 合计 is 34,562,000.00 (3,456.20万元); 预算执行率94.80% under 合计
2,500.00 | 2,320.00 (92.80%). Good: 共计1,847.35万元 over 合计 18,473,500.00元; "其中A和B两项合计1,626.00万元" (a
share the text says is some rows only); 年初预算2,800.00万元 beside a 调整预算 column of 3,050.00 (another column's
whole); an amount equal to one row (that row's figure). Read only so: the amount in the sentence right before the
table's header or the first sentence after its last row, its clause saying it is the whole (共, 合计, 总计, 全部…) and
no share (其中, 分别); the table's column of money with two or more body rows, each a plain figure, and its unit
written (in the title or a 单位 line); a table of places in the prose's own unit is ``text_place_table``'s. Also
one row's figure written again after the table ("教学设备购置项目执行531.00万元" under 教学设备购置 | 540.00 |
513.00): the row named right before the amount, nothing but a few words between, in the column of the amount's 口径
(or the table's one money column); equal to any of the row's figures, it is that one. Which column the prose means
is a reading: a warning ("uncertain"), never an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from ..context import AuditContext
from ..cues import cues
from ..fields import clause_of
from ..findings import Finding
from ..prose.cells import Cell
from ..prose.evidence import quote_of, show_interval
from ..prose.interval import Interval, total
from ..prose.items import in_table_row
from ..prose.model import Statement
from ..registry import check_unit
from .text_place_table import unit_over
from .text_table_rates import form_header, money_cell, money_columns, money_tables

_CUES = cues(__name__)
_BEFORE = 400  # characters before a table's header the announcing sentence may end within
_AFTER = 160  # characters after its last row the closing sentence may start within
_RESTATED = 1200  # characters after the table a row's figure may be written again within
_BETWEEN = 12  # characters between the row's name and its figure (项目执行, 实际支出)
_FACTOR = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}  # to 万元, the canonical unit


class _Table(NamedTuple):
    """A money table as the prose is compared with it: its header, columns, body rows and each column's whole."""

    header: list[Cell]
    columns: dict[str, int]
    body: list[list[Cell]]
    wholes: dict[str, tuple[Interval, str]]


@check_unit(also=("TOTAL_MISMATCH", "RATE_MISMATCH", "REPEAT_MISMATCH"), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for header, rows in money_tables(text):
        if form_header(header, rows):
            continue
        columns = money_columns(header)
        body = [r for r in rows if not _CUES.total_row.match(_name(r))]
        closing = [
            r for r in rows if _CUES.total_row.match(_name(r)) and not _CUES.subtotal_row.match(_name(r))
        ]
        if len(body) < 2 or len(closing) > 1 or any(_CUES.share_row.match(_name(r)) for r in body):
            continue
        wholes = {
            name: whole
            for name in columns
            if (whole := _column_whole(text, header, columns, name, body, closing)) is not None
        }
        if not wholes:
            continue
        start, end = header[0].start, rows[-1][-1].end
        near = [s for s in ctx.facts.statements if _near(text, s, start, end)]
        places = all(_CUES.place_row.search(_name(r)) for r in body)
        table = _Table(header, columns, body, wholes)
        yield from _wholes(ctx, table, near, places)
        yield from _rates(ctx, table, near)
        yield from _restated_rows(ctx, table, end)


def _column_whole(
    text: str,
    header: list[Cell],
    columns: dict[str, int],
    name: str,
    body: list[list[Cell]],
    closing: list[list[Cell]],
) -> tuple[Interval, str] | None:
    """The column's whole in 万元 and its written unit: its 合计 cell when that agrees with the rows, else the sum
    of the rows; None for no column of money, a cell no plain figure, or a 合计 row that disagrees (the table's
    own check reports it)."""
    if not (name in ("budget", "executed", "arrived") or name.startswith("money")):
        return None
    unit = _unit(text, header, columns[name])
    cells = [money_cell(r, columns, name) for r in body]
    if unit is None or any(c is None for c in cells):
        return None
    places = max(c.places for c in cells if c is not None)
    summed = total([c.interval(places) for c in cells if c is not None])
    for row in closing:
        stated = money_cell(row, columns, name)
        if stated is None or not summed.overlaps(stated.interval(places)):
            return None
        summed = stated.interval(places)
    factor = _FACTOR[unit]
    return Interval(summed.lo * factor, summed.hi * factor), unit


def _wholes(ctx: AuditContext, table: _Table, near: list[Statement], places: bool) -> Iterator[Finding]:
    """A prose amount said to be the whole of the table's one money column, matching no column's whole."""
    header, columns, body, wholes = table
    money = [name for name in wholes if name != "rate"]
    rows = [
        Interval(c.interval().lo * _FACTOR[u], c.interval().hi * _FACTOR[u])
        for name in money
        for r in body
        if (c := money_cell(r, columns, name)) is not None
        for u in [wholes[name][1]]
    ]
    for s in near:
        if s.kind != "amount" or not s.exact_claim or not _said_whole(ctx.doc.text, s):
            continue
        if any(s.interval().overlaps(w) for w, _ in wholes.values()) or any(
            s.interval().overlaps(r) for r in rows
        ):
            continue  # the whole of some column, or one row's figure
        target = _target(s, money)
        if target is None or (places and s.unit == wholes[target][1]):
            continue  # which column is unsure; a table of places in the prose's unit: ``text_place_table``
        whole, unit = wholes[target]
        relation = "少于" if whole.below(s.interval()) else "超过"
        yield _finding(
            ctx,
            "TOTAL_MISMATCH",
            f"表中“{header[columns[target]].text}”一列合计为 {_show(whole, unit, s)}，{relation}文中总数 {s.text}",
            s,
            format(whole.mid.normalize(), "f"),
        )
        return


def _rates(ctx: AuditContext, table: _Table, near: list[Statement]) -> Iterator[Finding]:
    """A prose 执行率 beside a table of 预算数 and 执行数 that its totals do not give."""
    _, columns, _, wholes = table
    if "budget" not in wholes or "executed" not in wholes or "rate" in columns:
        return  # a table's own rate column: its check compares it
    budget, executed = wholes["budget"][0], wholes["executed"][0]
    if budget.lo <= 0:
        return
    ratio = Interval(executed.lo / budget.hi * 100, executed.hi / budget.lo * 100)
    for s in near:
        if s.kind != "percent" or not s.exact_claim or s.sentence is None:
            continue
        head = ctx.doc.text[s.sentence.start : s.span[0]]
        if not _CUES.execution_rate.search(re.split(r"[，,；;]", head)[-1]):
            continue
        if s.interval().overlaps(ratio):
            continue
        yield _finding(
            ctx,
            "RATE_MISMATCH",
            f"表中合计预算 {_plain(budget)}、执行 {_plain(executed)}（{wholes['budget'][1]}），"
            f"执行率应为 {ratio.mid.quantize(Decimal('0.01'))}%，文中写作 {s.text}",
            s,
            format(ratio.mid.quantize(Decimal("0.01")), "f"),
        )
        return


def _restated_rows(ctx: AuditContext, table: _Table, end: int) -> Iterator[Finding]:
    """A row's figure written again in the prose after the table ("教学设备购置项目执行531.00万元" under the row
    教学设备购置 | 540.00 | 513.00): the row named right before the amount, in the amount's 口径's column."""
    text = ctx.doc.text
    header, columns, body, wholes = table
    names = [_name(r) for r in body]
    only = next(iter(wholes)) if len(wholes) == 1 and next(iter(wholes)).startswith("money") else None
    for s in ctx.facts.statements:
        # a table of one money column: its amounts, whatever their 口径
        column = s.field if s.field in wholes else only
        if (
            s.kind != "amount"
            or not s.exact_claim
            or column is None
            or not 0 < s.span[0] - end <= _RESTATED
            or in_table_row(text, s)
        ):
            continue
        clause = re.split(r"[。；;，,：:\n]", text[max(0, s.span[0] - 40) : s.span[0]])[-1]
        named = [k for k, n in enumerate(names) if len(n) >= 2 and n in clause]
        if len(named) != 1:
            continue
        row, name = body[named[0]], names[named[0]]
        between = clause[clause.find(name) + len(name) :]
        if re.search(r"\d", between) or _CUES.share_words.search(between) or len(between) > _BETWEEN:
            continue
        cell = money_cell(row, columns, column)
        if cell is None:
            continue
        unit = wholes[column][1]
        written = cell.interval(cell.places)
        figure = Interval(written.lo * _FACTOR[unit], written.hi * _FACTOR[unit])
        if s.interval().overlaps(figure) or any(
            (c := money_cell(row, columns, other)) is not None
            and s.interval().overlaps(c.interval().scaled(_FACTOR[wholes[other][1]]))
            for other in wholes
        ):
            continue  # the row's figure, or its figure of another column
        yield _finding(
            ctx,
            "REPEAT_MISMATCH",
            f"表中“{name}”一行“{header[columns[column]].text}”为 {row[columns[column]].text}，文中写作 {s.text}",
            s,
            row[columns[column]].text,
        )


def _finding(ctx: AuditContext, code: str, message: str, s: Statement, expected: str) -> Finding:
    """A doubt on the prose figure ``s``: which column or row it means is a reading."""
    return ctx.relation_finding(
        code, message, s.span, expected=expected, found=s.text, proven=False, quote=quote_of(ctx.doc.text, s)
    )


def _name(row: list[Cell]) -> str:
    """The row's name: its first cell of words, after any serial."""
    return next((c.text for c in row if c.text and c.number is None), row[0].text)


def _unit(text: str, header: list[Cell], column: int) -> str | None:
    """The money unit of the column: in its title ("金额（元）"), else on the line over the table ("单位：万元")."""
    found = _CUES.title_unit.search(header[column].text)
    return found.group("unit") if found is not None else unit_over(text, header)


def _near(text: str, s: Statement, start: int, end: int) -> bool:
    """Is the number in the sentence that runs into the table's header, or in the first sentence after its rows?"""
    if s.sentence is None or in_table_row(text, s):
        return False  # a cell of a row (a 自评表's money block) is no prose about the table
    if s.span[1] <= start:
        gap = text[s.span[1] : text.rfind("\n", 0, start) + 1].rstrip()  # up to the header's line
        return start - s.span[1] <= _BEFORE and "\n" not in gap and not re.search(r"[。；;]", gap[:-1])
    line_end = text.find("\n", end)
    gap = text[end if line_end < 0 else line_end : s.span[0]]  # from the end of the last row's line
    return 0 <= len(gap) <= _AFTER and "\n" not in gap.lstrip() and not re.search(r"[。；;]", gap)


def _said_whole(text: str, s: Statement) -> bool:
    """Does the number's own clause say it is all the money (共, 合计, 共计…), and not a share (其中, 分别)?"""
    if s.sentence is None:
        return False
    clause = clause_of(text[s.sentence.start : s.span[0]])
    return bool(_CUES.whole_words.search(clause)) and not _CUES.share_words.search(
        text, s.sentence.start, s.span[0]
    )


def _target(s: Statement, money: list[str]) -> str | None:
    """The column the prose amount is the whole of: the table's one money column, else the column of its 口径."""
    if len(money) == 1:
        return money[0]
    named = [name for name in money if name == s.field]
    return named[0] if len(named) == 1 else None


def _show(whole: Interval, unit: str, s: Statement) -> str:
    """The column's whole in the unit the table writes it, and in the prose's unit when that is another."""
    own = _plain(Interval(whole.lo / _FACTOR[unit], whole.hi / _FACTOR[unit])) + unit
    if s.unit == unit or s.unit not in _FACTOR:
        return own
    return f"{own}（{show_interval(whole, s)}）"


def _plain(interval: Interval) -> str:
    return format(interval.mid.quantize(Decimal("0.01")).normalize(), ",f")
