"""``find_numbers``: every number mention in a report text, classified.

One left-to-right scan over number atoms (Arabic digits, Chinese numeral runs, circled numbers). Each atom is
read with its surroundings (hedges before; units, ranges and hedges after; 第, 百分之, 〔〕, list markers
around it) into zero, one or two ``NumberMention``s. A Chinese numeral counts only as a quantity with a unit
or in a fixed frame (第八届, 百分之九十五, （一）); inside ordinary words (一定, 统一, 七一) it is not a number.
The scan's state and the reading around a number live in ``scan``, the fixed frames in ``frames``, the
quantities in ``quantities``; word tables in ``units``; numeral parsing in ``numerals``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from assistant.numbers import units as u
from assistant.numbers.frames import FrameReader
from assistant.numbers.model import NumberMention
from assistant.numbers.numerals import CN_DIGITS, MAX_NUMERAL_LEN, parse_chinese_numeral, parse_digitwise
from assistant.numbers.quantities import QuantityReader
from assistant.numbers.scan import (
    ASCII_LETTERS,
    ATOM,
    ATOM_SPACED,
    LIST_MARKS,
    SPACED_THOUSANDS,
    Number,
    _normalize,
    arabic_number,
    chinese_places,
)

_ASCII_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_CODE_TAIL = re.compile(r"[A-Za-z0-9._-]*")
_MULTIPLIER_CHARS = frozenset("十拾百佰千仟万萬亿億")
_BARE_UNIT_CHARS = frozenset("百佰千仟万萬亿億")
_DIGITWISE = frozenset("〇○零一二三四五六七八九")
_RATIO = re.compile(r"[0-9]+(?:\.[0-9]+)?:[0-9]+(?:\.[0-9]+)?")
# Measures written in Latin letters ("13300m2", "40kg"): a unit, not the tail of a model number.
_ASCII_UNIT = re.compile(r"(?:km2|km²|km|kg|m2|m²|m3|m³)(?![A-Za-z0-9_])")
_PLAN = re.compile(r"十[一二三四五六七八九]五")


def find_numbers(text: str, spaced: bool | None = None) -> list[NumberMention]:
    """All number mentions in ``text``, sorted by start and non-overlapping. ``spaced``: whether the document
    ``text`` is cut from writes its thousands set apart by a space (``writes_spaced_thousands``); None decides by
    ``text`` itself."""
    if not text:
        return []
    return list(_scan(text, spaced))


@lru_cache(maxsize=2048)
def _scan(text: str, spaced: bool | None) -> tuple[NumberMention, ...]:
    """The mentions of one text, kept: an audit reads the same line or the whole text once per check that needs it
    (about half the reads repeat one), and mentions are frozen, so a repeat is served without scanning again."""
    return tuple(_Scan(text).run(spaced))


@lru_cache(maxsize=64)
def writes_spaced_thousands(text: str) -> bool:
    """Does the text write two or more amounts with their thousands set apart by a space ("18 189万元")? Then a
    sentence holding one such amount ("资金到位18 398.31万元") writes it the same way. Kept: every check that reads
    a line of a document asks it of the same whole text."""
    return len(SPACED_THOUSANDS.findall(_normalize(text))) >= 2


class _Scan(FrameReader, QuantityReader):
    """One pass over one text: each number atom read by its frame or as a quantity."""

    def run(self, spaced: bool | None = None) -> list[NumberMention]:
        pos = 0
        if spaced is None:
            spaced = len(SPACED_THOUSANDS.findall(self.norm, 0)) >= 2
        search = (ATOM_SPACED if spaced else ATOM).search
        while (m := search(self.norm, pos)) is not None:
            s, e = m.span()
            if m.lastgroup == "ar":
                pos = self._arabic(s, e)
            elif m.lastgroup == "cn":
                pos = self._chinese(s, e)
            else:
                pos = self._emit("section", s, e, Decimal(LIST_MARKS[m.group()]))
        return self.out

    # ---- Arabic numbers ------------------------------------------------------------------------------

    def _arabic(self, s: int, e: int, forced: bool = False) -> int:
        """Arabic digits: codes are skipped, fixed frames (dates, 〔〕, 第, list markers) come first."""
        norm = self.norm
        token = norm[s:e]
        prev, nxt = norm[s - 1 : s] if s else "", norm[e : e + 1]
        if (
            not forced
            and prev
            and (prev in _ASCII_WORD or prev == "." or (prev == "-" and self._char(s - 2) in ASCII_LETTERS))
        ):
            return self._skip_code(e)  # V2.0, 1.2.3, COVID-19
        year_like = token[:2] in ("19", "20", "21") and token[2:4].isdigit()
        if year_like and (token[4:5] == "." or (len(token) == 4 and nxt in ("-", ".", "/"))):
            r = self._date(s)
            if r is not None:
                return r
        if (
            (nxt in ASCII_LETTERS and not _ASCII_UNIT.match(norm, e))
            or (nxt == "." and self._char(e + 1).isdigit())
            or (len(token) > 1 and token[0] == "0" and token[1].isdigit())
        ):
            return self._skip_code(e)  # model numbers, versions, phone numbers, codes
        r = None
        if nxt == ":":
            r = self._time(s)
            ratio = _RATIO.match(norm, s) if r is None else None
            if ratio:
                return ratio.end()  # 按1:1配套: a ratio, not two numbers
        if r is None and year_like and len(token) == 4:
            r = self._doc(s, e, token)
            if r is None:
                r = self._year(s, e, int(token))
        if r is None and "第" in norm[max(0, s - 2) : s] and token.isdigit():
            r = self._ordinal_ar(s, e, token)
        if r is None:
            r = self._section_ar(s, e, token)
        if r is not None:
            return r
        return self._quantity(s, e, arabic_number(token), chinese=False)

    def _skip_code(self, e: int) -> int:
        return max(e, _CODE_TAIL.match(self.norm, e).end())

    # ---- Chinese numerals ----------------------------------------------------------------------------

    def _chinese(self, s: int, e: int) -> int:
        """A run of Chinese numeral characters: a number only in a frame or before a unit."""
        norm = self.norm
        run = norm[s:e]
        if self._masked(s):
            return e
        if _PLAN.match(run):  # 十四五 is a plan's name
            return self._emit("ordinal", s, s + 3, Decimal(10 + CN_DIGITS[run[1]]))
        if norm.startswith("分之", e):
            return self._fraction(s, e, run)
        if run in ("百", "佰") and norm.startswith("分百", e):
            hedge, start = self._prefix_hedge(s)
            return self._emit("percent", start, e + 2, Decimal(100), unit="百分百", hedge=hedge)
        if len(run) == 4 and _DIGITWISE.issuperset(run) and self._char(e) == "年":
            return self._emit("year", s, e + 1, Decimal(parse_digitwise(run)), unit="年")
        if run[0] in _BARE_UNIT_CHARS and _MULTIPLIER_CHARS.issuperset(run):
            return e  # 万元, 百分制, 千万工程: a unit word, not a number
        if len(run) > MAX_NUMERAL_LEN:
            return self._past_long_run(s, e)
        try:
            value = parse_chinese_numeral(run)
        except ValueError:
            return s + 1  # 七一, 一一: retry from the next character
        number = Number(value, chinese_places(run))
        prev, nxt = self._char(s - 1), self._char(e)
        at = self._before(s, "第")
        if at is not None:
            r = self._ordinal(at, e, value, require_suffix=True)
            return e if r is None else r
        if run == "一" and prev in u.ONE_BLOCK_PREV:
            return e
        if prev == "(" and nxt == ")" and s - 1 >= self.floor:
            return self._emit("section", s - 1, e + 1, value)
        if nxt == "、" and self._boundary(s):
            return self._emit("section", s, e + 1, value)
        return self._quantity(s, e, number, chinese=True, run=run)

    def _past_long_run(self, s: int, e: int) -> int:
        """Where to rescan after a run too long to be a numeral, without retrying it one character at a time.

        Every retry from a later start in the run ends at ``e``, so those more than ``MAX_NUMERAL_LEN`` before
        it fail to parse too; skip them, unless ``_chinese`` would act on one before parsing (a mask, a plan's
        name, a unit word such as 万万: a bare unit starting an all-multiplier tail).
        """
        norm, stop = self.norm, e - MAX_NUMERAL_LEN
        tail = e
        while tail > s + 1 and norm[tail - 1] in _MULTIPLIER_CHARS:
            tail -= 1
        for i in range(s + 1, stop):
            if self._masked(i) or _PLAN.match(norm, i) or (i >= tail and norm[i] in _BARE_UNIT_CHARS):
                return i
        return stop
