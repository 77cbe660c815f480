"""UNIT_SUSPECT and TOTAL_MISMATCH from the text alone: a heading's amount against the numbered lines below it.

Why a reader of its own: "(二)XX年度727.5万元(其中省级468.5万元,中央259万元)" is short and unpunctuated, so the
document reads it as a heading, not a sentence; its amount is no statement and the list readers (prose/parts.py)
never see the numbered lines "(1)文化设施维修3万元;" … "(13)…29万元" under it as its parts. Here the heading's one
amount (outside brackets) is the whole, and the lines right below it, numbered (1), (2), … in order up to the next
heading, are its items, each with at most one amount (a line without one is an item left unread, so the sum is a
lower bound).
Rule: a part whose written unit makes it larger than the whole ("送戏下乡补贴4万亿" under 727.5万元) cannot be right.
When reading that one part in 万元 (or 元 for 万元, 万元 for 元) makes the items add up to the whole at the written
precision, the unit is the slip (UNIT_SUSPECT, an error: the whole's own figure proves it); otherwise a part above
its whole is a TOTAL_MISMATCH (error). Items that add up short of or above the whole, every line with its amount, are a
warning (uncertain): the text does not say the lines are all of the whole's parts, nor parts of it at all.
Good: the same list with 4万元; a heading amount with a list of another kind below it (no numbered amounts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from assistant.numbers.units import amount_factor

from ..context import AuditContext
from ..cues import cues
from ..document import Heading, Sentence
from ..findings import Finding
from ..prose.evidence import show_written
from ..registry import check_unit

_CUES = cues(__name__)
# what a slipped unit was meant to be: 万亿 for 万元, 元 for 万元 and back, 亿元 for 万元
_MEANT = {
    "万亿元": "万元",
    "万亿": "万元",
    "亿元": "万元",
    "亿": "万元",
    "元": "万元",
    "万元": "元",
    "万": "元",
}


@dataclass(frozen=True)
class _Amount:
    value: Decimal  # 万元
    half: Decimal  # half the last written place, in 万元
    raw: Decimal
    unit: str
    text: str
    span: tuple[int, int]


@check_unit(also=("UNIT_SUSPECT", "TOTAL_MISMATCH"), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    headings = ctx.doc.headings
    for k, heading in enumerate(headings):
        if heading.level < 2:
            continue
        total = _heading_amount(ctx.doc.text, heading)
        if total is None:
            continue
        end = headings[k + 1].start if k + 1 < len(headings) else len(ctx.doc.text)
        items = _items(ctx, heading, end)
        if items is None or len(items) < 2:
            continue
        finding = _compare(ctx, heading, total, items) if len(items) >= 3 else None
        if finding is None:
            finding = _sum_off(ctx, heading, total, items)
        if finding is not None:
            yield finding


def _amount(match: re.Match[str], base: int) -> _Amount:
    raw = match.group("num")
    unit = match.group("unit")
    places = len(raw.partition(".")[2])
    factor = amount_factor(unit)
    return _Amount(
        Decimal(raw) * factor,
        Decimal(5) * Decimal(10) ** (-places - 1) * factor,
        Decimal(raw),
        unit,
        match.group(0),
        (base + match.start(), base + match.end()),
    )


def _heading_amount(doc_text: str, heading: Heading) -> _Amount | None:
    """The heading's one amount outside brackets ("(二)XX年度727.5万元(其中…)")."""
    bare = _CUES.bracket.sub(lambda m: " " * len(m.group()), heading.text)
    found = list(_CUES.money.finditer(bare))
    offset = doc_text.find(heading.text, heading.start)
    if len(found) != 1 or offset < 0:
        return None
    return _amount(found[0], offset)


def _items(ctx: AuditContext, heading: Heading, end: int) -> list[_Amount | None] | None:
    """Each numbered line below the heading, in order (1), (2), …: its one amount, or None when it has none."""
    lines: dict[int, list[Sentence]] = {}
    for sentence in ctx.doc.sentences:
        if heading.end <= sentence.start < end:
            lines.setdefault(sentence.para_start, []).append(sentence)
    items: list[_Amount | None] = []
    for start, sentences in lines.items():
        text = ctx.doc.text[start : sentences[-1].end]
        marker = _CUES.item_number.match(text)
        if marker is None or int(marker.group("n") or marker.group("m")) != len(items) + 1:
            return items if items else None
        found = list(_CUES.money.finditer(text))
        if len(found) > 1:
            return None  # an item with details of its own: which amount is its part is not settled
        items.append(_amount(found[0], start) if found else None)
    return items


def _compare(
    ctx: AuditContext, heading: Heading, total: _Amount, items: list[_Amount | None]
) -> Finding | None:
    parts = [p for p in items if p is not None]
    above = [p for p in parts if p.value - p.half > total.value + total.half]
    if len(above) != 1:
        return None
    part = above[0]
    others = sum((p.value for p in parts if p is not part), Decimal(0))
    slack = sum((p.half for p in parts if p is not part), total.half)
    meant = _MEANT.get(part.unit)
    if meant is not None:
        value = part.raw * amount_factor(meant)
        if abs(others + value - total.value) <= slack + part.half / amount_factor(part.unit) * amount_factor(
            meant
        ):
            ctx.facts.checked.add(part.span)
            return ctx.relation_finding(
                "UNIT_SUSPECT",
                f"「{heading.text.strip()}」下所列第{items.index(part) + 1}项 {part.text} 大于总额 {total.text}；"
                f"按 {show_written(part, meant)} 计，各项合计恰为 {total.text}，疑为单位写错",
                part.span,
                expected=show_written(part, meant),
                found=part.text,
                quote=_line(ctx, part),
            )
    return ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"「{heading.text.strip()}」下所列第{items.index(part) + 1}项 {part.text} 大于总额 {total.text}，分项不能大于总额",
        part.span,
        expected=f"≤{total.text}",
        found=part.text,
        quote=_line(ctx, part),
    )


def _sum_off(
    ctx: AuditContext, heading: Heading, total: _Amount, items: list[_Amount | None]
) -> Finding | None:
    """Every numbered line with its one amount, and their sum off the heading's amount beyond the written
    precision: a doubt, since the text does not say the lines are the whole's parts and all of them."""
    if any(p is None for p in items):
        return None  # a line with no amount: its share is unknown, the sum says nothing
    parts = [p for p in items if p is not None]
    summed = sum((p.value for p in parts), Decimal(0))
    slack = sum((p.half for p in parts), total.half)
    if abs(summed - total.value) <= slack:
        return None
    ctx.facts.checked.update({total.span, *(p.span for p in parts)})
    written = "、".join(p.text for p in parts[:6]) + ("等" if len(parts) > 6 else "")
    relation = "超过" if summed > total.value else "少于"
    shown = f"{format(summed.normalize(), 'f')}万元"
    message = (
        f"「{heading.text.strip()}」下逐项列出的 {len(parts)} 项（{written}）之和为 {shown}，{relation}总额 "
        f"{total.text}（若所列并非其全部构成，则不矛盾）"
    )
    span = (total.span[0], parts[-1].span[1])
    return ctx.relation_finding(
        "TOTAL_MISMATCH", message, span, expected=shown, found=total.text, proven=False
    )


def _line(ctx: AuditContext, part: _Amount) -> str:
    text = ctx.doc.text
    start = text.rfind("\n", 0, part.span[0]) + 1
    stop = text.find("\n", part.span[1])
    return text[start : stop if stop >= 0 else len(text)]
