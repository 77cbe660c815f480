"""The two-part layout of the 四川-style 自评表: "预算执行情况(10分)" above the money rows, "绩效指标(90分)" above the
indicator rows, and a "合计 | 100" row closing the form. Read from the form's own headings and column titles.

The indicator rows of this layout all carry a 指标性质 cell (=, ≥, ≤, 定性); the header says how many cells after it
the 权重 stands, so each row's weight is found by that offset, empty cells kept (a pipe-separated copy keeps
them: "= | 100 | % | | 60"). A copy without pipes gives the headings and the 合计 only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..cues import cues
from .cells import Cell

_CUES = cues(__name__)
_SIGNS = frozenset({"=", "＝", "≥", "≤", ">", "<", "≧", "≦", ">=", "<=", "定性"})


@dataclass
class Heading:
    points: Decimal
    start: int
    end: int


@dataclass
class WeightBlock:
    """One form of the layout: its 绩效指标 heading, the 预算执行情况 heading of the same form (if the copy has
    it), the 合计 row's numbers, and the 权重 cell of each indicator row read."""

    performance: Heading
    execution: Heading | None
    total: list[Cell] = field(default_factory=list)
    total_span: tuple[int, int] | None = None
    weights: list[Cell] = field(default_factory=list)
    complete: bool = False  # every row with a 指标性质 cell gave its weight


def _pipe_cells(text: str, start: int, end: int) -> list[Cell]:
    """Cells between pipes, empty ones kept; a line break without a pipe also ends a cell."""
    cells = []
    position = start
    for m in _CUES.pipe.finditer(text[start:end]):
        at = start + m.start()
        cells.extend(_line_cells(text, position, at))
        position = at + 1
    cells.extend(_line_cells(text, position, end))
    return cells


def _line_cells(text: str, start: int, end: int) -> list[Cell]:
    parts = []
    position = start
    for piece in text[start:end].split("\n"):
        stripped = piece.strip()
        offset = position + (piece.find(stripped) if stripped else 0)
        parts.append(Cell(stripped, offset, offset + len(stripped)))
        position += len(piece) + 1
    # "cell |\nnext |": the break right after a pipe is no empty cell of its own
    return [c for k, c in enumerate(parts) if c.text or k == len(parts) - 1 or len(parts) == 1]


def read_weight_blocks(text: str) -> list[WeightBlock]:
    performance = list(_CUES.performance.finditer(text))
    if not performance or "|" not in text:
        return []
    executions = [
        Heading(Decimal(m.group("points")), m.start(), m.end()) for m in _CUES.execution.finditer(text)
    ]
    sums = [m.start() for m in _CUES.sum_row.finditer(text)]
    blocks = []
    previous_end = 0
    for k, m in enumerate(performance):
        nxt = performance[k + 1].start() if k + 1 < len(performance) else len(text)
        close = next((s for s in sums if m.end() <= s < nxt), None)
        stop = close if close is not None else nxt
        own = [e for e in executions if previous_end <= e.start < m.start() or m.end() <= e.start < stop]
        block = WeightBlock(Heading(Decimal(m.group("points")), m.start(), m.end()), own[-1] if own else None)
        if close is not None:
            block.total = _sum_row(text, text.index("|", close) + 1)
            block.total_span = (close, block.total[-1].end if block.total else close)
        block.weights, block.complete = _weights(text, m.end(), stop)
        blocks.append(block)
        previous_end = stop
    return blocks


def _sum_row(text: str, start: int) -> list[Cell]:
    """The numbers of the 合计 row: the cells after its label up to the first cell holding words."""
    numbers = []
    for cell in _pipe_cells(text, start, min(len(text), start + 200)):
        if cell.text and not _CUES.number.match(cell.text):
            break
        if cell.text:
            numbers.append(cell)
    return numbers


def _weights(text: str, start: int, stop: int) -> tuple[list[Cell], bool]:
    cells = _pipe_cells(text, start, stop)
    titles = [c.text for c in cells[:16]]
    if "指标性质" not in titles or "权重" not in titles:
        return [], False
    offset = titles.index("权重") - titles.index("指标性质")
    if offset <= 0:
        return [], False
    body = cells[max(titles.index("权重"), titles.index("指标性质")) + 1 :]
    weights, complete = [], True
    for k, cell in enumerate(body):
        if cell.text not in _SIGNS:
            continue
        between = body[k + 1 : k + offset]
        target = body[k + offset] if k + offset < len(body) else None
        if target is None or any(c.text in _SIGNS for c in between) or not _CUES.number.match(target.text):
            complete = False
            continue
        weights.append(target)
    return weights, complete and bool(weights)
