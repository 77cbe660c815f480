"""TOTAL_MISMATCH and REMAINDER_MISMATCH read from the raw figures, whatever the wording: a whole and the run of
figures beside it that should make it, a remainder and the two figures that should leave it, where the miss has the
signature of a typing slip.

Why: the readers of wholes and parts take the lists they know the words of (其中/分别为/合计…); a list in other
words, in lines, or with no marker at all reaches no check, and its slip (a digit struck, two neighbours swapped)
goes unseen. This net reads every amount and count of the text and asks only the arithmetic: a whole standing right
before or after a run of consecutive figures of its kind and unit family (the run ending where a sentence or line
ends) that it misses by exactly one keystroke (``numbers.keystroke``), while no adjacent run makes it exactly, was
almost always retyped wrong; so is one part of the run that what the whole and the other parts leave shows with two
neighbouring digits swapped; and a remainder (结余/剩余/未到位…) one keystroke from the largest figure before it less
another. The tie rests on the digits alone: always a warning (verdict "uncertain").
Bad: 东湖街道318.45万元，西城街道276.30万元，南苑街道194.85万元，三个街道合计798.60万元 (789.60); 年度预算1,372.80
万元，实际支出1,158.45万元，年末结余241.35万元 (214.35).
Good: the same figures adding up; a partial list beside a whole it misses by much; round figures (1,210 beside
800 + 300 + 100); a gap the window writes (另有上年结转100.00万元); the run's sum written beside it as another figure;
a whole that another run beside it makes exactly (its parts are confirmed as written).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from assistant.numbers import amount_factor, find_numbers
from assistant.numbers.keystroke import one_keystroke, transposed, written_digits
from assistant.numbers.model import NumberMention
from assistant.numbers.precision import round_to

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..headings import heading_of
from ..prose.table_columns import column_totals
from ..registry import check_unit

_CUES = cues(__name__)
_LONGEST_RUN = 12  # parts of one list: a dozen towns or projects, not any stretch of a report
_LINE_SPAN = 14  # a run and its whole stand within this many lines (a list written one item a line)
_MIN_DIGITS = 4  # significant digits the stated figure and the value must each carry
_REST_REACH = 3  # lines before the remainder's own where the two figures leaving it may stand
_TEXT: ContextVar[str] = ContextVar("net_sums_text", default="")  # the text the figures' spans point into
_WHY = "仅差一位数字或相邻两位互换，疑为笔误"


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


@check_unit(also=("TOTAL_MISMATCH", "REMAINDER_MISMATCH"), basis="text", net=True)
def check(ctx: AuditContext) -> Iterator[Finding]:
    _TEXT.set(ctx.doc.text)
    figs = _figures(ctx.doc.text)
    seen: set[tuple[int, int]] = set()
    for finding in (*_runs(ctx, figs), *_remainders(ctx, figs), *_columns(ctx)):
        if finding.span not in seen:
            seen.add(finding.span)  # type: ignore[arg-type]
            yield finding


def _figures(text: str) -> list[Fig]:
    """Amounts and counts of the text written as plain claims, in reading order, with their line."""
    figs: list[Fig] = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        for m in find_numbers(line):
            family = _family(m)
            if family is None or m.hedge or m.high is not None or not m.is_claim or m.value <= 0:
                continue
            if _CUES.not_a_figure.search(line[max(0, m.start - 2) : m.start]):
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


def _written(value: Decimal, like: Fig) -> Decimal:
    """A canonical value written in ``like``'s unit at its decimals."""
    return round_to(value / like.factor, like.places)


def _slip(stated: Fig, value: Decimal) -> bool:
    return one_keystroke(stated.raw, _written(value, stated), stated.places, _MIN_DIGITS)


def _runs(ctx: AuditContext, figs: list[Fig]) -> Iterator[Finding]:
    """Each figure against the runs of consecutive figures of its family right after it and right before it."""
    by_family: dict[tuple[str, str | None], list[Fig]] = {}
    for f in figs:
        by_family.setdefault(f.family, []).append(f)
    lines = ctx.doc.text.split("\n")
    for seq in by_family.values():
        runs = [_adjacent_runs(ctx.doc.text, lines, seq, i) for i in range(len(seq))]
        closed = _closed(seq, runs)
        for i, (whole, around) in enumerate(zip(seq, runs, strict=True)):
            if around and whole not in closed:
                yield from _whole_or_part(ctx, whole, around, closed, seq)
            elif whole in closed:
                yield from _second_list(ctx, lines, seq, i, around, closed)


def _second_list(
    ctx: AuditContext,
    lines: list[str],
    seq: list[Fig],
    i: int,
    around: list[tuple[Fig, ...]],
    closed: set[Fig],
) -> Iterator[Finding]:
    """A whole its first list after it makes exactly (by source: 中央…、省级…), split again in the list that
    follows (by project, one a line): one part of that second list with two neighbouring digits swapped is the
    slip, the whole being confirmed."""
    whole = seq[i]
    exact = [
        r
        for r in around
        if r[0].start > whole.start and _written(sum(p.value for p in r), whole) == whole.raw
    ]
    if not exact:
        return
    skip = len(exact[0])
    after = [r for r in _adjacent_runs(ctx.doc.text, lines, seq, i, skip) if r[0].start > whole.start]
    yield from _whole_or_part(ctx, whole, after, closed, seq, parts_only=True)


def _closed(seq: list[Fig], runs: list[list[tuple[Fig, ...]]]) -> set[Fig]:
    """Figures the text's own arithmetic confirms as written: a whole a run beside it makes exactly, and the parts
    of that run. A figure one keystroke off them elsewhere misses by chance of the digits."""
    closed: set[Fig] = set()
    for whole, around in zip(seq, runs, strict=True):
        for run in around:
            if _written(sum(p.value for p in run), whole) == whole.raw:
                closed.add(whole)
                closed.update(run)
    return closed


def _adjacent_runs(
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
            f = seq[j]
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


def _whole_or_part(
    ctx: AuditContext,
    whole: Fig,
    runs: Sequence[tuple[Fig, ...]],
    closed: set[Fig],
    seq: list[Fig],
    parts_only: bool = False,
) -> Iterator[Finding]:
    """The first run the whole misses by one keystroke (flag the whole), else the first whose one part misses
    what the whole and the others leave by two neighbouring digits swapped (flag the part: a part struck by one
    digit is as often the whole's different reach)."""
    for run in () if parts_only else runs:
        total = sum(p.value for p in run)
        if _slip(whole, total) and not _explained(whole, total, run, seq):
            listed = "+".join(p.text for p in run)
            yield _finding(ctx, "TOTAL_MISMATCH", whole, total, f"{listed} = {_show(total, whole)}", "总数")
            return
    for run in runs:
        total = sum(p.value for p in run)
        parts = [p for p in run if p not in closed and _swapped(p, p.value + whole.value - total)]
        if (
            parts_only
        ):  # a second list: any part, however few its digits, that the swap would fit makes it open
            fits = [p for p in run if _swapped(p, p.value + whole.value - total, 3)]
            parts = [p for p in fits if _swapped(p, p.value + whole.value - total)] if len(fits) == 1 else []
        if len(parts) == 1 and not _explained(whole, total, run, seq):
            part = parts[0]
            left = whole.value - total + part.value
            others = "−".join(p.text for p in run if p is not part)
            yield _finding(
                ctx, "TOTAL_MISMATCH", part, left, f"{whole.text}−{others} = {_show(left, part)}", "分项"
            )
            return


def _round_part(gap: Decimal, run: tuple[Fig, ...]) -> bool:
    """Is the gap one digit's worth (30, 0.3) and a part of the run a round figure at that place (30万元, 630000元)?
    A round part is as likely a different round figure as the whole a struck digit."""
    digits = format(gap.normalize(), "f").replace(".", "").strip("0")
    if len(digits) != 1:
        return False
    place = Decimal(1).scaleb(gap.normalize().as_tuple().exponent)  # type: ignore[arg-type]
    return any(p.value % place == 0 and len(written_digits(p.raw, 0).rstrip("0")) == 1 for p in run)


def _swapped(stated: Fig, value: Decimal, least: int = _MIN_DIGITS) -> bool:
    """Is ``value`` ``stated`` with two neighbouring digits swapped (each carrying ``least`` significant digits)?"""
    if value <= 0:
        return False
    digits = written_digits(stated.raw, stated.places)
    if len(digits.rstrip("0")) < least:
        return False
    return transposed(digits, written_digits(_written(value, stated), stated.places), least)


def _explained(whole: Fig, total: Decimal, run: tuple[Fig, ...], seq: list[Fig]) -> bool:
    """Is the gap between the whole and the run's sum no slip: the rounding of its parts (a unit or so of the last
    place), or a figure written beside them (a part the whole leaves out, or one it counts that the list does not),
    or the sum itself written beside them (the whole is then another figure, one keystroke off by chance)?"""
    gap = abs(whole.value - total)
    unit = Decimal(1).scaleb(-whole.places) * whole.factor
    if gap <= unit * max(1, len(run)) / 2:
        return True
    if (
        _round_part(gap, run)
        or _unfinished(whole, run)
        or (any(_progress(whole, p) for p in run) and not any(_left(p) for p in run))
    ):
        return True
    lines = range(min(p.line for p in (whole, *run)) - 1, max(p.line for p in (whole, *run)) + 2)
    return any(f.value in (gap, total) for f in seq if f.line in lines)


def _unfinished(whole: Fig, run: tuple[Fig, ...]) -> bool:
    """Does the list go on past its last figure written (…村集体资金135,333.77元、扣除群众…: an item whose figure the
    run lacks)? Only a list that ends the line after its whole is read so."""
    last = run[-1]
    return last.start > whole.start and bool(_CUES.list_goes_on.match(_TEXT.get()[last.end : last.end + 2]))


def _progress(whole: Fig, part: Fig) -> bool:
    """Is the part a figure of progress written as of a day (截至目前已拨付…): the whole's state, not a share of it?"""
    text = _TEXT.get()
    lo = max(whole.end, 0) if whole.start < part.start else 0
    clause = _CUES.clause_start.split(text[max(lo, part.start - 30) : part.start])[-1]
    return bool(_CUES.as_of.search(clause))


def _left(part: Fig) -> bool:
    """Is the part written as what is left (余款/结余… before it, or 尚有…未到位 with the words after it): paid and
    left then make the whole."""
    text = _TEXT.get()
    return bool(
        _CUES.rest.search(text[max(0, part.start - 8) : part.start])
        or _CUES.rest_after.match(text[part.end : part.end + 6])
    )


def _columns(ctx: AuditContext) -> Iterator[Finding]:
    """A table's closing cell one keystroke from the sum of its column's cells above it (the rounding of the parts
    aside)."""
    for col in column_totals(ctx.doc.text):
        total, places = col.total, col.total.places
        value = round_to(sum(p.value for p in col.parts), places)
        if (
            value == total.value
            or abs(value - total.value) <= Decimal(1).scaleb(-places) * len(col.parts) / 2
        ):
            continue
        if one_keystroke(total.value, value, places, _MIN_DIGITS):
            listed = "+".join(p.text for p in col.parts)
            yield ctx.relation_finding(
                "TOTAL_MISMATCH",
                f"{listed} = {value:,.{places}f}，表中合计写作 {total.text}{col.unit}（{_WHY}）",
                (total.start, total.end),
                expected=f"{value:,.{places}f}",
                found=total.text,
                proven=False,
            )


def _remainders(ctx: AuditContext, figs: list[Fig]) -> Iterator[Finding]:
    """A figure written as what is left (结余/剩余/未到位…) against the difference of two figures of its window."""
    text = ctx.doc.text
    lines = text.split("\n")
    confirmed: set[Fig] = (
        set()
    )  # a part of a whole its run makes exactly (上年结转 among the sources) is no rest
    for fam in {f.family for f in figs}:
        seq = [f for f in figs if f.family == fam]
        confirmed |= _closed(seq, [_adjacent_runs(text, lines, seq, i) for i in range(len(seq))])
    for rest in figs:
        if not _left(rest) or rest in confirmed:
            continue
        block = _blocks(text, [f for f in figs if f.family == rest.family])
        pool = [
            f
            for f in figs
            if f.family == rest.family
            and f is not rest
            and 0 <= block[rest.line] - block[f.line] <= _REST_REACH
            and f.start < rest.start
            and f.value > rest.value
        ]
        top = max((f.value for f in pool), default=None)
        pairs = [(a, b) for a in pool for b in pool if a.value > b.value]
        bases = [(a, b) for a, b in pairs if a.value == top]
        if any(_written(a.value - b.value, rest) == rest.raw for a, b in pairs):
            continue
        if any(
            _written(a.value - f.value, rest) == rest.raw
            for a in pool
            for f in figs
            if f.family == rest.family
            and a.value > f.value
            and abs(block[f.line] - block[rest.line]) <= _REST_REACH
        ):
            continue
        written = {
            f.value
            for f in figs
            if f.family == rest.family and abs(block[f.line] - block[rest.line]) <= _REST_REACH
        }
        near = [
            (a, b)
            for a, b in bases
            if _rest_slip(rest, a.value - b.value) and a.value - b.value not in written
        ]
        if len(near) == 1 and not _rate_confirms(text, rest, pool):
            a, b = near[0]
            yield _finding(
                ctx,
                "REMAINDER_MISMATCH",
                rest,
                a.value - b.value,
                f"{a.text}−{b.text} = {_show(a.value - b.value, rest)}",
                "余额",
            )


def _rest_slip(rest: Fig, value: Decimal) -> bool:
    """A remainder's slip may strike its leading digit too (81.13 for 91.13): the two figures leaving it pin it
    down, where a whole beside a run might be another reach of different magnitude."""
    a, b = written_digits(rest.raw, rest.places), written_digits(_written(value, rest), rest.places)
    lead = len(a) == len(b) and a[1:] == b[1:] and a[0] != b[0] and len(a.rstrip("0")) >= _MIN_DIGITS
    return lead or _slip(rest, value)


def _blocks(text: str, figs: list[Fig]) -> dict[int, int]:
    """The reach of a remainder counted in lines that write figures, a list written one item a line counting as
    one: the spending's items (1.…支出412.60万元；) or prose between the two figures and what they leave move it no
    further from them."""
    lines = text.split("\n")
    block: dict[int, int] = {}
    index, item = -1, False
    for line in sorted({f.line for f in figs}):
        marked = bool(_CUES.mark3.match(lines[line]))
        if not (marked and item):
            index += 1
        block[line], item = index, marked
    return block


def _rate_confirms(text: str, rest: Fig, pool: list[Fig]) -> bool:
    """Does a rate written in the remainder's window make it exact with a figure before it (支出3,215.64万元，占到位
    资金的95.14%，未支出164.36万元: of an 到位 sum the text does not state)?"""
    lines = text.split("\n")[max(0, rest.line - _REST_REACH) : rest.line + 1]
    rates = [m for m in find_numbers("\n".join(lines)) if m.kind == "percent" and m.value > 0]
    for paid in pool:
        share = paid.value / (paid.value + rest.value) * 100
        if any(round_to(share, max(m.places, 0)) == m.value for m in rates):
            return True
    return False


def _show(value: Decimal, like: Fig) -> str:
    written = _written(value, like)
    return f"{written:,.{like.places}f}"


def _finding(ctx: AuditContext, code: str, stated: Fig, value: Decimal, formula: str, what: str) -> Finding:
    shown = _show(value, stated)
    return ctx.relation_finding(
        code,
        f"{formula}，文中{what}写作 {stated.text}（{_WHY}）",
        (stated.start, stated.end),
        expected=shown,
        found=stated.text,
        proven=False,
    )
