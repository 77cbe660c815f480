"""Figures one keystroke apart, for the nets that test a relation by the digits alone (net_products).

Why: a net reads raw figures, not sentences; whether a relation missed by one keystroke at a figure's written places
is the whole of its evidence, so the variants, the digits enough to carry it, and the written form of a value live
here, once.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Protocol

from assistant.numbers.keystroke import written_digits
from assistant.numbers.mentions import find_numbers
from assistant.numbers.model import NumberMention
from assistant.numbers.precision import round_to

from ..context import AuditContext
from ..findings import Finding

MIN_DIGITS = 3  # significant digits a slipped figure must carry
WHY = "仅差一位数字或相邻两位互换，疑为笔误"
WHY_RULE = "与文中所写比率按分值计算的结果不符"  # a score off its rate by more than a keystroke


class Written(Protocol):
    """A figure as the text writes it, where it stands (a ``NumberMention`` or a net's own figure)."""

    start: int
    end: int
    text: str


def shift(m: NumberMention, offset: int) -> NumberMention:
    """The mention placed in the whole text."""
    return replace(m, start=m.start + offset, end=m.end + offset)


_PER = (
    "每",
    "均",
    "标准",
)  # marks a standard written per unit before it (每亩120元, 人均89元, 补助标准1,540元)


def is_standard(text: str, m: NumberMention) -> bool:
    """An amount written per unit: 每亩120元, 人均89元, 补助标准1,540元, 120元/亩."""
    return any(p in text[max(0, m.start - 8) : m.start] for p in _PER) or text[m.end : m.end + 1] in "/／每"


def line_figures(text: str, spaced: bool) -> list[list[NumberMention]]:
    """The exact, unhedged claim figures of each line, placed in the whole text: the stuff every net windows over.
    ``spaced``: the document writes its thousands apart by a space (``Document.spaced``), one line may hold only one."""
    lines: list[list[NumberMention]] = []
    start = 0
    for line in text.split("\n"):
        lines.append(
            [
                shift(m, start)
                for m in find_numbers(line, spaced)
                if m.is_claim and not m.hedge and m.high is None
            ]
        )
        start += len(line) + 1
    return lines


def variants(value: Decimal, places: int, struck_from: int = MIN_DIGITS + 1) -> set[Decimal]:
    """Every figure one keystroke from ``value`` at ``places`` decimals: two different neighbours swapped (three
    significant digits at least), or one digit struck for another (``struck_from`` at least), neither the leading
    digit (a figure of another size) nor the last written one (rounding and truncation move it: 96.87 written 96.8
    or 96.9)."""
    digits = written_digits(value, places)
    significant = len(digits.rstrip("0"))
    scale = Decimal(1).scaleb(-max(places, 0))
    found: set[Decimal] = set()
    for i in range(len(digits) - 1):
        if significant >= MIN_DIGITS and digits[i] != digits[i + 1]:
            found.add(Decimal(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]) * scale)
        if significant >= struck_from and i > 0 and digits[i:].strip("0"):
            # not a zero of a figure's rounded tail (3,086,000 beside 3,086,400 is rounded, not retyped)
            found |= {
                Decimal(digits[:i] + d + digits[i + 1 :]) * scale for d in "0123456789" if d != digits[i]
            }
    return found


def enough(value: Decimal, places: int) -> bool:
    """Does a value the other figures give carry enough digits to be read as a slipped figure's truth?"""
    return len(written_digits(value, places).rstrip("0")) >= MIN_DIGITS


def factor(m: NumberMention) -> Decimal:
    """Canonical value per written unit (万元 per 元: 0.0001)."""
    return m.value / m.raw_value if m.raw_value else Decimal(1)


def makes(whole: NumberMention, value: Decimal) -> bool:
    """Does ``value`` (canonical) written in ``whole``'s unit at its places give ``whole`` as written?"""
    return round_to(value / factor(whole), max(whole.places, 0)) == whole.raw_value


def show(value: Decimal, like: NumberMention) -> str:
    """A value in ``like``'s unit at its places, with that unit."""
    places = max(like.places, 0)
    return f"{round_to(value, places):,.{places}f}{like.unit or ''}"


def finding(
    ctx: AuditContext, code: str, figure: Written, shown: str, formula: str, what: str = "", why: str = WHY
) -> Finding:
    """A net's warning: the arithmetic, the figure as written (``what`` it is: 总数, 余额…), and why one keystroke
    is the likely cause."""
    return ctx.relation_finding(
        code,
        f"{formula}，文中{what}写作 {figure.text}（{why}）",
        (figure.start, figure.end),
        expected=shown,
        found=figure.text,
        proven=False,
    )
