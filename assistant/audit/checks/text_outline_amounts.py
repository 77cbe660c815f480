"""TOTAL_MISMATCH from a report's outline of amounts: each numbered line opens with a label and its amount
("一、群众体育4348.97万元(其中…)", "(一)资助…全民健身活动1433.1万元,其中…", "1、群众性综合运动会654.17万元;"), and
the lines one level below a line are its parts.

Why: a 使用情况 report often writes how it spent a fund as an outline, one amount per numbered line; the amounts
carry a unit but no list cue ties them (each line is a sentence or a heading of its own), so the list readers do
not see the lines below one as its parts.
Bad: 一、群众体育500万元 / (一)健身活动200万元 / (二)场地器材350万元 (550). Good: the same under 550万元.
Read only so: a line opened by an outline marker (一、 above (一) above 1、 above (1)), its first clause (up to
the first ，；。：, brackets left out) holding one amount after a label; its children are the lines of the next
marker style below it, numbered 1, 2, 3… in order up to the next line of its own style or above, each with such
an amount, two of them at least. The text does not say the lines are all of the parent's parts, nor parts at
all, so a sum off the parent's amount beyond the written precision is a warning ("uncertain"), never an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from assistant.numbers.units import amount_factor

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.interval import Interval, total, written
from ..registry import check_unit

_CUES = cues(__name__)
_DIGITS = "一二三四五六七八九"
_CJK = re.compile(r"[\u4e00-\u9fff]")  # the label's characters before the amount


@dataclass(frozen=True)
class _Line:
    rank: int  # 1 一、, 2 (一), 3 1、, 4 (1)
    number: int
    amount: Interval | None  # the first clause's one amount, in 万元
    text: str  # the amount as written
    span: tuple[int, int]  # where the amount stands
    label: str = ""  # the words before it ("群众体育")
    start: int = 0  # where the line starts


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    lines = _lines(ctx.doc.text)
    # a sub-heading's amount over its numbered lines is text_heading_parts' (an item with an amount of its own
    # inside, "…60万元，其中设备8万元", leaves it silent there)
    read_there = {h.start for h in ctx.doc.headings if h.level >= 2}
    for k, parent in enumerate(lines):
        if parent.amount is None or parent.start in read_there:
            continue
        children = _children(lines, k)
        if children is None:
            continue
        summed = total([c.amount for c in children if c.amount is not None])
        ctx.facts.mark(parent.span, *(c.span for c in children))
        if summed.overlaps(parent.amount):
            continue
        written = "、".join(c.text for c in children[:6]) + ("等" if len(children) > 6 else "")
        relation = "超过" if parent.amount.below(summed) else "少于"
        shown = f"{format(summed.mid.normalize(), 'f')}万元"
        yield ctx.relation_finding(
            "TOTAL_MISMATCH",
            f"“{parent.label}{parent.text}”下逐条列出的 {len(children)} 项（{written}）之和为 {shown}，{relation}该条所写 "
            f"{parent.text}（若下列各条并非其全部构成，则不矛盾）",
            (parent.span[0], children[-1].span[1]),
            expected=shown,
            found=parent.text,
            proven=False,
        )


def _children(lines: list[_Line], k: int) -> list[_Line] | None:
    """The lines one marker style below line ``k``, numbered 1, 2, … in order, each with its amount."""
    parent = lines[k]
    below = []
    for line in lines[k + 1 :]:
        if line.rank <= parent.rank:
            break
        below.append(line)
    if not below:
        return None
    rank = min(line.rank for line in below)
    children = [line for line in below if line.rank == rank]
    if len(children) < 2 or [c.number for c in children] != list(range(1, len(children) + 1)):
        return None
    if any(c.amount is None for c in children):
        return None  # a part with no amount: its share is unknown
    return children


def _lines(text: str) -> list[_Line]:
    found = []
    for match in _CUES.outline_line.finditer(text):
        rank, number = _marker(match.group("marker"))
        clause = _CUES.first_clause.match(text, match.end("marker"))
        head = _CUES.bracket.sub(lambda m: " " * len(m.group()), clause.group()) if clause else ""
        amounts = list(_CUES.labelled_amount.finditer(head))
        if len(amounts) != 1 or len(_CJK.findall(head[: amounts[0].start()])) < 2:
            found.append(_Line(rank, number, None, "", (match.start(), match.start())))
            continue
        amount = amounts[0]
        base = match.end("marker")
        raw = amount.group("num")
        factor = amount_factor(amount.group("unit"))
        interval = written(Decimal(raw), len(raw.partition(".")[2])).scaled(factor)
        span = (base + amount.start("num"), base + amount.end("unit"))
        label = re.sub(r"\s+", "", head[: amount.start()])[-20:]
        found.append(_Line(rank, number, interval, text[span[0] : span[1]], span, label, match.start()))
    return found


def outline_mark(text: str, line_start: int) -> tuple[int, int] | None:
    """The outline marker a line opens with, as its style's rank and its number (None for an unmarked line)."""
    found = _CUES.outline_line.match(text, line_start)
    return _marker(found.group("marker")) if found else None


def _marker(marker: str) -> tuple[int, int]:
    """The marker's style (its rank in the outline) and its number."""
    bracketed = marker.lstrip()[0] in "(（"
    digits = re.search(r"\d+", marker)
    if digits is not None:
        return (4 if bracketed else 3), int(digits.group())
    word = re.search(r"[一二三四五六七八九十]+", marker)
    return (2 if bracketed else 1), _chinese(word.group() if word else "")


def _chinese(word: str) -> int:
    """一 … 九十九 (an outline's numbers)."""
    if "十" not in word:
        return _DIGITS.index(word) + 1 if len(word) == 1 and word in _DIGITS else 0
    tens, _, ones = word.partition("十")
    return (_chinese(tens) if tens else 1) * 10 + (_chinese(ones) if ones else 0)
