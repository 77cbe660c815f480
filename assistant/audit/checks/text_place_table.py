"""TOTAL_MISMATCH from the text alone: the money a report hands down to places, stated once in prose, against the
column of the table that lists those places a row each ("共收到并转下达资金4,286.00万元，已全部分解下达到县…各县分配及支出
情况如下：" over "| 县 | 下达（万元） | 支出（万元） | 执行率 |" and six county rows).

Why: a transfer report states the whole it received and handed on, then sets out the places' shares in a table with
no 合计 row (or with one), or closes the table with a sentence ("以上6个乡镇合计拨付…"). The table's column of that
口径 (下达/分配 under a budget title, 支出 under an executed title, 到位) adds up to what the places got; when the
prose says all of it went to them (共, 合计, 全部, 全额, 未留存), the two must agree.
Bad: 共下达4,286.00万元，全部分解下达到县 over county rows 735 + 698 + 862 + 641 + 587 + 745 (4,268.00).
Good: the same with 4,268.00万元; a prose amount equal to another column's sum (the 支出 column's 4,093.80 closing the
table) is that column's whole; a difference the text names as an amount of its own (市级留存18.00万元) is a share kept.
Read only so: every body row names a place (县, 区, 镇, 乡, 街道, 村…), two or more rows, every cell of the column a
plain figure; the table's unit written in its header or the line above (万元, 元, 亿元) and the prose amount in that
unit; the prose amount of the column's 口径, in the paragraph(s) right before the table or the sentence right after
it, with a word saying it is the whole. Whether the table is every place the money went to is a reading: a warning
("uncertain"), never an error. A table whose own 合计 row disagrees with its rows is ``text_table_rates``'.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import Cell
from ..prose.evidence import quote_of, show_interval
from ..prose.interval import Interval, total
from ..prose.model import Statement
from ..registry import check_unit
from .text_table_rates import form_header, money_cell, money_columns, money_tables

_CUES = cues(__name__)
_BEFORE = 400  # characters before a table's header its whole may end within
_AFTER = 160  # characters after its last row the closing sentence's whole may start within
_COLUMNS = ("budget", "arrived", "executed")


@check_unit(also=("TOTAL_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for header, rows in money_tables(text):
        if form_header(header, rows):
            continue
        body = [r for r in rows if not _CUES.total_row.match(r[0].text)]
        closing = [r for r in rows if _CUES.total_row.match(r[0].text)]
        if len(body) < 2 or not all(_CUES.place_row.search(_name(r)) for r in body):
            continue
        unit = money_unit(text, header)
        if unit is None:
            continue
        columns = money_columns(header)
        start, end = header[0].start, rows[-1][-1].end
        near = [s for s in ctx.facts.statements if s.kind == "amount" and _near(text, s, start, end)]
        sums: dict[str, Interval] = {}
        for name in _COLUMNS:
            cells = [money_cell(r, columns, name) for r in body]
            if any(c is None for c in cells):
                continue
            places = max(c.places for c in cells if c is not None)
            summed = total([c.interval(places) for c in cells if c is not None])
            stated = [money_cell(r, columns, name) for r in closing]
            if any(c is None or not summed.overlaps(c.interval(places)) for c in stated):
                continue  # a 合计 row of its own that disagrees: the table's check reports it
            sums[name] = summed
        for name, summed in sums.items():
            if any(s.unit == unit and s.interval().overlaps(summed) for s in near):
                continue  # the column's whole is written
            for whole in near:
                if not _whole_of(text, whole, name, unit) or any(
                    s.unit == unit and whole.interval().overlaps(total([summed, s.interval()]))
                    for s in near
                    if s is not whole
                ):
                    continue  # a share the text names (市级留存…) makes up the difference
                yield _finding(ctx, whole, header, columns[name], summed)
                break


def _finding(
    ctx: AuditContext, whole: Statement, header: list[Cell], column: int, summed: Interval
) -> Finding:
    title = header[column].text
    relation = "少于" if summed.below(whole.interval()) else "超过"
    return ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"表中各行“{title}”之和为 {show_interval(summed, whole)}，{relation}文中总数 {whole.text}"
        "（若表中并非全部地区，则不矛盾）",
        whole.span,
        expected=format(summed.mid.normalize(), "f"),
        found=whole.text,
        proven=False,
        quote=quote_of(ctx.doc.text, whole),
    )


def _name(row: list[Cell]) -> str:
    """The row's name: its first cell of words, after any serial."""
    return next((c.text for c in row if c.text and c.number is None), row[0].text)


def money_unit(text: str, header: list[Cell]) -> str | None:
    """The money unit the header's titles write ("下达（万元）") or the line above it does ("单位：万元")."""
    for cell in header:
        found = _CUES.title_unit.search(cell.text)
        if found is not None:
            return found.group("unit")
    return unit_over(text, header)


def unit_over(text: str, header: list[Cell]) -> str | None:
    """The money unit the line right over a table's header gives ("单位：万元")."""
    line_start = text.rfind("\n", 0, max(0, text.rfind("\n", 0, header[0].start)))
    found = _CUES.unit_line.search(text[max(0, line_start) : header[0].start])
    return found.group("unit") if found is not None else None


def _near(text: str, statement: Statement, start: int, end: int) -> bool:
    """Does the amount end in the paragraphs right before the table, or start in the sentence right after it?"""
    if statement.sentence is None:
        return False
    if statement.span[1] <= start:
        return start - statement.span[1] <= _BEFORE and not _CUES.heading_between.search(
            text, statement.span[1], start
        )
    return 0 <= statement.span[0] - end <= _AFTER and "。" not in text[end : statement.span[0]]


def _whole_of(text: str, whole: Statement, column: str, unit: str) -> bool:
    """Is the amount the whole of the column's 口径, by its words (共, 合计, 全部…)?"""
    if whole.unit != unit or not whole.exact_claim or whole.field != column or whole.sentence is None:
        return False
    return bool(_CUES.whole_words.search(text, whole.sentence.start, whole.sentence.end))
