"""TOTAL_MISMATCH in a 部门整体 form's 年度收入情况 table copied one cell after another: "机构名称 | 收入合计 | 其中: |
上年结转 | 公共财政拨款 | 政府基金拨款 | 纳入专户管理的非税收入拨款 | 其他收入", then a row per unit ("团区委 | 70.183715 | 0 |
68.683715 | 0 | 0 | 1.5").

Why: the header makes the first figure of each row the unit's 收入合计 and the figures after it its 其中 sources,
which by the form's definition make it up; but the cells carry no unit and no words, so the prose readers see
none of them. Blank cells leave no figure, so the figures after the first are the row's filled sources.
Bad: 局机关 | 186.26 | 35.87 | 80.39 | | | 60 (176.26). Good: the same with 176.26; a row with its total only.
Which figure is in which cell is a reading of the flattened layout: a warning ("uncertain"), never an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.interval import total, written
from ..registry import check_unit

_CUES = cues(__name__)
_Figure = tuple[str, tuple[int, int]]


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for header in _CUES.header.finditer(text):
        for label, figures in _rows(text, header.end()):
            finding = _compare(ctx, label, figures)
            if finding is not None:
                yield finding


def _rows(text: str, start: int) -> list[tuple[str, list[_Figure]]]:
    """Each unit's row: its label and its figures, from the first label with figures to the first without."""
    rows: list[tuple[str, list[_Figure]]] = []
    for cell in _CUES.cell.finditer(text, start):
        if not cell.group().strip():
            continue
        number = _CUES.number.fullmatch(cell.group())
        if number is None:
            if rows and not rows[-1][1]:
                rows.pop()  # a column title, or a row left blank: the table ends at the second
                if rows:
                    break
            rows.append((cell.group().strip(), []))
        elif rows:
            at = cell.start() + number.start("num")
            rows[-1][1].append((number.group("num"), (at, at + len(number.group("num")))))
    return [(label, figures) for label, figures in rows if figures]


def _compare(ctx: AuditContext, label: str, figures: list[_Figure]) -> Finding | None:
    if len(figures) < 3:
        return None  # a total and one source: nothing to add
    (stated, where), parts = figures[0], figures[1:]
    places = max(_places(p) for p, _ in parts)
    summed = total([written(Decimal(p), places) for p, _ in parts])
    whole = written(Decimal(stated), _places(stated))
    ctx.facts.mark(where, *(span for _, span in parts))
    if summed.overlaps(whole):
        return None
    shown = format(summed.mid.normalize(), "f")
    listed = "＋".join(p for p, _ in parts)
    return ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"收入情况表中“{label}”收入合计 {stated}，其后各来源 {listed} ＝ {shown}（若表中数字与列未对齐，则不矛盾）",
        (where[0], parts[-1][1][1]),
        expected=shown,
        found=stated,
        proven=False,
        quote=label,
    )


def _places(number: str) -> int:
    return len(number.partition(".")[2])
