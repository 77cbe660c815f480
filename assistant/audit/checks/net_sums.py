"""TOTAL_MISMATCH and REMAINDER_MISMATCH read from the raw figures, whatever the wording: a whole and the run of
figures beside it that should make it, a remainder and the two figures that should leave it, where the miss has the
signature of a typing slip.

Why: the readers of wholes and parts take the lists they know the words of (其中/分别为/合计…); a list in other
words, in lines, or with no marker at all reaches no check, and its slip (a digit struck, two neighbours swapped)
goes unseen. This net reads every amount and count of the text and asks only the arithmetic: a whole standing right
before or after a run of consecutive figures of its kind and unit family (the run ending where a sentence or line
ends) that it misses by exactly one keystroke (``numbers.keystroke``), while no adjacent run makes it exactly, was
almost always retyped wrong; so is one part of the run that what the whole and the other parts leave shows with two
neighbouring digits swapped (where several parts would fit the swap, the whole its first list confirms is
flagged); a remainder (结余/剩余/未到位…) one keystroke from the largest figure before it less another, and a budget
stated after its changes (调整后…) one keystroke from the one before them plus 追加 less 调减 (read in
net_remainders; the figures both read, in net_sum_figures, a standard per head or day passed over); a table's
closing cell (合计/小计/总分, by position or by the cell's own name 得分…) off its column, and a table with no closing
row off the whole the line above it states. The tie rests on the digits alone: always a warning (verdict
"uncertain").
Bad: 东湖街道318.45万元，西城街道276.30万元，南苑街道194.85万元，三个街道合计798.60万元 (789.60); 年度预算1,372.80
万元，实际支出1,158.45万元，年末结余241.35万元 (214.35).
Good: the same figures adding up; a partial list beside a whole it misses by much; round figures (1,210 beside
800 + 300 + 100); a gap the window writes (另有上年结转100.00万元); the run's sum written beside it as another figure;
a whole that another run beside it makes exactly (its parts are confirmed as written).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from assistant.numbers import amount_factor
from assistant.numbers.keystroke import one_keystroke, transposed, written_digits
from assistant.numbers.precision import round_to

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.table_columns import ColumnTotal, column_totals
from ..registry import check_unit
from .net_figures import WHY
from .net_remainders import adjustments, remainders
from .net_sum_figures import (
    MIN_DIGITS,
    TEXT,
    Fig,
    adjacent_runs,
    closed_figures,
    figures,
    left_over,
    net_finding,
    show,
    slip,
    written_as,
)

_CUES = cues(__name__)
# a closing cell the layout ties to its column (合计 under its rows) misses by chance far less than a figure beside a
# run: three significant digits (92.5 against 93.5) carry the signature
_COLUMN_DIGITS = 3
_ABOVE = (
    2  # lines above a table where the whole of its open column stands (…共下达4,286.00万元。各县情况如下：)
)


@check_unit(also=("TOTAL_MISMATCH", "REMAINDER_MISMATCH"), basis="text", net=True)
def check(ctx: AuditContext) -> Iterator[Finding]:
    TEXT.set(ctx.doc.text)
    figs = figures(ctx.doc.text)
    seen: set[tuple[int, int]] = set()
    for finding in (*_runs(ctx, figs), *remainders(ctx, figs), *adjustments(ctx, figs), *_columns(ctx, figs)):
        if finding.span not in seen:
            seen.add(finding.span)  # type: ignore[arg-type]
            yield finding


def _runs(ctx: AuditContext, figs: list[Fig]) -> Iterator[Finding]:
    """Each figure against the runs of consecutive figures of its family right after it and right before it."""
    by_family: dict[tuple[str, str | None], list[Fig]] = {}
    for f in figs:
        by_family.setdefault(f.family, []).append(f)
    lines = ctx.doc.text.split("\n")
    for seq in by_family.values():
        runs = [adjacent_runs(ctx.doc.text, lines, seq, i) for i in range(len(seq))]
        closed = closed_figures(seq, runs)
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
        if r[0].start > whole.start and written_as(sum(p.value for p in r), whole) == whole.raw
    ]
    if not exact:
        return
    skip = len(exact[0])
    after = [r for r in adjacent_runs(ctx.doc.text, lines, seq, i, skip) if r[0].start > whole.start]
    yield from _whole_or_part(ctx, whole, after, closed, seq, parts_only=True)


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
        if slip(whole, total) and not _explained(whole, total, run, seq):
            listed = "+".join(p.text for p in run)
            yield net_finding(
                ctx, "TOTAL_MISMATCH", whole, total, f"{listed} = {show(total, whole)}{whole.unit}", "总数"
            )
            return
    for run in runs:
        total = sum(p.value for p in run)
        parts = [p for p in run if p not in closed and _swapped(p, p.value + whole.value - total)]
        if (
            parts_only
        ):  # a second list: any part, however few its digits, that the swap would fit makes it open
            fits = [p for p in run if _swapped(p, p.value + whole.value - total, 3)]
            parts = [p for p in fits if _swapped(p, p.value + whole.value - total)] if len(fits) == 1 else []
            if len(fits) > 1 and not _explained(whole, total, run, seq):
                yield _open_list(ctx, whole, total, run, fits)
                return
        if len(parts) == 1 and not _explained(whole, total, run, seq):
            part = parts[0]
            left = whole.value - total + part.value
            others = "−".join(p.text for p in run if p is not part)
            yield net_finding(
                ctx, "TOTAL_MISMATCH", part, left, f"{whole.text}−{others} = {show(left, part)}", "分项"
            )
            return


def _open_list(
    ctx: AuditContext, whole: Fig, total: Decimal, run: tuple[Fig, ...], fits: list[Fig]
) -> Finding:
    """A whole its first list confirms, split again in a list that misses it by what two neighbouring digits
    swapped in any of several parts would make (65.80 for 56.80, 98.30 for 89.30): the slip is in that list, the
    digits alone cannot say which part; flag the whole the list should make, naming the parts it may be."""
    listed = "+".join(p.text for p in run)
    named = "或".join(p.text for p in fits)
    gap = show(abs(whole.value - total), whole)
    return ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"{listed} = {show(total, whole)}{whole.unit}，与前文来源已合成的总数{whole.text}相差{gap}，"
        f"恰为{named}之一相邻两位互换之差，疑其一为笔误（此差额形如一次按键之误，仅凭数字无法确定是哪一项）",
        (whole.start, whole.end),
        expected=show(total, whole),
        found=whole.text,
        proven=False,
    )


def _round_part(gap: Decimal, run: tuple[Fig, ...]) -> bool:
    """Is the gap one digit's worth (30, 0.3) and a part of the run a round figure at that place (30万元, 630000元)?
    A round part is as likely a different round figure as the whole a struck digit."""
    digits = format(gap.normalize(), "f").replace(".", "").strip("0")
    if len(digits) != 1:
        return False
    place = Decimal(1).scaleb(gap.normalize().as_tuple().exponent)  # type: ignore[arg-type]
    return any(p.value % place == 0 and len(written_digits(p.raw, 0).rstrip("0")) == 1 for p in run)


def _swapped(stated: Fig, value: Decimal, least: int = MIN_DIGITS) -> bool:
    """Is ``value`` ``stated`` with two neighbouring digits swapped (each carrying ``least`` significant digits)?"""
    if value <= 0:
        return False
    digits = written_digits(stated.raw, stated.places)
    if len(digits.rstrip("0")) < least:
        return False
    return transposed(digits, written_digits(written_as(value, stated), stated.places), least)


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
        or (any(_progress(whole, p) for p in run) and not any(left_over(p) for p in run))
    ):
        return True
    lines = range(min(p.line for p in (whole, *run)) - 1, max(p.line for p in (whole, *run)) + 2)
    return any(f.value in (gap, total) for f in seq if f.line in lines)


def _unfinished(whole: Fig, run: tuple[Fig, ...]) -> bool:
    """Does the list go on past its last figure written (…村集体资金135,333.77元、扣除群众…: an item whose figure the
    run lacks)? Only a list that ends the line after its whole is read so."""
    last = run[-1]
    return last.start > whole.start and bool(_CUES.list_goes_on.match(TEXT.get()[last.end : last.end + 2]))


def _progress(whole: Fig, part: Fig) -> bool:
    """Is the part a figure of progress written as of a day (截至目前已拨付…): the whole's state, not a share of it?"""
    text = TEXT.get()
    lo = max(whole.end, 0) if whole.start < part.start else 0
    clause = _CUES.clause_start.split(text[max(lo, part.start - 30) : part.start])[-1]
    return bool(_CUES.as_of.search(clause))


def _columns(ctx: AuditContext, figs: list[Fig]) -> Iterator[Finding]:
    """A table's closing cell one keystroke from the sum of its column's cells above it (the rounding of the parts
    aside)."""
    for col in column_totals(ctx.doc.text):
        if col.total is None:
            yield from _open_column(ctx, col, figs)
            continue
        total, places = col.total, col.total.places
        value = round_to(sum(p.value for p in col.parts), places)
        if (
            value == total.value
            or abs(value - total.value) <= Decimal(1).scaleb(-places) * len(col.parts) / 2
        ):
            continue
        if one_keystroke(total.value, value, places, _COLUMN_DIGITS):
            listed = "+".join(p.text for p in col.parts)
            yield ctx.relation_finding(
                "TOTAL_MISMATCH",
                f"{listed} = {value:,.{places}f}，表中合计写作 {total.text}{col.unit}（{WHY}）",
                (total.start, total.end),
                expected=f"{value:,.{places}f}",
                found=total.text,
                proven=False,
            )


def _open_column(ctx: AuditContext, col: ColumnTotal, figs: list[Fig]) -> Iterator[Finding]:
    """A table of money with no closing row (各县分配情况如下：| 扶沟县 | 735.00 |…) under a line that states its
    whole: the whole one keystroke from the column's sum, no figure of that line making it exactly."""
    factor = amount_factor(col.unit)
    total = sum(p.value for p in col.parts) * factor
    above = [f for f in figs if f.family == ("amount", None) and col.header - _ABOVE <= f.line < col.header]
    if any(written_as(total, f) == f.raw for f in above):
        return
    for whole in above:
        gap = abs(whole.value - total)
        if slip(whole, total) and not any(f.value == gap for f in above):
            listed = "+".join(p.text for p in col.parts)
            yield net_finding(
                ctx,
                "TOTAL_MISMATCH",
                whole,
                total,
                f"表列{listed} = {show(total, whole)}{whole.unit}",
                "总数",
            )
            return
