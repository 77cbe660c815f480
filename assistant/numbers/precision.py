"""Does a written number agree with the true value, at the precision it was written and with its hedge?

"86%" agrees with 86.20%, "30" with 29.9953, "约57万元" with 57.04; "超过90%" needs more than 90.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_AT_LEAST = (
    "超过",
    "超出",
    "逾",
    "以上",
    "不少于",
    "不低于",
    "至少",
    "多",
    "余",
    "高于",
    "大于",
    "突破",
    "多于",
    "≥",
    "≧",
    ">",
    "＞",
)
_AT_MOST = ("不足", "不到", "以下", "低于", "少于", "小于", "以内", "不超过", "≤", "≦", "<", "＜")
_ABOUT = ("约", "左右", "近", "将近", "接近", "大约", "大概")


def hedge_kind(hedge: str | None) -> str | None:
    """ "at_least" (超过, 以上…), "at_most" (不足, 以内…), "about" (约, 近…) or None for an exact number."""
    if not hedge:
        return None
    if any(word in hedge for word in _AT_LEAST):
        return "at_least"
    if any(word in hedge for word in _AT_MOST):
        return "at_most"
    if any(word in hedge for word in _ABOUT):
        return "about"
    return None


def round_to(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def agrees(
    written: Decimal, places: int, truth: Decimal, hedge: str | None = None, high: Decimal | None = None
) -> bool:
    """True when ``written`` (with ``places`` decimals, an optional hedge or range) is a fair statement of ``truth``."""
    if high is not None:
        return written <= round_to(truth, places) <= high
    if hedge:
        if any(word in hedge for word in _AT_LEAST):
            return truth >= written or round_to(truth, places) >= written
        if any(word in hedge for word in _AT_MOST):
            return truth <= written or round_to(truth, places) <= written
        if any(word in hedge for word in _ABOUT):
            tolerance = max(Decimal(1).scaleb(-places), abs(written) * Decimal("0.05"))
            return abs(truth - written) <= tolerance
    return truth == written or round_to(truth, places) == written


def shown(value: Decimal, places: int) -> str:
    """The true value at the precision the writer used (for messages)."""
    return format(round_to(value, places), "f")
