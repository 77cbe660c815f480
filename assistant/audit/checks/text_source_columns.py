"""TOTAL_MISMATCH in the 资金来源 block of a 项目支出绩效评价表 flattened to text: each amount of its header
(计划安排资金 / 计划投资额, 实际到位资金, 实际支出 / 实际使用情况, 结余) is split in the rows under it (其中:中央财政,
省财政, 市县财政, 其它 …), one cell per column. Copied cell by cell, each source label comes once per column, its
figure (if any) right after it: "省财政 | 1125 | 省财政 | 1125 | 省财政 | 907.76 | 省财政 | 217.24".

Why: the form defines the sources as making up the column's amount, but the cells carry no unit and the labels
repeat, so the prose readers see no list. The k-th occurrence of each label is the k-th column, under the k-th
header amount; a blank cell is no money (无 is 0). A column with no figure at all says nothing.
Bad: 计划安排资金 1300 … 省财政 1125 … 市财政 33.75 … 区财政 50 (1208.75). Good: the same with 1208.75.
Which figure sits under which header is a reading of the flattened layout: a warning ("uncertain"), never an error.
A block whose cells cannot all be read (a garbled label or figure) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.interval import total, written
from ..registry import check_unit

_CUES = cues(__name__)
_Cell = tuple[Decimal, int, tuple[int, int]]  # value, written places, span
_FIRST_HEADER = re.compile(r"计划安排资金|计划投资额")


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    # found by its label, then matched there: the header cue opens with [\s|｜]*, which a search would try at every
    # position of a long run of blanks (quadratic: 300000 newlines took minutes)
    for first in _FIRST_HEADER.finditer(text):
        heads, end = _heads(text, first.start())
        columns = _columns(text, end)
        if columns is None or len(columns) > len(heads):
            continue
        for (label, head), cells in zip(heads, columns, strict=False):
            finding = _compare(ctx, label, head, cells)
            if finding is not None:
                yield finding


def _heads(text: str, start: int) -> tuple[list[tuple[str, _Cell | None]], int]:
    """The header amounts in order, each with its figure (None when the cell is blank), up to the first 其中."""
    heads: list[tuple[str, _Cell | None]] = []
    pos = start
    while (match := _CUES.header.match(text, pos)) is not None:
        heads.append((match.group("label"), _cell(match)))
        pos = match.end()
    return heads, pos


def _columns(text: str, start: int) -> list[list[tuple[str, _Cell | None]]] | None:
    """The source rows read label by label: the k-th occurrence of a label is the k-th column. None when the
    labels do not repeat evenly or the block ends on something that is not the form's next part."""
    columns: list[list[tuple[str, _Cell | None]]] = []
    seen: dict[str, int] = {}
    pos = start
    while (match := _CUES.source.match(text, pos)) is not None:
        label = match.group("label")
        k = seen.get(label, 0)
        seen[label] = k + 1
        if k == len(columns):
            columns.append([])
        columns[k].append((label, _cell(match)))
        pos = match.end()
    ended = not text[pos:].strip() or _CUES.block_end.match(text, pos) is not None
    if len(seen) < 2 or len(set(seen.values())) != 1 or not ended:
        return None
    return columns


def _cell(match: re.Match[str]) -> _Cell | None:
    """The figure of a header or source cell (its "num" group): value, written places, span; None when blank."""
    if match.group("num") is None:
        return None
    written_ = match.group("num")
    if written_ == "无":
        return Decimal(0), 0, match.span("num")
    digits = written_.replace(",", "")
    return Decimal(digits), len(digits.partition(".")[2]), match.span("num")


def _compare(
    ctx: AuditContext, label: str, head: _Cell | None, cells: list[tuple[str, _Cell | None]]
) -> Finding | None:
    parts = [(name, cell) for name, cell in cells if cell is not None]
    if head is None or not parts:
        return None
    places = max(cell[1] for _, cell in parts)
    summed = total([written(cell[0], places) for _, cell in parts])
    stated, stated_places, where = head
    ctx.facts.mark(where, *(cell[2] for _, cell in parts))
    if summed.overlaps(written(stated, stated_places)):
        return None
    shown = format(summed.mid.normalize(), "f")
    listed = "＋".join(f"{name} {ctx.doc.text[slice(*cell[2])]}" for name, cell in parts)
    found = ctx.doc.text[slice(*where)]
    return ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"资金来源表中“{label}”为 {found}万元，其下各来源 {listed} ＝ {shown}万元（若表中数字与列未对齐，则不矛盾）",
        (where[0], max(where[1], parts[-1][1][2][1])),
        expected=shown,
        found=found,
        proven=False,
        quote=label,
    )
