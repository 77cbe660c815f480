"""Number text to ``Decimal``: Chinese numerals (小写 and 大写) and Arabic numbers (千分位, full-width).

Only whole strings are parsed here. Finding numbers inside running text lives in ``mentions``; unit words in
``units``.
"""

from __future__ import annotations

import re
from decimal import Decimal

# One character to one character, so offsets in the translated text are offsets in the original.
NORMALIZE = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "．": ".",
        "％": "%",
        "﹪": "%",
        "－": "-",
        "—": "-",
        "–": "-",
        "―": "-",
        "−": "-",
        "～": "~",
        "〜": "~",
        "（": "(",
        "）": ")",
        "［": "[",
        "］": "]",
        "：": ":",
        "＋": "+",
        "／": "/",
        "＜": "<",
        "＞": ">",
        "＝": "=",
        "￥": "¥",
        "\u3000": " ",
        "\u00a0": " ",
    }
)
# A whole number string may also use the full-width comma as 千分位 separator.
_NORMALIZE_NUMBER = {**NORMALIZE, ord("，"): ","}


def ascii_number(text: str) -> str:
    """A whole number string in ASCII: full-width digits, point, signs, ％ and 千分位 comma (１，２００．５％).

    The one normalisation for number strings typed into cells and fields; running text goes through
    ``NORMALIZE`` alone, where the full-width comma separates clauses.
    """
    return text.translate(_NORMALIZE_NUMBER)


CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
CN_POINT = "点"
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
_TWO = ("两", "兩")
# Longest Chinese numeral read (integer part, 点 and fraction). The longest real amount,
# 九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九, has 31 characters; a longer run is not a number,
# and refusing it early keeps parsing (nested once per 亿/万) shallow and the scanner linear.
MAX_NUMERAL_LEN = 64

# Arabic number, optionally 千分位-grouped, optionally followed by Chinese multipliers ("1.2万", "3千万").
_ARABIC = re.compile(r"([+-]?)((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)([十百千万亿]*)")
_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}


def parse_chinese_numeral(text: str) -> Decimal:
    """Read a Chinese numeral: "十四" → 14, "壹佰贰拾" → 120, "三千零五" → 3005, "零点五" → 0.5."""
    s = text.strip()
    if len(s) > MAX_NUMERAL_LEN:
        raise ValueError(f"not a Chinese numeral (too long): {text[:20]!r}…")
    whole, point, fraction = s.partition(CN_POINT)
    if not whole:
        raise ValueError(f"not a Chinese numeral: {text!r}")
    value = _parse_integer(whole)
    if not point:
        return Decimal(value)
    if not fraction or any(ch not in CN_DIGITS or ch in _TWO for ch in fraction):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    return Decimal(f"{value}.{''.join(str(CN_DIGITS[ch]) for ch in fraction)}")


def parse_digitwise(text: str) -> int:
    """Read digits written one by one, as in years: "二〇二二" → 2022."""
    if not text or any(ch not in CN_DIGITS or ch in _TWO for ch in text):
        raise ValueError(f"not a digit-by-digit Chinese number: {text!r}")
    return int("".join(str(CN_DIGITS[ch]) for ch in text))


def parse_number(text: str) -> Decimal:
    """Read an Arabic ("1,234.56", "１２３．４", "1.2万") or Chinese ("一百一十五", "负三") number."""
    s = ascii_number(text.strip())
    match = _ARABIC.fullmatch(s)
    if match:
        sign, digits, multipliers = match.groups()
        value = Decimal(digits.replace(",", ""))
        for ch in multipliers:
            value *= _MULTIPLIERS[ch]
        return -value if sign == "-" else value
    negative = s.startswith("负")
    try:
        value = parse_chinese_numeral(s[1:] if negative else s)
    except ValueError:
        raise ValueError(f"not a number: {text!r}") from None
    return -value if negative else value


def _parse_integer(s: str) -> int:
    """Integer part of a Chinese numeral; splits at the last 亿, then at the last 万."""
    for chars, magnitude in (("亿億", 10**8), ("万萬", 10**4)):
        at = max(s.rfind(chars[0]), s.rfind(chars[1]))
        if at < 0:
            continue
        head, tail = s[:at], s[at + 1 :]
        if not head:
            if tail:  # "万一" is a word, not ten thousand and one
                raise ValueError(f"not a Chinese numeral: {s!r}")
            return magnitude
        return _parse_integer(head) * magnitude + _parse_tail(tail, magnitude)
    return _parse_section(s)


def _parse_tail(tail: str, magnitude: int) -> int:
    """What follows a 万/亿: "零五" → 5, "二" (colloquial "一万二") → 2000, "二千" → 2000."""
    if not tail:
        return 0
    if tail[0] in "零〇○":
        rest = tail.lstrip("零〇○")
        value = _parse_integer(rest) if rest else _fail(tail)
    elif len(tail) == 1 and tail in CN_DIGITS:
        value = CN_DIGITS[tail] * magnitude // 10
    else:
        value = _parse_integer(tail)
    if value >= magnitude:
        raise ValueError(f"not a Chinese numeral: {tail!r}")
    return value


def _parse_section(s: str) -> int:
    """A numeral below 万: digits, 十/百/千 and 零 gaps; "三百五" means 350."""
    total = 0
    digit: int | None = None
    last_unit = 10**4
    gap = False
    for ch in s:
        if ch in CN_DIGITS:
            d = CN_DIGITS[ch]
            if digit is not None or (d == 0 and gap):
                _fail(s)
            if d == 0:
                gap = True
            else:
                digit = d
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if unit >= last_unit:
                _fail(s)
            if digit is None:
                if total or gap:  # "一百十", "零十"
                    _fail(s)
                digit = 1  # leading "十四", bare "百"
            total += digit * unit
            digit, last_unit, gap = None, unit, False
        else:
            _fail(s)
    if digit is not None:
        if s[-1] in _TWO and len(s) > 1:  # 两 is never a final digit ("二十两")
            _fail(s)
        total += digit if gap or last_unit in (10, 10**4) else digit * (last_unit // 10)
    elif gap and total:  # trailing 零: "一百零"
        _fail(s)
    return total


def _fail(s: str) -> int:
    raise ValueError(f"not a Chinese numeral: {s!r}")
