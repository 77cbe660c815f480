"""Quantities (part of ``find_numbers``' scan): a number with its hedges, unit and range ("约57万元", "90～100分",
"三至五人", "增长-3.5%"), a fraction (百分之九十五), and a bare number; the kind comes from the unit.
"""

from __future__ import annotations

import re
from decimal import Decimal, getcontext
from typing import overload

from assistant.numbers import units as u
from assistant.numbers.model import Kind
from assistant.numbers.numerals import CN_BIG_UNITS, parse_chinese_numeral
from assistant.numbers.scan import (
    ASCII_LETTERS,
    ATOM,
    Number,
    Reading,
    Scanner,
    Suffix,
    arabic_number,
    chinese_places,
    is_han,
)

# A "-" right after a number, a unit or another dash is a range dash, not a minus sign.
_NOT_BEFORE_SIGN = frozenset("%-~") | frozenset(word[-1] for word in u.UNITS) | frozenset("十百千万亿")
_SIGNED_KINDS = frozenset({"amount", "percent", "percentage_point", "score", "plain"})
_LABEL_BEFORE = re.compile(r"(?:附件|附表|附图|附录|(?<![代发])表|图) ?$")
_RANGE_SEP = re.compile(r" ?([-~至到]) ?")
_AMOUNT_UNITS = frozenset({"元", "万元", "亿元", "千元", "万", "亿"})


class QuantityReader(Scanner):
    """Reads a number as a quantity: its hedges, unit and range, or a fraction."""

    def _fraction(self, s: int, e: int, run: str) -> int:
        """百分之九十五 → 95%; 千分之五 → 0.5%; 三分之一 is skipped."""
        a = ATOM.match(self.norm, e + 2)
        if a is None or a.lastgroup == "mark":
            return e + 2
        if run not in ("百", "佰", "千", "仟"):
            return a.end()
        try:
            if a.lastgroup == "ar":
                number = arabic_number(a.group())
            else:
                number = Number(parse_chinese_numeral(a.group()), chinese_places(a.group()))
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

    def _quantity(self, s: int, e: int, number: Number, chinese: bool, run: str = "") -> int:
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
        rng = self._range(suffix if (suffix.unit or suffix.bare) else Suffix(e), chinese, value)
        if rng is not None:
            high_number, suffix = rng
            high = high_number.value
        if suffix.hedge and not hedge:
            hedge = suffix.hedge
        unit = suffix.unit
        if unit is None and not suffix.bare:
            return self._unitless(start, suffix.end, value, number.places, hedge, high, chinese, currency)
        if unit is not None and unit.kind in ("date", "doc_number", "ordinal"):
            return self._calendar(Reading(s, value, number.places, suffix, hedge, high))
        if chinese and unit is not None and unit.kind == "score" and not self._score_follows(suffix.end):
            return e  # 十分重要
        if chinese and unit is not None and self._char(suffix.end) == "一" and run == "一":
            return e  # 一人一档
        return self._measured(Reading(start, value, number.places, suffix, hedge, high), run)

    def _range(self, first: Suffix, chinese: bool, low: Decimal) -> tuple[Number, Suffix] | None:
        """ "90～100分", "60%-80%", "三至五人": the high end and the unit that closes the range."""
        if first.hedge:
            return None
        sep = _RANGE_SEP.match(self.norm, first.end)
        if sep is None:
            return None
        a = ATOM.match(self.norm, sep.end())
        if a is None or a.lastgroup != ("cn" if chinese else "ar"):
            return None
        try:
            if chinese:
                high = Number(parse_chinese_numeral(a.group()), chinese_places(a.group()))
            else:
                if self._char(a.end()) in ASCII_LETTERS:
                    return None
                high = arabic_number(a.group())
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
        if is_han(nxt) and nxt not in "、和与及或至到":
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
        return not is_han(nxt) or nxt in "的以及左为，"

    def _measured(self, reading: Reading, run: str) -> int:
        """A number with its unit (or a bare 万/亿: money), emitted in the unit's canonical scale."""
        start, value, places, suffix, hedge, high = reading
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
