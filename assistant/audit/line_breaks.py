"""The line breaks a PDF's page left inside a number or a sentence of prose, read so the sentence is read whole.

Apart from ``document`` because it is a concern of its own: which line ends the writer made and which the page did.
"""

from __future__ import annotations

from itertools import pairwise

from ..typesetting import display_width
from .cues import cues
from .headings import heading_of

_CUES = cues(__name__)
PROSE_LINE = 20  # characters: a line of hard-wrapped prose is longer; a form's cell line rarely is


def broken_numbers(text: str) -> set[int]:
    """The line breaks inside a number: text copied from a PDF keeps the page's line ends, and one may fall inside
    an amount ("全年预算4⏎20.00万元") or between an amount and its unit ("公务接待费3.62⏎万元"). Only in prose — the line holds a clause mark and is long, the digits glued to
    the word before them, the next line opening with the number's rest and its unit; a form written one cell a
    line ("年度资金总额⏎200⏎200万元") has no such line."""
    joints: set[int] = set()
    for cue, head in ((_CUES.broken_number, _CUES.broken_head), (_CUES.unit_below, _CUES.unit_below_head)):
        for match in cue.finditer(text):
            line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
            if len(line) >= PROSE_LINE and _CUES.clause_mark.search(line) and head.search(line):
                joints.add(match.start())
    return joints


def wrapped_lines(text: str) -> set[int]:
    """The line breaks inside a sentence of prose: text copied from a PDF keeps the page's line ends, and most fall
    inside a sentence, even inside a word ("其中中央资金 64.80 万元、省⏎级资金 17.28 万元"). A break is read so only
    between two lines of running prose (``_prose_break``). A sentence is read whole or as before: when one of its
    breaks falls at a number ("…供9⏎个项目", "基地8000亩⏎8535.5亩"), whose unit or rest a number is read with only
    on one line (unless ``broken_numbers`` reads it whole), or the run of prose lines neither opens nor closes a
    sentence (a line of another shape above or below it goes on with it), none of the run's breaks is read: the
    sentence is cut at every line end as before, not read with an item lost. Records written one a line, each opened
    by a name and a colon (``_record_lines``), are never run together."""
    breaks: set[int] = set()
    whole = broken_numbers(text)
    lines = text.split("\n")
    records = _record_lines(lines)
    run: list[int] = []
    safe = True
    at = 0
    for k, (line, below) in enumerate(pairwise(lines)):
        at += len(line) + 1
        if k in records or k + 1 in records:  # a record's line is a sentence of its own
            if run and safe and _ends_sentence(line, below):
                breaks.update(run)
            run, safe = [], True
            continue
        if _prose_break(line, below, continued=bool(run)):
            if not run:  # the run must open its sentence: a sentence cut before it would be read in part
                safe = k == 0 or _ends_sentence(lines[k - 1], line)
            run.append(at - 1)
            at_number = _CUES.number_at_end.search(line) or _CUES.cells_apart.search(
                line[-8:] + "\n" + below[:2]
            )
            safe = safe and (at_number is None or at - 1 in whole)
            continue
        if run and safe and _ends_sentence(line, below):
            breaks.update(run)
        run, safe = [], True
    if run and safe:
        breaks.update(run)
    return breaks


def _record_lines(lines: list[str]) -> set[int]:
    """The lines that are records of a list written one a line, each opened by a name and a colon ("乌兰浩特市:
    预算215.00万元，执行203.10万元，执行率94.47%⏎科尔沁右翼前旗: 预算…"): a line so opened beside another so opened.
    No sentence runs over a record's line ends, whatever its marks: each line's figures are its own."""
    heads = [_CUES.record_head.match(line) is not None for line in lines]
    return {
        k
        for k, head in enumerate(heads)
        if head and ((k > 0 and heads[k - 1]) or (k + 1 < len(heads) and heads[k + 1]))
    }


def _ends_sentence(line: str, below: str) -> bool:
    """Does a sentence end at the break after ``line``? It ends a sentence (or a lead-in), is blank, is a heading,
    or the line below is blank or opens an item of its own."""
    return (
        not line.strip()
        or not below.strip()
        or _CUES.sentence_close.search(line) is not None
        or heading_of(line) is not None
        or heading_of(below) is not None
        or _CUES.wrap_opens_item.match(below) is not None
    )


def _prose_break(line: str, below: str, continued: bool) -> bool:
    """A break between two lines of running prose: the first long, with a clause mark of its own (not inside a
    bracket; a 、 will do on a line that ``continued`` a run or is as wide on the page as the next, ``display_width``: a
    title may hold a 、), not a heading, ending no sentence (nor a lead-in's colon); the next right below it (no
    blank line), opening no item of its own (an indent, a list marker, a bullet, a heading), itself long or holding
    a clause mark.
    Neither holds a table's cells (a tab, a pipe, words set apart by spaces): a form written one cell a line, or
    short lines, are never run together."""
    wide = continued or display_width(line.strip()) >= display_width(below.strip())
    marks = _CUES.wrap_mark if wide else _CUES.clause_mark
    return bool(
        _running_prose(line)
        and marks.search(_CUES.aside.sub("", line))
        and not _CUES.sentence_close.search(line)
        and heading_of(line) is None
        and not _CUES.wrap_opens_item.match(below)
        and heading_of(below) is None
        and (_running_prose(below) or _CUES.clause_end.search(below))
    )


def unwrapped(words: str) -> str:
    """A sentence's words read across its line breaks: a sentence holds one only where a PDF's line end fell inside
    it (``wrapped_lines``, ``broken_numbers``), maybe inside a word ("省⏎级资金" is 省级资金). For reading words
    only: a span is never taken from the result."""
    return words.replace("\n", "")


def _running_prose(line: str) -> bool:
    """A line of running prose as a PDF wraps it: long, no table cells."""
    return (
        len(line.strip()) >= PROSE_LINE
        and "\t" not in line
        and "|" not in line
        and not _CUES.wrap_cells.search(line)
    )
