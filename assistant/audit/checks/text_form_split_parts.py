"""TOTAL_MISMATCH in a 部门整体 form: the entries of its 按收入性质分 split (一般公共预算, 政府性基金, 其他资金 …) and of
its 按支出性质分 split (基本支出, 项目支出) each make up the 年度资金总额 the form states. A two-column form flattened
cell by cell interleaves the two lists line by line; the labels tell them apart.

Bad: 年度资金总额 4753.66 … 一般公共预算:1873.66 … 其他资金:2980 (4853.66 of 4753.66).
Good: 年度资金总额 4753.66 … 一般公共预算:1873.66 基本支出:1768.16 项目支出:2985.5 其他资金:2880.
A list counts with two entries or more; it may stand for the budget or for the money spent, so it agrees when it
makes up any of the row's amounts (年初预算数, 全年预算数, 全年执行数). Each value stands for the interval its
written precision allows. An entry left out of a list is possible, so the mismatch is a warning ("uncertain").

A 绩效目标表 copied as text writes the same block as label:value ("资金总额:952.22", "按收入性质分:952.22按支出性质分:
952.22", "其中:一般公共预算:952.22其中:基本支出:875.22"): its 资金总额 is the total, and a split's own amount written
after its heading is one more reading of the same total (a different one is an error: the form's layout makes them one).
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.forms.model import Form, Value

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.interval import places_of, written
from ..registry import check_unit

_CUES = cues(__name__)
_AMOUNTS = ("budget_initial", "budget", "executed")


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    for form in ctx.forms:
        findings += _form(ctx, form)
    covered = [form.span for form in ctx.forms if form.span is not None]
    for match in _CUES.labelled_total.finditer(ctx.doc.text):
        if not any(a <= match.start() < b for a, b in covered):
            findings += _labelled(ctx, match)
    return findings


def _form(ctx: AuditContext, form: Form) -> list[Finding]:
    total = form.fund()
    if total is None or form.span is None:
        return []
    amounts = [total.cells[k] for k in _AMOUNTS if k in total.cells and total.cells[k].number is not None]
    return _splits(ctx, amounts, *form.span)


def _labelled(ctx: AuditContext, match: re.Match[str]) -> list[Finding]:
    """A label:value 资金总额 and the colon lines right after it (the block ends at the first line without one)."""
    text = ctx.doc.text
    num = match.group("num").replace(",", "")
    total = Value(
        match.group("num"), match.start("num"), match.end("num"), Decimal(num), places=places_of(num)
    )
    end = text.find("\n", match.end())
    while end != -1:
        following = text.find("\n", end + 1)
        line = text[end + 1 : following if following != -1 else len(text)]
        if not re.search("[:：]", line) or len(line.strip()) > 80:
            break
        end = following
    end = len(text) if end == -1 else end
    findings = []
    for heading in _CUES.heading_amount.finditer(text, match.end(), end):
        stated = Decimal(heading.group("num").replace(",", ""))
        ctx.facts.mark(total, heading.span("num"))
        if written(stated, places_of(heading.group("num"))).overlaps(
            written(total.number or stated, total.places)
        ):
            continue
        findings.append(
            ctx.relation_finding(
                "TOTAL_MISMATCH",
                f"目标表资金总额为 {total.text}，{heading.group('split')}所写合计为 {heading.group('num')}，二者应为同一数",
                (match.start(), heading.end()),
                expected=total.text,
                found=heading.group("num"),
            )
        )
    return findings + _splits(ctx, [total], match.start(), end)


def _splits(ctx: AuditContext, amounts: list[Value], start: int, end: int) -> list[Finding]:
    text = ctx.doc.text
    headings = {
        "income": _CUES.income_heading.search(text, start, end),
        "spending": _CUES.spending_heading.search(text, start, end),
    }
    opened = [h.start() for h in headings.values() if h is not None]
    if not amounts or not opened:
        return []
    lists: dict[str, list[re.Match[str]]] = {"income": [], "spending": []}
    for entry in _CUES.split_entry.finditer(text, min(opened), end):
        kind = "spending" if _CUES.spending_label.fullmatch(entry.group("label")) else "income"
        lists[kind].append(entry)
    findings = []
    for kind, entries in lists.items():
        if len(entries) < 2:
            continue
        summed = sum((Decimal(e.group("num").replace(",", "")) for e in entries), Decimal(0))
        places = max(places_of(e.group("num")) for e in entries)
        if any(_agrees(summed, places, amount) for amount in amounts):
            ctx.facts.mark(*(e.span("num") for e in entries))
            continue
        listed = " + ".join(f"{e.group('label')} {e.group('num')}" for e in entries)
        split = "按支出性质分" if kind == "spending" else "按收入性质分"
        findings.append(
            ctx.relation_finding(
                "TOTAL_MISMATCH",
                f"表中年度资金总额为 {'／'.join(a.text for a in amounts)}，{split}所列 {listed} = {_plain(summed)}，"
                f"与之不符（若所列并非全部构成则不矛盾）",
                (_from(headings[kind], entries[0].start()), entries[-1].end()),
                expected=amounts[0].text,
                found=_plain(summed),
                proven=False,
            )
        )
    return findings


def _from(heading: re.Match[str] | None, first: int) -> int:
    """The finding starts at its split's heading when the form writes one before the entries."""
    return heading.start() if heading is not None and heading.start() < first else first


def _agrees(summed: Decimal, places: int, amount: Value) -> bool:
    assert amount.number is not None
    return written(summed, places).overlaps(written(amount.number, amount.places))


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
