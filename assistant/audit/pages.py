"""A text copied out of a PDF carries each page's furniture between its lines: a rule, a page number ("— 2 —",
"第3页 共12页"), a running title repeated at every page's head. A reading of it without them.

Why: a page break falls anywhere, inside a paragraph or a table; the furniture it leaves there cuts the paragraph in
two and the table's rows apart, and its number reads as a figure of the report. Lines that are only a rule or a page
number are dropped, with a running title (a line written again elsewhere in the text, right beside a page number or
a rule) and the blank lines around them, so the text before the break meets the text after it: on one line, when its sentence goes on there (a heading
standing on its own line ends there). Nothing else is
dropped: a lone figure on a line ("2") may be a form's cell, a title written once is the report's own.
"""

from __future__ import annotations

from collections import Counter

from .cues import cues
from .headings import heading_of
from .repost import Reading
from .wrapped import goes_on

_CUES = cues(__name__)


def paged_reading(text: str) -> Reading | None:
    """The text without its pages' furniture, or None when it has none."""
    lines = text.split("\n")
    furniture = {k for k, line in enumerate(lines) if _CUES.furniture.match(line)}
    if not furniture:
        return None
    counts = Counter(line.strip() for line in lines if line.strip())
    for k in sorted(furniture):
        for near in (_neighbour(lines, k, -1), _neighbour(lines, k, 1)):
            if (
                near is not None
                and counts[lines[near].strip()] >= 2
                and _CUES.running_title.match(lines[near])
            ):
                furniture.add(near)
    dropped = set(furniture)
    for k in furniture:  # the blank lines around a dropped line go with it
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(lines) and not lines[j].strip():
                dropped.add(j)
                j += step
    joined = {
        k
        for k in _kept_before(lines, dropped)
        if goes_on(lines[k], lines[_kept_after(lines, dropped, k)]) and not _whole_heading(lines[k])
    }
    chars: list[str] = []
    origin: list[int] = []
    at = 0
    for k, line in enumerate(lines):
        end = at + len(line) + (1 if k < len(lines) - 1 and k not in joined else 0)
        if k not in dropped:
            for position in range(at, end):
                chars.append(text[position])
                origin.append(position)
        at = end + (1 if k in joined else 0)
    origin.append(len(text))
    return Reading("".join(chars), tuple(origin))


def _whole_heading(line: str) -> bool:
    """A heading on a line of its own ("四、自评结论") ends there: the page broke after it, and the text on the next
    page opens its section. (A PDF column may wrap a run-in heading's sentence, "（一）资金情况。全年预算…": that
    line goes on.)"""
    return heading_of(line) is not None and "。" not in line


def _kept_before(lines: list[str], dropped: set[int]) -> list[int]:
    """The kept lines right before a run of dropped ones (and a kept line after it): where a page broke."""
    return [
        k
        for k in range(len(lines) - 1)
        if k not in dropped and k + 1 in dropped and _kept_after(lines, dropped, k) < len(lines)
    ]


def _kept_after(lines: list[str], dropped: set[int], k: int) -> int:
    j = k + 1
    while j < len(lines) and j in dropped:
        j += 1
    return j


def _neighbour(lines: list[str], k: int, step: int) -> int | None:
    """The nearest non-blank line above (step -1) or below (step 1) line ``k``."""
    j = k + step
    while 0 <= j < len(lines) and not lines[j].strip():
        j += step
    return j if 0 <= j < len(lines) else None
