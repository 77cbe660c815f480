"""The rows of a table a count's sentence points to ("确定定点培训机构共7家，完成情况见下表。" then the table): read
as the items the count announces, so the check of counts against their lists (``text_enumerated_count``) reads a
table as it reads numbered lines.

Why: a count and the table that lists what it counts are two numbers of one quantity, however the table was copied
(pipes, one cell a line, all its rows run into one line). The rows are the whole list only when the table says so
itself: a 序号 column numbering them 1, 2, 3… and a 合计 row closing them; a table with no 合计 may be an extract.
"""

from __future__ import annotations

from ..cues import cues
from ..prose.cells import Cell
from ..prose.enumeration import Enumeration
from ..prose.model import Statement
from .text_table_rates import money_tables

_CUES = cues(__name__)
_REACH = 120  # characters from the count's sentence end to the table's header: a caption line at most


def table_items(text: str, count: Statement) -> Enumeration | None:
    """The body rows of the numbered, closed table the count's own sentence points to (见下表), as its items."""
    pointer = _CUES.see_table.search(text, count.span[1], _sentence_end(text, count.span[1]))
    if pointer is None:
        return None
    for header, rows in money_tables(text):
        gap = header[0].start - pointer.end()
        if not 0 < gap <= _REACH or _CUES.heading.search(text, pointer.end(), header[0].start):
            continue
        body = rows[:-1]
        if not _CUES.serial_title.fullmatch(header[0].text) or not _CUES.total_row.match(rows[-1][0].text):
            return None
        if len(body) < 2 or not all(_numbered(row, k) for k, row in enumerate(body, start=1)):
            return None
        items = tuple((row[1].start, row[1].end) for row in body)
        return Enumeration((count.span[1], pointer.end()), items, "lines", partial=False, numbered=True)
    return None


def _sentence_end(text: str, at: int) -> int:
    found = _CUES.sentence_end.search(text, at)
    return found.start() if found else len(text)


def _numbered(row: list[Cell], serial: int) -> bool:
    number = row[0].plain
    return len(row) > 2 and number is not None and number.value == serial and not number.places
