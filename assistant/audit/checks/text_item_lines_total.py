"""TOTAL_MISMATCH from the text alone: numbered lines that each pay one group its money, closed by an unnumbered
line that sums them ("（一）80至89周岁。…全年发放821.40万元。" / "（二）90至99周岁。…" / "（三）100周岁以上。…" /
"全年共发放高龄津贴1,105.44万元").

Why a reader of its own: each item is a line (a sentence or more) of its own and the sum is a sentence after them
with no list cue (其中, 分别) tying them, so the list readers see no breakdown; the outline reader wants the whole on
the line above the items, not below.
Bad: three lines of 821.40万元, 207.24万元, 13.80万元 closed by 全年共发放…1,105.44万元 (1,042.44).
Good: the same with 270.24万元; quarters a line each in 元 closed by 共计7,522,200元 that agree; a closing line that
sums nothing (no 共, 合计, 累计: "以上资金全部用于…"); item lines with two amounts or none (which is the item's money
is a reading); lines numbered from other than 1 (the list began above).
Read only so: lines opened by markers of one style numbered 1, 2, … in order, consecutive, each with exactly one
amount of money paid out (发放, 支出: no price per head, no budget), the line right after them unnumbered and its
first amount's sentence summing before it, paid out too (or of no 口径). Budgets a line each closed by a 合计 are
often some of a unit's projects against the unit's whole ("全局项目全年预算合计…"): not read. The text does
not say the items are all of the sum's parts: a warning ("uncertain").
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.interval import total
from ..prose.model import Statement
from ..registry import check_unit
from .text_outline_amounts import outline_mark
from .text_typed_slips import converted_sum

_CUES = cues(__name__)
_FEWEST = 2


def _money(s: Statement) -> bool:
    """An amount of money as written (no price per head, no range or hedge)."""
    return (
        s.kind == "amount"
        and s.role == "value"
        and s.field != "unit_price"
        and s.hedge is None
        and s.high is None
        and s.sentence is not None
    )


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    by_line: dict[int, list[Statement]] = {}
    for s in ctx.facts.statements:
        if _money(s):
            by_line.setdefault(text.rfind("\n", 0, s.span[0]) + 1, []).append(s)
    run: list[tuple[int, Statement]] = []  # (rank, the line's amount)
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        mark = outline_mark(text, start)
        amounts = by_line.get(start, [])
        if mark is not None and len(amounts) == 1 and _next_item(run, mark):
            run.append((mark[0], amounts[0]))
        else:
            if mark is None and len(run) >= _FEWEST and amounts:
                finding = _against_sum(ctx, [s for _, s in run], amounts[0])
                if finding is not None:
                    yield finding
            run = [(mark[0], amounts[0])] if mark is not None and mark[1] == 1 and len(amounts) == 1 else []
        start = end + 1


def _next_item(run: list[tuple[int, Statement]], mark: tuple[int, int]) -> bool:
    """Does a line of this marker continue the run (the same style, the next number), or start one (number 1)?"""
    if not run:
        return mark[1] == 1
    return mark[0] == run[-1][0] and mark[1] == len(run) + 1


def _against_sum(ctx: AuditContext, parts: list[Statement], s: Statement) -> Finding | None:
    """The closing line's amount, when its sentence sums, against the items' amounts."""
    assert s.sentence is not None
    if not _CUES.sums.search(ctx.doc.text, s.sentence.start, s.span[0]) or s.kind != parts[0].kind:
        return None
    if any(p.field != "executed" for p in parts) or s.field not in {"executed", None}:
        return None  # "（一）道路养护项目。全年预算…" … "全局项目全年预算合计…": budgets of some of the unit's projects
    summed = total([p.interval() for p in parts])
    ctx.facts.mark(s, *parts)
    if summed.overlaps(s.interval()) or converted_sum(parts, s) == s.raw:
        return None  # or each item converted to the total's unit first, then added (元 items, a 万元 total)
    shown = f"{format(summed.mid.normalize(), 'f')}万元"
    written = "、".join(p.text for p in parts)
    return ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"上列 {len(parts)} 条各自的金额（{written}）之和为 {shown}，与其后合计 {s.text} 不符（若上列各条并非其全部构成，则不矛盾）",
        s.span,
        expected=shown,
        found=s.text,
        proven=False,
    )
