"""A text copied out of a PDF page keeps the page's line ends: a reading of it with each wrapped paragraph on one
line.

Why: a PDF sets each paragraph in lines as wide as its text column; copied as text, those line ends fall inside
sentences, words and numbers ("…全年预算数为1,286.40万元，截⏎至2023年12月31日…", "…预算执行率为89.6⏎5%…"), and every
reader of the report would meet them in pieces. Such a text tells itself by its lines: many of them as wide as each
other (a Chinese character counting twice a digit), most of them ending inside a sentence, which prose written
line by line never is. The column's width is the width
most long lines reach; a line that reaches it (or would, with the first unit of the next line, which the page moved
down whole: "95.2%", "元。") runs on into the next (a line as wide as the column that opens with "（一）" is a paragraph with its
heading run in, not a heading), unless the next opens a heading or an item of its own (a list marker, an indent), either is a row of table cells, or the line ends its sentence. A text without such a column is
read as it is. The reading maps every position back to the text (``repost.Reading``), so findings still point at
the lines as copied.
"""

from __future__ import annotations

from collections import Counter

from ..typesetting import CLAUSE_ENDS, UNBREAKABLE_UNIT, display_width
from .cues import cues
from .document import heading_of
from .repost import Reading

_CUES = cues(__name__)
_LONG = 44  # display width (22 Chinese characters): a page's column is wider; a form's cell line or a heading rarely is
_MIN_LINES = 4  # lines at the column's width: fewer is a coincidence of a few long sentences
_SHARE = 0.3  # of the long lines: a column sets most of them at its width
# A line that ends a sentence, a clause of a list or a lead-in needs no joining (the next may open an item), and lines
# that end so are no evidence of a column: a column's full lines mostly end inside a sentence.


def unwrapped_reading(text: str) -> Reading | None:
    """The text with its column's line ends removed, or None when it has no column (or no line end inside one)."""
    breaks = wrap_breaks(text)
    if not breaks:
        return None
    dropped = set(breaks)
    chars: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text):
        if position not in dropped:
            chars.append(char)
            origin.append(position)
    origin.append(len(text))
    return Reading("".join(chars), tuple(origin))


def wrap_breaks(text: str) -> list[int]:
    """The offsets of the line ends that fall inside a paragraph the page wrapped."""
    lines = text.split("\n")
    widths = [display_width(line.rstrip()) for line in lines]
    column = _column(lines, widths)
    if column is None:
        return []
    breaks: list[int] = []
    at = 0
    for k, line in enumerate(lines[:-1]):
        at += len(line)
        below = lines[k + 1]
        if _runs_on(line, widths[k], below, column):
            breaks.append(at)
        at += 1
    return breaks


def _column(lines: list[str], widths: list[int]) -> int | None:
    """The width most long lines of prose reach, when enough of them reach it to be a PDF's column."""
    long = [
        (w, line.rstrip())
        for w, line in zip(widths, lines, strict=True)
        if w >= _LONG and not _CUES.cells.search(line)
    ]
    if len(long) < _MIN_LINES:
        return None
    counts = Counter(w for w, _ in long)
    reach = {w: sum(counts[v] for v in range(w - 2, w + 1)) for w in counts}
    column = max(reach, key=lambda w: (reach[w], w))
    full = [line for w, line in long if column - 2 <= w <= column]
    cut = [line for line in full if not line.endswith(CLAUSE_ENDS)]
    if len(full) < _MIN_LINES or len(full) < _SHARE * len(long) or len(cut) * 2 < len(full):
        return None
    return column


def _runs_on(line: str, line_width: int, below: str, column: int) -> bool:
    unit = UNBREAKABLE_UNIT.match(below)
    return (
        column - 2 <= line_width + (display_width(unit.group()) if unit else 0)
        and line_width <= column
        and goes_on(line, below)
    )


def goes_on(line: str, below: str) -> bool:
    """May the sentence of ``line`` go on in ``below`` (as it does over a line end or a page break the PDF put
    there)? Not when ``line`` ends a sentence, a clause of a list or a lead-in, ``below`` is blank or opens a
    heading or an item of its own, or either is a row of table cells."""
    return (
        bool(below.strip())
        and not line.rstrip().endswith(CLAUSE_ENDS)
        and _CUES.opens_item.match(below) is None
        and not _CUES.cells.search(line)
        and not _CUES.cells.search(below)
        and heading_of(below) is None
    )
