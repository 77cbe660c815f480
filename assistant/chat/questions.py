"""Everyday questions about the data, answered offline from the scores: counts, lists, "为啥是97分".

Each recogniser returns an ``Intent`` (kind ``ask`` with an ``answer`` callable's name and its arguments) or
None; ``answer`` computes the reply from the workspace's ``UnitScore``. Nothing here changes data. Which
projects must explain a deviation is the scoring core's decision (``UnitScore.needing_explanation``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from assistant.chat.reply import ChatReply
from assistant.chat.texts import totals_line
from assistant.models import Case, format_amount
from assistant.scoring import ProjectScore, UnitScore, fmt
from assistant.workspace import Workspace
from assistant.workspace.interview import deviation_figure

QUESTION = re.compile(
    r"[？?]$|[吗呢]$|^(?:为什么|为啥|为何|咋|怎么|哪些|哪个|哪几个|几个|多少|有没有|是不是|是否|什么|啥)"
    r"|(?:为什么|为啥|哪[些个几里]|几个|多少|怎么来的|怎么算的?|怎么样|怎么办|是什么|有什么|干什么|好不好|对不对)"
)
_RATE_BELOW = re.compile(
    r"执行率\s*(?:不到|低于|小于|未达到?|没达到|没到|不足|不满|<|＜)\s*(\d+(?:\.\d+)?)\s*[%％]?"
)
_RATE_ABOVE = re.compile(r"执行率\s*(?:达到|超过|高于|大于|不低于|>=|≥|>|＞)\s*(\d+(?:\.\d+)?)\s*[%％]?")
_WHY_SCORE = re.compile(
    r"(?:为什么|为啥|为何|咋|怎么)(?:会|就)?(?:是|只有|只得|才|得了?)?\s*(\d+(?:\.\d+)?)\s*分"
)
_SCORE_HOW = re.compile(r"(\d+(?:\.\d+)?)\s*分(?:是)?(?:怎么|咋)(?:来的|算的?|得的|得出来的)")
_NOT_MET = re.compile(
    r"(?:哪些|哪个|哪几个|几个|有没有|什么)项目.{0,6}(?:没达标|不达标|未达标|没完成|未完成|没达到|未达到|有问题|要说明|需要说明|偏离|偏差)"
    r"|(?:没达标|不达标|未达标|偏离目标|需要说明原因)的项目"
)
_COUNT = re.compile(r"(?:一共|总共|共|有)?(?:几个|多少个?)项目|项目(?:一共|总共|共)?有?(?:几个|多少个?)")
_GRADE_WORD = r"[“\"「]?(优秀?|良好?|中等?|差)[”\"」]?"
# "哪些项目是良", "有没有项目评为差的", "优秀的项目有几个", "几个项目得了优".
_GRADE = re.compile(
    rf"(?:哪些|哪个|几个|多少个?|有没有|有无|是否有)项目.{{0,4}}(?:是|为|评为|评了|得了?|等级是?)?{_GRADE_WORD}"
    rf"|(?:评为|评了|评上|得了?|等级(?:是|为)?){_GRADE_WORD}的?项目|^{_GRADE_WORD}(?:等级)?的项目"
)
# Money left unspent or overspent: "哪些项目钱没花完", "有结余的项目", "哪些项目超支了".
_UNSPENT = re.compile(
    r"没花完|没有花完|没用完|没有用完|未用完|没执行完|未执行完|有结余|有剩余|结余|剩下钱|钱剩"
)
_OVERSPENT = re.compile(r"超支|超预算|花超|超出预算|执行数超过预算")
_TOTALS = re.compile(
    r"总预算|预算总额|一共多少钱|总共多少钱|花了多少|执行了多少|总执行率|整体执行率|合计"
    r"|总得分|总分|平均.{0,4}分|均分|整体得分|单位得分|综合得分|整体情况|总体情况"
)
# "得分最低的是哪个", "哪个项目分最高", "哪个项目扣分最多" (= 最低).
_EXTREME_LOW = re.compile(r"(?:扣|失|丢)分最多|(?:扣|失|丢)得最多|分(?:数)?最(?:低|少|差)|最低(?:得)?分|最差")
_EXTREME_HIGH = re.compile(r"分(?:数)?最(?:高|多)|最高(?:得)?分|满分最多|最好")
_EXTREME = re.compile(r"(?:得分|分数)?(最低|最高)|(最低|最高)(?:得分|分)")


def looks_like_question(text: str) -> bool:
    return bool(QUESTION.search(text))


def recognise(text: str, case: Case) -> tuple[str, dict] | None:
    """(kind, arguments) of a question about the data, or None."""
    for pattern, kind in ((_RATE_BELOW, "rate_below"), (_RATE_ABOVE, "rate_above")):
        match = pattern.search(text)
        if match:
            return kind, {"threshold": match.group(1)}
    match = _WHY_SCORE.search(text) or _SCORE_HOW.search(text)
    if match:
        return "why_score", {"score": match.group(1)}
    if _NOT_MET.search(text):
        return "not_met", {}
    match = _GRADE.search(text)
    if match:
        grade = next(g for g in match.groups() if g)
        return "grade", {"grade": grade[0]}
    if _OVERSPENT.search(text) and looks_like_question(text):
        return "overspent", {}
    if _UNSPENT.search(text) and looks_like_question(text):
        return "unspent", {}
    if _COUNT.search(text) and looks_like_question(text):
        return "count", {}
    if looks_like_question(text):
        rate = re.search(r"执行率(?:最|是?最)(低|高)|执行(?:得)?最(慢|快|好|差)", text)
        if rate:
            return "extreme", {
                "which": "最低" if rate.group(1) in ("低", "慢", "差") else "最高",
                "by": "rate",
            }
        if _EXTREME_LOW.search(text):
            return "extreme", {"which": "最低"}
        if _EXTREME_HIGH.search(text):
            return "extreme", {"which": "最高"}
        match = _EXTREME.search(text)
        if match:
            return "extreme", {"which": match.group(1) or match.group(2)}
    if _TOTALS.search(text) and looks_like_question(text):
        return "totals", {}
    return None


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


def _rate_below(ws: Workspace, unit: UnitScore, threshold: str) -> str:
    limit = _number(threshold)
    found = [ps for ps in unit.projects if ps.rate_shown is not None and ps.rate_shown < limit]
    if not found:
        return f"执行率低于 {threshold}% 的项目没有（共 {len(unit.projects)} 个项目）。"
    return f"执行率低于 {threshold}% 的项目有 {len(found)} 个：\n" + _listed(found, _rate)


def _rate_above(ws: Workspace, unit: UnitScore, threshold: str) -> str:
    limit = _number(threshold)
    found = [ps for ps in unit.projects if ps.rate_shown is not None and ps.rate_shown >= limit]
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
    if by == "rate":
        rated = [ps for ps in unit.projects if ps.rate_shown is not None]
        if not rated:
            return "各项目都没有执行率（全年预算数为 0）。"
        best_rate = pick(ps.rate_shown for ps in rated)  # type: ignore[type-var]
        found = [ps for ps in rated if ps.rate_shown == best_rate]
        return f"执行率{which}的是 {fmt(best_rate)}%：" + "、".join(ps.project.name for ps in found) + "。"
    scored = [ps for ps in unit.projects if ps.score is not None]
    if not scored:
        return "各项目都还没有得分。"
    best = pick(ps.score for ps in scored)  # type: ignore[type-var]
    found = [ps for ps in scored if ps.score == best]
    return f"得分{which}的是 {fmt(best)} 分：" + "、".join(ps.project.name for ps in found) + "。"


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
