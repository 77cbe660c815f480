"""INDICATOR_MISMATCH and SCORE_MISMATCH for numbers said of one indicator (“受助学生满意度”…得分9.5分).

Bad: “维修改造校舍面积”指标年度指标值12000平方米，实际完成值11860平方米 (data: 10860).
Good: the indicator's 年度指标值, 实际完成值, 完成率 and 得分 as scored.
Indicators of one project that share a name cannot be told apart: the figure is checked against any of them, and
not at all when one of them has no value of that 口径 read ("储备物资 | 45吨" and "储备物资 | 1000m³ | 1180m³"
unread): it may be that one's.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from assistant.numbers import NumberMention
from assistant.numbers.precision import agrees, shown
from assistant.vocabulary import ACTUAL, SCORE, TARGET

from ..claims import Claim
from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import Code, check_unit

_CUES = cues(__name__)
# What each indicator figure is called in a message: the 自评表's own column names (``vocabulary``).
_LABELS = {
    "target": TARGET.key,
    "actual": ACTUAL.key,
    "completion": "完成率",
    "score": SCORE.key,
    "unlabeled": SCORE.key,
}
# A number in 分 with no 口径 word may state the indicator's value (measured in 分), its score, or its 分值: a
# list of the goals gives each indicator's points in brackets ("“补贴耕地面积”不低于11万亩（25分）").
_UNLABELED = ("target", "actual", "score", "points")


@check_unit(
    Code("INDICATOR_MISMATCH", "error", "文中指标的年度指标值、实际完成值或完成率与数据不符"),
    also=("SCORE_MISMATCH",),
)
def check(ctx: AuditContext) -> Iterator[Finding]:
    for claim in ctx.claims:
        if claim.indicator is None and claim.points is not None and claim.field == "score":
            yield from _check_within_points(ctx, claim)
        if claim.indicator is None or claim.field not in _LABELS:
            continue
        project = ctx.project(claim.project)
        if project is None or claim.indicator >= len(project.indicators):
            continue
        ind = project.indicators[claim.indicator]
        truth: Decimal | None = getattr(ind, "score" if claim.field == "unlabeled" else claim.field)
        m = claim.mention
        if truth is None or m.kind in ("year", "date") or m.high is not None:
            continue
        if (
            m.kind == "count"
            and m.unit in ("个", "项")
            and _CUES.indicators_met.search(claim.sentence.text[: m.start])
        ):
            continue
        if claim.field in ("target", "actual") and _other_measure(ind.unit, m.kind):
            continue  # "组建团队186个" beside a rate indicator: not its value, whichever indicator was named
        # Indicators of one project that share the name cannot be told apart: any of them may be meant.
        namesakes = [other for other in project.indicators if other.name == ind.name]
        fields = _UNLABELED if claim.field == "unlabeled" else (claim.field,)
        truths = [t for other in namesakes for f in fields if (t := getattr(other, f)) is not None]
        if any(all(getattr(other, f) is None for f in fields) for other in namesakes):
            continue  # "污水处理量 | 41台套" and "污水处理量 | 1000m³ | …" unread: the figure may be the unread one's
        # The data holds the number as filed with its 度量单位 ("1.2" 万亩), the text may scale it (12000亩).
        if any(agrees(v, m.places, t, m.hedge, None) for v in _readings(m) for t in truths):
            continue
        code = "SCORE_MISMATCH" if claim.field in ("score", "unlabeled") else "INDICATOR_MISMATCH"
        label = _LABELS[claim.field]
        expected = shown(truth, max(m.places, 2 if claim.field == "completion" else 0))
        yield ctx.claim_finding(
            claim,
            code,
            f"「{project.name}」“{ind.name}”指标{label}应为 {expected}，文中写作 {m.text}",
            project=project.name,
            expected=expected,
        )


def _other_measure(unit: str | None, kind: str) -> bool:
    """Is a number of ``kind`` plainly not a value in the indicator's 度量单位 (a count for a "%" indicator,
    a percent for one counted in 个)?"""
    if not unit or kind not in ("percent", "count", "amount"):
        return False
    percent_unit = unit.strip() in ("%", "％", "百分比")
    return percent_unit != (kind == "percent")


def _readings(m: NumberMention) -> set[Decimal]:
    """The values a mention may state an indicator's value as: canonical, raw, and the numeral as written in
    its own unit ("5百元" is 5 in an indicator measured in 百元, though 0.05 万元 as money)."""
    values = {m.raw_value, m.value}
    numeral = _CUES.numeral.match(m.text)
    if numeral:
        values.add(Decimal(numeral.group(0).replace(",", "")))
    return values


def _check_within_points(ctx: AuditContext, claim: Claim) -> list[Finding]:
    """ "得16分（分值15分）": an indicator's score never exceeds its 分值, whichever indicator it is."""
    m = claim.mention
    if claim.points is None or m.value <= claim.points:
        return []
    project = ctx.claim_project(claim)
    return [
        ctx.claim_finding(
            claim,
            "SCORE_MISMATCH",
            f"指标得分 {m.text} 超过其分值 {format(claim.points, 'f')} 分",
            project=project.name if project else None,
            expected=f"≤{format(claim.points, 'f')}分",
        )
    ]
