"""The figures the sums net reads (amounts and counts written as plain claims) and the runs of them beside a figure:
shared by the sums (net_sums) and the remainders (net_remainders), which read the same figures the same way.

Why one place: both ask the arithmetic of the same figures, and what one confirms (a whole a run makes exactly, and
its parts) the other must not flag.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, replace
from decimal import Decimal

from assistant.numbers import amount_factor, find_numbers, writes_spaced_thousands
from assistant.numbers.keystroke import one_keystroke
from assistant.numbers.model import NumberMention
from assistant.numbers.precision import round_to

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..headings import heading_of
from .net_figures import finding

_CUES = cues(__name__)
_LONGEST_RUN = 12  # parts of one list: a dozen towns or projects, not any stretch of a report
_LINE_SPAN = 14  # a run and its whole stand within this many lines (a list written one item a line)
MIN_DIGITS = 4  # significant digits the stated figure and the value must each carry
TEXT: ContextVar[str] = ContextVar("net_sums_text", default="")  # the text the figures' spans point into


@dataclass(frozen=True)
class Fig:
    """One figure of the text: its span in the text, the value in its written unit and canonical, its family."""

    start: int
    end: int
    text: str
    raw: Decimal
    value: Decimal
    places: int
    family: tuple[str, str | None]
    line: int
    factor: Decimal
    unit: str


def figures(text: str) -> list[Fig]:
    """Amounts and counts of the text written as plain claims, in reading order, with their line."""
    figs: list[Fig] = []
    offset = 0
    spaced = writes_spaced_thousands(text)
    for number, line in enumerate(text.split("\n")):
        for m in find_numbers(line, spaced):
            family = _family(m)
            if family is None or m.hedge or m.high is not None or not m.is_claim or m.value <= 0:
                continue
            if _CUES.not_a_figure.search(line[max(0, m.start - 2) : m.start]) or _CUES.per_unit.search(
                line[max(0, m.start - 12) : m.start]
            ):
                continue
            factor = amount_factor(m.unit) if m.kind == "amount" else Decimal(1)
            figs.append(
                Fig(
                    offset + m.start,
                    offset + m.end,
                    m.text,
                    m.raw_value,
                    m.value,
                    max(m.places, 0),
                    family,
                    number,
                    factor,
                    m.unit or "",
                )
            )
        offset += len(line) + 1
    return figs


def _family(m: NumberMention) -> tuple[str, str | None] | None:
    """Figures that may add up: amounts (any money unit, compared in 万元) and counts of one unit. Scores stay out:
    a total near 100 beside round weights (30分, 10分) misses some run of them by one digit by plain chance."""
    if m.kind == "amount":
        return ("amount", None)
    if m.kind == "count" and m.unit:
        return ("count", m.unit)
    return None


def written_as(value: Decimal, like: Fig) -> Decimal:
    """A canonical value written in ``like``'s unit at its decimals."""
    return round_to(value / like.factor, like.places)


def slip(stated: Fig, value: Decimal) -> bool:
    return one_keystroke(stated.raw, written_as(value, stated), stated.places, MIN_DIGITS)


def closed_figures(seq: list[Fig], runs: list[list[tuple[Fig, ...]]]) -> set[Fig]:
    """Figures the text's own arithmetic confirms as written: a whole a run beside it makes exactly, and the parts
    of that run. A figure one keystroke off them elsewhere misses by chance of the digits."""
    closed: set[Fig] = set()
    for whole, around in zip(seq, runs, strict=True):
        for run in around:
            if written_as(sum(p.value for p in run), whole) == whole.raw:
                closed.add(whole)
                closed.update(run)
    return closed


def adjacent_runs(
    text: str, lines: list[str], seq: list[Fig], i: int, skip: int = 0
) -> list[tuple[Fig, ...]]:
    """Runs of 2 to _LONGEST_RUN consecutive figures right after and right before ``seq[i]``, each smaller than it
    (not a standard: at least a thousandth of it), of one written unit, within _LINE_SPAN lines of it with no line between two of them that writes none (a
    heading starts another matter), and ending
    where a sentence or line ends (a list is taken whole, not any stretch of its first figures). ``skip``: the
    figures right after it to pass over (a first list of its parts), then the runs after them only."""
    whole = seq[i]
    runs: list[tuple[Fig, ...]] = []
    for step in (1, -1) if not skip else (1,):
        run: list[Fig] = []
        j = i + step + skip
        while 0 <= j < len(seq) and len(run) < _LONGEST_RUN:
            nxt = seq[j + step] if 0 <= j + step < len(seq) else None
            f = _in_list_unit(text, seq[j], whole, run or ([nxt] if nxt else []))
            if (
                f.value >= whole.value
                or f.value * 1000 < whole.value
                or abs(f.line - whole.line) > _LINE_SPAN
                or _apart(lines, f, run[-1] if run else seq[j - step])
                or (run and f.factor != run[0].factor)
            ):
                break
            run.append(f)
            beyond = seq[j + step] if 0 <= j + step < len(seq) else None
            if len(run) >= 2 and (beyond is None or _ends(text, f, beyond)):
                runs.append(tuple(run) if step == 1 else tuple(reversed(run)))
            j += step
    return runs


def _in_list_unit(text: str, f: Fig, whole: Fig, others: list[Fig]) -> Fig:
    """A money part written in a smaller unit than its whole and the list's other parts (1709.98元 after 1650万元
    and 1996.5万元, whole 5353.48万元), read in theirs when only that reading makes it a part of the whole's size:
    the unit is the slip (UNIT_SUSPECT says so), and the sum must still tell the list's figures. So read only a
    figure of its neighbouring part's size (within ten times), and no standard (7.5元/亩, 每亩2.5元). ``others``:
    the run so far, or the figure beyond when the run starts with this one."""
    if (
        not others
        or f.family[0] != "amount"
        or f.factor >= whole.factor
        or any(p.factor != whole.factor for p in others)
        or f.value * 1000 >= whole.value
    ):
        return f
    value = f.raw * whole.factor
    near = others[-1].value
    if value >= whole.value or not near / 10 <= value <= near * 10 or _per_unit(text, f):
        return f
    return replace(f, value=value, factor=whole.factor, unit=whole.unit, text=f"{f.text}（按{whole.unit}读）")


def _per_unit(text: str, f: Fig) -> bool:
    """Is the figure a standard per unit (7.5元/亩, 每亩7.5元, 人均300元)?"""
    return text[f.end : f.end + 1] in ("/", "／") or bool(
        _CUES.standard_before.search(text[max(0, f.start - 4) : f.start])
    )


def _apart(lines: list[str], a: Fig, b: Fig) -> bool:
    """Does a line that is not blank stand between figures ``a`` and ``b`` and write no figure of theirs (a heading
    that starts another matter)? A sub-heading of the level the earlier figure stands under (（二）市级… then
    （三）县级…), or the first sub-heading of a new list (（一）… right under its whole), carries the list on."""
    lo, hi = sorted((a.line, b.line))
    between = [n for n in range(lo + 1, hi) if lines[n].strip()]
    if not between:
        return False
    level = _level_over(lines, lo)
    for n in between:
        heading = heading_of(lines[n])
        if heading is None or heading[0] < 2:
            return True
        if heading[0] != level and not _CUES.first_marker.match(heading[1]):
            return True
    return False


def _marked(line: str) -> tuple[int, str] | None:
    """A line opened by an outline mark of level 2 or 3, heading or run-in paragraph."""
    for level, mark in ((2, _CUES.mark2), (3, _CUES.mark3)):
        if mark.match(line):
            return level, line.strip()
    return None


def _level_over(lines: list[str], line: int) -> int | None:
    """The level of the nearest heading at or above ``line`` (a line that opens with an outline mark counts)."""
    for n in range(line, max(-1, line - _LINE_SPAN), -1):
        heading = heading_of(lines[n]) or _marked(lines[n])
        if heading is not None:
            return heading[0]
    return None


def _ends(text: str, a: Fig, b: Fig) -> bool:
    """Does a sentence or line end between figures ``a`` and ``b`` (in either order)?"""
    lo, hi = (a, b) if a.start < b.start else (b, a)
    return bool(_CUES.list_end.search(text[lo.end : hi.start]))


def left_over(part: Fig) -> bool:
    """Is the part written as what is left (余款/结余… before it, or 尚有…未到位 with the words after it): paid and
    left then make the whole."""
    text = TEXT.get()
    return bool(
        _CUES.rest.search(text[max(0, part.start - 8) : part.start])
        or _CUES.rest_after.match(text[part.end : part.end + 6])
    )


def show(value: Decimal, like: Fig) -> str:
    written = written_as(value, like)
    return f"{written:,.{like.places}f}"


def net_finding(
    ctx: AuditContext, code: str, stated: Fig, value: Decimal, formula: str, what: str
) -> Finding:
    return finding(ctx, code, stated, show(value, stated), formula, what)


def item_line(line: str) -> bool:
    """Is the line an item of a list written one a line (1.…)?"""
    return bool(_CUES.mark3.match(line))
