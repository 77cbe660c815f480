"""The column titles of a flattened form's header, in the order the header writes them.

Why: a flattening keeps the cells of a row but not the columns they stood in; the header's titles, read in their
written order, tell which number of a row is which (年度指标值 before 实际完成值, or 分值 first). Titles written in
sentences are no header: prose that names 分值 and 得分 says nothing of a table's columns.
"""

from __future__ import annotations

import re

from ..cues import cues
from .cells import squeeze

_CUES = cues(__name__)
# "年初预算数：1 150.00": a title with a colon and its figure is a labelled cell (``form_inline``), no column's title
_VALUED = re.compile(r"[^\W\d]{0,2}[:：]-?\d")


def column_order(
    region: str, words: tuple[tuple[str, tuple[str, ...]], ...], *, ends_at_rows: bool = False
) -> list[str]:
    """The order of the column titles in a header region; none when the words sit in sentences (prose that
    names 分值 and 得分 is no header). A sentence ending before the header ("…全年实际支付1,451.26万元。" then
    "项目资金|年初预算数|全年预算数|…") is cut off first: its words are not the table's titles. A region that
    ``ends_at_rows`` (cut where the first row begins) has its header as its last stretch: each title is read
    where it stands last."""
    squeezed = squeeze(region)
    while True:
        spans = _title_spans(squeezed, words, ends_at_rows)
        if not spans:
            return []
        first, last = min(p for p, _ in spans), max(p for p, _ in spans)
        marks = list(_CUES.sentence_marks.finditer(squeezed, first, last))
        if not marks:
            return [name for _, name in sorted(spans)]
        squeezed = squeezed[marks[-1].end() :]


def _title_spans(
    squeezed: str, words: tuple[tuple[str, tuple[str, ...]], ...], last: bool
) -> list[tuple[int, str]]:
    """Where each column's first title (``last``: its last) stands in ``squeezed``, no two titles on one stretch of
    text. Read from the end, a title word in a heading above the header ("三、绩效指标完成情况及自评得分" over
    "… | 执行率 | 得分") is not the column, nor one written with its value after a colon."""
    found = []
    taken: list[tuple[int, int]] = []
    for name, options in words:
        for option in options:
            position = squeezed.rfind(option) if last else squeezed.find(option)
            while position >= 0 and (
                any(a <= position < b for a, b in taken) or _VALUED.match(squeezed, position + len(option))
            ):
                position = (
                    squeezed.rfind(option, 0, position) if last else squeezed.find(option, position + 1)
                )
            if position >= 0:
                found.append((position, name))
                taken.append((position, position + len(option)))
                break
    return found
