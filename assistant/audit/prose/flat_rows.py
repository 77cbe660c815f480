"""A table copied from a PDF or a web page whose rows all landed on one line ("序号 单位 资金（万元） 1 甲镇卫生院
12.00 2 乙镇卫生院 9.50 合计 21.50", or the same with pipes and no line breaks): read back into its header and rows,
in the shape the other table readers give (a list of cells a row, a 合计 row with its label first), so the checks of
counts, totals and rows that read tables read it too.

Why its own reader: a reader of table lines splits rows at line feeds, and here there are none; the line is one run
of cells. The rows are found by their rhythm: a header of column words, then groups of the same width, each opened
by its serial (1, 2, 3…) or by a name followed by the same number of figures, closed by an optional 合计/小计/总计
row. A table laid on its side (a names row closed by 合计, then its figures row) is read as two columns.
Silent when the groups are irregular (a cell missing), when a figure column holds years or codes, or when the
line holds a sentence (numbered clauses of prose are no table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..cues import cues
from .cells import Cell
from .table_lines import line_spans, row_cells

_CUES = cues(__name__)
_LEAST_ROWS = 2  # groups: one is no rhythm
_MOST_FIGURES = 8  # figure cells a row may hold


def flat_tables(text: str, titled: Callable[[Cell], bool]) -> Iterator[tuple[list[Cell], list[list[Cell]]]]:
    """Each line of the text that is a whole table run into one line: its header and rows (a 合计 row last, when
    written). ``titled`` says which header cells name a figure column (money, a rate, a quantity): one must."""
    for start, end in line_spans(text):
        line = text[start:end]
        if "\t" in line or _CUES.sentence.search(line) or not _CUES.digit.search(line):
            continue
        separator = _CUES.pipe if "|" in line else _CUES.space
        cells = [c for c in row_cells(line, start, separator, edges="all") if c.text]
        table = _read(cells)
        if table is not None and any(titled(c) for c in table[0]):
            yield table


def _read(cells: list[Cell]) -> tuple[list[Cell], list[list[Cell]]] | None:
    """The header and rows of one line's cells, or None when they keep no rhythm."""
    first = next((k for k, c in enumerate(cells) if _figure(c)), None)
    if first is None or first == 0:
        return None
    serial = cells[first].plain
    if (
        serial is not None
        and serial.value == 1
        and not serial.places
        and _CUES.serial_title.search(" ".join(c.text for c in cells[:first]))
    ):
        return _serial_rows(cells, first)
    return _named_rows(cells, first - 1) or _names_then_figures(cells, first)


def _names_then_figures(cells: list[Cell], first: int) -> tuple[list[Cell], list[list[Cell]]] | None:
    """A table laid on its side ("资金来源 中央资金 省级资金 合计 金额（万元） 420.00 180.00 600.00"): a row title, its
    names closed by 合计, the figures' title, then one figure a name and nothing after; read as two columns."""
    figures = cells[first:]
    width = len(figures)
    if width < _LEAST_ROWS + 1 or first < width + 2 or not all(_figure(c) for c in figures):
        return None
    names = cells[first - 1 - width : first - 1]
    header = [cells[first - 2 - width], cells[first - 1]]
    if not _CUES.total_label.match(names[-1].text) or any(
        _CUES.total_label.match(c.text) for c in names[:-1]
    ):
        return None
    rows = [[name, figure] for name, figure in zip(names, figures, strict=True)]
    if not all(_name(c) for c in names) or not _regular(rows[:-1], header, 1):
        return None
    return header, rows


def _serial_rows(cells: list[Cell], at: int) -> tuple[list[Cell], list[list[Cell]]] | None:
    """Groups opened by 1, 2, 3…: a serial, a name, then figures up to the next serial or the 合计."""
    rows: list[list[Cell]] = []
    k = at
    while k < len(cells) and _is_serial(cells[k], len(rows) + 1):
        j = k + 2
        while j < len(cells) and _figure(cells[j]) and not _next_group(cells, j, len(rows) + 2):
            j += 1
        if k + 1 >= len(cells) or _figure(cells[k + 1]) or j == k + 2:
            return None
        rows.append(cells[k:j])
        k = j
    width = len(rows[0]) if rows else 0
    header = cells[at - width : at] if at >= width else []
    if not _regular(rows, header, 2):
        return None
    closing = _closing(cells, k, width - 2)
    if closing is not None:
        label = closing[0]
        rows.append([label, Cell("", label.end, label.end), *closing[1:]])
    elif k < len(cells) and _figure(cells[k]):
        return None  # a group run on past its width: cells missing or extra
    return header, rows


def _named_rows(cells: list[Cell], at: int) -> tuple[list[Cell], list[list[Cell]]] | None:
    """Groups of a name and as many figures as the first group holds."""
    figures = 0
    while at + 1 + figures < len(cells) and _figure(cells[at + 1 + figures]):
        figures += 1
    width = figures + 1
    if not 1 <= figures <= _MOST_FIGURES or at < width:
        return None
    header = cells[at - width : at]
    rows: list[list[Cell]] = []
    k = at
    while k + width <= len(cells) and _name(cells[k]) and not _CUES.total_label.match(cells[k].text):
        group = cells[k : k + width]
        if not all(_figure(c) for c in group[1:]):
            return None
        rows.append(group)
        k += width
    if not _regular(rows, header, 1):
        return None
    closing = _closing(cells, k, figures)
    if closing is not None:
        rows.append(closing)
    elif k < len(cells) and not _name(cells[k]):
        return None  # a figure where a name should open a row: a cell missing
    return header, rows


def _regular(rows: list[list[Cell]], header: list[Cell], lead: int) -> bool:
    """Enough groups, all of the header's width, the header all words, no column of years or codes."""
    if len(rows) < _LEAST_ROWS or not header or any(_figure(c) or not _name(c) for c in header):
        return False
    width = len(header)
    if any(len(r) != width for r in rows):
        return False
    return not any(_years_or_codes([r[k] for r in rows]) for k in range(lead, width))


def _closing(cells: list[Cell], k: int, figures: int) -> list[Cell] | None:
    """The 合计 row right after the groups: its label and exactly ``figures`` figures, nothing after them."""
    if k >= len(cells) or not _CUES.total_label.match(cells[k].text):
        return None
    group = cells[k : k + 1 + figures]
    if len(group) != 1 + figures or not all(_figure(c) for c in group[1:]):
        return None
    if k + 1 + figures < len(cells) and _figure(cells[k + 1 + figures]):
        return None
    return group


def _next_group(cells: list[Cell], j: int, serial: int) -> bool:
    """Whether the figure at ``j`` opens the next group: it is that serial and a name follows it."""
    return _is_serial(cells[j], serial) and j + 1 < len(cells) and _name(cells[j + 1])


def _is_serial(cell: Cell, serial: int) -> bool:
    number = cell.plain
    return number is not None and not number.places and number.value == serial and cell.text.isdigit()


def _figure(cell: Cell) -> bool:
    """A cell that is a bare figure, a percentage or a figure in its unit; never words with digits."""
    number = cell.number
    return number is not None and not number.op and _CUES.figure.fullmatch(cell.text) is not None


def _name(cell: Cell) -> bool:
    return bool(cell.text) and not _figure(cell) and _CUES.word.search(cell.text) is not None


def _years_or_codes(column: list[Cell]) -> bool:
    """A column of years (2019, 2020) or of codes (long digit strings, leading zeros): no figures to add up."""
    texts = [c.text for c in column]
    return all(_CUES.year.fullmatch(t) for t in texts) or any(_CUES.code.fullmatch(t) for t in texts)
