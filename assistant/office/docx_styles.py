"""Word styles as the text reader needs them: heading levels, east-Asian font and weight, list numbering.

Properties are inherited through ``w:basedOn``; a missing or cyclic chain simply yields nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = ("title", "标题")
_MAX_CHAIN = 20
_FALSE = ("0", "false", "off")


def on_off(element: etree._Element | None, w: str) -> bool | None:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``): True, False, or None when absent."""
    if element is None:
        return None
    return element.get(f"{w}val", "true").lower() not in _FALSE


def int_attr(element: etree._Element | None, w: str, default: int | None = None) -> int | None:
    if element is None:
        return default
    try:
        return int(element.get(f"{w}val", ""))
    except ValueError:
        return default


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline: int | None  # w:outlineLvl, 0-based
    east_asia: str | None
    bold: bool | None
    num: tuple[str, int | None] | None  # (numId, ilvl)


class Styles:
    """Paragraph and character styles of one document, looked up by style id."""

    def __init__(self, root: etree._Element | None, w: str) -> None:
        self._w = w
        self._styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_east_asia: str | None = None
        self.default_bold: bool | None = None
        if root is None:
            return
        defaults = root.find(f"{w}docDefaults/{w}rPrDefault/{w}rPr")
        if defaults is not None:
            self.default_east_asia, self.default_bold = self._run_look(defaults)
        for style in root.iter(f"{w}style"):
            style_id = style.get(f"{w}styleId")
            if not style_id:
                continue
            name = style.find(f"{w}name")
            based = style.find(f"{w}basedOn")
            ppr = style.find(f"{w}pPr")
            rpr = style.find(f"{w}rPr")
            east_asia, bold = self._run_look(rpr)
            self._styles[style_id] = _Style(
                name="" if name is None else name.get(f"{w}val", ""),
                based_on=None if based is None else based.get(f"{w}val"),
                outline=int_attr(None if ppr is None else ppr.find(f"{w}outlineLvl"), w),
                east_asia=east_asia,
                bold=bold,
                num=self._num(ppr),
            )
            if style.get(f"{w}type") == "paragraph" and style.get(f"{w}default") in ("1", "true", "on"):
                self.default_paragraph = style_id

    def _run_look(self, rpr: etree._Element | None) -> tuple[str | None, bool | None]:
        w = self._w
        if rpr is None:
            return None, None
        fonts = rpr.find(f"{w}rFonts")
        east_asia = None if fonts is None else fonts.get(f"{w}eastAsia") or fonts.get(f"{w}ascii")
        return east_asia, on_off(rpr.find(f"{w}b"), w)

    def _num(self, ppr: etree._Element | None) -> tuple[str, int | None] | None:
        w = self._w
        num_pr = None if ppr is None else ppr.find(f"{w}numPr")
        if num_pr is None:
            return None
        num_id = num_pr.find(f"{w}numId")
        if num_id is None:
            return None
        return num_id.get(f"{w}val", "0"), int_attr(num_pr.find(f"{w}ilvl"), w)

    def _chain(self, style_id: str | None):
        seen = 0
        while style_id and style_id in self._styles and seen < _MAX_CHAIN:
            style = self._styles[style_id]
            yield style_id, style
            style_id = style.based_on
            seen += 1

    def heading_level(self, style_id: str | None) -> int | None:
        """1-9 for headings (outline level or a "heading N" name), 0 for the Title style, else None."""
        for _, style in self._chain(style_id):
            if style.outline is not None:
                return style.outline + 1 if 0 <= style.outline <= 8 else None
            match = _HEADING_NAME.match(style.name.strip())
            if match:
                return int(match.group(1))
            if style.name.strip().lower() in _TITLE_NAMES:
                return 0
        return None

    def east_asia(self, style_id: str | None) -> str | None:
        for _, style in self._chain(style_id):
            if style.east_asia:
                return style.east_asia
        return None

    def bold(self, style_id: str | None) -> bool | None:
        for _, style in self._chain(style_id):
            if style.bold is not None:
                return style.bold
        return None

    def numbering(self, style_id: str | None) -> tuple[str, int | None, str] | None:
        """(numId, ilvl, the style id that carries it) of list numbering attached to a paragraph style."""
        for sid, style in self._chain(style_id):
            if style.num is not None:
                return (*style.num, sid)
        return None
