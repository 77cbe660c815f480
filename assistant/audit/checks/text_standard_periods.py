"""ARITHMETIC_MISMATCH from the text alone: one standard written both per year and per month side by side
("农村低保标准为每人每年6,840元（每人每月560元）": 560元 × 12 = 6,720元).

Why: a report often restates a monthly standard as the year's (or the reverse) in brackets or the next clause; the
two are the same standard, so the year's must be twelve months' (at the written precision). The product readers pair
a standard with a count and money, never two standards with each other.
Bad: 每人每年6,840元（每人每月560元）. Good: 每人每年6,720元（每人每月560元）; 每人每年6,840元（每人每月约570元）
(approximate); 由每人每年6,000元提高至每人每月560元 (a raise: old and new standard); two standards per other units
(每人每月80元 and 每户每年500元); a standard per 人次.
Read only so: two standards of one sentence, per the same unit (人, 名, 生 alike), one per 年 and one per 月, right
beside each other (only a bracket, a comma, 即 or 折合 between: "城市…每人每月660元，农村…每人每年5280元" are two
standards) and no word of change (提高, 调整, 原, 新, 由…至). So written, the text's own numbers prove it: an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.standards import MONTHS, paid_per
from ..registry import check_unit

_CUES = cues(__name__)
_HEADS = {"名": "人", "生": "人"}


@check_unit(also=("ARITHMETIC_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    prices = [s for s in ctx.facts.statements if s.field == "unit_price" and s.sentence is not None]
    for first, second in pairwise(prices):
        if first.sentence is not second.sentence:
            continue
        pers = paid_per(ctx, first), paid_per(ctx, second)
        if pers[0] is None or pers[1] is None:
            continue
        units = {_HEADS.get(p[0], p[0]) for p in pers}
        periods = {p[1]: s for p, s in zip(pers, (first, second), strict=True)}
        if len(units) != 1 or set(periods) != {"年", "月"}:
            continue
        between = text[first.span[1] : second.span[0]]
        if _CUES.change.search(between) or not _CUES.beside.fullmatch(between):
            continue  # "城市…每人每月660元，农村…每人每年5280元": two standards, not one written twice
        year, month = periods["年"], periods["月"]
        twelve = month.interval().scaled(MONTHS)
        ctx.facts.mark(first, second)
        if twelve.overlaps(year.interval()):
            continue
        shown = f"{month.raw * MONTHS:,f}{month.unit or ''}"
        yield ctx.relation_finding(
            "ARITHMETIC_MISMATCH",
            f"同一标准按月写作 {month.text}，折合全年应为 {month.text}×12＝{shown}，与文中按年所写 {year.text} 不符",
            (first.span[0], second.span[1]),
            expected=shown,
            found=year.text,
        )
