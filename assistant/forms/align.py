"""Put a row's values under the form's columns when the flattening lost the cell boundaries.

A row's values arrive in column order, but a blank cell may have vanished (a blank 年初预算数 shifts everything
left) and cells may be glued ('202010100.00%10'). Every reading that keeps the columns' order and each column's
type (an amount, a percent, a 分值 ≤ 100 …) is tried; the form's own arithmetic (执行率 = 执行数 ÷ 预算数,
得分 = 执行率 × 分值) then prefers the readings it confirms. When two readings that give different figures fit
equally well, the row is "uncertain". Which columns a form has lives in ``funds`` and ``indicators``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from .model import Value
from .values import glued_splits, is_glued

MAX_READINGS = 4000
MAX_EXPANSIONS = 3000  # ways to split a row's glued words, tried cheapest first
SPLIT_COST = 1.5
TRAILING_TEXT_COST = 0.5
LATE_COST = 1.0
DROP_COST = 2.5
_TIE = 0.25


@dataclass(frozen=True)
class Column:
    """A column: its key, which values it accepts, and what leaving it empty costs."""

    key: str
    accepts: Callable[[Value], bool]
    skip_cost: float = 1.0
    take_cost: float = 0.0  # > 0 for columns usually merged away (一级/二级指标 cells of later rows)


@dataclass(frozen=True)
class Glued:
    """A word that may be several values written without separators."""

    text: str
    start: int
    end: int


Item = Value | Glued
Reading = dict[str, Value]


@dataclass
class Alignment:
    cells: Reading
    cost: float
    uncertain: bool


def align(
    items: list[Item],
    columns: list[Column],
    check: Callable[[Reading], float] | None = None,
    *,
    late: bool = False,
    split_cost: float = SPLIT_COST,
) -> Alignment | None:
    """The best reading of ``items`` under ``columns`` (None when no reading keeps order and types); with
    ``late``, values left after the last column may fill an earlier empty one (spreadsheet text exports)."""
    scored: list[tuple[float, Reading]] = []
    expansions = _expansions(items, len(columns), split_cost)
    truncated = len(expansions) > MAX_EXPANSIONS
    for index, (flat, splits) in enumerate(expansions[:MAX_EXPANSIONS]):
        readings = _readings(flat, columns, late)
        truncated = truncated or len(readings) > MAX_READINGS // 10
        for reading, cost in readings:
            bonus = check(reading) if check else 0.0
            scored.append((cost + splits - bonus, reading))
        if len(scored) > MAX_READINGS:
            truncated = truncated or index + 1 < len(expansions)
            break
    if not scored:
        return None
    scored.sort(key=lambda item: item[0])
    best_cost, best = scored[0]
    rivals = [r for c, r in scored[1:] if c - best_cost < _TIE and _figures(r) != _figures(best)]
    # when not every reading could be tried, an untried one may fit as well: the best is not certain
    return Alignment(best, best_cost, bool(rivals) or truncated)


def _figures(reading: Reading) -> dict[str, Decimal | str]:
    return {k: (v.number if v.number is not None else v.text) for k, v in reading.items() if not v.blank}


def _expansions(items: list[Item], width: int, split_cost: float) -> list[tuple[list[Value], float]]:
    """Flat value lists: each glued word replaced by each of its splits (1..width pieces), with a cost per
    extra piece when the word also reads as one value (so a split must be earned by the arithmetic)."""
    results: list[tuple[list[Value], float]] = [([], 0.0)]
    for item in items:
        if isinstance(item, Value):
            results = [([*r, item], c) for r, c in results]
            continue
        options: list[tuple[list[Value], float]] = []
        whole = glued_splits(item.text, item.start, 1)
        for pieces in range(1, width + 1):
            per_piece = split_cost if whole else 0.0
            options += [
                (split, per_piece * (pieces - 1)) for split in glued_splits(item.text, item.start, pieces)
            ]
        # cheapest first, and among equals those with as many values as there are columns
        results = sorted(
            ((r + o, c + oc) for r, c in results for o, oc in options),
            key=lambda x: (x[1], abs(len(x[0]) - width)),
        )
        results = results[:MAX_READINGS]
    return results


def _readings(values: list[Value], columns: list[Column], late: bool) -> list[tuple[Reading, float]]:
    """Every order-keeping assignment of ``values`` to ``columns`` (columns may stay empty), with its cost.

    Blank values fill a column without saying anything; blanks left over at the end are padding.
    """
    out: list[tuple[Reading, float]] = []
    limit = MAX_READINGS // 10
    n, width = len(values), len(columns)
    blank = [v.blank for v in values]
    # how many non-blank values are left from i on, and whether only text is left (a trailing note)
    left = [0] * (n + 1)
    numbers_left = [0] * (n + 1)
    text_only = [True] * (n + 1)
    for i in range(n - 1, -1, -1):
        left[i] = left[i + 1] + (not blank[i])
        numbers_left[i] = numbers_left[i + 1] + (values[i].number is not None)
        text_only[i] = text_only[i + 1] and values[i].number is None
    fits = [[c.accepts(v) for c in columns] for v in values]

    def walk(i: int, j: int, acc: Reading, cost: float) -> None:
        if len(out) > limit:
            return
        if left[i] == 0:
            out.append((dict(acc), cost))  # columns after the last value: the row simply ends
            return
        if j == width:
            if text_only[i]:  # words after the last column (a 佐证材料 note)
                out.append((dict(acc), cost + TRAILING_TEXT_COST))
            elif late:
                _late(values[i:], acc, cost)
            return
        if not late and numbers_left[i] > width - j:
            return  # more numbers than columns left: no reading places them all
        column = columns[j]
        if blank[i]:
            walk(i + 1, j + 1, acc, cost)  # an explicit empty cell
        elif fits[i][j]:
            acc[column.key] = values[i]
            walk(i + 1, j + 1, acc, cost + column.take_cost)
            del acc[column.key]
        walk(i, j + 1, acc, cost + column.skip_cost)  # the column's cell vanished

    def _late(rest: list[Value], acc: Reading, cost: float) -> None:
        """Values left after the last column: a spreadsheet export may print a cell after its row (the value
        of a column left empty earlier), or they belong to the next row (dropped, at a price)."""
        filled = dict(acc)
        for value in rest:
            if value.blank:
                continue
            empty = next((c for c in columns if c.key not in filled and c.accepts(value)), None)
            if empty is not None and value.number is not None and not filled.get(empty.key):
                filled[empty.key] = value
                cost += LATE_COST
            else:
                cost += DROP_COST
        out.append((filled, cost))

    walk(0, 0, {}, 0.0)
    return out


def as_items(words: list[Value], *, split_integers: bool = False) -> list[Item]:
    """Words as alignment items: a word that may be several glued values becomes ``Glued``; with
    ``split_integers`` a long bare integer may be too ('2020' for 20 | 20 on a glued form)."""
    items: list[Item] = []
    for word in words:
        glued = word.number is None and is_glued(word.text)
        long_integer = split_integers and word.number is not None and word.unit is None and word.op is None
        if glued or (long_integer and word.places == 0 and len(word.text) >= 4):
            items.append(Glued(word.text, word.start, word.end))
        else:
            items.append(word)
    return items
