"""Everyday questions about the data answered offline from the scores: counts, lists, "为啥是97分".

``answer`` computes the reply to a question ``questions.recognise`` read, from the workspace's ``UnitScore``.
Nothing here changes data. Which projects must explain a deviation is the scoring core's decision
(``UnitScore.needing_explanation``).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from assistant.chat.reply import ChatReply
from assistant.chat.texts import totals_line
from assistant.models import format_amount
from assistant.scoring import ProjectScore, UnitScore, fmt
from assistant.workspace import Workspace
from assistant.workspace.interview import deviation_figure


def answer(ws: Workspace, kind: str, args: dict) -> ChatReply:
    unit = ws.unit()
    handler = {
        "rate_below": _rate_below,
        "rate_above": _rate_above,
        "why_score": _why_score,
        "not_met": _not_met,
        "grade": _grade,
        "count": _count,
        "extreme": _extreme,
        "totals": _totals,
        "unspent": _unspent,
        "overspent": _overspent,
        "score_below": _score_below,
        "score_above": _score_above,
        "why_rate": _why_rate,
        "indicators_missed": _indicators_missed,
        "grades": _grades,
        "report_status": _report_status,
        "how_rate": _how_rate,
    }[kind]
    return ChatReply(handler(ws, unit, **args))


def _rate(ps: ProjectScore) -> str:
    return f"{fmt(ps.rate_shown)}%" if ps.rate_shown is not None else "不适用"


def _listed(projects: list[ProjectScore], detail) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(f"{n}. {ps.project.name}（{detail(ps)}）" for n, ps in enumerate(projects, 1))


def _number(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal(0)


def _beyond(
    unit: UnitScore, value_of: Callable[[ProjectScore], Decimal | None], threshold: str, *, above: bool
) -> list[ProjectScore]:
    """The projects whose value is at least (above) or below the threshold; those without a value are left out."""
    limit = _number(threshold)
    return [
        ps for ps in unit.projects if (v := value_of(ps)) is not None and (v >= limit if above else v < limit)
    ]


def _rate_of(ps: ProjectScore) -> Decimal | None:
    return ps.rate_shown


def _score_of(ps: ProjectScore) -> Decimal | None:
    return ps.score


def _rate_below(ws: Workspace, unit: UnitScore, threshold: str) -> str:
    found = _beyond(unit, _rate_of, threshold, above=False)
    if not found:
        return f"执行率低于 {threshold}% 的项目没有（共 {len(unit.projects)} 个项目）。"
    return f"执行率低于 {threshold}% 的项目有 {len(found)} 个：\n" + _listed(found, _rate)


def _rate_above(ws: Workspace, unit: UnitScore, threshold: str) -> str:
    found = _beyond(unit, _rate_of, threshold, above=True)
    return f"执行率达到 {threshold}% 的项目有 {len(found)} 个（共 {len(unit.projects)} 个）" + (
        "：\n" + _listed(found, _rate) if found and len(found) <= 20 else "。"
    )


def _why_score(ws: Workspace, unit: UnitScore, score: str) -> str:
    wanted = _number(score)
    hits = [ps for ps in unit.projects if ps.score is not None and _same(ps.score, wanted)]
    if hits:
        parts = [ws.explain_score(ps.index - 1) for ps in hits[:3]]
        more = f"\n\n另有 {len(hits) - 3} 个项目也是 {score} 分。" if len(hits) > 3 else ""
        return "\n\n".join(parts) + more
    if unit.mean_score is not None and _same(unit.mean_score, wanted):
        scores = "、".join(
            f"{ps.project.name} {fmt(ps.score)}" for ps in unit.projects if ps.score is not None
        )
        return f"{score} 分是 {len(unit.projects)} 个项目得分的平均数（保留两位小数）：{scores}。"
    shown = "、".join(f"{ps.project.name} {fmt(ps.score)} 分" for ps in unit.projects if ps.score is not None)
    return f"没有得分为 {score} 分的项目。各项目得分：{shown}。"


def _same(value: Decimal, wanted: Decimal) -> bool:
    places = max(0, -wanted.as_tuple().exponent)  # type: ignore[operator]
    return round(value, places) == wanted


def _not_met(ws: Workspace, unit: UnitScore) -> str:
    needing = unit.needing_explanation
    rules = unit.ruleset
    if not needing:
        return f"按{rules.name}，没有需要说明偏差的项目：执行率都不低于 {fmt(rules.deviation.explain_rate_below)}%，指标均已达成。"
    lines = [f"{ps.project.name}：{deviation_figure(unit, ps)[0]}" for ps in needing]
    return f"按{rules.name}，需要说明偏差原因和改进措施的项目有 {len(needing)} 个：\n" + "\n".join(
        f"{n}. {line}" for n, line in enumerate(lines, 1)
    )


def _grade(ws: Workspace, unit: UnitScore, grade: str) -> str:
    found = [ps for ps in unit.projects if ps.grade == grade]
    counts = "、".join(f"“{name}”{n}个" for name, n in unit.grade_counts.items())
    if not found:
        return f"没有等级为“{grade}”的项目（{counts}）。"
    return f"等级为“{grade}”的项目有 {len(found)} 个（{counts}）：\n" + _listed(
        found, lambda ps: f"{fmt(ps.score)} 分"
    )


def _count(ws: Workspace, unit: UnitScore) -> str:
    counts = "、".join(f"“{name}”{n}个" for name, n in unit.grade_counts.items() if n)
    return f"{ws.case.unit}{ws.case.year}年度共有 {len(unit.projects)} 个项目（{counts}）。"


def _extreme(ws: Workspace, unit: UnitScore, which: str, by: str = "score") -> str:
    pick = min if which == "最低" else max
    money = ws.case.money_unit
    if by == "rate":
        value, what, after = (lambda ps: ps.rate_shown), "执行率", "%"
        nothing = "各项目都没有执行率（全年预算数为 0）。"
    elif by in ("budget", "executed"):
        value = (lambda ps: ps.project.budget) if by == "budget" else (lambda ps: ps.project.executed)
        what, after, nothing = ("全年预算数" if by == "budget" else "全年执行数"), money, "还没有项目。"
        which = "最多" if which == "最高" else "最少"
        pick = min if which == "最少" else max
    else:
        value, what, after = (lambda ps: ps.score), "得分", " 分"
        nothing = "各项目都还没有得分。"
    valued = [ps for ps in unit.projects if value(ps) is not None]
    if not valued:
        return nothing
    best = pick(value(ps) for ps in valued)
    found = [ps.project.name for ps in valued if value(ps) == best]
    return f"{what}{which}的是 {fmt(best)}{after}：" + "、".join(found) + "。"


def _totals(ws: Workspace, unit: UnitScore) -> str:
    return totals_line(unit)


def _unspent(ws: Workspace, unit: UnitScore) -> str:
    money = ws.case.money_unit
    found = [ps for ps in unit.projects if ps.project.executed < ps.project.budget]
    if not found:
        return f"{len(unit.projects)} 个项目的全年执行数都不少于全年预算数，没有结余。"
    return f"全年执行数少于全年预算数（钱没花完）的项目有 {len(found)} 个：\n" + _listed(
        found,
        lambda ps: (
            f"结余 {format_amount(ps.project.budget - ps.project.executed, money)}{money}，执行率 {_rate(ps)}"
        ),
    )


def _overspent(ws: Workspace, unit: UnitScore) -> str:
    money = ws.case.money_unit
    found = [ps for ps in unit.projects if ps.project.executed > ps.project.budget]
    if not found:
        return f"没有全年执行数超过全年预算数的项目（共 {len(unit.projects)} 个项目）。"
    return f"全年执行数超过全年预算数的项目有 {len(found)} 个：\n" + _listed(
        found,
        lambda ps: (
            f"超出 {format_amount(ps.project.executed - ps.project.budget, money)}{money}，执行率 {_rate(ps)}"
        ),
    )


def _score_below(ws: Workspace, unit: UnitScore, threshold: str) -> str:
    found = _beyond(unit, _score_of, threshold, above=False)
    if not found:
        return f"没有得分低于 {threshold} 分的项目（共 {len(unit.projects)} 个项目，最低 {_lowest(unit)}）。"
    return f"得分低于 {threshold} 分的项目有 {len(found)} 个：\n" + _listed(
        found, lambda ps: f"{fmt(ps.score)} 分"
    )


def _score_above(ws: Workspace, unit: UnitScore, threshold: str) -> str:
    found = _beyond(unit, _score_of, threshold, above=True)
    return f"得分不低于 {threshold} 分的项目有 {len(found)} 个（共 {len(unit.projects)} 个）" + (
        "：\n" + _listed(found, lambda ps: f"{fmt(ps.score)} 分") if found and len(found) <= 20 else "。"
    )


def _lowest(unit: UnitScore) -> str:
    scores = [ps.score for ps in unit.projects if ps.score is not None]
    return f"{fmt(min(scores))} 分" if scores else "尚无得分"


def _why_rate(
    ws: Workspace, unit: UnitScore, projects: list[int] | None = None, rate: str | None = None
) -> str:
    """A project's rate as the data give it, and the cause the officer filed (never one made up here).
    ``projects``: those the question may name (0-based); the one among them with money left is meant. ``rate``:
    a rate the question quotes ("30%是怎么算出来的"), which names the projects showing it."""
    money = ws.case.money_unit
    named = [unit.projects[i] for i in projects or []]
    if rate is not None and not named:
        wanted = _number(rate)
        named = [ps for ps in unit.projects if ps.rate_shown is not None and _same(ps.rate_shown, wanted)]
        if not named:
            return f"没有执行率为 {rate}% 的项目。各项目执行率：\n" + _listed(unit.projects, _rate)
        if len(named) == 1:
            p = named[0].project
            return (
                _rate_figures(named[0], money)
                + f"：全年执行数 ÷ 全年预算数 = {format_amount(p.executed, money)}"
                f" ÷ {format_amount(p.budget, money)} = {_rate(named[0])}。"
            )
    named = named or unit.projects
    low = named if len(named) == 1 else [ps for ps in named if ps.project.executed < ps.project.budget]
    if not low:
        return f"{'、'.join(ps.project.name for ps in named[:3])}的钱都已花完，没有执行率偏低的问题。"
    if len(low) > 1:
        return "请说明是哪个项目。钱没花完的项目：\n" + _listed(low, _rate)
    ps = low[0]
    p = ps.project
    head = _rate_figures(ps, money)
    if p.executed >= p.budget:
        return head + "，钱已花完。"
    left = f"，结余 {format_amount(p.budget - p.executed, money)}{money}。"
    cause = (p.deviation_cause or "").strip()
    if cause:
        return head + left + f"\n填报的偏差原因：{cause}"
    return (
        head
        + left
        + "\n偏差原因还没有填写：原因只能由您提供，可以直接告诉我，例如“"
        + p.name
        + "的偏差原因：……”。"
    )


def _rate_figures(ps: ProjectScore, money: str) -> str:
    """ "「档案」全年预算数 62.3万元，全年执行数 18.69万元，执行率 30.00%": the figures a rate comes from."""
    p = ps.project
    return (
        f"「{p.name}」全年预算数 {format_amount(p.budget, money)}{money}，全年执行数 "
        f"{format_amount(p.executed, money)}{money}，执行率 {_rate(ps)}"
    )


def _indicators_missed(ws: Workspace, unit: UnitScore, projects: list[int] | None = None) -> str:
    """Indicators that lost points, of the projects the question names (0-based) or of all."""
    named = [unit.projects[i] for i in projects] if projects else unit.projects
    lost = [
        (ps, ind) for ps in named for ind in ps.indicators if ind.missed or ind.score < ind.indicator.points
    ]
    if not lost:
        whose = (
            "、".join(f"「{ps.project.name}」" for ps in named)
            if projects
            else f"{len(unit.projects)} 个项目"
        )
        return f"{whose}的绩效指标都已完成，没有扣分的指标。"
    lines = [
        f"{ps.project.name}「{ind.indicator.name}」：目标 {_value(ind.indicator.target, ind.indicator.unit)}，"
        f"实际 {_value(ind.indicator.actual, ind.indicator.unit)}，得分 {fmt(ind.score)}/{fmt(ind.indicator.points)}"
        for ps, ind in lost
    ]
    return f"未完成或扣分的指标有 {len(lost)} 个：\n" + "\n".join(
        f"{n}. {line}" for n, line in enumerate(lines, 1)
    )


def _value(value: Decimal | str | None, unit: str | None) -> str:
    if value is None or value == "":
        return "（未填）"
    return f"{fmt(value)}{unit or ''}" if isinstance(value, Decimal) else str(value)


def _grades(ws: Workspace, unit: UnitScore) -> str:
    counts = "、".join(f"“{name}”{n}个" for name, n in unit.grade_counts.items() if n)
    return f"{len(unit.projects)} 个项目的等级：{counts or '尚未评出'}。" + (
        "\n" + _listed(unit.projects, lambda ps: f"{fmt(ps.score)} 分，{ps.grade}")
        if len(unit.projects) <= 20
        else ""
    )


def _report_status(ws: Workspace, unit: UnitScore) -> str:
    if ws.report is None:
        return "报告还没有起草。说“写报告”即可按模板起草（不需要大模型），之后可在“报告”页预览和下载。"
    left = len(ws.unfinished())
    if not left:
        return "报告已经起草，没有【待补充】的地方了，可以在“报告”页预览，或说“导出Word”。"
    return f"报告已经起草，还有 {left} 处【待补充】；说“还差什么”逐项补上，补完报告会自动更新。"


def _how_rate(ws: Workspace, unit: UnitScore) -> str:
    execution = unit.ruleset.execution
    return (
        f"预算执行率 = {execution.definition} × 100%。按{unit.ruleset.name}，预算执行率得分 = 执行率 × "
        f"{fmt(execution.points)} 分（执行率超过 {fmt(execution.cap)}% 按 {fmt(execution.cap)}% 计），"
        f"其余 {fmt(unit.ruleset.weights.total - execution.points)} 分看绩效指标完成情况。"
        "问某个项目可以说“为什么某某项目只有90分”。"
    )
