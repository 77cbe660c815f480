"""A 评分表 (scorecard) copied as text, its points inside the labels: "| 部门决策(25分) | 目标任务(15分) | 相关性(5分) |".

Flattened from merged cells, a row holds only the levels that start on it, always down to the deepest one, so its
labelled cells are the row's LAST levels: "| 预算编制(10分) | 测算依据(5分) |" under a three-level table is a level-2
item and its first level-3 item. The tree this yields is what the level-sum check compares (children vs parent).
A row with a cell that is no such label (a header, a number, a text cell) ends the table.

A copy without pipes (a PDF's text layer) runs the table as one stream, each row's labels followed by its leaf's
score: "部门决策(25分) 目标任务(15分) 相关性(5分) 5 明确性(5分) 5 … 预算编制(10分) 测算依据(5分) 2 …". The score
ends the row, so the stream splits into the same rows (the labels before each score) and is read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from ..cues import cues

_CUES = cues(__name__)
_Cell = tuple[str, Decimal | None, tuple[int, int], tuple[int, int] | None]


@dataclass
class Item:
    """One labelled item: its name, its points, its level (0 = 一级指标) and the items under it; ``span`` is the
    cell's, ``mark`` its points' ("25分")."""

    name: str
    points: Decimal | None
    level: int
    span: tuple[int, int]
    mark: tuple[int, int] | None
    children: list[Item] = field(default_factory=list)


@dataclass
class Scorecard:
    depth: int
    top: list[Item]


def read_scorecards(text: str) -> list[Scorecard]:
    """Every run of rows made only of labels with at least one pointed label, read as one table."""
    cards: list[Scorecard] = []
    run: list[list[_Cell]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        cells = _label_cells(line, offset)
        offset += len(line)
        if cells is None:
            _close(run, cards)
            run = []
        elif cells:
            run.append(cells)
    _close(run, cards)
    for rows in _stream_runs(text):
        _close(rows, cards)
    for rows in _numbered_runs(text):
        _close(rows, cards)
    return cards


def _numbered_runs(text: str) -> list[list[list[_Cell]]]:
    """Rows of a 评分表 with a 序号 and a 分值 column ("4 | 绩效目标 (6分) | 目标合理性 | 4 | 看单位是否…"): the
    labels after the 序号, then the leaf's points in a cell of their own, then text cells that are not read. A row
    the copy broke after its first labels goes on on the next line, which has no 序号."""
    runs: list[list[list[_Cell]]] = []
    rows: list[list[_Cell]] = []
    row: list[_Cell] | None = None  # a row whose points are still to come
    offset = 0
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        numbered = _CUES.row_number.match(line)
        if numbered is None and row is None:
            continue  # the rest of a row already read (a text cell running over lines), or not a row at all
        if numbered is not None:
            if row is not None:  # the previous row never showed its points: the table is not this shape
                runs.append(rows)
                rows = []
            row = []
        assert row is not None
        read = _row_cells(line, start, numbered.end() if numbered else 0)
        if read is None:
            runs.append(rows)
            rows, row = [], None
            continue
        cells, done = read
        row += cells
        if done:
            rows.append(row)
            row = None
        elif numbered is not None and not cells:
            row = None  # a 序号 alone ("3 |"): a cell that slipped out of its row, not a row
    runs.append(rows)
    return [run for run in runs if run]


def _row_cells(line: str, offset: int, skip: int) -> tuple[list[_Cell], bool] | None:
    """A numbered row's labels on this line, and whether its points closed it; None when a cell is neither."""
    cells: list[_Cell] = []
    for cell, start in _split(line, offset, skip):
        if _CUES.points_cell.fullmatch(cell) is not None:
            if not cells or cells[-1][1] is not None:
                return None  # points with no unpointed leaf before them
            name, _, span, _ = cells[-1]
            cells[-1] = (name, Decimal(cell), span, (start, start + len(cell)))
            return cells, True
        label = _label(cell, start)
        if label is None:
            return None
        cells.append(label)
    return cells, False


def _stream_runs(text: str) -> list[list[list[_Cell]]]:
    """Runs of pointed labels and scores standing apart by whitespace only, split into rows at each score."""
    runs: list[list[list[_Cell]]] = []
    rows: list[list[_Cell]] = []
    row: list[_Cell] = []
    end = -1
    for match in _CUES.streamed_label.finditer(text):
        gap = text[end : match.start("name")] if end >= 0 else ""
        if end >= 0 and not gap.strip():
            pass  # the next level of the same row
        elif end >= 0 and _CUES.streamed_score.fullmatch(gap):
            rows.append(row)  # a score ended the row
            row = []
        else:  # the stream broke: what was read so far is one table (its last row if a score ended it)
            if row and _CUES.streamed_score.match(gap):
                rows.append(row)
            runs.append(rows)
            rows, row = [], []
        name = re.sub(r"\s+", "", match.group("name"))
        if not rows and not row:  # a run's first label may carry the header's words before its name
            name = _CUES.stream_header.sub("", name, count=1) or name
        mark = (match.start("mark"), match.end("mark"))
        row.append((name, Decimal(match.group("points")), (match.start("name"), match.end()), mark))
        end = match.end()
    if row and _CUES.streamed_score.match(text[end:]):
        rows.append(row)
    runs.append(rows)
    return [run for run in runs if run]


def _label_cells(line: str, offset: int) -> list[_Cell] | None:
    """The row's labels ([] for an empty row), or None when the row is not a scorecard row."""
    if "|" not in line:
        return None
    cells = [_label(cell, start) for cell, start in _split(line, offset)]
    labels = [cell for cell in cells if cell is not None]
    if len(labels) < len(cells):
        return None
    if labels and all(cell[1] is None for cell in labels):
        return None  # only unpointed labels: a header or a title row
    return labels


def _split(line: str, offset: int, skip: int = 0) -> Iterator[tuple[str, int]]:
    """The row's non-empty cells, each with where it starts in the text."""
    position = skip
    for raw in line[skip:].split("|"):
        start = offset + position + len(raw) - len(raw.lstrip())
        position += len(raw) + 1
        if raw.strip():
            yield raw.strip(), start


def _label(cell: str, start: int) -> _Cell | None:
    """A label cell: its name, its points if it carries them, its span and its points' span."""
    match = _CUES.pointed_label.fullmatch(cell)
    if match is None:
        return None
    value = Decimal(match.group("points")) if match.group("points") else None
    mark = (start + match.start("mark"), start + match.end("mark")) if value is not None else None
    return (match.group("name"), value, (start, start + len(cell)), mark)


def _close(run: list[list[_Cell]], cards: list[Scorecard]) -> None:
    depth = max((len(row) for row in run), default=0)
    if depth < 2 or sum(len(row) == depth for row in run) == 0 or len(run) < 3:
        return
    top: list[Item] = []
    current: list[Item | None] = [None] * depth
    for row in run:
        first = depth - len(row)
        if first > 0 and current[first - 1] is None:
            return  # a row under a parent the copy never showed: the levels cannot be trusted
        for k, (name, points, span, mark) in enumerate(row):
            level = first + k
            item = Item(name, points, level, span, mark)
            if level == 0:
                top.append(item)
            else:
                parent = current[level - 1]
                assert parent is not None
                parent.children.append(item)
            current[level] = item
            for deeper in range(level + 1, depth):
                current[deeper] = None
    cards.append(Scorecard(depth, top))
