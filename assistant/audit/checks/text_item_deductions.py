"""SCORE_MISMATCH from the text alone: the points a report says an item lost, against its own 分值 − 得分.

Bad: 管理制度执行（5分）得3分 … (另一节) 管理制度执行指标共扣1分 (5 − 3 = 2 lost).
Bad: rows "| 组织实施 | 10 | 9 |" and "组织实施扣2分" with no other deduction of it: 2 > 10 − 9.
Good: 绩效目标扣0.5分 beside "| 绩效目标 | 5 | 4.5 |"; a deduction less than the points lost (another may go
unexplained); a scoring rule (每低1%扣0.5分, 未达到的扣2分) or bonus points, which are no points lost.
Reports explain the scores of their sheet or outline apart from it, naming each item. The item is the one scored
item (a sheet row, a prose "名称（5分）得3分" or "名称分值5分，得分3分") whose name the deduction's own clause holds:
the longest such name, one item only. A deduction said to be the item's whole (共扣, 合计扣) must equal 分值 − 得分,
which the text's numbers prove (an error); deductions not so marked add up to no more than it (beyond it a
warning: which item a deduction names is a reading). Deductions in the scored item's own sentence are
``text_part_deductions``'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import cells_of
from ..prose.score_table import read_score_tables
from ..registry import check_unit

_CUES = cues(__name__)


@dataclass(frozen=True)
class _Item:
    name: str
    points: Decimal
    score: Decimal
    start: int
    end: int


@check_unit(also=("SCORE_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    if _CUES.bonus.search(text):
        return
    items = _items(ctx)
    if not items:
        return
    said: dict[_Item, list[tuple[re.Match[str], bool]]] = {}
    previous = 0
    for m in _CUES.deduction.finditer(text):
        # "完成及时性扣1分、社会效益扣1分": a deduction closes the item it names; the next one's name starts after it
        clause_start = max(previous, *(text.rfind(p, 0, m.start()) + 1 for p in "，,。；;：:\n"))
        previous = m.end()
        clause = text[clause_start : m.start()]
        if _CUES.rule.search(clause) or _CUES.rule.search(text[m.end() : m.end() + 6]):
            continue
        item = _named(items, clause)
        if item is None or _same_sentence(text, item, m.start()):
            continue
        said.setdefault(item, []).append((m, _CUES.whole.search(clause) is not None))
    for item, found in said.items():
        yield from _judge(ctx, item, found)


def _judge(ctx: AuditContext, item: _Item, found: list[tuple[re.Match[str], bool]]) -> Iterator[Finding]:
    lost = item.points - item.score
    marked = [m for m, whole in found if whole]
    if len(marked) == 1 and len(found) == 1:
        m, proven = marked[0], True
        if Decimal(m.group("points")) == lost:
            return
    elif not marked:
        total = sum((Decimal(m.group("points")) for m, _ in found), Decimal(0))
        if total <= lost:
            return
        m, proven = found[-1][0], False
    else:
        return
    named = "＋".join(x.group("points") for x, _ in found)
    yield ctx.relation_finding(
        "SCORE_MISMATCH",
        f"“{item.name}”分值 {item.points}分、得分 {item.score}分，失分 {lost}分，文中写作扣 {named}分",
        (m.start(), m.end()),
        expected=f"{lost}分",
        found=f"{named}分",
        proven=proven,
        quote=_line(ctx.doc.text, m.start(), m.end()),
    )


def _items(ctx: AuditContext) -> list[_Item]:
    """Every item the text scores beside its weight, once per name (a name scored twice apart: neither)."""
    text = ctx.doc.text
    found: list[_Item] = []
    for names, points, score, start, end in sheet_rows(text):
        for name in names:
            found.append(_Item(name, points, score, start, end))
    for name, points, score, at in scored_pairs(text):
        found.append(_Item(name, points, score, at, at))
    by_name: dict[str, set[tuple[Decimal, Decimal]]] = {}
    for item in found:
        by_name.setdefault(item.name, set()).add((item.points, item.score))
    return [i for i in found if len(by_name[i.name]) == 1 and i.points >= i.score]


def sheet_rows(text: str) -> list[tuple[list[str], Decimal, Decimal, int, int]]:
    """The score sheets' rows as (name cells, 分值, 得分, start, end): no closing row (小计, 合计), and no row whose
    name cells hold a number (rows written one cell a line read two at a time: "预算编制 15 13 目标设置")."""
    rows = []
    for table in read_score_tables(text):
        for row in table.rows:
            cells = [c for c in cells_of(text, row.label.start, row.points[0].start) if not c.empty]
            if _CUES.closing.search(row.label.text) or any(c.plain is not None for c in cells):
                continue
            names = [n for n in (_CUES.bracket.sub("", c.text).strip() for c in cells) if len(n) >= 2]
            rows.append((names, row.points[1].value, row.score[1].value, row.label.start, row.score[0].end))
    return rows


def scored_pairs(text: str) -> list[tuple[str, Decimal, Decimal, int]]:
    """The items the prose scores beside their weight: (name, 分值, 得分, where the pair ends)."""
    pairs = [*_CUES.pair_bracket.finditer(text), *_CUES.pair_words.finditer(text)]
    found = []
    for m in pairs:
        name = re.sub(r"指标$", "", _CUES.lead.sub("", m.group("name")))
        if len(name) >= 2:
            found.append((name, Decimal(m.group("points")), Decimal(m.group("score")), m.end()))
    return found


def _named(items: list[_Item], clause: str) -> _Item | None:
    """The one scored item whose name the clause holds, the longest name winning; None when two items share it."""
    held = [i for i in items if i.name in clause]
    if not held:
        return None
    longest = max(len(i.name) for i in held)
    best = {(i.name, i.points, i.score): i for i in held if len(i.name) == longest}
    names = {name for name, _, _ in best}
    if len(names) != 1 or len({(p, s) for _, p, s in best}) != 1:
        return None
    return next(iter(best.values()))


def _same_sentence(text: str, item: _Item, at: int) -> bool:
    """Is the deduction in the scored item's own sentence (read by ``text_part_deductions``)?"""
    return at >= item.end and not re.search(r"[。\n]", text[item.end : at])


def _line(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a : b if b >= 0 else len(text)].strip()
