"""The tables attached to a report (its 评分表), read cell by cell with each cell's text span and line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .cues import cues

_CUES = cues(__name__)


class Lines(Protocol):
    """What the reader needs of the report (a ``document.Document``, which imports this module): line numbers."""

    def line_of(self, offset: int) -> int: ...


@dataclass
class Table:
    """An attached table: header cells and rows of cells, each cell with its text span."""

    header: list[str]
    rows: list[list[tuple[str, int, int, int]]]  # (text, start, end, line)


_NAME_HEADERS = ("项目名称", "项目")


def parse_tables(text: str, start: int, doc: Lines) -> list[Table]:
    """Read the attached 评分表: a Markdown pipe table, or one cell per line with blank lines between rows."""
    region = text[start:]
    tables = _pipe_tables(region, start, doc)
    if tables:
        return tables
    return _cell_per_line_tables(region, start, doc)


def _pipe_tables(region: str, base: int, doc: Lines) -> list[Table]:
    tables: list[Table] = []
    current: Table | None = None
    offset = 0
    for line in region.split("\n"):
        match = _CUES.pipe_row.match(line)
        if match and not _CUES.pipe_rule.match(line):
            cells = _split_pipe(line, base + offset, doc)
            if current is None:
                current = Table([c[0] for c in cells], [])
                tables.append(current)
            else:
                current.rows.append(cells)
        elif not match:
            current = None
        offset += len(line) + 1
    return [t for t in tables if any(h in _NAME_HEADERS for h in t.header)]


def _split_pipe(line: str, line_start: int, doc: Lines) -> list[tuple[str, int, int, int]]:
    cells = []
    pos = line.index("|") + 1
    number = doc.line_of(line_start)
    while True:
        nxt = line.find("|", pos)
        if nxt < 0:
            break
        raw = line[pos:nxt]
        lead = len(raw) - len(raw.lstrip())
        value = raw.strip()
        cells.append((value, line_start + pos + lead, line_start + pos + lead + len(value), number))
        pos = nxt + 1
    return cells


def _cell_per_line_tables(region: str, base: int, doc: Lines) -> list[Table]:
    """The seed's layout: every cell on its own (tab-indented) line, rows separated by blank lines."""
    blocks: list[list[tuple[str, int, int, int]]] = []
    block: list[tuple[str, int, int, int]] = []
    offset = 0
    for line in region.split("\n"):
        value = line.strip()
        if value:
            lead = len(line) - len(line.lstrip())
            begin = base + offset + lead
            block.append((value, begin, begin + len(value), doc.line_of(begin)))
        elif block:
            blocks.append(block)
            block = []
        offset += len(line) + 1
    if block:
        blocks.append(block)
    for index, candidate in enumerate(blocks):
        names = [cell[0] for cell in candidate]
        if names and names[0] in _NAME_HEADERS and len(names) >= 3:
            width = len(names)
            rows = [b for b in blocks[index + 1 :] if len(b) == width]
            return [Table(names, rows)]
    return []
