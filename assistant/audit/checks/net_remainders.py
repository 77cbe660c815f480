"""REMAINDER_MISMATCH read from the raw figures, whatever the wording: a remainder (结余/剩余/未到位…) one keystroke
from the largest figure before it less another, in its window of lines; a budget after its changes (调整后) one
keystroke from the budget before them plus what was added less what was cut, in its line (part of the sums net, see
net_sums).

Why: a remainder's slip (a digit struck, two neighbours swapped) is pinned down by the two figures that leave it;
the words around it vary too much for a worded check to read them all. Always a warning (verdict "uncertain").
Bad: 年度预算1,372.80万元，实际支出1,158.45万元，年末结余241.35万元 (214.35).
Good: the figures leaving it exactly; a rest another pair of its window makes; a rate written beside it that makes
it exact with a figure before it; a part of a whole its run makes exactly (上年结转 among the sources).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from assistant.numbers import find_numbers, writes_spaced_thousands
from assistant.numbers.keystroke import transposed, written_digits
from assistant.numbers.precision import round_to

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from .net_sum_figures import (
    MIN_DIGITS,
    Fig,
    adjacent_runs,
    closed_figures,
    item_line,
    left_over,
    net_finding,
    show,
    slip,
    written_as,
)

_CUES = cues(__name__)
REST_REACH = 3  # lines before the remainder's own where the two figures leaving it may stand


def remainders(ctx: AuditContext, figs: list[Fig]) -> Iterator[Finding]:
    """A figure written as what is left (结余/剩余/未到位…) against the difference of two figures of its window."""
    text = ctx.doc.text
    lines = text.split("\n")
    confirmed: set[Fig] = (
        set()
    )  # a part of a whole its run makes exactly (上年结转 among the sources) is no rest
    for fam in {f.family for f in figs}:
        seq = [f for f in figs if f.family == fam]
        confirmed |= closed_figures(seq, [adjacent_runs(text, lines, seq, i) for i in range(len(seq))])
    for rest in figs:
        if not left_over(rest) or rest in confirmed:
            continue
        block = _blocks(text, [f for f in figs if f.family == rest.family])
        pool = [
            f
            for f in figs
            if f.family == rest.family
            and f is not rest
            and 0 <= block[rest.line] - block[f.line] <= REST_REACH
            and f.start < rest.start
            and f.value > rest.value
        ]
        top = max((f.value for f in pool), default=None)
        pairs = [(a, b) for a in pool for b in pool if a.value > b.value]
        bases = [(a, b) for a, b in pairs if a.value == top]
        if any(written_as(a.value - b.value, rest) == rest.raw for a, b in pairs):
            continue
        if any(
            written_as(a.value - f.value, rest) == rest.raw
            for a in pool
            for f in figs
            if f.family == rest.family
            and a.value > f.value
            and abs(block[f.line] - block[rest.line]) <= REST_REACH
        ):
            continue
        written = {
            f.value
            for f in figs
            if f.family == rest.family and abs(block[f.line] - block[rest.line]) <= REST_REACH
        }
        near = [
            (a, b)
            for a, b in pairs
            if (
                ((a, b) in bases and _rest_slip(rest, a.value - b.value))
                or (_carries(a) and _carries(b) and _swapped(rest, a.value - b.value))
            )
            and a.value - b.value not in written
        ]
        if len(near) == 1 and not _rate_confirms(text, rest, pool):
            a, b = near[0]
            yield net_finding(
                ctx,
                "REMAINDER_MISMATCH",
                rest,
                a.value - b.value,
                f"{a.text}−{b.text} = {show(a.value - b.value, rest)}",
                "余额",
            )


def _rest_slip(rest: Fig, value: Decimal) -> bool:
    """A remainder's slip may strike its leading digit too (81.13 for 91.13): the two figures leaving it pin it
    down, where a whole beside a run might be another reach of different magnitude."""
    a, b = written_digits(rest.raw, rest.places), written_digits(written_as(value, rest), rest.places)
    lead = len(a) == len(b) and a[1:] == b[1:] and a[0] != b[0] and len(a.rstrip("0")) >= MIN_DIGITS
    return lead or slip(rest, value) or _swapped(rest, value)


def _carries(f: Fig) -> bool:
    """A figure with digits enough (2,846.72) to leave a remainder by chance only rarely."""
    return len(written_digits(f.raw, f.places).rstrip("0")) >= MIN_DIGITS


def _swapped(rest: Fig, value: Decimal, min_digits: int = MIN_DIGITS - 1) -> bool:
    """Two neighbouring digits of the remainder swapped, the leading pair too (58.40 for 85.40): a swap keeps every
    digit, so any two figures before it may leave it, not only the largest (审定 − 累计支付 below a 送审 figure)."""
    a, b = written_digits(rest.raw, rest.places), written_digits(written_as(value, rest), rest.places)
    return min(len(a.rstrip("0")), len(b.rstrip("0"))) >= min_digits and transposed(a, b, min_digits)


def _blocks(text: str, figs: list[Fig]) -> dict[int, int]:
    """The reach of a remainder counted in lines that write figures, a list written one item a line counting as
    one: the spending's items (1.…支出412.60万元；) or prose between the two figures and what they leave move it no
    further from them."""
    lines = text.split("\n")
    block: dict[int, int] = {}
    index, item = -1, False
    for line in sorted({f.line for f in figs}):
        marked = item_line(lines[line])
        if not (marked and item):
            index += 1
        block[line], item = index, marked
    return block


def _rate_confirms(text: str, rest: Fig, pool: list[Fig]) -> bool:
    """Does a rate written in the remainder's window make it exact with a figure before it (支出3,215.64万元，占到位
    资金的95.14%，未支出164.36万元: of an 到位 sum the text does not state)?"""
    lines = text.split("\n")[max(0, rest.line - REST_REACH) : rest.line + 1]
    rates = [
        m
        for m in find_numbers("\n".join(lines), writes_spaced_thousands(text))
        if m.kind == "percent" and m.value > 0
    ]
    for paid in pool:
        share = paid.value / (paid.value + rest.value) * 100
        if any(round_to(share, max(m.places, 0)) == m.value for m in rates):
            return True
    return False


def adjustments(ctx: AuditContext, figs: list[Fig]) -> Iterator[Finding]:
    """A budget stated after its changes (调整后…) against the figure before the changes plus what was added
    (追加/调增) less what was cut (调减/核减), all in its line: one keystroke off, no base of the line making it."""
    text = ctx.doc.text
    for whole in figs:
        if not _CUES.adjusted.search(text[max(0, whole.start - 12) : whole.start]):
            continue
        before = [
            f for f in figs if f.line == whole.line and f.end <= whole.start and f.family == whole.family
        ]
        signs = {f: _sign(text, f) for f in before}
        moves = [f for f in before if signs[f]]
        if not moves:
            continue
        change = sum(signs[f] * f.value for f in moves)
        bases = [f for f in before if not signs[f] and f.start < moves[0].start]
        if any(written_as(b.value + change, whole) == whole.raw for b in bases):
            continue
        near = [b for b in bases if b.value + change > 0 and slip(whole, b.value + change)]
        if len(near) == 1:
            base = near[0]
            steps = "".join(("+" if signs[f] > 0 else "−") + f.text for f in moves)
            value = base.value + change
            yield net_finding(
                ctx, "TOTAL_MISMATCH", whole, value, f"{base.text}{steps} = {show(value, whole)}", "调整后数"
            )


def _sign(text: str, f: Fig) -> int:
    """+1 for a figure added to the budget (追加…), −1 for one cut from it (调减…), 0 for any other."""
    before = text[max(0, f.start - 10) : f.start]
    return 1 if _CUES.raised.search(before) else -1 if _CUES.cut.search(before) else 0
