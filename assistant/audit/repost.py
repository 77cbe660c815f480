"""Reposted copies in traditional characters, the way the audit can read them.

Third-party sites repost 自评表 converted to traditional characters, often with each converted character's pinyin
glued after it by the converter ("項(xiàng)目", "預(yù)算數(shù)"). Every label the form and prose readers look for is
written in simplified characters, so such a copy read as nothing (a 云南 自评表: 2 numbers read of 25). The copy is
read in simplified form, without the pinyin, and each position of that reading maps back to the published text, so
findings still point at (and quote from) the lines as published.

A text is converted only when it carries enough traditional characters to be a converted copy; a simplified text
that quotes one (於, 後) is read as it is.

Figures written in full-width characters ("全年预算８，７３６．４５万元，执行率９６．１７％") are read in ASCII, one
character for one, so every reader and check sees them as the figures they are (positions do not move).

Some copies also write runs of the text twice ("106.5106.5 萬元", "69.23%69.23%", "(2)(2)", "1313 個" for 13): which
digits were doubled cannot be told for every number, so nothing such a copy's numbers say is proven
(``doubled_copy``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from assistant.numbers.scan import WIDE_GROUPED


@cache
def _t2s() -> dict[str, str]:
    """Traditional → simplified, one character each, from OpenCC's character table (opencc-python-reimplemented).
    Characters with more than one simplified form (乾 → 乾/干, 於 → 于/於, 著 → 著/着) depend on the word and are
    left as published. Loaded on first use, so a simplified text costs one dictionary read per process."""
    table = resources.files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in table.splitlines() if "\t" in line)
    return {
        trad: forms[0]
        for trad, simp in pairs
        if len(forms := simp.split()) == 1 and len(trad) == 1 and len(forms[0]) == 1 and forms[0] != trad
    }


# The converted copy's tell: this many traditional characters (one in a simplified text is a quotation).
_MIN_TRADITIONAL = 8
# Pinyin glued after a Han character by a converter: "項(xiàng)". A tone mark is required ("(A)" and "(万元)" stay).
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


# A decimal written twice with nothing between ("36.9436.94", "69.23%69.23%") and a list marker written twice
# ("(2)(2)"): a copy that doubles its runs. Both are needed: a form's glued cells may hold one value twice.
_DOUBLED = re.compile(r"(?<![\d.])(\d+\.\d+%?)\1(?![\d.])")
_DOUBLED_MARKER = re.compile(r"([(（]\d{1,2}[)）])\1")
_MIN_DOUBLED = 2


def doubled_copy(text: str) -> bool:
    """Does the text write its numbers and list markers twice in a row, as some document-site copies do?"""
    return len(_DOUBLED.findall(text)) >= _MIN_DOUBLED and len(_DOUBLED_MARKER.findall(text)) >= _MIN_DOUBLED


@dataclass(frozen=True)
class Reading:
    """The text as read and, for each of its positions (and its end), the position in the published text."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the reading as a span of the published text."""
        return self.origin[start], self.origin[max(end - 1, start)] + (1 if end > start else 0)

    def lines_as_given(self, message: str, text: str) -> str:
        """A message's "第N行" (a line of the reading) as the line of ``text`` it begins on: a reading that joined a
        PDF's wrapped lines has fewer lines than the text."""
        if self.text.count("\n") == text.count("\n"):
            return message
        starts = [0, *(m.end() for m in re.finditer("\n", self.text))]

        def given(found: re.Match[str]) -> str:
            number = int(found.group(1))
            if not 1 <= number <= len(starts):
                return found.group(0)
            return f"第{text.count(chr(10), 0, self.origin[starts[number - 1]]) + 1}行"

        return re.sub(r"第(\d+)行", given, message)

    def published(self, words: str | None, text: str) -> str | None:
        """``words`` of the reading (a quote, a figure) as ``text`` writes them, when the reading holds them."""
        at = self.text.find(words) if words else -1
        if words is None or at < 0:
            return words
        start, end = self.span(at, at + len(words))
        return text[start:end]


# A run of full-width digits with the points and commas inside it, and a full-width percent sign after a digit.
_WIDE_FIGURE = re.compile(r"[０-９](?:[０-９，．]*[０-９])?")
_WIDE_DIGITS = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"．": "."})
_WIDE_PERCENT = re.compile(r"(?<=[0-9])％")


def ascii_figures(text: str) -> str:
    """Full-width figures in ASCII, one character for one: digits, the decimal point and 千分位 commas inside a
    figure grouped in threes (``numbers.scan.WIDE_GROUPED``); a full-width comma elsewhere separates clauses."""
    if not any("０" <= char <= "９" for char in text):
        return text
    grouped = {k for m in WIDE_GROUPED.finditer(text) for k in range(m.start(), m.end()) if text[k] == "，"}
    chars = list(text)
    for m in _WIDE_FIGURE.finditer(text):
        for k in range(m.start(), m.end()):
            if text[k] == "，":
                chars[k] = "," if k in grouped else "，"
            else:
                chars[k] = text[k].translate(_WIDE_DIGITS)
    return _WIDE_PERCENT.sub("%", "".join(chars))


def simplified_reading(text: str) -> Reading | None:
    """The simplified reading of a converted traditional copy, or None when the text is read as it is."""
    table = _t2s()
    if sum(1 for char in text if char in table) < _MIN_TRADITIONAL:
        return None
    chars: list[str] = []
    origin: list[int] = []
    pos = 0
    for match in _PINYIN.finditer(text):
        _keep(text, pos, match.start(), chars, origin)
        pos = match.end()
    _keep(text, pos, len(text), chars, origin)
    origin.append(len(text))
    return Reading("".join(chars), tuple(origin))


def _keep(text: str, start: int, end: int, chars: list[str], origin: list[int]) -> None:
    table = _t2s()
    for position in range(start, end):
        chars.append(table.get(text[position], text[position]))
        origin.append(position)
