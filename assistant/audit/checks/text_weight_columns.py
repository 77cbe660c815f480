"""WEIGHT_MISMATCH in a 评价指标评分表 that gives every level its own 分值 column ("一级指标 | 分值 | 二级指标 | 分值 |
三级指标 | 分值 | 得分", the 财预〔2020〕10号 evaluation framework), copied as text one cell after another.

Why a reader of its own: merged cells leave each row with only the levels that start on it, so the cells run
"项目决策 20 项目目标 4 目标内容 4 4 决策过程 8 决策依据 3 3 …" and no row holds a whole path. The columns make the
tree readable from the order alone: a 三级指标 is a label with two numbers (分值, 得分); a label with one number is a
二级指标 when a 三级指标 follows it and a 一级指标 when another one-number label does (its first 二级指标).
Bad: 项目决策 20 项目目标 4 目标内容 4 4 决策过程 8 决策依据 3 3 决策程序 6 6 … (3 + 6 = 9 under 8).
Good: the same with 决策程序 5 5. A block the copy cuts short (the table's last one) is compared only when its
children already pass it; so are the 一级指标 weights against the 100 the table scores out of (above it only).
Which cell is which level is a reading of the flattened layout: always a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit

_CUES = cues(__name__)


@dataclass
class _Node:
    label: str
    points: Decimal
    span: tuple[int, int]  # the 分值 as written
    children: list[_Node] = field(default_factory=list)
    closed: bool = False  # another item of its level or above follows it: the copy did not stop inside it


@check_unit(also=("WEIGHT_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for header in _CUES.header.finditer(text):
        tops = _tree(_cells(text, header.end()))
        for top in tops:
            for node in (top, *top.children):
                finding = _compare(ctx, node)
                if finding is not None:
                    yield finding
        over = _over_the_scale(ctx, tops)
        if over is not None:
            yield over


_SCALE = Decimal(100)


def _over_the_scale(ctx: AuditContext, tops: list[_Node]) -> Finding | None:
    """The 一级指标 weights already above the 100 the table scores out of (项目决策 20 + 项目管理 25 + 项目绩效 65):
    more levels could only add to them, so a copy cut short proves this too. Below 100 says nothing (a level may
    be cut off)."""
    summed = sum((t.points for t in tops), Decimal(0))
    if len(tops) < 2 or summed <= _SCALE:
        return None
    listed = "＋".join(f"{t.label}{t.points}" for t in tops)
    return ctx.relation_finding(
        "WEIGHT_MISMATCH",
        f"评分表各一级指标分值 {listed} ＝ {summed}，超过满分 100（若该表满分不是 100，请核对）",
        (tops[0].span[0], tops[-1].span[1]),
        expected="100",
        found=f"{summed}",
        proven=False,
        quote=tops[-1].label,
    )


def _compare(ctx: AuditContext, node: _Node) -> Finding | None:
    if not node.children:
        return None
    summed = sum((c.points for c in node.children), Decimal(0))
    ctx.facts.mark(node.span, *(c.span for c in node.children))
    if summed == node.points or (summed < node.points and not node.closed):
        return None
    listed = "＋".join(f"{c.label}{c.points}" for c in node.children)
    return ctx.relation_finding(
        "WEIGHT_MISMATCH",
        f"评分表中“{node.label}”分值 {node.points}，其下一级各项分值 {listed} ＝ {summed}",
        (node.span[0], node.children[-1].span[1]),
        expected=f"{summed}",
        found=f"{node.points}",
        proven=False,
        quote=node.label,
    )


def _cells(text: str, start: int) -> list[tuple[str, list[tuple[Decimal, tuple[int, int]]]]]:
    """The rows' labels each with the numbers after it, from ``start`` until a label with none or more than two."""
    rows: list[tuple[str, list[tuple[Decimal, tuple[int, int]]]]] = []
    for token in _CUES.token.finditer(text, start):
        if token.group("label"):
            if rows and not 1 <= len(rows[-1][1]) <= 2:
                rows.pop()
                break
            if _CUES.stop.match(token.group("label")):
                break
            rows.append((token.group("label"), []))
        elif rows:
            rows[-1][1].append((Decimal(token.group("num")), token.span("num")))
    if rows and not 1 <= len(rows[-1][1]) <= 2:
        rows.pop()
    return rows


def _tree(rows: list[tuple[str, list[tuple[Decimal, tuple[int, int]]]]]) -> list[_Node]:
    """一级 → 二级 → 三级 from the row order (see the module's docstring); [] when the order does not fit."""
    tops: list[_Node] = []
    middle: _Node | None = None
    for k, (label, numbers) in enumerate(rows):
        node = _Node(re.sub(r"\s+", "", label), numbers[0][0], numbers[0][1])
        if len(numbers) == 2:
            if middle is None:
                return []
            middle.children.append(node)
            continue
        following = rows[k + 1][1] if k + 1 < len(rows) else []
        if len(following) == 1:  # a one-number label right after: this is a 一级指标, that its first 二级指标
            for top in tops:
                for done in (top, *top.children):
                    done.closed = True
            tops.append(node)
            middle = None
            continue
        if not tops:
            return []
        if middle is not None:
            middle.closed = True
        tops[-1].children.append(node)
        middle = node
    return tops
