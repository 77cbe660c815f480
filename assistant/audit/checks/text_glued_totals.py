"""TOTAL_MISMATCH from the text alone: an allocation table glued into one run of names and bare figures that ends
with its 合计 ("龙涓镇5长卿镇1.5龙门镇2…凤城镇0.5全县合计35": 24 towns, 35).

Why: a table of who gets what, copied without its cell borders, keeps each row as a name followed by its figure;
the run's own 合计 is their sum. The figures carry no unit (it sits in the header), so the prose readers take none
of them. Each figure stands for the interval its written precision allows; a sum that misses the 合计 is a
warning ("uncertain"): where one glued cell ends and the next begins is a reading (a name may hold a digit).
Bad: 甲镇5乙镇1.5丙镇2丁镇1.5合计11 (10). Good: …合计10; a run of fewer than three rows (too short to be a table).
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


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for run in _CUES.glued_run.finditer(text):
        rows = list(_CUES.glued_row.finditer(text, run.start("rows"), run.end("rows")))
        figures = [(Decimal(r.group("num")), _places(r.group("num"))) for r in rows]
        stated = run.group("total")
        whole = written(Decimal(stated), _places(stated))
        places = max(p for _, p in figures)
        summed = total([written(v, places) for v, _ in figures])
        ctx.facts.mark((run.start("total"), run.end("total")), *(r.span("num") for r in rows))
        if summed.overlaps(whole):
            continue
        listed = "、".join(f"{r.group('label')} {r.group('num')}" for r in rows[:6]) + (
            "等" if len(rows) > 6 else ""
        )
        yield ctx.relation_finding(
            "TOTAL_MISMATCH",
            f"表中 {len(rows)} 行（{listed}）之和为 {summed.mid:.{places}f}，与{run.group('head')} {stated} 不符"
            "（按连写单元格的一种拆分计）",
            (run.start("rows"), run.end("total")),
            expected=f"{summed.mid:.{places}f}",
            found=stated,
            proven=False,
        )


def _places(value: str) -> int:
    return len(value.split(".")[1]) if "." in value else 0
