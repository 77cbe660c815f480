"""TOTAL_MISMATCH from the text alone: the money of the four quarters (一季度 … 四季度) must add to the year's
total written right after them.

Bad: 一季度支出46.80万元，二季度支出98.35万元，三季度支出120.60万元，四季度支出152.25万元，全年执行数428.00万元
(the quarters add to 418.00). Good: 全年执行数418.00万元. The same in a table, a row a quarter ("| 一季度 | 85.20 |"
… "| 全年合计 | 594.60 |").
Read only so: the four quarters in order, each followed by its own amount (the first number after it, not a
percent), close together and in one paragraph or table; the total is the first amount after the fourth quarter's,
named 全年, 合计, 共计 or 总计 together with a word of the quarters' own quantity (支出, 执行) or a bare 合计 — not a
budget (全年预算 is another quantity). All amounts in one unit. Silent: cumulative figures (截至一季度末累计支出…,
一至三季度累计 …: each holds the quarters before it), a share per quarter (占全年执行的25%), a total written before
the quarters. The quarters are read at the precision they are written at, the total at its own: rounding is never a
contradiction. An error when the quarters and the total sit in one sentence or table block; the order of the
figures is the only reading, so a gap the written precision cannot close is proven.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.interval import Interval, written
from ..registry import check_unit

_CUES = cues(__name__)
_ORDER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _amount(match: re.Match[str]) -> tuple[Decimal, int, str]:
    """The value, decimals and unit of an amount the cue ``amount`` found."""
    number = match.group("number").replace(",", "")
    places = len(number.split(".")[1]) if "." in number else 0
    return Decimal(number), places, match.group("unit") or ""


def _quarters(text: str) -> Iterator[tuple[list[re.Match[str]], re.Match[str]]]:
    """Each run of the four quarters' amounts, in order, with the total after them."""
    labels = list(_CUES.quarter.finditer(text))
    for i in range(len(labels) - 3):
        run = labels[i : i + 4]
        if [_ORDER[m.group("n")] for m in run] != [1, 2, 3, 4]:
            continue
        amounts: list[re.Match[str]] = []
        for k, label in enumerate(run):
            end = run[k + 1].start() if k < 3 else len(text)
            amount = _CUES.amount.match(text, label.end(), end)
            if amount is None or _CUES.cumulative.search(text, max(0, label.start() - 8), amount.start()):
                break
            if k < 3 and _CUES.apart.search(text, amount.end(), run[k + 1].start()):
                break
            amounts.append(amount)
        if len(amounts) < 4:
            continue
        total = _CUES.total.match(text, amounts[-1].end())
        if total is not None:
            yield amounts, total


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for amounts, total in _quarters(text):
        parts = [_amount(m) for m in amounts]
        whole = _amount(total)
        if len({unit for _, _, unit in [*parts, whole]}) > 1:
            continue  # 万元 beside 元: another reading than a plain sum
        places = max(p for _, p, _ in parts)
        summed = sum((written(v, places) for v, _, _ in parts), Interval(Decimal(0), Decimal(0)))
        ctx.facts.mark(*((m.start("number"), m.end("number")) for m in [*amounts, total]))
        if summed.overlaps(written(whole[0], whole[1])):
            continue
        value = sum(v for v, _, _ in parts)
        unit = whole[2]
        shown = f"{value:,.{places}f}{unit}"
        found = f"{total.group('number')}{unit}"
        yield ctx.relation_finding(
            "TOTAL_MISMATCH",
            f"四个季度之和为 {shown}（{'＋'.join(m.group('number') for m in amounts)}），文中全年合计写作 {found}",
            (amounts[0].start("number"), total.end("number")),
            expected=shown,
            found=found,
        )
