"""Copy noise: texts as they come out of a PDF or a web page, not as they were written. Each transform changes how a
text is laid out, never what it says, and moves each key's anchors with it; the audit should find the same slips and
stay as quiet on the clean texts.

- ``wrapped``: every line of prose set in a column 64 wide (a Chinese character counting two), as a PDF page sets a
  paragraph, the line ends falling anywhere, inside numbers and words; rows of table cells are left as they are (a
  PDF's table is not copied as wrapped prose);
- ``paged``: after every 12 lines a page break: a blank line, a rule, a running title with the page number, a blank
  line, anywhere, inside paragraphs and tables;
- ``full_width``: every figure in full-width digits, its point, its percent sign and its 千分位 commas;
- ``spaced``: thousands set apart by a space instead of a comma ("2 386.42").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..typesetting import char_width
from .real_corpus import RealText

_COLUMN = 64
_PAGE_LINES = 12
_RUNNING_TITLE = "某县财政局绩效自评报告"
_CELLS = re.compile(r"[|｜\t]")
_FIGURE = re.compile(r"\d[\d,.]*%?")
_FULL_WIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")


def wrapped(text: str) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        if _CELLS.search(line):
            out.append(line)
            continue
        current, width = "", 0
        for char in line:
            wide = char_width(char)
            if width + wide > _COLUMN:
                out.append(current)
                current, width = "", 0
            current += char
            width += wide
        out.append(current)
    return "\n".join(out)


def paged(text: str) -> str:
    out: list[str] = []
    for k, line in enumerate(text.split("\n")):
        if k and k % _PAGE_LINES == 0:
            page = k // _PAGE_LINES + 1
            out += [
                "",
                "——————————————————————————————",
                f"{_RUNNING_TITLE}                    — {page} —",
                "",
            ]
        out.append(line)
    return "\n".join(out)


def full_width(text: str) -> str:
    return _FIGURE.sub(lambda m: m.group(0).translate(_FULL_WIDTH), text)


def spaced(text: str) -> str:
    return re.sub(r"(?<=\d),(?=\d{3})", " ", text)


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "wrapped": wrapped,
    "paged": paged,
    "full_width": full_width,
    "spaced": spaced,
}
# Transforms that change the anchors' own characters (the rest only insert line ends or lines around them).
_IN_PLACE = {"full_width", "spaced"}


def noisy(texts: list[RealText], name: str) -> list[RealText]:
    """The texts under transform ``name``, each contradiction's anchors moved with it. A contradiction keeps the
    anchors still found once in the new text, an anchor the column cut by a line end taken with that line end (the
    same words, so a finding that points at them still points at the slip); a text whose contradiction keeps none is
    left out (nothing left to point at)."""
    transform = TRANSFORMS[name]
    out = []
    for item in texts:
        text = transform(item.text)
        contradictions = []
        for c in item.contradictions:
            anchors = (transform(a) if name in _IN_PLACE else a for a in c.anchors)
            moved = (_found_once(text, a) for a in anchors)
            contradictions.append(replace(c, anchors=tuple(a for a in moved if a is not None)))
        if all(c.anchors for c in contradictions):
            out.append(replace(item, text=text, contradictions=tuple(contradictions)))
    return out


def _found_once(text: str, anchor: str) -> str | None:
    """The anchor as it stands in ``text``, line ends inserted inside it included, when it stands there once."""
    if text.count(anchor) == 1:
        return anchor
    pattern = "\n?".join(re.escape(char) for char in anchor)
    found = re.findall(pattern, text)
    return found[0] if len(found) == 1 else None
