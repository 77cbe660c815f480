"""The text as the audit reads it: full-width figures in ASCII (``repost.ascii_figures``), a PDF's page furniture
left out (``pages``), its line ends inside paragraphs removed (``wrapped``), a converted traditional copy in simplified form (``repost``). Each step
maps its positions back to the one before, so findings point at the text as it was given."""

from __future__ import annotations

from .pages import paged_reading
from .repost import Reading, ascii_figures, simplified_reading
from .wrapped import unwrapped_reading


def reading_of(text: str) -> Reading | None:
    """The reading of ``text``, or None when it is read as given."""
    current = ascii_figures(text)  # one character for one: positions are the text's
    origin: tuple[int, ...] = tuple(range(len(text) + 1))
    for step in (paged_reading, unwrapped_reading, simplified_reading):
        reading = step(current)
        if reading is not None:
            current, origin = reading.text, tuple(origin[k] for k in reading.origin)
    return None if current == text else Reading(current, origin)
