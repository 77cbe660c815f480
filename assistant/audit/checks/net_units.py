"""UNIT_SUSPECT from the raw figures of a few lines, whatever their words: an amount whose digits are exactly those
of a relation among its neighbours (an amount ÷ a count, a count × a standard, the one part a list's whole lacks)
but whose written unit puts it 10,000 or 100,000,000 times off (元 for 万元, 万元 for 亿元, and back).

Why: the statement readers tie an average to its money, a part to its whole, through the words of a sentence; a
report words them in ways no reader foresees, and the unit slip goes unseen. The digits alone are the tie here: when
the relation is exact at the figure's written places only once its unit is moved by exactly 10^4 or 10^8, and no
figures of the window make it as written, the 万 was dropped or added. Always a warning (verdict "uncertain").
Bad: 住院救助6,428人次…支出1,046.35万元…次均1,627.80万元 (1,627.80元); a list "甲镇238.60万元、乙镇412.35元、丙镇
149.05万元" under 合计800.00万元 (412.35万元); 补助对象1,284户，户均标准2,350元，共计301.74元 (301.74万元).
Good: a per-head figure in 元 beside totals in 万元 that agree; the same amount in 万元 and in 元 both written; a
standard in 元 per 亩 beside its area and total; round figures (60.00, 3 significant digits at least).
Window: a line and two lines either side for a quotient or product; a list's parts on one line, its whole on that
line or one of the two before. The reported figure is the relation's result (of a quotient or product, the one of
the three written last), or the one part of a list whose moved unit closes the sum.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from assistant.numbers.model import NumberMention
from assistant.numbers.precision import round_to

from ..context import AuditContext
from ..findings import Finding
from ..registry import check_unit
from .net_figures import enough, factor, finding, is_standard, line_figures, makes

_LINES = 2  # lines either side the terms of a quotient or product may stand on
_MONEY = ("元", "万元", "亿元")
_FACTORS = (Decimal(10000), Decimal("0.0001"), Decimal(100000000), Decimal("0.00000001"))
_WHY = "数字相同而单位相差一万倍或一亿倍，疑为“元”“万元”“亿元”混用"
_TO_UNIT = {Decimal(1): "万元", Decimal("0.0001"): "元", Decimal(10000): "亿元"}  # canonical per written unit


@check_unit(also=("UNIT_SUSPECT",), basis="text", net=True)
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    lines = line_figures(text, ctx.doc.spaced)
    seen: set[int] = set()
    for i, own in enumerate(lines):
        window = [m for near in lines[max(0, i - _LINES) : i + _LINES + 1] for m in near]
        above = [m for near in lines[max(0, i - _LINES) : i + 1] for m in near]
        for found in (*_relations(ctx, own, window), *_lists(ctx, own, above)):
            if found.span and found.span[0] not in seen:
                seen.add(found.span[0])
                yield found


def _money(m: NumberMention) -> bool:
    """A positive amount written in 元, 万元 or 亿元."""
    return m.kind == "amount" and m.unit in _MONEY and m.value > 0


def _moved(m: NumberMention, k: Decimal) -> str | None:
    """The unit ``m`` would carry were its value ``k`` times what it is written (None when no money unit is)."""
    return _TO_UNIT.get(factor(m) * k)


def _relations(ctx: AuditContext, own: list[NumberMention], window: list[NumberMention]) -> Iterator[Finding]:
    """A figure that is the quotient or product of two window figures only with its unit moved."""
    amounts = [m for m in window if _money(m)]
    counts = [m for m in window if m.kind == "count" and m.value >= 2]
    for x in own:
        if not _money(x) or not enough(x.raw_value, x.places):
            continue
        candidates: list[tuple[Decimal, str, NumberMention, NumberMention]] = []
        exact = False
        text = ctx.doc.text
        average = is_standard(text, x)
        for b in amounts:
            if b is x or (not average and not is_standard(text, b)):
                continue
            for c in counts:
                if max(b.start, c.start) > x.start:
                    continue  # the result is written after its terms
                terms = [(b.value / c.value, f"{b.text}÷{c.text}")] if average else []
                if is_standard(text, b) and not average:
                    terms.append((b.value * c.value, f"{c.text}×{b.text}"))
                for value, formula in terms:
                    if not enough(value / factor(x), x.places) and not enough(
                        value * 10000 / factor(x), x.places
                    ):
                        continue
                    if makes(x, value):
                        exact = True
                    for k in _FACTORS:
                        if _moved(x, k) and makes(x, value / k):
                            candidates.append((value, formula, b, c))
        if exact or len(candidates) != 1:
            continue  # explained as written, or more than one reading: nothing proven
        value, formula, _, _ = candidates[0]
        yield _report(ctx, x, value, formula)


def _lists(ctx: AuditContext, own: list[NumberMention], above: list[NumberMention]) -> Iterator[Finding]:
    """One part of a run of a line's amounts whose sum meets a whole before it only with that part's unit moved."""
    for whole in above:
        if not _money(whole) or not enough(whole.raw_value, whole.places):
            continue
        parts = [m for m in own if _money(m) and m.start > whole.start]
        if len(parts) < 3:
            continue
        for lo in range(len(parts)):
            for hi in range(lo + 3, len(parts) + 1):
                run = parts[lo:hi]
                total = sum((m.value for m in run), Decimal(0))
                if makes(whole, total):
                    return  # the list closes as written
                hits = [
                    (m, k)
                    for m in run
                    for k in _FACTORS
                    if _moved(m, k)
                    and enough(m.raw_value, m.places)
                    and enough(m.value * k / factor(whole), whole.places)
                    and makes(whole, total - m.value + m.value * k)
                ]
                if len(hits) == 1:
                    m, k = hits[0]
                    others = "+".join(p.text for p in run)
                    yield _report(
                        ctx, m, m.value * k, f"{others}仅在{m.text}改记单位后与{whole.text}相符，该项应为"
                    )
                    return


def _report(ctx: AuditContext, x: NumberMention, value: Decimal, formula: str) -> Finding:
    """A warning on ``x``: the relation's value in the money unit whose digits are ``x``'s, and ``x`` as written."""
    places = max(x.places, 0)
    unit, per = next(
        ((u, p) for p, u in _TO_UNIT.items() if round_to(value / p, places) == x.raw_value), ("万元", 1)
    )
    shown = f"{round_to(value / per, places):,.{places}f}{unit}"
    return finding(ctx, "UNIT_SUSPECT", x, shown, f"{formula}＝{shown}", why=_WHY)
