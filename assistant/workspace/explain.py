"""Why a project scored what it did, told from its score traces: rule, inputs, formula, result, points lost.

Nothing is recomputed here: every number comes from ``ProjectScore``/``IndicatorScore`` and their ``Trace``
(``assistant.scoring``), formatted at the rule set's display precision.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.models import format_amount
from assistant.scoring import IndicatorScore, ProjectScore, UnitScore, fmt


def _pts(value: Decimal) -> str:
    return fmt(value)


def _lost(points: Decimal, score: Decimal) -> str:
    lost = points - score
    return f"，失 {fmt(lost)} 分" if lost > 0 else "，满分"


def _rate_line(unit: UnitScore, ps: ProjectScore) -> str:
    rules = unit.ruleset
    money = unit.case.money_unit
    p = ps.project
    points = rules.execution.points
    figures = f"全年执行数 {format_amount(p.executed, money)}{money} ÷ 全年预算数 {format_amount(p.budget, money)}{money}"
    if ps.rate_shown is None:
        return f"- 预算执行率：{figures}，{ps.rate_trace.rule}；执行率得分 {fmt(ps.rate_score)} 分（分值 {fmt(points)} 分）。"
    return (
        f"- 预算执行率：{figures} = {fmt(ps.rate_shown)}%（按“{rules.execution.definition}”计算）；"
        f"执行率得分 {ps.rate_trace.formula} 分（分值 {fmt(points)} 分{_lost(points, ps.rate_score)}）。"
    )


def _indicator_line(s: IndicatorScore) -> str:
    ind = s.indicator
    trace = s.trace
    unit = ind.unit or ""
    head = f"  - 指标「{ind.name}」（{ind.level1}"
    head += f"／{ind.level2}）" if ind.level2 else "）"
    if ind.is_qualitative:
        body = f"：{trace.rule}，得分 {fmt(s.score)} 分"
    else:
        target, actual = trace.inputs.get("年度指标值", ""), trace.inputs.get("实际完成值", "")
        body = f"：年度指标值 {ind.kind}{target}{unit}，实际完成值 {actual}{unit}；{trace.rule}"
        if trace.formula == fmt(ind.points):  # full points: the rule already says so
            return head + body + f" {fmt(s.score)} 分（分值 {_pts(ind.points)} 分）。"
        body += f"：{trace.formula} 分"
    return head + body + f"（分值 {_pts(ind.points)} 分{_lost(ind.points, s.score)}）。"


def explain_project(unit: UnitScore, ps: ProjectScore) -> str:
    """A Chinese explanation of one project's score, for the chat and the agent's ``explain_score`` tool."""
    rules = unit.ruleset
    name = ps.project.name
    if ps.score is None:
        head = f"「{name}」尚未评分：既没有绩效指标，也没有填报自评得分。"
    else:
        head = f"「{name}」得分 {fmt(ps.score)} 分，等级“{ps.grade}”。"
    lines = [head, _rate_line(unit, ps)]
    if ps.score_source == "indicators":
        lines.append(f"- 得分 = 预算执行率得分 + {len(ps.indicators)} 个绩效指标得分：")
        lines += [_indicator_line(s) for s in ps.indicators]
        parts = [fmt(ps.rate_score), *(fmt(s.score) for s in ps.indicators)]
        assert ps.score is not None
        lines.append(f"- 合计：{' + '.join(parts)} = {fmt(ps.score)} 分。")
        losses = [("预算执行率", rules.execution.points - ps.rate_score)]
        losses += [(f"「{s.indicator.name}」", s.indicator.points - s.score) for s in ps.indicators]
        lost = [(what, value) for what, value in losses if value > 0]
        if lost:
            total = sum((value for _, value in lost), Decimal(0))
            detail = "、".join(f"{what} {fmt(value)} 分" for what, value in sorted(lost, key=lambda x: -x[1]))
            lines.append(f"- 共失 {fmt(total)} 分：{detail}。")
        else:
            lines.append("- 各项均得满分。")
    elif ps.score_source == "self":
        lines.append(
            f"- 该项目未分项填报绩效指标，得分为自评表填报的自评得分 {fmt(ps.score or Decimal(0))} 分；"
            f"按执行率得分 {fmt(ps.rate_score)} 分、其余指标满分计，最高可得 {fmt(ps.max_plausible)} 分。"
        )
    if ps.deviations:
        lines.append(f"- 需说明偏差原因和改进措施：{'；'.join(ps.deviations)}。")
    for flag in ps.flags:
        if flag.code in (
            "SELF_SCORE_DIFFERS",
            "SELF_SCORE_IMPLAUSIBLE",
            "SCORE_DIFFERS",
            "WEIGHTS_NOT_100",
            "QUAL_SCORE_OUT_OF_BAND",
            "QUAL_SCORE_MISSING",
            "EXPLANATION_MISSING",
        ):
            lines.append(f"- 提醒：{flag.message}。")
    bands = "，".join(
        f"{band.name} ≥ {fmt(band.min)} 分"
        if band.min
        else f"{band.name} < {fmt(rules.grades[i - 1].min)} 分"
        for i, band in enumerate(rules.grades)
    )
    lines.append(f"- 等级区间：{bands}。")
    return "\n".join(lines)
