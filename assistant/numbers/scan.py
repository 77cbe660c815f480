"""The scanner ``find_numbers`` runs (``mentions``): its state, its output and what it reads around a number.

``Scanner`` holds one text (and its normalized copy, one character for one), the mentions found so far and the
floor nothing may start before; it reads what sits next to a number (a unit, a hedge, 第, a noun after a count).
Its parts read the fixed frames (``frames``: dates, years, documents, ordinals, list markers) and the quantities
(``quantities``: a number with its unit, range and hedges); ``mentions`` joins them into one scan.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from assistant.numbers import units as u
from assistant.numbers.model import NON_CLAIM_KINDS, Kind, NumberMention
from assistant.numbers.numerals import CN_DIGITS, CN_NUMERAL_CHARS, CN_POINT, NORMALIZE

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_DOTTED_DIGITS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
LIST_MARKS = {ch: i % 20 + 1 for i, ch in enumerate(_CIRCLED + _PAREN_DIGITS + _DOTTED_DIGITS)}

_TO_NORMALIZE = re.compile("[" + re.escape("".join(chr(k) for k in NORMALIZE)) + "]")
_CN_DIGIT_CLASS = "".join(CN_DIGITS)
# "全年预算８，７３６．４５万元": full-width digits grouped by full-width commas in threes, then a decimal point or a
# money unit, are one figure (千分位); elsewhere the full-width comma separates clauses ("分别为３，５个")
# the money units, and the counts' a text writing its amounts in groups writes its counts with ("受益学生28 213人")
_GROUPED_UNIT = "万|亿|元|人|户|名|台|套|个|所|座|家|亩|公里|吨|件|次|株|头|份|批|项|处|条|张|只|辆|间|床|册|本|平方米|立方米|米"
WIDE_GROUPED = re.compile(
    rf"(?<![０-９．])[０-９]{{1,3}}(?:，[０-９]{{3}})+(?![０-９])(?=．[０-９]|\s?(?:{_GROUPED_UNIT}))"
)
# "基地21. 73万亩": a decimal point followed by a stray space, as PDF extraction leaves it; glued to the word before
# (no list marker is), with a short fraction (no year follows a point this way)
_SPACED_DECIMAL = r"(?<=[\u4e00-\u9fff])[0-9]{1,4}\. [0-9]{1,3}(?![0-9.])"
# "全年预算4⏎20.00万元": an amount a PDF's line end broke, glued to the word before it and its unit after it (the
# document joins such a line to the next only in prose: ``line_breaks.broken_numbers``)
_BROKEN = r"(?<=[\u4e00-\u9fff])[0-9]{1,4}\n[0-9]+(?:\.[0-9]+)?(?=[ \t]?(?:万|亿|元|%))"
# "上级下达中央补助资金1 362.40万元": one amount whose thousands a space sets apart, glued to the word before it, with
# a fraction and a money unit right after it: one figure even in a text that writes no other amount so (a flattened
# table's two cells stand apart from the words before them, "拨款 130 130万元")
_SPACED_MONEY = r"(?<=[\u4e00-\u9fff])[0-9]{1,3}(?: [0-9]{3})+\.[0-9]+(?=(?:万|亿)?元)"
_ARABIC = (
    rf"[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?(?![0-9])|{_SPACED_MONEY}|{_SPACED_DECIMAL}|{_BROKEN}"
    r"|[0-9]+(?:\.[0-9]+)?"
)
_OTHER_ATOMS = (
    rf"|(?P<cn>[{CN_NUMERAL_CHARS}]+(?:{CN_POINT}[{_CN_DIGIT_CLASS}]+)?)|(?P<mark>[{''.join(LIST_MARKS)}])"
)
ATOM = re.compile(rf"(?P<ar>{_ARABIC}){_OTHER_ATOMS}")
# "预算总资金18 189万元，其中中央财政投入资金2 100万元": thousands set apart by a space, as some typesetting does. An
# amount glued to the word before it, its groups of three, then a money unit; read so only in a text that writes
# two or more amounts this way (one such string may be two cells of a flattened table). Typesetting that pads
# every number with a space on both sides ("收入合计 1 432.57 万元") pads the spaced amount the same way: a space
# before it and one before its unit; a flattened row ("拨款 130 130万元") pads only one side. A table's cell holds one
# figure, so a spaced figure that fills a cell ("| 8 212人 |", "⏎2 361.80⏎" in a form flattened a cell a line) is one
# number, with or without its unit, and so is one after a comparison sign ("≥6 000平方米") or opening a line; a
# bracket closing a label ("全年预算数（下达数）1 624.80万元") is a word before it like any other; a piece read alone
# (a sentence that is one line of a form, "3 215.60") opens as a line does
_SPACED_GROUPS = r"[0-9]{1,3}(?: [0-9]{3})+(?:\.[0-9]+)?"
_CELL_EDGE = r"[|｜\t\n]"
# "全年预算数：1 206.80    全年执行数：1 146.46": a label's figure with its fraction, closed by a run of spaces (the
# cells of a line aligned by spaces) or the line's end
_SPACED_FIGURE = r"[0-9]{1,3}(?: [0-9]{3})+\.[0-9]+"
SPACED_THOUSANDS = re.compile(
    rf"(?<=[\u4e00-\u9fff:：（(）)≥≤＞＜><=＝|｜\t\n]){_SPACED_GROUPS}(?= ?(?:{_GROUPED_UNIT}))"
    rf"|(?<=[\u4e00-\u9fff:：，,、（(）)|｜] ){_SPACED_GROUPS}(?= (?:{_GROUPED_UNIT}))"
    rf"|(?:(?<={_CELL_EDGE})|(?<=[|｜] )|^){_SPACED_GROUPS}(?= ?(?:{_GROUPED_UNIT}|{_CELL_EDGE}|$))"
    rf"|(?<=[:：]){_SPACED_FIGURE}(?= {{2,}}|{_CELL_EDGE}|$)"
)
ATOM_SPACED = re.compile(rf"(?P<ar>{SPACED_THOUSANDS.pattern}|{_ARABIC}){_OTHER_ATOMS}")
ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# Characters after which "1、" / "1." / "一、" start a list item.
_BOUNDARY = frozenset(" \t\r\n:;；。，,！？!?)]】」』”’\"'")
_SPACE_OR_NOTHING = (" ", "")
_UNIT_BELOW = re.compile("万元|亿元|%")


class Suffix(NamedTuple):
    """What follows a number: hedge inside (余/多), Chinese multiplier, unit."""

    end: int
    hedge: str | None = None
    multiplier: str = ""
    unit: u.Unit | None = None
    bare: bool = False  # a bare 万/亿 read as money ("资金5.6万")


class Reading(NamedTuple):
    """A number as read with what stands around it (its start after any hedge before it, its suffix, its hedge and
    the high end of a range), before its kind decides how it is emitted: what ``quantities`` hands ``frames``."""

    start: int
    value: Decimal
    places: int
    suffix: Suffix
    hedge: str | None
    high: Decimal | None


class Number(NamedTuple):
    value: Decimal
    places: int


def _normalize(text: str) -> str:
    """Full-width digits and punctuation to ASCII, one character for one (spans stay valid); a full-width comma
    inside a full-width figure (``WIDE_GROUPED``) to the 千分位 comma."""
    norm = _TO_NORMALIZE.sub(lambda m: NORMALIZE[ord(m.group())], text)
    if "，" not in text:
        return norm
    chars = None
    for m in WIDE_GROUPED.finditer(text):
        chars = chars or list(norm)
        for k in range(m.start(), m.end()):
            if text[k] == "，":
                chars[k] = ","
    return norm if chars is None else "".join(chars)


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def arabic_number(token: str) -> Number:
    digits = token.replace(",", "").replace(" ", "").replace("\n", "")
    _, _, fraction = digits.partition(".")
    return Number(Decimal(digits), len(fraction))


def chinese_places(run: str) -> int:
    _, _, fraction = run.partition(CN_POINT)
    return len(fraction)


class Scanner:
    """One pass over one text; ``floor`` is the end of the last mention, nothing may start before it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = _normalize(text)
        self.n = len(text)
        self.out: list[NumberMention] = []
        self.floor = 0
        self.masks = [m.span() for m in u.MASK_RE.finditer(self.norm)]  # sorted, non-overlapping
        self._mask_starts = [a for a, _ in self.masks]

    def _emit(
        self,
        kind: Kind,
        start: int,
        end: int,
        value: Decimal,
        raw: Decimal | None = None,
        unit: str | None = None,
        places: int = 0,
        hedge: str | None = None,
        high: Decimal | None = None,
        noun: str | None = None,
    ) -> int:
        self.out.append(
            NumberMention(
                start,
                end,
                self.text[start:end],
                kind,
                value,
                value if raw is None else raw,
                unit,
                places,
                hedge,
                high,
                kind not in NON_CLAIM_KINDS,
                noun,
            )
        )
        self.floor = end
        return end

    def _char(self, i: int) -> str:
        return self.norm[i] if 0 <= i < self.n else ""

    def _before(self, s: int, word: str) -> int | None:
        """Start of ``word`` written right before ``s`` (one space allowed), if it is there and free."""
        for gap in _SPACE_OR_NOTHING:
            start = s - len(gap) - len(word)
            if start >= self.floor and self.norm.startswith(word + gap, start):
                return start
        return None

    def _boundary(self, s: int) -> bool:
        return s == 0 or self.norm[s - 1] in _BOUNDARY

    def _line_start(self, s: int) -> bool:
        i = s - 1
        while i >= 0 and self.norm[i] in " \t":
            i -= 1
        return i < 0 or self.norm[i] in "\r\n"

    def _masked(self, s: int) -> bool:
        k = bisect_right(self._mask_starts, s) - 1
        return k >= 0 and s < self.masks[k][1]

    def _unit_at(self, p: int) -> tuple[u.Unit, int] | None:
        m = u.UNIT_RE.match(self.norm, p)
        if m is None:
            return None
        unit = u.UNITS[m.group()]
        if (
            unit.block
            and self.norm.startswith(unit.block, m.end())
            and not (unit.unblock and self.norm.startswith(unit.unblock, m.end()))
        ):
            return None
        return unit, m.end()

    def _prefix_hedge(self, s: int) -> tuple[str | None, int]:
        window_start = max(self.floor, s - 5)
        m = u.PREFIX_HEDGE_RE.search(self.norm, window_start, s)
        return (m.group(1), m.start()) if m else (None, s)

    def _suffix(self, p: int, chinese: bool) -> Suffix:
        """Read 余/多, a multiplier (Arabic only) and a unit after a number ending at ``p``."""
        q = p + 1 if self._char(p) == " " or self._unit_below(p) else p
        hedge = None
        if self._char(q) in ("余", "多"):
            hedge, q = self._char(q), q + 1
        found = self._unit_at(q)
        if found:
            unit, end = found
            return Suffix(end, hedge or unit.hedge, "", unit)
        if not chinese:
            m = u.MULTIPLIER_RE.match(self.norm, q)
            if m:
                r = m.end()
                inner = None
                if hedge is None and self._char(r) in ("余", "多"):
                    inner, r = self._char(r), r + 1
                found = self._unit_at(r)
                # "45万千瓦时", "3万千克": a measure whose name starts with 千 takes a multiplier like any other
                if found and (
                    found[0].kind == "count"
                    or (found[0].kind == "amount" and found[0].name[0] not in "万亿千")
                ):
                    return Suffix(found[1], hedge or inner, m.group(), found[0])
                # "服务15.4万小时": hours worked, not a bare 15.4万 of money
                if found and found[0].name in u.COUNTED_TIME:
                    return Suffix(found[1], hedge or inner, m.group(), found[0])
                nxt = self._char(r)
                if m.group()[-1] in "万亿" and not nxt.isdigit() and nxt not in ASCII_LETTERS:
                    return Suffix(r, hedge or inner, m.group(), None, bare=True)
        return Suffix(p)

    def _unit_below(self, p: int) -> bool:
        """ "公务接待费3.62⏎万元": a line break right before a money unit or a % (a PDF's line end fell between a
        figure and its unit); the unit is the figure's."""
        return self._char(p) == "\n" and _UNIT_BELOW.match(self.norm, p + 1) is not None

    def _noun(self, p: int) -> str | None:
        """The noun right after a count ("14个项目" → 项目), when it is plain to see."""
        m = u.NOUN_RE.match(self.norm, p)
        if m:
            return m.group()
        i = p
        while i < self.n and i < p + 5 and is_han(self.norm[i]) and self.norm[i] not in u.NOUN_STOP:
            i += 1
        if i == p or i - p > 4 or (i < self.n and is_han(self.norm[i]) and self.norm[i] not in u.NOUN_STOP):
            return None
        return self.text[p:i]

    # Each defined in one part of the scan and called from another: ``_arabic`` (``mentions``: Arabic digits, read by
    # ``frames`` after a list marker), ``_measured`` (``quantities``: a number with its unit, read by ``frames``),
    # ``_calendar`` (``frames``: a number before 月/日/号, read by ``quantities``). Declared here, not defined: the
    # joined scan (``mentions._Scan``) finds each in its part.
    _arabic: Callable[..., int]
    _measured: Callable[..., int]
    _calendar: Callable[..., int]
