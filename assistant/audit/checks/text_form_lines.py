"""TOTAL_MISMATCH in a fund table flattened one cell a line: a total line ("年度预算资金总额: 321.25"), then its 其中
lines, each a label and one bare value ("其中:中央补助 166.00", "市级资金 136.00", "本级资金(包括结转结余) 20.25").

Why: a table of fund sources copied as text loses its grid but keeps its order; the values carry no unit (the
unit sits in a heading, "(万元)"), so the prose readers do not take them as amounts and the total goes unchecked.
The layout makes the 其中 lines the parts of the total line above them.

Bad: 年度预算资金总额: 321.25 / 其中:中央补助 166.00 / 市级资金 136.00 / 本级资金 20.25 (322.25 of 321.25).
Good: the same with 本级资金 19.25; parts short of the total (a 其中 list may leave a blank source out).
Parts above their total are an error; short of it a warning ("uncertain"). Each value stands for the interval its
written precision allows. A second 其中 line with a value opens a list inside the first, and a line of another
measure (分值, 得分, 执行率, 人数 …) follows the money: the block ends at either.

A grand block followed by a bare "其中:" line and blocks of the same labels (合计 of the sub-tables, then each
sub-table) is their column total: when the sub-blocks' totals make up the grand total, a row of the grand block
that is not the sum of the same rows below is an error (the 合计 block's 市级资金 343.00 against 208.00 + 136.00).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.interval import written
from ..registry import check_unit

_CUES = cues(__name__)


@dataclass(frozen=True)
class _Line:
    label: str
    text: str  # the value as written ("166.00")
    value: Decimal
    places: int
    span: tuple[int, int]


@dataclass(frozen=True)
class _Block:
    total: _Line
    parts: tuple[_Line, ...]
    end: int  # where the last part line ends

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(p.label for p in self.parts)


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    covered = [form.span for form in ctx.forms if form.span is not None]
    blocks = [b for b in _blocks(ctx.doc.text) if not any(a <= b.total.span[0] < e for a, e in covered)]
    findings = [f for b in blocks for f in _own_parts(ctx, b)]
    return findings + [f for k, b in enumerate(blocks) for f in _column(ctx, b, blocks[k + 1 :])]


def _blocks(text: str) -> list[_Block]:
    """Every total line followed by two or more 其中 lines of bare values."""
    found = []
    for match in _CUES.total_line.finditer(text):
        total = _line(match, match.group("head"))
        at, parts = match.end(), []
        first = _CUES.first_part.match(text, at)
        if first is None:
            continue
        while first is not None and not _CUES.no_money.search(first.group("label")):
            parts.append(_line(first, first.group("label")))
            at = first.end()
            first = _CUES.next_part.match(text, at)
        if len(parts) >= 2 and not any(_CUES.total_word.search(p.label) for p in parts):
            found.append(_Block(total, tuple(parts), at))
    return found


def _line(match: re.Match[str], label: str) -> _Line:
    raw = match.group("num").replace(",", "")
    places = len(raw.split(".")[1]) if "." in raw else 0
    span = (match.start("num"), match.end("num"))
    return _Line(label.strip(" \u3000:："), match.group("num"), Decimal(raw), places, span)


def _sum(lines: list[_Line] | tuple[_Line, ...]) -> tuple[Decimal, int]:
    return sum((p.value for p in lines), Decimal(0)), max(p.places for p in lines)


def _agree(summed: Decimal, places: int, line: _Line) -> bool:
    return written(summed, places).overlaps(written(line.value, line.places))


def _plain(value: Decimal, places: int) -> str:
    return f"{value:.{places}f}"


def _own_parts(ctx: AuditContext, block: _Block) -> list[Finding]:
    summed, places = _sum(block.parts)
    ctx.facts.mark(block.total.span, *(p.span for p in block.parts))
    if _agree(summed, places, block.total):
        return []
    above = summed > block.total.value
    listed = " + ".join(f"{p.label} {p.text}" for p in block.parts)
    partial = "" if above else "（若所列并非全部构成，则不矛盾）"
    return [
        ctx.relation_finding(
            "TOTAL_MISMATCH",
            f"表中{block.total.label} {block.total.text}，其中各行 {listed} = {_plain(summed, places)}，"
            f"{'超过' if above else '少于'}总额{partial}",
            (_line_start(ctx.doc.text, block.total.span[0]), block.end),
            expected=_plain(summed, places),
            found=block.total.text,
            proven=above,
        )
    ]


def _column(ctx: AuditContext, grand: _Block, after: list[_Block]) -> list[Finding]:
    """The rows of a grand block against the same rows of the sub-blocks its bare "其中:" line opens."""
    text = ctx.doc.text
    opener = _CUES.bare_of_which.match(text, grand.end)
    if opener is None:
        return []
    subs = []
    for block in after:
        if block.labels != grand.labels:
            break
        subs.append(block)
    if len(subs) < 2:
        return []
    summed, places = _sum([b.total for b in subs])
    if not _agree(summed, places, grand.total):
        return []  # the blocks below may not be the grand block's: no column to check
    findings = []
    for k, row in enumerate(grand.parts):
        column = [b.parts[k] for b in subs]
        summed, places = _sum(column)
        if _agree(summed, places, row):
            continue
        listed = " + ".join(c.text for c in column)
        findings.append(
            ctx.relation_finding(
                "TOTAL_MISMATCH",
                f"合计表中{row.label} {row.text}，其下各分表同一行 {listed} = {_plain(summed, places)}，"
                f"而各分表总额之和与合计总额相符",
                (_line_start(text, row.span[0]), row.span[1]),
                expected=_plain(summed, places),
                found=row.text,
                proven=True,
            )
        )
    return findings


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1
