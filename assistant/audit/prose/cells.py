"""A flattened 自评表 as a stream of cells: text split on pipes, line breaks and runs of spaces, with spans.

Published forms reach a reviewer flattened in many ways (one cell per line, pipes, spaces); what survives is
the order of the cells. ``Cell.number`` reads a value cell ("≥42个", "100%", "3807人", "0.00") into an operator,
a number with its written decimals, and a unit. Glued cells ("202010100.00%10") are out of reach: no separator,
no cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property

from assistant.numbers.numerals import NORMALIZE

from ..cues import cues
from .interval import Interval, written

_CUES = cues(__name__)
_OPERATOR = r"(?:>=|<=|≥|≤|≧|≦|═|=|>|<|＞|＜)"
_VALUE = re.compile(
    rf"^(?P<op>{_OPERATOR})?\s*(?P<num>-?\d+(?:,\d{{3}})*(?:\.\d+)?)\s*(?P<unit>%|‰|[^\d\s%|]{{0,8}}?)\s*$"
)
_OPERATOR_ONLY = re.compile(rf"^{_OPERATOR}$")
EMPTY_MARKS = frozenset({"-", "—", "/", "－", "——", "…", "……", "\\"})
POSITIVE = frozenset({">=", "≥", "≧", ">", "＞"})
NEGATIVE = frozenset({"<=", "≤", "≦", "<", "＜"})


@dataclass(frozen=True)
class CellNumber:
    op: str | None
    value: Decimal
    places: int
    unit: str

    def interval(self, places: int = 0) -> Interval:
        """Every value the number stands for, read at its own decimals or ``places``, whichever are more."""
        return written(self.value, max(self.places, places))


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int
    spaced: bool = False  # an amount whose thousands are set apart by a space ("2 160.00"), read as one

    @cached_property
    def number(self) -> CellNumber | None:
        """The value the cell writes (read once: a form's cells are read by several readers and checks)."""
        match = _VALUE.match(
            self.text.translate(NORMALIZE).replace("＝", "=").replace(" ", "" if self.spaced else " ")
        )
        if match is None:
            return None
        digits = match.group("num").replace(",", "")
        try:
            value = Decimal(digits)
        except InvalidOperation:
            return None
        places = len(digits.partition(".")[2])
        return CellNumber(match.group("op"), value, places, match.group("unit") or "")

    @property
    def plain(self) -> CellNumber | None:
        """The number when the cell is a bare number (a 分值, 得分 or amount column), else None."""
        number = self.number
        return number if number is not None and not number.op and not number.unit else None

    @property
    def empty(self) -> bool:
        return self.text in EMPTY_MARKS


def cells_of(text: str, start: int = 0, end: int | None = None) -> list[Cell]:
    """The cells of ``text[start:end]``; an operator cell ("≧", a 指标性质 column) is joined to the value after it,
    bare ("≧ | 120") or with its unit ("≧ | 120场"), and a unit cell ("%", "人次") to the number before it, as the
    form printed them in separate columns."""
    end = len(text) if end is None else end
    raw: list[Cell] = []
    position = start
    for match in _CUES.separator.finditer(text, start, end):
        if match.start() > position:
            raw.append(Cell(text[position : match.start()], position, match.start()))
        position = match.end()
    if position < end:
        raw.append(Cell(text[position:end], position, end))
    return _joined(text, _spaced_thousands(text, raw))


_GROUP = re.compile(r"\d{3}(?:\.\d+)?(?:[^\d\s.,][^\s]*)?")  # "398.94", "212人", "820人次"
_HEAD = re.compile(r"(?:[≥≧>＞≤≦<＜=＝])?\d{1,3}(?: \d{3})*")  # "2", "≥3"


# "当年财政拨款1 206.80万元": an amount glued to its label, its thousands spaced, with its fraction and money unit
# (``find_numbers`` reads it as one figure in any text)
_GLUED_MONEY = re.compile(r"(?<=[\u4e00-\u9fff])\d{1,3}(?: \d{3})+\.\d+(?=(?:万|亿)?元)")


def _spaced_thousands(text: str, cells: list[Cell]) -> list[Cell]:
    """ "年度资金总额⇥2 160.00⇥2 398.94", "|8 212人|": in a line whose cells are set apart by tabs or pipes, a
    single space is inside a cell, and digits split by it in groups of three are one amount with its thousands
    spaced. A line split by spaces alone keeps them apart ("10 386.31" there is two cells), except an amount glued
    to its label ("拨款1 206.80万元")."""
    out: list[Cell] = []
    for cell in cells:
        last = out[-1] if out else None
        if (
            last is not None
            and text[last.end : cell.start] == " "
            and _GROUP.fullmatch(cell.text)
            and _HEAD.fullmatch(last.text)
            and (_celled_line(text, cell.start) or _glued_money(text, last.start, cell.start))
        ):
            out[-1] = Cell(text[last.start : cell.end], last.start, cell.end, spaced=True)
            continue
        out.append(cell)
    return out


def _glued_money(text: str, head: int, group: int) -> bool:
    """Does a spaced amount glued to a word start at ``head`` and run past ``group``?"""
    match = _GLUED_MONEY.match(text, head)
    return match is not None and match.end() > group


def _celled_line(text: str, offset: int) -> bool:
    """Does the line holding ``offset`` set its cells apart by tabs or pipes?"""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : end if end >= 0 else len(text)]
    return "\t" in line or line.count("|") >= 2


def _joined(text: str, cells: list[Cell]) -> list[Cell]:
    out: list[Cell] = []
    k = 0
    while k < len(cells):
        cell = cells[k]
        nxt = cells[k + 1] if k + 1 < len(cells) else None
        number = nxt.number if nxt is not None else None
        if nxt is not None and _OPERATOR_ONLY.match(cell.text) and number is not None and not number.op:
            cell = Cell(cell.text + nxt.text, cell.start, nxt.end, spaced=nxt.spaced)
            k += 1
        out.append(cell)
        k += 1
    return out


def join_unit(cells: list[Cell], k: int, units: bool) -> tuple[Cell, int]:
    """The cell at ``k`` with a following unit cell joined when the form has a 度量单位 column."""
    cell = cells[k]
    number = cell.number
    if (
        units
        and number is not None
        and not number.unit
        and k + 1 < len(cells)
        and _CUES.unit_only.match(cells[k + 1].text)
    ):
        joined = Cell(cell.text + cells[k + 1].text, cell.start, cells[k + 1].end, spaced=cell.spaced)
        return joined, k + 2
    if units and number is None and not cell.empty and k + 1 < len(cells) and cells[k + 1].empty:
        # "定性 | 持续提升 | — | 达成": a value in words has no unit, its 度量单位 cell a dash
        return cell, k + 2
    return cell, k + 1


def squeeze(text: str) -> str:
    """Text without separators, for matching labels the flattening split ("年初\\n\\n预算数")."""
    return _CUES.separator.sub("", text)


def header_above(text: str, offset: int) -> str | None:
    """The header cell over the pipe cell that holds ``offset``: the nearest line above, in the same run of piped
    lines, with as many cells and no digit ("一级指标 | … | 年度指标值 | 实际完成值 | 分值 | 得分"). None outside a
    piped row (fewer than three pipes) or when no such header is found."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : end if end >= 0 else len(text)]
    pipes = line.count("|")
    if pipes < 3:
        return None
    column = text[start:offset].count("|")
    while start > 0:
        above_end = start - 1
        start = text.rfind("\n", 0, above_end) + 1
        above = text[start:above_end]
        if "|" not in above:
            return None
        if above.count("|") == pipes and not any(c.isdigit() for c in above):
            return above.split("|")[column].strip()
    return None
