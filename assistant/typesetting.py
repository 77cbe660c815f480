"""How a page sets Chinese text in lines: what the PDF reader (``pdf_text``) and the audit's reading of copied text
(``audit.wrapped``, ``audit.line_breaks``) both need to know to tell a line the page broke from one the writer ended.

Why one module: the two readers meet the same line breaker from two sides (one sees the glyphs' positions, the other
only the characters); each judging a break by its own copy of these rules let them drift apart.
"""

from __future__ import annotations

import re
import unicodedata

# What the line-breaker keeps together at the start of a line: a run of digits, letters and their marks
# ("95.2%", "1,286.40"), or one character with the closing marks after it ("元。"), which may not start a line.
UNBREAKABLE_UNIT = re.compile(r"[0-9A-Za-z.,%‰]+|.[，。；：、！？）”’》%]*")

# A line that ends its sentence needs no joining, and may be a short paragraph as wide as the widest line.
SENTENCE_ENDS = ("。", "！", "？", "!", "?")
# A line that ends a clause of a list or a lead-in needs none either: the next may open an item.
CLAUSE_ENDS = (*SENTENCE_ENDS, "；", ";", "：", ":")


def display_width(line: str) -> int:
    """A line's width as a page sets it: a Chinese character or full-width mark twice a digit or Latin letter. Lines
    a page wrapped are about as wide as each other, not as long: one holding "2021" or "1,945.60" holds more
    characters in the same width."""
    return sum(char_width(ch) for ch in line)


def char_width(char: str) -> int:
    """One character's width in half-width cells."""
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1
