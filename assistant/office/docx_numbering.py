"""Word list numbering turned back into the text a reader sees ("一、", "（二）", "3.").

Auto-numbered headings carry no number in their text; without it the audit cannot tell a 一级标题 from a body
line. Counters run per list (``w:num``), deeper levels restart when a higher level advances. Bullets and
unknown formats give no label; anything malformed is ignored rather than refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from assistant.office.docx_styles import int_attr

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_PLACEHOLDER = re.compile(r"%([1-9])")
_LEVELS = 9


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    suffix: str
    style: str | None  # a paragraph style linked to this level (heading numbering)


def _chinese(n: int, digits: str = _CN_DIGITS) -> str:
    if n < 0 or n >= 100:
        return str(n)
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    ten = "拾" if digits is _CN_LEGAL else "十"
    head = "" if tens == 1 and digits is _CN_DIGITS else digits[tens]
    return head + ten + (digits[ones] if ones else "")


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """A counter in a ``w:numFmt`` format (decimal for formats not listed)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "koreanCounting"):  # fmt: skip
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional",) and 1 <= n <= 10:
        return _HEAVENLY_STEMS[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


class Numbering:
    """Numbering definitions of one document and the running counters while it is read in order."""

    def __init__(self, root: etree._Element | None, w: str) -> None:
        self._w = w
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        for abstract in root.iter(f"{w}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{w}lvl"):
                level = self._level(lvl)
                ilvl = _ilvl(lvl, w)
                if level is not None and ilvl is not None:
                    levels[ilvl] = level
            self._abstract[abstract.get(f"{w}abstractNumId", "")] = levels
        for num in root.iter(f"{w}num"):
            abstract_id = num.find(f"{w}abstractNumId")
            if abstract_id is None:
                continue
            starts = {}
            for override in num.iter(f"{w}lvlOverride"):
                ilvl = _ilvl(override, w)
                start = int_attr(override.find(f"{w}startOverride"), w)
                if ilvl is not None and start is not None:
                    starts[ilvl] = start
            self._nums[num.get(f"{w}numId", "")] = (abstract_id.get(f"{w}val", ""), starts)

    def _level(self, lvl: etree._Element) -> _Level | None:
        w = self._w
        text = lvl.find(f"{w}lvlText")
        fmt = lvl.find(f"{w}numFmt")
        suffix = lvl.find(f"{w}suff")
        style = lvl.find(f"{w}pStyle")
        return _Level(
            start=int_attr(lvl.find(f"{w}start"), w, 1) or 0,
            fmt="decimal" if fmt is None else fmt.get(f"{w}val", "decimal"),
            text="" if text is None else text.get(f"{w}val", ""),
            suffix={"space": " ", "nothing": ""}.get(
                "tab" if suffix is None else suffix.get(f"{w}val", ""), " "
            ),
            style=None if style is None else style.get(f"{w}val"),
        )

    def _levels(self, num_id: str) -> tuple[dict[int, _Level], dict[int, int]] | None:
        if num_id not in self._nums:
            return None
        abstract_id, starts = self._nums[num_id]
        levels = self._abstract.get(abstract_id)
        return (levels, starts) if levels else None

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The list level linked to a paragraph style (numbering attached through a heading style)."""
        found = self._levels(num_id)
        if found is None:
            return None
        return next((ilvl for ilvl, level in found[0].items() if level.style == style_id), None)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list's counter at ``ilvl`` and return the visible label with its separator."""
        found = self._levels(num_id)
        if found is None or not 0 <= ilvl < _LEVELS or ilvl not in found[0]:
            return ""
        levels, starts = found
        counters = self._counters.setdefault(num_id, [None] * _LEVELS)
        level = levels[ilvl]
        start = starts.get(ilvl, level.start)
        current = counters[ilvl]
        counters[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            counters[deeper] = None
        if level.fmt in ("bullet", "none") or not level.text:
            return ""

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            other = levels.get(k)
            if other is None:
                return ""
            count = counters[k] if counters[k] is not None else starts.get(k, other.start)
            return format_number(count, other.fmt if other.fmt not in ("bullet", "none") else "decimal")

        return _PLACEHOLDER.sub(value, level.text) + level.suffix


def _ilvl(element: etree._Element, w: str) -> int | None:
    try:
        return int(element.get(f"{w}ilvl", ""))
    except ValueError:
        return None
