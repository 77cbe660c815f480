"""SCORE_MISMATCH from the text alone: a part's score against the deductions its own sentence names.

Bad: 产出指标（50分）得48分，其中“甲”未达目标，扣3分；“乙”延期，扣1分。 (50 − 3 − 1 = 46, less than 48).
Good: the same with 得46分; or a score below what the deductions leave (a deduction may go unexplained).
Reports explain a part's lost points right after its score; the points the part is given, less the deductions
named up to the end of that sentence (its ；-clauses included), bound the score from above. Which part a deduction
belongs to is a reading, so the finding is a warning. A scoring rule ("每低1%扣0.5分", "未达到的扣2分"), a
deduction summed again ("共扣4分") or bonus points (加分) make the sum unreliable: silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.deductions import points_taken
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("SCORE_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for match in _CUES.part_scored.finditer(text):
        stop = min(
            (at for at in (text.find("。", match.end()), text.find("\n", match.end())) if at >= 0),
            default=len(text),
        )
        region = text[match.end() : stop]
        nxt = _CUES.part_scored.search(region)
        region = region[: nxt.start()] if nxt else region  # the next part's own score and deductions
        if _CUES.unreliable.search(region):
            continue
        lost = points_taken(region)
        if not lost:
            continue
        points, score = Decimal(match.group("points")), Decimal(match.group("score"))
        left = points - sum(lost, Decimal(0))
        if score <= left:
            continue
        yield ctx.relation_finding(
            "SCORE_MISMATCH",
            f"“{match.group('part')}”分值 {match.group('points')}分，其后所列扣分 {'＋'.join(map(str, lost))}分，"
            f"至多得 {left}分，文中写作 {match.group('score')}分",
            (match.start("score"), match.end("score")),
            expected=f"≤{left}分",
            found=f"{match.group('score')}分",
            proven=False,
            quote=(match.group(0) + region)[:160],
        )
