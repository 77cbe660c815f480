"""SCORE_MISMATCH for an indicator the prose scores in one sentence: its target, its actual, its 分值 and its 得分
("获得补助的单位数量(家),目标值17,完成值17,分值6,得分6"; "年度指标值12000平方米，实际完成10860平方米，完成率90.50%，
得13.58分（分值15分）").

Bad: 受益人数目标值2200人,完成值2500人,分值10,得分7 (met, so 10 under the national rule).
Good: the same with 得分10; or 年度指标值12000平方米，实际完成10860平方米，得13.58分（分值15分）(15 × 90.5 %).
Narrative reports write every indicator so when they have no 自评表; the score rests on the national rule (full
points when met, else in proportion), so a mismatch is a warning ("uncertain"). An indicator whose name says
lower is better (成本, 发生率, 投诉…) and whose target carries no ≤ is not judged: its direction is unwritten.
Where the text states the proportional rule itself ("未达到的按“实际完成值÷指标值×分值”计分"), a missed ≥ indicator's
score is that rule's arithmetic on the written numbers: 指标值≥43个，实际40个，分值15分，得13.59分 (15 × 40 ÷ 43 = 13.95)
is an error; a score rounded or cut to its decimals (13.95) stands.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import Cell, CellNumber
from ..prose.form import is_execution_row
from ..prose.indicator_rule import docked_whole_point, expected_score, missed_as_written
from ..prose.interval import Interval
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("SCORE_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    for sentence in ctx.doc.sentences:
        for match in _CUES.scored_row.finditer(sentence.text):
            finding = _row(ctx, sentence.start, sentence.text, match)
            if finding is not None:
                findings.append(finding)
    return findings


def _row(ctx: AuditContext, offset: int, text: str, match: re.Match[str]) -> Finding | None:
    groups = match.groupdict()
    points_text = groups.get("p") or groups.get("p2")
    score_text = groups.get("s") or groups.get("s2")
    if points_text is None or score_text is None:
        return None
    target = Cell(match.group("t"), 0, 0).number
    actual = Cell(match.group("a"), 0, 0).number
    if target is None or actual is None:
        return None
    label = text[max(0, match.start() - 30) : match.start()]
    if target.op is None and _CUES.lower_is_better.search(label + match.group(0)):
        return None  # the direction is unwritten: a cost or an incidence may be met below its target
    points, score = Decimal(points_text), Decimal(score_text)
    if score > points:
        return None  # a score above its 分值 is the prose score check's (``scores``)
    allowed = expected_score(target, actual, points)
    if not allowed:
        return None
    places = len(score_text.partition(".")[2])
    stated = _stated_proportion(ctx, target, actual, points, score, places)
    if stated is not None:
        return ctx.relation_finding(
            "SCORE_MISMATCH",
            f"指标目标 {match.group('t')}、完成 {match.group('a')}、分值 {points_text}，按文中所述评分规则"
            f"（{stated[1]}）应得 {stated[0]}分，文中为 {score_text}分",
            (offset + match.start(), offset + match.end()),
            expected=f"{stated[0]}分",
            found=f"{score_text}分",
            quote=text,
        )
    half = Decimal(5) / Decimal(10) ** (places + 1)
    if any(a.lo - half <= score <= a.hi + half for a in allowed):
        return None
    missed = missed_as_written(target, actual)
    if missed and not is_execution_row(label) and docked_whole_point(allowed, score, places):
        return None  # "目标值≥90%，完成值89%，分值10分，得分9分": a whole point off for a small miss
    best = min(allowed, key=lambda a: abs(a.mid - score))
    reached = "已达到目标值，" if best.hi == points and not missed else ""
    return ctx.relation_finding(
        "SCORE_MISMATCH",
        f"指标目标 {match.group('t')}、完成 {match.group('a')}、分值 {points_text}，{reached}"
        f"按全国通用评分规则应得 {best.shown('分')}，文中为 {score_text}分（评分规则可能不同，请核对）",
        (offset + match.start(), offset + match.end()),
        expected=best.shown("分"),
        found=f"{score_text}分",
        proven=False,
        quote=text,
    )


def _stated_proportion(
    ctx: AuditContext, target: CellNumber, actual: CellNumber, points: Decimal, score: Decimal, places: int
) -> tuple[Decimal, str] | None:
    """The score the text's own proportional rule gives a missed indicator of a ≥ target ("未达到的按“实际完成值÷
    指标值×分值”计分": 15 × 40 ÷ 43 = 13.95), when the written score is off it by a whole unit of its last decimal or
    more (rounded or cut, 13.95 stands): the text's arithmetic proves it. None when the text states no such rule."""
    rule = _CUES.stated_proportion.search(ctx.doc.text)
    if rule is None or target.op not in (">", "≥", "＞") or not 0 <= actual.value < target.value:
        return None
    exact = points * actual.value / target.value
    if docked_whole_point([Interval.exact(exact)], score, places):
        return None  # a whole point off for a small miss, as ``_row`` leaves it under the default rule
    if abs(exact - score) < Decimal(1) / Decimal(10) ** max(places, 2):
        return None
    return exact.quantize(Decimal(1) / Decimal(10) ** max(places, 2)), rule.group().strip('“”"')
