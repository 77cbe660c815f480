"""Text hygiene shared by the renderers: drop characters XML cannot hold, split paragraphs on line breaks."""

from __future__ import annotations

import re

# XML 1.0 forbids C0 controls other than tab/newline/CR, lone surrogates and U+FFFE/U+FFFF; DEL is junk too.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: object) -> str:
    """The text with illegal characters removed and line breaks normalised to ``\\n``."""
    return _ILLEGAL.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")


def clean_line(text: object) -> str:
    """One-line text (headings, table cells): cleaned, line breaks turned into spaces."""
    return " ".join(part.strip() for part in clean_text(text).split("\n") if part.strip())


def split_paragraphs(text: object) -> list[str]:
    """A paragraph as it will be printed: cleaned and split at line breaks, blank pieces dropped."""
    return [part.strip() for part in clean_text(text).split("\n") if part.strip()]


# Widths in characters of the body font: CJK and full-width signs take one, Latin letters, digits and
# half-width signs a little more than half (the fallback fonts LibreOffice uses print digits near 0.55).
HALF_WIDTH = 0.55
# Where a title may break: after the year, before the document kind.
_TITLE_BREAKS = re.compile(
    r"(?<=年度)|(?<=年)(?=[^度])|(?=项目支出)|(?=绩效自评)|(?=自评报告)|(?=项目支出绩效自评)"
)


def text_width(text: str, half: float = HALF_WIDTH) -> float:
    """Printed width of ``text`` in characters (CJK = 1, Latin letters and digits ``half``)."""
    return sum(half if ord(ch) < 0x2E80 and ch not in "“”‘’—…" else 1.0 for ch in text)


def break_title(text: str, capacity: float) -> list[str]:
    """A title as lines of at most ``capacity`` characters, broken at a word boundary (after 年度, before
    项目支出/绩效自评…) with the lines as even as the boundaries allow; never inside a number or a word."""
    if text_width(text) <= capacity:
        return [text]
    points = sorted({m.start() for m in _TITLE_BREAKS.finditer(text)} - {0, len(text)})
    fitting = [p for p in points if text_width(text[:p]) <= capacity and text_width(text[p:]) <= capacity]
    if fitting:
        best = min(fitting, key=lambda p: abs(text_width(text[:p]) - text_width(text[p:])))
        return [text[:best], text[best:]]
    head = [p for p in points if text_width(text[:p]) <= capacity]
    cut = head[-1] if head else _fill_cut(text, capacity)
    return [text[:cut], *break_title(text[cut:], capacity)]


def _fill_cut(text: str, capacity: float) -> int:
    """The longest prefix that fits, moved back so it does not end inside a run of digits or letters."""
    width, cut = 0.0, 0
    for index, ch in enumerate(text):
        width += text_width(ch)
        if width > capacity:
            break
        cut = index + 1
    while 0 < cut < len(text) and text[cut - 1].isascii() and text[cut].isascii() and text[cut].isalnum():
        cut -= 1
    return cut or 1
