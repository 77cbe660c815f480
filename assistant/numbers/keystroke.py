"""Two figures one keystroke apart, as a hand that retypes a figure slips: one digit struck for another
(2,386.42 for 2,376.42) or two neighbours swapped (1206 for 1260).

Why: when a stated figure misses the value the text's other figures give by exactly such a slip, the miss is a typing
slip far more often than two true quantities that happen to differ; when the figures carry enough digits of their
own, two unrelated amounts rarely come that close. The checks read it as evidence that two figures were meant to be
one, never as proof (their findings stay warnings).
"""

from __future__ import annotations

from decimal import Decimal


def written_digits(value: Decimal, places: int) -> str:
    """The digits of ``value`` at ``places`` decimals, no sign, point or leading zeros: 1,500.00 → "150000"."""
    return format(abs(value), f".{max(places, 0)}f").replace(".", "").lstrip("0")


def transposed(a: str, b: str, min_digits: int = 3, neighbours: bool = True) -> bool:
    """Do digit strings ``a`` and ``b`` differ only by two different neighbouring digits swapped ("3862"/"3826")?
    ``neighbours`` False: any two digits swapped ("186748"/"176848")."""
    if len(a) != len(b) or len(a) < min_digits or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(diff) == 2
        and (diff[1] == diff[0] + 1 or not neighbours)
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def one_keystroke(stated: Decimal, other: Decimal, places: int, min_digits: int = 4) -> bool:
    """Is ``other`` one keystroke from ``stated`` when both are written at ``places`` decimals: one digit other
    than the leading one struck for another, or two neighbours swapped?

    ``min_digits``: the significant digits (trailing zeros not counted) each must carry; round figures
    (300.00 and 900.00, 1,200 and 1,240) differ in one digit by plain arithmetic, not by a slip.
    """
    a, b = written_digits(stated, places), written_digits(other, places)
    if len(a) != len(b) or a == b or min(len(a.rstrip("0")), len(b.rstrip("0"))) < min_digits:
        return False
    if transposed(a, b, min_digits):
        return True
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 1 and diff[0] > 0


def round_gap(stated: Decimal, other: Decimal, places: int, min_digits: int = 4) -> bool:
    """Do ``stated`` and ``other`` differ by one digit's worth above the last written place (10.00, 60, 0.3 at two
    places): an addition slipped by a carry (1,802.60 for 1,792.60) rather than a digit struck?"""
    a, b = written_digits(stated, places), written_digits(other, places)
    if len(a) != len(b) or min(len(a.rstrip("0")), len(b.rstrip("0"))) < min_digits:
        return False
    gap = written_digits(abs(stated - other), places)
    return 2 <= len(gap) < len(a) and gap.rstrip("0") in set("123456789")


def one_slip(stated: Decimal, other: Decimal, places: int) -> bool:
    """Could ``stated`` be ``other`` mistyped or mis-added: one keystroke away, or a carry's digit off?"""
    return one_keystroke(stated, other, places) or round_gap(stated, other, places)


def one_hand_slip(stated: Decimal, other: Decimal, places: int) -> bool:
    """Could a hand have written ``stated`` for ``other`` in one slip, at the figures' own scale? A digit struck or
    two neighbours swapped (from two significant digits up), a carry's digit off, two digits swapped or a digit
    dropped or doubled (from three significant digits up), the point or the unit shifted (×10ⁿ), or a count off by
    one.

    Wider than ``one_slip`` on purpose: it is asked the other way round, whether a miss is *explained* by a slip,
    so that a miss no slip explains can be doubted.
    """
    if stated == other:
        return False
    if places == 0 and abs(stated - other) == 1:
        return True
    if one_keystroke(stated, other, places, 2) or round_gap(stated, other, places, 2):
        return True
    a, b = written_digits(stated, places), written_digits(other, places)
    # the digits that carry a figure: a round one's trailing zeros (12000 for 1000) prove no slip
    if min(len(a.rstrip("0")), len(b.rstrip("0"))) < 3:
        return _shifted(stated, other)
    if transposed(a, b, neighbours=False):
        return True
    short, long = sorted((a, b), key=len)
    if len(long) == len(short) + 1:
        return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
    return _shifted(stated, other)


def _shifted(a: Decimal, b: Decimal) -> bool:
    """Is one a power of ten times the other (1,867.48 for 186.748, 元 for 万元), each with two digits of its own?"""
    small, large = sorted((abs(a), abs(b)))
    if small == 0 or len(str(small.normalize()).replace(".", "").strip("0")) < 2:
        return False
    ratio = large / small
    return ratio == ratio.to_integral_value() and str(int(ratio)).rstrip("0") == "1"
