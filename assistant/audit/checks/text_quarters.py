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
With no total right after them, the quarters are set against the year's spending the text states anywhere
(before or after: "全年实际支出652.38万元" … "一季度支出86.25万元，…四季度支出198.57万元。", 661.38): an error when
the text states one such figure (one value, however often), a warning when it states several (which one the
quarters make up is a reading), silent when any of them adds up. Only a figure named as the whole year's spending
(全年/年度/本年/当年 … 支出/执行数) counts — not 截至…累计, a budget, or a share; and when the quarters' own clause
names a project ("乙子项目一季度支出…"), only a year figure whose clause names it too. The quarters must be named as
spending (支出, 使用, 执行 at or just before the first; no 预算, 下达, 到位, 计划 at any: "一季度下达资金…" is no part
of the money spent).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import Cell
from ..prose.interval import Interval, written
from ..registry import check_unit

_CUES = cues(__name__)
_ORDER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _amount(ctx: AuditContext, match: re.Match[str]) -> tuple[Decimal, int, str]:
    """The value as written, decimals and unit (万元, 元, or none) of an amount the cue ``amount`` found: the
    statement the text's reading holds there, in the unit the cue saw; a bare table cell no sentence reads ("| 一季度 |
    85.20 |", its unit in the header) is read as a cell (``prose.cells``)."""
    at, unit = match.start("number"), match.group("unit") or ""
    held = next((s for s in ctx.facts.statements if s.span[0] <= at < s.span[1]), None)
    if held is not None and held.kind == "amount" and held.unit == unit:
        return held.raw, held.places, unit
    cell = Cell(match.group("number"), at, match.end("number")).number
    assert cell is not None  # the cue's number is a plain decimal, which a cell reads
    return cell.value, cell.places, unit


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
        yield amounts, total


def _named_subject(text: str, first: re.Match[str]) -> str | None:
    """The project the quarters' own clause names before them ("乙子项目一季度支出…"), if any."""
    start = max(text.rfind(c, 0, first.start()) for c in "。；;\n") + 1
    named = _CUES.subject.search(text, start, first.start())
    return named.group(0) if named else None


def _year_spent(text: str, amounts: list[re.Match[str]]) -> list[re.Match[str]]:
    """The year's spending the text states elsewhere ("全年实际支出652.38万元"), when the quarters have no total."""
    leads = [text[max(0, amounts[0].start() - 30) : amounts[0].start("number")]]
    leads += [text[m.start() : m.start("number")] for m in amounts[1:]]
    if not _CUES.spent.search(leads[0]) or any(_CUES.not_spent.search(lead) for lead in leads):
        return []  # the quarters' money is not named as spent ("一季度下达资金…"): no part of the year's spending
    subject = _named_subject(text, amounts[0])
    found = []
    for m in _CUES.year_spent.finditer(text):
        if amounts[0].start() <= m.start() < amounts[-1].end():
            continue
        if subject is not None:
            start = max(text.rfind(c, 0, m.start()) for c in "。；;\n") + 1
            if subject not in text[start : m.start()]:
                continue  # the quarters are a named project's; this total may be another's
        found.append(m)
    return found


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for amounts, right_after in _quarters(text):
        parts = [_amount(ctx, m) for m in amounts]
        places = max(p for _, p, _ in parts)
        summed = sum((written(v, places) for v, _, _ in parts), Interval(Decimal(0), Decimal(0)))
        totals = [right_after] if right_after is not None else _year_spent(text, amounts)
        totals = [t for t in totals if {u for _, _, u in [*parts, _amount(ctx, t)]} == {parts[0][2]}]
        if not totals:
            continue  # no total, or 万元 beside 元: another reading than a plain sum
        ctx.facts.mark(*((m.start("number"), m.end("number")) for m in amounts))
        if right_after is not None:
            ctx.facts.mark((right_after.start("number"), right_after.end("number")))
        if any(summed.overlaps(written(*_amount(ctx, t)[:2])) for t in totals):
            continue  # one reading adds up
        total = totals[0]
        whole = _amount(ctx, total)
        # right after the quarters, or the one year spending the text states: the attribution is the only one
        proven = right_after is not None or len({_amount(ctx, t)[0] for t in totals}) == 1
        value = sum(v for v, _, _ in parts)
        unit = whole[2]
        shown = f"{value:,.{places}f}{unit}"
        found = f"{total.group('number')}{unit}"
        yield ctx.relation_finding(
            "TOTAL_MISMATCH",
            f"四个季度之和为 {shown}（{'＋'.join(m.group('number') for m in amounts)}），"
            f"文中全年{'合计' if right_after is not None else '支出'}写作 {found}",
            (amounts[0].start("number"), (total if right_after is not None else amounts[-1]).end("number")),
            expected=shown,
            found=found,
            proven=proven,
        )
