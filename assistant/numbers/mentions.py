"""``find_numbers``: every number mention in a report text, classified.

One left-to-right scan over number atoms (Arabic digits, Chinese numeral runs, circled numbers). Each atom is
read with its surroundings (hedges before; units, ranges and hedges after; 第, 百分之, 〔〕, list markers
around it) into zero, one or two ``NumberMention``s. A Chinese numeral counts only as a quantity with a unit
or in a fixed frame (第八届, 百分之九十五, （一）); inside ordinary words (一定, 统一, 七一) it is not a number.
Word tables live in ``units``; numeral parsing in ``numerals``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal, getcontext
from typing import NamedTuple, overload

from assistant.numbers import units as u
from assistant.numbers.model import NON_CLAIM_KINDS, Kind, NumberMention
from assistant.numbers.numerals import (
    CN_BIG_UNITS,
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    CN_POINT,
    MAX_NUMERAL_LEN,
    NORMALIZE,
    parse_chinese_numeral,
    parse_digitwise,
)

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_DOTTED_DIGITS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_LIST_MARKS = {ch: i % 20 + 1 for i, ch in enumerate(_CIRCLED + _PAREN_DIGITS + _DOTTED_DIGITS)}

_TO_NORMALIZE = re.compile("[" + re.escape("".join(chr(k) for k in NORMALIZE)) + "]")
_CN_DIGIT_CLASS = "".join(CN_DIGITS)
_ATOM = re.compile(
    rf"(?P<ar>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?(?![0-9])|[0-9]+(?:\.[0-9]+)?)"
    rf"|(?P<cn>[{CN_NUMERAL_CHARS}]+(?:{CN_POINT}[{_CN_DIGIT_CLASS}]+)?)"
    rf"|(?P<mark>[{''.join(_LIST_MARKS)}])"
)
_ASCII_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CODE_TAIL = re.compile(r"[A-Za-z0-9._-]*")
# Characters after which "1、" / "1." / "一、" start a list item.
_BOUNDARY = frozenset(" \t\r\n:;；。，,！？!?)]】」』”’\"'")
# A "-" right after a number, a unit or another dash is a range dash, not a minus sign.
_NOT_BEFORE_SIGN = frozenset("%-~") | frozenset(word[-1] for word in u.UNITS) | frozenset("十百千万亿")
_SIGNED_KINDS = frozenset({"amount", "percent", "percentage_point", "score", "plain"})
_MULTIPLIER_CHARS = frozenset("十拾百佰千仟万萬亿億")
_BARE_UNIT_CHARS = frozenset("百佰千仟万萬亿億")
_DIGITWISE = frozenset("〇○零一二三四五六七八九")

_DATE_FULL = re.compile(r"((?:19|20|21)[0-9]{2})([-./])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])")
_DATE_YM = re.compile(r"((?:19|20|21)[0-9]{2})([-/])([0-9]{1,2})(?![0-9.])")
_LABEL_BEFORE = re.compile(r"(?:附件|附表|附图|附录|(?<![代发])表|图) ?$")
_RATIO = re.compile(r"[0-9]+(?:\.[0-9]+)?:[0-9]+(?:\.[0-9]+)?")
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})(?![0-9])")
_YMD = re.compile(r"年 ?([0-9]{1,2}) ?月(?:份)?(?: ?([0-9]{1,2}) ?[日号])?")
_YEAR_RANGE = re.compile(r" ?[-~至到] ?((?:19|20|21)[0-9]{2})(?![0-9])")
_YEAR_UNIT = re.compile(r"年度|年|届|级")
_DOC_TAIL = re.compile(r" ?第? ?([0-9]+) ?号")
_RANGE_SEP = re.compile(r" ?([-~至到]) ?")
_DAY_AR = re.compile(r" ?([0-9]{1,2}) ?[日号]")
_DAY_CN = re.compile(rf"([{CN_NUMERAL_CHARS}]+)[日号]")
_MONTH_TAIL = re.compile(r"份|底|末|初|中旬|上旬|下旬")
_ORDINAL_SUFFIX = re.compile(
    "部分|阶段|季度|批次|学期|年级|等奖|标段|梯队|年度|名次|届|名|批|期|次|个|项|章|节|条|款|轮|年|月|天|周|位|号|类|档|层|组|片|包|集|版|卷|册|页|稿|等|级|家"
)
_DOC_BRACKETS = frozenset({"〔〕", "[]", "【】", "()"})
_PLAN = re.compile(r"十[一二三四五六七八九]五")
_SPACE_OR_NOTHING = (" ", "")
_AMOUNT_UNITS = frozenset({"元", "万元", "亿元", "千元", "万", "亿"})


class _Suffix(NamedTuple):
    """What follows a number: hedge inside (余/多), Chinese multiplier, unit."""

    end: int
    hedge: str | None = None
    multiplier: str = ""
    unit: u.Unit | None = None
    bare: bool = False  # a bare 万/亿 read as money ("资金5.6万")


class _Number(NamedTuple):
    value: Decimal
    places: int


def find_numbers(text: str) -> list[NumberMention]:
    """All number mentions in ``text``, sorted by start and non-overlapping."""
    if not text:
        return []
    return _Scan(text).run()


def _normalize(text: str) -> str:
    """Full-width digits and punctuation to ASCII, one character for one (spans stay valid)."""
    return _TO_NORMALIZE.sub(lambda m: NORMALIZE[ord(m.group())], text)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _arabic_number(token: str) -> _Number:
    digits = token.replace(",", "")
    _, _, fraction = digits.partition(".")
    return _Number(Decimal(digits), len(fraction))


def _chinese_places(run: str) -> int:
    _, _, fraction = run.partition(CN_POINT)
    return len(fraction)


class _Scan:
    """One pass over one text; ``floor`` is the end of the last mention, nothing may start before it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = _normalize(text)
        self.n = len(text)
        self.out: list[NumberMention] = []
        self.floor = 0
        self.masks = [m.span() for m in u.MASK_RE.finditer(self.norm)]  # sorted, non-overlapping
        self._mask_starts = [a for a, _ in self.masks]

    def run(self) -> list[NumberMention]:
        pos = 0
        search = _ATOM.search
        while (m := search(self.norm, pos)) is not None:
            s, e = m.span()
            if m.lastgroup == "ar":
                pos = self._arabic(s, e)
            elif m.lastgroup == "cn":
                pos = self._chinese(s, e)
            else:
                pos = self._emit("section", s, e, Decimal(_LIST_MARKS[m.group()]))
        return self.out

    # ---- output and context helpers -------------------------------------------------------------------

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
        if unit.block and self.norm.startswith(unit.block, m.end()):
            return None
        return unit, m.end()

    def _prefix_hedge(self, s: int) -> tuple[str | None, int]:
        window_start = max(self.floor, s - 5)
        m = u.PREFIX_HEDGE_RE.search(self.norm, window_start, s)
        return (m.group(1), m.start()) if m else (None, s)

    def _suffix(self, p: int, chinese: bool) -> _Suffix:
        """Read 余/多, a multiplier (Arabic only) and a unit after a number ending at ``p``."""
        q = p + 1 if self._char(p) == " " else p
        hedge = None
        if self._char(q) in ("余", "多"):
            hedge, q = self._char(q), q + 1
        found = self._unit_at(q)
        if found:
            unit, end = found
            return _Suffix(end, hedge or unit.hedge, "", unit)
        if not chinese:
            m = u.MULTIPLIER_RE.match(self.norm, q)
            if m:
                r = m.end()
                inner = None
                if hedge is None and self._char(r) in ("余", "多"):
                    inner, r = self._char(r), r + 1
                found = self._unit_at(r)
                if found and found[0].kind in ("amount", "count") and found[0].name[0] not in "万亿千":
                    return _Suffix(found[1], hedge or inner, m.group(), found[0])
                nxt = self._char(r)
                if m.group()[-1] in "万亿" and not nxt.isdigit() and nxt not in _ASCII_LETTERS:
                    return _Suffix(r, hedge or inner, m.group(), None, bare=True)
        return _Suffix(p)

    def _noun(self, p: int) -> str | None:
        """The noun right after a count ("14个项目" → 项目), when it is plain to see."""
        m = u.NOUN_RE.match(self.norm, p)
        if m:
            return m.group()
        i = p
        while i < self.n and i < p + 5 and _is_han(self.norm[i]) and self.norm[i] not in u.NOUN_STOP:
            i += 1
        if i == p or i - p > 4 or (i < self.n and _is_han(self.norm[i]) and self.norm[i] not in u.NOUN_STOP):
            return None
        return self.text[p:i]

    # ---- Arabic numbers ------------------------------------------------------------------------------

    def _arabic(self, s: int, e: int, forced: bool = False) -> int:
        """Arabic digits: codes are skipped, fixed frames (dates, 〔〕, 第, list markers) come first."""
        norm = self.norm
        token = norm[s:e]
        prev, nxt = norm[s - 1 : s] if s else "", norm[e : e + 1]
        if (
            not forced
            and prev
            and (prev in _ASCII_WORD or prev == "." or (prev == "-" and self._char(s - 2) in _ASCII_LETTERS))
        ):
            return self._skip_code(e)  # V2.0, 1.2.3, COVID-19
        year_like = token[:2] in ("19", "20", "21") and token[2:4].isdigit()
        if year_like and (token[4:5] == "." or (len(token) == 4 and nxt in ("-", ".", "/"))):
            r = self._date(s)
            if r is not None:
                return r
        if (
            nxt in _ASCII_LETTERS
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
        return self._quantity(s, e, _arabic_number(token), chinese=False)

    def _skip_code(self, e: int) -> int:
        return max(e, _CODE_TAIL.match(self.norm, e).end())

    def _date(self, s: int) -> int | None:
        """2023-03-15, 2023.3.15, 2023/03/15, 2022-12."""
        m = _DATE_FULL.match(self.norm, s)
        if m and 1 <= int(m.group(3)) <= 12 and 1 <= int(m.group(4)) <= 31:
            packed = int(m.group(1)) * 10000 + int(m.group(3)) * 100 + int(m.group(4))
            return self._emit("date", s, m.end(), Decimal(packed))
        m = _DATE_YM.match(self.norm, s)
        if m and 1 <= int(m.group(3)) <= 12 and self._char(m.end()) not in ("-", "/"):
            return self._emit("date", s, m.end(), Decimal(int(m.group(1)) * 100 + int(m.group(3))))
        return None

    def _time(self, s: int) -> int | None:
        m = _TIME.match(self.norm, s)
        if m and int(m.group(1)) <= 24 and int(m.group(2)) < 60:
            return self._emit("date", s, m.end(), Decimal(int(m.group(1)) * 100 + int(m.group(2))))
        return None

    def _doc(self, s: int, e: int, token: str) -> int | None:
        """财预〔2020〕10号, [2021]5号, (2020)3号 → doc_number; the span starts at the bracket."""
        open_at = s - 1 if self._char(s - 1) != " " else s - 2
        close_at = e if self._char(e) != " " else e + 1
        opener, closer = self._char(open_at), self._char(close_at)
        if open_at < self.floor or opener + closer not in _DOC_BRACKETS:
            return None
        tail = _DOC_TAIL.match(self.norm, close_at + 1)
        if tail:
            number = Decimal(tail.group(1))
            return self._emit("doc_number", open_at, tail.end(), number, unit="号")
        if opener == "(":
            return None  # "(2022)" without 号 is a year, read by _year
        return self._emit("doc_number", open_at, close_at + 1, Decimal(token))

    def _year(self, s: int, e: int, year: int) -> int | None:
        """2022年, 2022年度, 2022-2023年, 2022年12月31日, (2022), and 2022 right before Chinese text."""
        if not 1900 <= year <= 2100:
            return None
        m = _YMD.match(self.norm, e)
        if m and 1 <= int(m.group(1)) <= 12 and (m.group(2) is None or 1 <= int(m.group(2)) <= 31):
            month = int(m.group(1))
            if m.group(2) is None:
                return self._emit("date", s, m.end(), Decimal(year * 100 + month), unit="月")
            packed = year * 10000 + month * 100 + int(m.group(2))
            return self._emit("date", s, m.end(), Decimal(packed), unit="日")
        end, high = e, None
        r = _YEAR_RANGE.match(self.norm, e)
        if r and year < int(r.group(1)) <= 2100:
            end, high = r.end(), Decimal(r.group(1))
        unit = _YEAR_UNIT.match(self.norm, end)
        if unit:
            return self._emit("year", s, unit.end(), Decimal(year), unit=unit.group(), high=high)
        if self._char(s - 1) == "(" and self._char(end) == ")" and s - 1 >= self.floor:
            return self._emit("year", s - 1, end + 1, Decimal(year), high=high)
        if 1990 <= year and _is_han(self._char(end)):
            found = self._unit_at(end)
            if found is None or (found[0].name == "项" and self._char(end + 1) == "目"):
                return self._emit("year", s, end, Decimal(year), high=high)  # "2022区委组织部…"
        return None

    def _ordinal_ar(self, s: int, e: int, token: str) -> int | None:
        at = self._before(s, "第")
        return None if at is None else self._ordinal(at, e, Decimal(token), require_suffix=False)

    def _ordinal(self, at: int, e: int, value: Decimal, require_suffix: bool) -> int | None:
        m = _ORDINAL_SUFFIX.match(self.norm, e)
        if m is None:
            return None if require_suffix else self._emit("ordinal", at, e, value)
        if m.group() == "号":
            return self._emit("doc_number", at, m.end(), value, unit="号")
        return self._emit("ordinal", at, m.end(), value, unit=m.group())

    def _section_ar(self, s: int, e: int, token: str) -> int | None:
        """List markers: 1、 (1) 2. 3) at a line start or after punctuation; "4.8人" at a line start."""
        nxt = self._char(e)
        if token.isdigit() and len(token) <= 2:
            value = Decimal(token)
            if self._char(s - 1) == "(" and nxt == ")" and s - 1 >= self.floor:
                return self._emit("section", s - 1, e + 1, value)
            if nxt == "、" and self._boundary(s):
                return self._emit("section", s, e + 1, value)
            if nxt in (".", ")") and not self._char(e + 1).isdigit():
                if self._line_start(s) or (nxt == "." and self._boundary(s)):
                    return self._emit("section", s, e + 1, value)
            return None
        head, dot, tail = token.partition(".")
        if dot and len(head) <= 2 and "," not in token and self._line_start(s) and self._split_item(tail, e):
            dot_at = s + len(head)
            self._emit("section", s, dot_at + 1, Decimal(head))
            return self._arabic(dot_at + 1, e, forced=True)
        return None

    def _split_item(self, tail: str, e: int) -> bool:
        """Is "N.tail…" list item N followed by a whole number ("4.8人", "5.2022年")?"""
        if len(tail) == 4 and tail[:2] in ("19", "20") and self._char(e) == "年":
            return True
        q = e + 1 if self._char(e) in ("余", "多") else e
        found = self._unit_at(q)
        return found is not None and found[0].discrete

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
        number = _Number(value, _chinese_places(run))
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

    def _fraction(self, s: int, e: int, run: str) -> int:
        """百分之九十五 → 95%; 千分之五 → 0.5%; 三分之一 is skipped."""
        a = _ATOM.match(self.norm, e + 2)
        if a is None or a.lastgroup == "mark":
            return e + 2
        if run not in ("百", "佰", "千", "仟"):
            return a.end()
        try:
            if a.lastgroup == "ar":
                number = _arabic_number(a.group())
            else:
                number = _Number(parse_chinese_numeral(a.group()), _chinese_places(a.group()))
        except ValueError:
            return a.end()
        per_mille = run in ("千", "仟")
        hedge, start = self._prefix_hedge(s)
        end = a.end()
        after = u.SUFFIX_HEDGE_RE.match(self.norm, end)
        if after:
            hedge, end = hedge or after.group(), after.end()
        value = number.value / 10 if per_mille else number.value
        unit = "千分之" if per_mille else "百分之"
        return self._emit("percent", start, end, value, number.value, unit, number.places, hedge)

    # ---- quantities ----------------------------------------------------------------------------------

    def _quantity(self, s: int, e: int, number: _Number, chinese: bool, run: str = "") -> int:
        """A number with its hedges, unit and range; the kind comes from the unit."""
        start, value = s, number.value
        if chinese and self._char(s - 1) in ("几", "数"):
            return e  # 几十个, 数十人: not an exact number
        suffix = self._suffix(e, chinese)
        if not chinese and self._char(s - 1) == "-" and s - 1 >= self.floor and self._sign_context(s - 2):
            if suffix.bare or suffix.unit is None or suffix.unit.kind in _SIGNED_KINDS:
                start, value = s - 1, -value  # 增长-3.5%
        currency = not chinese and self._char(start - 1) == "¥" and start - 1 >= self.floor
        if currency:
            start -= 1
        hedge, hedge_at = self._prefix_hedge(start)
        if hedge:
            start = hedge_at
        high = None
        rng = self._range(suffix if (suffix.unit or suffix.bare) else _Suffix(e), chinese, value)
        if rng is not None:
            high_number, suffix = rng
            high = high_number.value
        if suffix.hedge and not hedge:
            hedge = suffix.hedge
        unit = suffix.unit
        if unit is None and not suffix.bare:
            return self._unitless(start, suffix.end, value, number.places, hedge, high, chinese, currency)
        if unit is not None and unit.kind in ("date", "doc_number", "ordinal"):
            return self._calendar(s, value, number.places, suffix, hedge, high)
        if chinese and unit is not None and unit.kind == "score" and not self._score_follows(suffix.end):
            return e  # 十分重要
        if chinese and unit is not None and self._char(suffix.end) == "一" and run == "一":
            return e  # 一人一档
        return self._measured(start, value, number.places, suffix, hedge, high, run)

    def _range(self, first: _Suffix, chinese: bool, low: Decimal) -> tuple[_Number, _Suffix] | None:
        """ "90～100分", "60%-80%", "三至五人": the high end and the unit that closes the range."""
        if first.hedge:
            return None
        sep = _RANGE_SEP.match(self.norm, first.end)
        if sep is None:
            return None
        a = _ATOM.match(self.norm, sep.end())
        if a is None or a.lastgroup != ("cn" if chinese else "ar"):
            return None
        try:
            if chinese:
                high = _Number(parse_chinese_numeral(a.group()), _chinese_places(a.group()))
            else:
                if self._char(a.end()) in _ASCII_LETTERS:
                    return None
                high = _arabic_number(a.group())
        except ValueError:
            return None
        if high.value < low:
            return None
        second = self._suffix(a.end(), chinese)
        if first.unit is not None or first.bare:
            if (second.unit, second.multiplier, second.bare) != (first.unit, first.multiplier, first.bare):
                return None
        elif second.unit is None and not second.bare and (chinese or sep.group(1) == "-"):
            return None
        if second.unit is None and not second.bare:
            second = second._replace(end=a.end())
        return high, second

    def _unitless(
        self,
        start: int,
        e: int,
        value: Decimal,
        places: int,
        hedge: str | None,
        high: Decimal | None,
        chinese: bool,
        currency: bool,
    ) -> int:
        if currency:
            scale = u.UNITS["元"].factor
            end, hedge = self._suffix_hedge(e, hedge)
            return self._emit(
                "amount", start, end, _scaled(value, scale), value, "元", places, hedge, _scaled(high, scale)
            )
        if chinese:
            return e
        after = u.SUFFIX_HEDGE_RE.match(self.norm, e)
        if after:
            return self._emit(
                "plain", start, after.end(), value, value, None, places, hedge or after.group(), high
            )
        nxt = self._char(e)
        if _is_han(nxt) and nxt not in "、和与及或至到":
            return e  # part of a name: 12345热线, 110指挥中心
        if _LABEL_BEFORE.search(self.norm, max(0, start - 3), start):
            return e  # 附件1, 表2: a label
        return self._emit("plain", start, e, value, value, None, places, hedge, high)

    def _suffix_hedge(self, end: int, hedge: str | None, duration: bool = False) -> tuple[int, str | None]:
        m = u.SUFFIX_HEDGE_RE.match(self.norm, end)
        if m is None and duration:
            m = u.DURATION_SUFFIX_HEDGE_RE.match(self.norm, end)
        if m is None:
            return end, hedge
        return m.end(), hedge or m.group()

    def _sign_context(self, i: int) -> bool:
        """Can a "-" after position ``i`` be a minus sign (not a range dash after "80分" or "——")?"""
        ch = self._char(i)
        return ch not in _NOT_BEFORE_SIGN and not ch.isdigit()

    def _score_follows(self, end: int) -> bool:
        """A Chinese numeral + 分 is a score only before punctuation or a few particles (not 十分重要)."""
        nxt = self._char(end)
        return not _is_han(nxt) or nxt in "的以及左为，"

    def _measured(
        self,
        start: int,
        value: Decimal,
        places: int,
        suffix: _Suffix,
        hedge: str | None,
        high: Decimal | None,
        run: str,
    ) -> int:
        unit = suffix.unit
        if unit is None:  # bare 万/亿 after digits: money
            kind: Kind = "amount"
            name = suffix.multiplier
            scale = u.MULTIPLIERS[name] * u.UNITS["元"].factor
        else:
            kind, name = unit.kind, suffix.multiplier + unit.name
            scale = unit.factor * u.MULTIPLIERS.get(suffix.multiplier, u.ONE)
        raw = value
        if len(run) > 1 and run[-1] in CN_BIG_UNITS and kind in ("amount", "count") and name[0] not in "万亿":
            big = CN_BIG_UNITS[run[-1]]  # 三千万元 → 3000 万元, 三万人 → 3 万人
            raw, name = value / big, ("万" if big == 10**4 else "亿") + name
        if kind == "amount" and name not in _AMOUNT_UNITS:  # 3千万元 → 3000万元
            raw, places, name = _scaled(value, scale), max(0, places - scale.adjusted()), "万元"
        end, hedge = self._suffix_hedge(suffix.end, hedge, duration=kind == "duration")
        noun = self._noun(end) if kind == "count" else None
        return self._emit(
            kind, start, end, _scaled(value, scale), raw, name, places, hedge, _scaled(high, scale), noun
        )

    def _calendar(
        self,
        start: int,
        value: Decimal,
        places: int,
        suffix: _Suffix,
        hedge: str | None,
        high: Decimal | None,
    ) -> int:
        """Units whose meaning depends on the number: 月, 日, 号, 季度, 届, 周年."""
        unit = suffix.unit
        assert unit is not None
        end = suffix.end
        if unit.name == "日" and self.norm.startswith(("内", "以内"), end):
            return self._measured(start, value, places, suffix._replace(unit=u.DAYS), hedge, high, "")
        if places or suffix.multiplier or (hedge and unit.kind == "date"):
            return end
        if unit.kind == "ordinal":
            return self._emit("ordinal", start, end, value, unit=unit.name, high=high)
        if unit.name == "号":
            return self._emit("doc_number", start, end, value, unit="号")
        limit = {"月": 12, "日": 31, "季度": 4}[unit.name]
        if not 1 <= value <= limit or (high is not None and not value < high <= limit):
            return end
        packed, name = value, unit.name
        if name == "月" and high is None:
            day = _DAY_AR.match(self.norm, end) or _DAY_CN.match(self.norm, end)
            d = _day_number(day.group(1)) if day else 0
            if 1 <= d <= 31:
                packed, name, end = value * 100 + d, "日", day.end()
        if name == "月":
            tail = _MONTH_TAIL.match(self.norm, end)
            end = tail.end() if tail else end
        return self._emit("date", start, end, packed, unit=name, high=high)


def _day_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    try:
        return int(parse_chinese_numeral(text))
    except ValueError:
        return 0


@overload
def _scaled(value: Decimal, scale: Decimal) -> Decimal: ...
@overload
def _scaled(value: None, scale: Decimal) -> None: ...
def _scaled(value: Decimal | None, scale: Decimal) -> Decimal | None:
    """``value × scale`` without the trailing zeros the product picks up (0.2500 → 0.25)."""
    if value is None or scale == 1:
        return value
    product = value * scale
    # quantize fails past the context precision ("1…1亿元" with 30 digits): such a product stays normalized.
    if product == product.to_integral_value() and product.adjusted() < getcontext().prec:
        return product.quantize(u.ONE)
    return product.normalize()
