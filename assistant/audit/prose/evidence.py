"""How a text check shows its evidence: the span a finding covers, the quote, numbers in the writer's unit.

A relation among statements in one sentence is located on the stretch from its first to its last number; one
spread over several sentences on its main statement, with the other sentences named in the message.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.numbers.precision import round_to
from assistant.numbers.units import count_factor

from ..context import in_written_unit
from .interval import Interval
from .model import Statement

_DISPLAY_PLACES = {"percent": 2, "score": 2, "count": 0}


def span_of(main: Statement, *others: Statement) -> tuple[int, int]:
    """From the first to the last number when all sit in the main statement's sentence, else the main one."""
    together = [main, *(o for o in others if o.sentence is main.sentence)]
    return min(s.span[0] for s in together), max(s.span[1] for s in together)


def quote_of(doc_text: str, main: Statement) -> str:
    if main.sentence is not None:
        return main.sentence.text
    start, end = main.span
    return doc_text[max(0, start - 30) : end + 30]


def show_value(value: Decimal, like: Statement, places: int | None = None, unit: str | None = None) -> str:
    """A canonical value written as ``like`` is written: its unit (or ``unit``, another money unit the message
    names: "1,046.35万元÷6,428人次＝1,627.8元" of a "1,627.80万元"), its decimals (at least two for rates), its
    thousands separators when it has them ("133,556,545元" beside "135,806,545.00元")."""
    grouped = "," in like.text  # a figure's own text holds a comma only between its thousands
    if like.kind == "amount":
        unit = unit or {"万": "万元", "亿": "亿元", None: "万元"}.get(like.unit, like.unit) or "万元"
        shown = in_written_unit(value, unit)
        p = like.places if places is None else places
        return f"{_trim(round_to(shown, max(p, 2)), grouped, _kept(like))}{unit}"
    p = max(like.places, _DISPLAY_PLACES.get(like.kind, 2)) if places is None else places
    suffix = {"percent": "%", "score": "分"}.get(like.kind, like.unit or "")
    if like.kind == "count":
        value = value / count_factor(like.unit)  # "10.02万亩" is read as 100200 亩: shown back in 万亩
    return f"{_trim(round_to(value, p), grouped, _kept(like))}{suffix}"


def show_written(figure: Statement, unit: str) -> str:
    """A figure's own digits read in another unit, the one a slip of 元 for 万元 suggests, shown as it is written:
    "1,046.50元" read in 万元 is "1,046.5万元"."""
    return f"{_trim(figure.raw, ',' in figure.text)}{unit}"


def show_interval(interval: Interval, like: Statement) -> str:
    """The value a computation gives, or its range when the inputs' rounding leaves it wide."""
    low, high = show_value(interval.lo, like), show_value(interval.hi, like)
    return low if low == high else f"{show_value(interval.mid, like)}（{low}～{high}）"


def _kept(like: Statement) -> int:
    """Decimals a shown value keeps: the two of a text that writes money and rates to the cent, else none."""
    return 2 if like.places >= 2 else 0


def _trim(value: Decimal, grouped: bool = False, keep: int = 0) -> str:
    """Trailing zeros dropped, but never below ``keep`` decimals: "30,368.80万元" beside a text writing two
    decimals, "30,368.8万元" beside one writing none."""
    text = format(value, ",f" if grouped else "f")
    if "." not in text:
        return text
    whole, decimals = text.split(".")
    decimals = decimals.rstrip("0")
    decimals += "0" * (min(keep, len(text.split(".")[1])) - len(decimals))
    return f"{whole}.{decimals}" if decimals else whole
