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
