"""Split cells glued together without separators ('202010100.00%10' is 20 | 20 | 10 | 100.00% | 10) with the
form's own constraints, never by guessing.

Every split of a row's glued words into numbers (no leading zeros, at most six decimals, a percent sign closing
its number) that puts them under the form's columns in order, each value of its column's type, is a candidate.
The caller's constraints (执行率 = 执行数 ÷ 预算数 at the written precision, 得分 = 执行率 × 分值, a 其中 row
within its total, which cells a row may leave blank …) drop candidates. A split is taken only when all that
are left give the same figures; otherwise the row is uncertain and no figure of it is read. A funds row none
fits is still read when its writing alone (units and percent signs closing the cells, the columns in order)
leaves one reading: its broken arithmetic is then what the form says, and the checks report it.

Indicator rows (names, targets, actuals glued) are split in ``glued_rows``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .align import Column, Glued, Item, Reading
from .model import Value
from .values import MAX_DECIMALS, MAX_PIECE, is_glued, parse_value

MAX_STEPS = 60_000  # search steps for one row (the real forms' rows need at most 20 000); more is uncertain
MAX_INTEGER = 12  # digits before the point: no figure of a form reaches 1万亿
_HUNDRED = Decimal(100)
_NUMBER = re.compile(r"\d+(?:\.\d+)?[%％]?")
_GRADE_END = re.compile(r"(优秀|良好|合格|不合格|较差|优|良|中|差)$")


@dataclass
class Split:
    """The one reading every remaining candidate agrees on (``cells``), or ``uncertain`` with no cells."""

    cells: Reading
    uncertain: bool
    candidates: int = 0


def number_ends(text: str, pos: int) -> list[int]:
    """Where a number written at ``pos`` of a glued run may end: no leading zero, at most twelve digits before
    the point and six after, and a percent sign right after the digits belongs to them."""
    ends = []
    for match_end in range(pos + 1, min(len(text), pos + MAX_PIECE) + 1):
        piece = text[pos:match_end]
        if not _NUMBER.fullmatch(piece):
            continue
        digits = piece.rstrip("%％")
        if len(digits) > 1 and digits[0] == "0" and digits[1] != ".":
            continue
        if len(digits.split(".")[0]) > MAX_INTEGER:
            break
        if "." in digits and len(digits.split(".")[1]) > MAX_DECIMALS:
            continue
        if match_end < len(text) and text[match_end] in "%％" and not piece.endswith(("%", "％")):
            continue
        ends.append(match_end)
    return ends


def glued_items(words: list[Value], touching: bool) -> list[Item]:
    """A row's words as items to split: a word no single number reads ('9.489.48', '202010100.00%10') is glued;
    where the cells touch each other, so is any number of four digits or more ('2020' is 20 | 20)."""
    out: list[Item] = []
    for word in words:
        digits = sum(c.isdigit() for c in word.text)
        numeric = word.number is not None and word.op is None and (word.unit is None or word.percent)
        if (word.number is None and is_glued(word.text)) or (touching and numeric and digits >= 4):
            out.append(Glued(word.text, word.start, word.end))
        else:
            out.append(word)
    return out


def split_run(
    items: list[Item],
    columns: list[Column],
    fits: Callable[[Reading], bool],
    prefer: Callable[[Reading], int] | None = None,
    *,
    forced: bool = False,
    written_prefer: Callable[[Reading], Any] | None = None,
    written_fits: Callable[[Reading], bool] | None = None,
) -> Split:
    """The reading of a row whose words may be glued, under ``columns`` in order, that ``fits`` accepts; where
    several differ, those ``prefer`` ranks lowest, if they agree. With ``forced``, a row none fits is still read
    when its writing alone leaves one reading ('10万 | 9万 | 100%20': a percent sign closes 100%, the units close
    the amounts): the arithmetic it breaks is then the form's own contradiction, for the checks to report. Where
    the writing leaves several readings, ``written_prefer`` may pick one ('50万元47.6895.00%' is 47.68 | 95.00%,
    the rate nearest the amounts' ratio, at one precision as an export prints it, not 47.689 | 5.00%): every
    reading breaks the arithmetic, so the form contradicts itself whichever is meant; the one shown is the likeliest.
    First, though, the writing is read under ``written_fits`` alone (the cells a form fills, amounts of one
    size): where exactly one reading keeps that, it is the row ('490390100%' under a 其中 row of 390 is 490 | 390 |
    100%, not 4903 | 90 | 100%), however many the writing alone allows."""
    found = _readings(items, columns, fits, prefer)
    if forced and not found.cells and found.candidates == 0:
        if written_fits is not None:
            plausible = _readings(items, columns, written_fits)
            if not plausible.uncertain:
                return plausible
        written = _readings(items, columns, lambda _reading: True, written_prefer)
        if not written.uncertain:
            return written
    return found


def _readings(
    items: list[Item],
    columns: list[Column],
    fits: Callable[[Reading], bool],
    prefer: Callable[[Reading], Any] | None = None,
) -> Split:
    found: list[Reading] = []
    pieces: dict[tuple[int, int, int], Value] = {}
    ends: dict[tuple[int, int], list[tuple[int, int]]] = {}
    steps = 0
    texts = [unicodedata.normalize("NFKC", i.text) if isinstance(i, Glued) else "" for i in items]

    def walk(index: int, pos: int, column: int, acc: Reading) -> None:
        nonlocal steps
        steps += 1
        if steps > MAX_STEPS:
            return
        if index == len(items):
            if fits(acc):
                found.append(dict(acc))
            return
        item = items[index]
        if isinstance(item, Value):
            if item.blank:  # an explicit empty cell keeps its column
                if column < len(columns):
                    walk(index + 1, 0, column + 1, acc)
                return
            for j in range(column, len(columns)):
                if columns[j].accepts(item):
                    acc[columns[j].key] = item
                    walk(index + 1, 0, j + 1, acc)
                    del acc[columns[j].key]
            return
        text = texts[index]
        if pos == len(text):
            walk(index + 1, 0, column, acc)
            return
        if (index, pos) not in ends:  # the walk comes back to a position many times: read its numbers once
            ends[index, pos] = [
                (end, _pieces_left(text, end))
                for end in number_ends(text, pos)
                if not _zero_rate_of_hundred(text, pos, end)
            ]
        for end, left in ends[index, pos]:
            key = (index, pos, end)
            if key not in pieces:
                pieces[key] = parse_value(text[pos:end], item.start + pos, item.start + end)
            value = pieces[key]
            for j in range(column, len(columns)):
                if len(columns) - j < left:
                    break
                if columns[j].accepts(value):
                    acc[columns[j].key] = value
                    walk(index, end, j + 1, acc)
                    del acc[columns[j].key]

    walk(0, 0, 0, {})
    if prefer is not None and len({_figures(r) for r in found}) > 1:
        rank = {id(r): prefer(r) for r in found}  # lower wins: a tie-break the caller knows its row by
        best = min(rank.values())
        found = [r for r in found if rank[id(r)] == best]
    if steps > MAX_STEPS or not found or len({_figures(r) for r in found}) > 1:
        return Split({}, True, len(found))
    return Split(found[0], False, len(found))


def _zero_rate_of_hundred(text: str, pos: int, end: int) -> bool:
    """Is the piece ``text[pos:end]`` a zero rate cut off the end of a written "100%" ('390390100%' read as
    3903901 | 0 | 0%)? A rate of 0 % beside an amount executed is no reading of a row whose run writes 100 %:
    taking it would let every 100 % row read two ways, and a broken '490390100%' read as a consistent one."""
    piece = text[pos:end]
    return (
        piece.endswith(("%", "％"))
        and not piece.rstrip("%％").replace("0", "").replace(".", "")
        and text[max(0, pos - 2) : pos] == "10"
    )


def _pieces_left(text: str, pos: int) -> int:
    """At least how many numbers the rest of a glued run holds (one per group of digits after a % sign)."""
    rest = text[pos:]
    if not rest:
        return 0
    return 1 + len(re.findall(r"[%％](?=.)", rest))


def _figures(reading: Reading) -> tuple[tuple[str, Decimal | str], ...]:
    return tuple(sorted((k, v.number if v.number is not None else v.text) for k, v in reading.items()))


def split_total(value: Value) -> tuple[list[Value], Value | None]:
    """The 总分 row glued into one word ('10096优'): 分值 and 得分 (得分 ≤ 分值 ≤ 100) and a closing 等级 word;
    no numbers when the digits split more than one way."""
    text = value.text
    grade = None
    match = _GRADE_END.search(text)
    if match and match.start() > 0:
        grade = Value(match.group(1), value.start + match.start(), value.end)
        text = text[: match.start()]
    whole = parse_value(text, value.start, value.start + len(text))
    if whole.number is not None and whole.number <= _HUNDRED:
        return [whole], grade
    columns = [Column("points", _total_points), Column("score", _total_points)]

    def fits(reading: Reading) -> bool:
        points, score = reading.get("points"), reading.get("score")
        return points is not None and score is not None and score.number <= points.number  # type: ignore[operator]

    found = split_run([Glued(text, value.start, value.start + len(text))], columns, fits)
    if found.uncertain:
        return [], grade
    return [found.cells["points"], found.cells["score"]], grade


def _total_points(value: Value) -> bool:
    return value.number is not None and not value.percent and Decimal(0) <= value.number <= _HUNDRED
