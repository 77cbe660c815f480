"""A score table copied as text: a header naming a 分值 and a 得分 column ("指标 | 分值 | 得分", "评价指标 分值 得分"),
rows of a label with the two numbers, and the total they make up, stated in a row of its own ("合计 | 100 | 93")
or in the prose right before or after the table ("本项目综合得分93分，各指标得分如下：").

Why a reader of its own: the 自评表 reader needs the form's own header (三级指标, 年度指标值…); a report that sums
up its sheet in a short table of level-1 items, or a scoring section's table, has none of it. The header's column
titles say which cell is which, so rows are read by the header's columns: separated by pipes or runs of spaces, one
row a line; or one cell a line, the header's cells on lines of their own and each row as many lines as the header
has cells. A line that is no row ends the table. A row the copy left cells of blank (merged cells, an empty 说明)
is read by the alignment that puts numbers under both columns; a 序号 column is dropped. A table with no header
whose cells name their column themselves ("预算执行率 | 分值10 | 执行率93% | 得分9.30", "合计 | 分值100 | 得分89.5")
is read by those names, whatever stands between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..cues import cues
from .cells import Cell, CellNumber, cells_of
from .table_lines import row_cells

_CUES = cues(__name__)
_MAX_COLUMNS = 8
_PIPE = re.compile(r"\|")
_TAB = re.compile("\t")


@dataclass(frozen=True)
class ScoreRow:
    label: Cell
    points: tuple[Cell, CellNumber]
    score: tuple[Cell, CellNumber]


@dataclass
class ScoreTable:
    """The rows, the total row if the table has one (its 分值 cell may be blank), and a total the prose states."""

    rows: list[ScoreRow]
    total_row: ScoreRow | tuple[Cell, CellNumber] | None
    stated: tuple[Cell, CellNumber] | None
    start: int
    end: int


@lru_cache(maxsize=4)
def read_score_tables(text: str) -> tuple[ScoreTable, ...]:
    """The text's score tables, read once per text: four checks read them. Callers must not change them."""
    tables: list[ScoreTable] = []
    lines = _lines(text)
    k = 0
    while k < len(lines):
        read = _table_at(text, lines, k) or _labelled_at(text, lines, k)
        if read is None:
            k += 1
            continue
        table, k = read
        tables.append(table)
    return tuple(tables)


def _lines(text: str) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        spans.append((offset, offset + len(line.rstrip("\r\n"))))
        offset += len(line)
    return spans


def _header(cells: list[Cell]) -> tuple[int, int] | None:
    """The 分值 and 得分 columns of a header row: title cells only, the label column first."""
    if not 3 <= len(cells) <= _MAX_COLUMNS or any(any(ch.isdigit() for ch in c.text) for c in cells):
        return None
    points = [k for k, c in enumerate(cells) if _CUES.points_title.fullmatch(c.text)]
    scores = [k for k, c in enumerate(cells) if _CUES.score_title.fullmatch(c.text)]
    if len(points) != 1 or len(scores) != 1 or min(points[0], scores[0]) == 0:
        return None
    return points[0], scores[0]


def _table_at(text: str, lines: list[tuple[int, int]], k: int) -> tuple[ScoreTable, int] | None:
    start, end = lines[k]
    cells = cells_of(text, start, end)
    columns = _header(cells)
    per_line = columns is not None
    if columns is None:  # one cell a line: the header's titles on the lines from here
        width = _stacked_width(text, lines, k)
        if width is None:
            return None
        cells = [cells_of(text, *lines[k + j])[0] for j in range(width)]
        columns = _header(cells)
        if columns is None:
            return None
    width = len(cells)
    groups: list[list[Cell]] = []
    if per_line:
        for a, b in lines[k + 1 :]:
            if not _CUES.rule_line.fullmatch(
                text, a, b
            ):  # "| --- | --- |": the Markdown rule under the header
                groups.append(_line_cells(text, a, b, len(cells)))
    else:
        stream = [c for a, b in lines[k + width :] for c in cells_of(text, a, b)]
        groups = [stream[j : j + width] for j in range(0, len(stream), width)]
    if _CUES.serial_title.fullmatch(cells[0].text):  # "序号 | 指标 | 分值 | 得分": the serial is no label
        width, columns = width - 1, (columns[0] - 1, columns[1] - 1)
        groups = [g[1:] if g and _serial(g[0]) else g for g in groups]
    rows: list[ScoreRow] = []
    total_row: ScoreRow | tuple[Cell, CellNumber] | None = None
    last = end
    for group in groups:
        if not group:
            continue
        if _CUES.total_label.fullmatch(group[0].text):
            total_row = _total_row(group, columns, width)
            last = group[-1].end if total_row is not None else last
            break
        row = _row(group, columns, width)
        if row is None:
            break
        rows.append(row)
        last = group[-1].end
    return _closed(text, lines, k, rows, total_row, last)


def _closed(
    text: str,
    lines: list[tuple[int, int]],
    k: int,
    rows: list[ScoreRow],
    total_row: ScoreRow | tuple[Cell, CellNumber] | None,
    last: int,
) -> tuple[ScoreTable, int] | None:
    """The table of two rows or more from line ``k`` to offset ``last``, with the total the prose next to it
    states, and the line to read on from."""
    if len(rows) < 2:
        return None
    stated = _stated(text, _next_line(lines, k, -1)) or _stated(
        text, _next_line(lines, _line_of(lines, last), 1)
    )
    table = ScoreTable(rows, total_row, stated, lines[k][0], last)
    return table, next((j for j, (a, _) in enumerate(lines) if a >= last), len(lines))


def _labelled_at(text: str, lines: list[tuple[int, int]], k: int) -> tuple[ScoreTable, int] | None:
    """A table with no header whose rows name each number's column in its cell ("预算执行率 | 分值10 | 执行率93% |
    得分9.30", "合计 | 分值100 | 得分89.5"): rows one a line, read while each has its label first, one 分值 and one
    得分 cell; the other cells (the target and the result in words) are left. A 合计 row closes the table, its 分值
    cell optional."""
    rows: list[ScoreRow] = []
    total_row: ScoreRow | tuple[Cell, CellNumber] | None = None
    last = lines[k][1]
    for j in range(k, len(lines)):  # by index: a copy of the lines from each line would be quadratic
        a, b = lines[j]
        cells = cells_of(text, a, b)
        if not cells or cells[0].number is not None:
            break
        points, score = _titled(text, cells, _CUES.titled_points), _titled(text, cells, _CUES.titled_score)
        if _CUES.total_label.fullmatch(cells[0].text) and score is not None:
            total_row = ScoreRow(cells[0], points, score) if points is not None else score
            last = b
            break
        if points is None or score is None or _CUES.total_label.fullmatch(cells[0].text):
            break
        rows.append(ScoreRow(cells[0], points, score))
        last = b
    return _closed(text, lines, k, rows, total_row, last)


def _titled(text: str, cells: list[Cell], title: re.Pattern[str]) -> tuple[Cell, CellNumber] | None:
    """The one cell after the label that writes ``title`` and its number ("分值10", "得分：9.30分"), as a cell of
    the number alone; None when no cell or more than one does."""
    found = [m for c in cells[1:] if (m := title.fullmatch(text, c.start, c.end))]
    if len(found) != 1:
        return None
    cell = Cell(found[0].group("num"), found[0].start("num"), found[0].end("num"))
    number = cell.plain
    return (cell, number) if number is not None else None


def _line_cells(text: str, start: int, end: int, width: int) -> list[Cell]:
    """A row line's cells; a line set apart by pipes or tabs that the copy left cells of blank ("| 合计 |  | 100 |  |
    93.5 |", "合计⇥⇥100⇥⇥93.5") keeps its blank cells in place when that gives the header's width, so its numbers stay
    under their columns' titles."""
    cells = cells_of(text, start, end)
    line = text[start:end]
    mark = _PIPE if line.count("|") >= 2 else _TAB if "\t" in line.strip() else None
    if len(cells) >= width or mark is None:
        return cells
    pieces = row_cells(line, start, mark, edges="outer" if mark is _PIPE else "none")
    if len(pieces) != width or not pieces[0].text:
        return cells  # a blank first cell (a merged 一级指标) is read by the alignments of ``_row``
    placed: list[Cell] = []
    for piece in pieces:
        found = cells_of(text, piece.start, piece.end)
        if len(found) > 1:
            return cells  # a cell split by spaces: no position to keep
        placed.append(found[0] if found else piece)
    return placed


def _serial(cell: Cell) -> bool:
    number = cell.plain
    return number is not None and number.places == 0


def _stacked_width(text: str, lines: list[tuple[int, int]], k: int) -> int | None:
    """How many one-cell lines from ``k`` make a header naming 分值 and 得分 (None when these lines are not one)."""
    titles: list[str] = []
    for a, b in lines[k : k + _MAX_COLUMNS]:
        cells = cells_of(text, a, b)
        if len(cells) != 1 or any(ch.isdigit() for ch in cells[0].text):
            break
        titles.append(cells[0].text)
        if _CUES.score_title.fullmatch(titles[-1]) and any(_CUES.points_title.fullmatch(t) for t in titles):
            return len(titles)
    return None


def _row(group: list[Cell], columns: tuple[int, int], width: int) -> ScoreRow | None:
    """A row with its label first and plain numbers under 分值 and 得分. A row short of the header's width lost
    cells the copy left blank: leading ones (a merged 一级指标) or trailing ones (an empty 说明); it is read when
    only one of the two alignments puts numbers under both columns."""
    if not group or len(group) > width or group[0].number is not None:
        return None
    found = []
    for shift in {0, width - len(group)}:
        at = (columns[0] - shift, columns[1] - shift)
        if min(at) < 1 or max(at) >= len(group):
            continue
        points, score = group[at[0]].plain, group[at[1]].plain
        if points is not None and score is not None:
            found.append(ScoreRow(group[0], (group[at[0]], points), (group[at[1]], score)))
    return found[0] if len(found) == 1 else None


def _total_row(
    group: list[Cell], columns: tuple[int, int], width: int
) -> ScoreRow | tuple[Cell, CellNumber] | None:
    """The 合计 row: both columns, or only the score when it is the row's one number."""
    row = _row(group, columns, width)
    if row is not None:
        return row
    numbers = [c for c in group[1:] if c.plain is not None]
    if len(numbers) == 1 and numbers[0].plain is not None:
        return numbers[0], numbers[0].plain
    return None


def _line_of(lines: list[tuple[int, int]], offset: int) -> int:
    return next((j for j, (a, b) in enumerate(lines) if a <= offset <= b), len(lines) - 1)


def _next_line(lines: list[tuple[int, int]], k: int, step: int) -> tuple[int, int] | None:
    """The nearest non-blank line before (``step`` -1) or after (+1) line ``k``."""
    j = k + step
    while 0 <= j < len(lines) and lines[j][0] == lines[j][1]:
        j += step
    return lines[j] if 0 <= j < len(lines) else None


def _stated(text: str, line: tuple[int, int] | None) -> tuple[Cell, CellNumber] | None:
    """The one total score the prose line next to the table states ("综合得分93分")."""
    if line is None:
        return None
    found = list(_CUES.stated_total.finditer(text, *line))
    if len(found) != 1:
        return None
    cell = Cell(found[0].group("num"), found[0].start("num"), found[0].end("num"))
    number = cell.plain
    return (cell, number) if number is not None else None
