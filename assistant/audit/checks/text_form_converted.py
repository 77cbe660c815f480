"""SCORE_MISMATCH in a form with converted scores (河北's system export: 单项指标得分 | 权重占比(%) | 单项指标折算得分):
a row marked 完成 earns its whole weight, so its 折算得分 equals its 权重占比; one converted below it was scored as
if the indicator were partly missed.

Bad: … >= 98 %(百分比) 100% 完成 25.00 25.00 6.25 (the weight typed as the 单项指标得分, then weighted again: 25 × 25%).
Good: … 100% 完成 100.00 25.00 25.00. A row 未完成 may score below its weight. The column rule (折算 = 得分 ×
权重占比) and the full marks of a met row are the form's scale as we read it, so the finding is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit

_CUES = cues(__name__)
_HUNDRED = Decimal(100)


@check_unit(also=("SCORE_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    if not (_CUES.weight_column.search(text) and _CUES.converted_column.search(text)):
        return
    for row in _CUES.met_row.finditer(text):
        score, weight, converted = (Decimal(row.group(k)) for k in ("score", "weight", "converted"))
        if not Decimal(0) < weight <= _HUNDRED:
            continue
        ctx.facts.mark(*(row.span(k) for k in ("weight", "converted")))
        if converted >= weight:
            continue
        why = "单项指标得分按权重而非满分 100 填写；" if score == weight else ""
        yield ctx.relation_finding(
            "SCORE_MISMATCH",
            f"指标标为「完成」，折算得分应为其权重占比 {row.group('weight')}，表中单项指标得分 {row.group('score')}、"
            f"权重 {row.group('weight')}% 折算为 {row.group('converted')}（{why}若该表另有计分口径则不矛盾）",
            (row.start("score"), row.end("converted")),
            expected=row.group("weight"),
            found=row.group("converted"),
            proven=False,
        )
