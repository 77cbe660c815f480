"""The fixed frames of a number (part of ``find_numbers``' scan): dates (2023-03-15, 2022年12月31日), times,
document numbers (财预〔2020〕10号), years (2022年度, 2022-2023年), ordinals (第八届) and list markers (1、 (1) 2.), and the
calendar units whose meaning depends on the number (3月, 15日, 二季度).
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.numbers import units as u
from assistant.numbers.numerals import CN_NUMERAL_CHARS, parse_chinese_numeral
from assistant.numbers.scan import Reading, Scanner, is_han

_DATE_FULL = re.compile(r"((?:19|20|21)[0-9]{2})([-./])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])")
_DATE_YM = re.compile(r"((?:19|20|21)[0-9]{2})([-/])([0-9]{1,2})(?![0-9.])")
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})(?![0-9])")
_YMD = re.compile(r"年 ?([0-9]{1,2}) ?月(?:份)?(?: ?([0-9]{1,2}) ?[日号])?")
_YEAR_RANGE = re.compile(r" ?[-~至到] ?((?:19|20|21)[0-9]{2})(?![0-9])")
_YEAR_UNIT = re.compile(r"年度|年|届|级")
_DOC_TAIL = re.compile(r" ?第? ?([0-9]+) ?号")
_DAY_AR = re.compile(r" ?([0-9]{1,2}) ?[日号]")
_DAY_CN = re.compile(rf"([{CN_NUMERAL_CHARS}]+)[日号]")
_MONTH_TAIL = re.compile(r"份|底|末|初|中旬|上旬|下旬")
_ORDINAL_SUFFIX = re.compile(
    "部分|阶段|季度|批次|学期|年级|等奖|标段|梯队|年度|名次|届|名|批|期|次|个|项|章|节|条|款|轮|年|月|天|周|位|号|类|档|层|组|片|包|集|版|卷|册|页|稿|等|级|家"
)
_DOC_BRACKETS = frozenset({"〔〕", "[]", "【】", "()"})


class FrameReader(Scanner):
    """Reads the numbers a fixed frame around them classifies (a date, a year, a document number, an ordinal)."""

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
        if 1990 <= year and is_han(self._char(end)):
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

    def _calendar(self, reading: Reading) -> int:
        """Units whose meaning depends on the number: 月, 日, 号, 季度, 届, 周年."""
        start, value, places, suffix, hedge, high = reading
        unit = suffix.unit
        assert unit is not None
        end = suffix.end
        if unit.name == "日" and self.norm.startswith(("内", "以内"), end):
            return self._measured(reading._replace(suffix=suffix._replace(unit=u.DAYS)), "")
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
