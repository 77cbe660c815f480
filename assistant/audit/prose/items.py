"""The numbered item of a paragraph a figure is written under: "(1)…3万元。(2)援宁经费50万元", "一是…合计75万元；二是
…合计3624.71万元", "①…②…".

Why: figures under two different numbers of one paragraph's list are two items, each its own quantity; neither
restates the other, nor the whole the list is of, and a 口径 word of one item says nothing of the next one's
figure.

Also the head of a line ("4、育肥猪保险:…", "青阳县申请…"): not an item in that sense. Lines opened by different
names may be the items of a list written one a line or the sections of a report, which may restate one figure; so
two numbered items prove two quantities (``other_items``), two line heads only make it doubtful
(``other_line_heads``).
"""

from __future__ import annotations

import re

from ..cues import cues
from .model import Statement

_CUES = cues(__name__)


def _last_label(text: str, statement: Statement) -> re.Match[str] | None:
    if statement.sentence is None:
        return None
    found = list(_CUES.label.finditer(text, statement.sentence.para_start, statement.span[0]))
    return found[-1] if found else None


def item_of(text: str, statement: Statement) -> str | None:
    """The label (“2”, “二”, “②”) of the last numbered item opened before ``statement`` in its paragraph."""
    last = _last_label(text, statement)
    return (last.group("n") or last.group("n2") or last.group("n3")) if last else None


def heads_item(text: str, statement: Statement, others: list[Statement]) -> bool:
    """Is ``statement`` the first amount of its numbered item ("；三是小学教育支出，…，合计676.47万元")? Then it is
    that item's own figure, whatever 合计 or 共 it is written with, not a sum of the items before."""
    last = _last_label(text, statement)
    return last is not None and not any(
        o.kind == "amount" and last.end() <= o.span[0] < statement.span[0] for o in others
    )


def other_items(text: str, a: Statement, b: Statement) -> bool:
    """Are ``a`` and ``b`` written under two different numbers of one paragraph's list?"""
    if a.sentence is None or b.sentence is None or a.sentence.para_start != b.sentence.para_start:
        return False
    first, second = item_of(text, a), item_of(text, b)
    return first is not None and second is not None and first != second


def line_head_of(text: str, statement: Statement) -> str | None:
    """The name the statement's line opens with, numbered ("4、育肥猪保险:…县级财政补贴15%为237.99万元" → 育肥猪保险) or
    a place ("青阳县申请基础养老金补贴…" → 青阳县)."""
    line_start = text.rfind("\n", 0, statement.span[0]) + 1
    found = _CUES.line_head.match(text, line_start)
    return (found.group("name") or found.group("place")) if found else None


def other_line_heads(text: str, a: Statement, b: Statement) -> bool:
    """Are ``a`` and ``b`` written on two lines opened by different names ("2、油菜保险:…" and "4、育肥猪保险:…",
    "贵池区…" and "青阳县…")?
    Such lines may be items of one list (each its own quantity) or sections of the report (restating one): a
    difference between them is a doubt, not a proof."""
    first, second = line_head_of(text, a), line_head_of(text, b)
    return first is not None and second is not None and first != second


def places_line_by_line(text: str) -> bool:
    """Does the text report two or more places a line each ("贵池区申请…", "青阳县申请…")? Then a figure without
    its place may be any one place's."""
    places = set()
    for line in text.splitlines():
        found = _CUES.line_head.match(line)
        if found and found.group("place"):
            places.add(found.group("place"))
    return len(places) >= 2
