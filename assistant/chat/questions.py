"""Everyday questions about the data, answered offline from the scores: counts, lists, "为啥是97分".

Each recogniser returns an ``Intent`` (kind ``ask`` with an ``answer`` callable's name and its arguments) or
None; ``answer`` computes the reply from the workspace's ``UnitScore``. Nothing here changes data. Which
projects must explain a deviation is the scoring core's decision (``UnitScore.needing_explanation``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from assistant.chat.reply import ChatReply
from assistant.chat.texts import totals_line
from assistant.models import Case, format_amount
from assistant.scoring import ProjectScore, UnitScore, fmt
from assistant.workspace import Workspace
from assistant.workspace.interview import deviation_figure

QUESTION = re.compile(
    r"[？?]$|[吗呢]$|^(?:为什么|为啥|为何|咋|怎么|哪些|哪个|哪几个|几个|多少|有没有|是不是|是否|什么|啥)"
    r"|(?:为什么|为啥|哪[些个几里]|几个|多少|怎么来的|怎么算的?|怎么样|怎么办|是什么|(?<!没)有什么|干什么|好不好|对不对"
    r"|是啥|啥意思|什么意思|咋样|咋回事|怎么回事|有吗|没有吗|几[处项条份次]"
    r"|要不要|能不能|可不可以|需不需要|用不用|行不行|该不该|几分|多少分|哪来|哪里来|哪儿来|什么时候|啥时候|何时|是不是[^，,。]{0,10}最"
    r"|怎么(?:写|填|说|弄|搞|办|处理)的?(?:呢|啊|呀)?$)"
)


def looks_like_question(text: str) -> bool:
    return bool(QUESTION.search(text))


@dataclass(frozen=True)
class _Ask:
    """One kind of question: the words that ask it and the arguments its match gives."""

    kind: str
    pattern: re.Pattern[str]
    args: Callable[[re.Match[str]], dict] = lambda m: {}
    asked: bool = False  # only in a message that reads as a question ("结余" alone is no question)


def _rate_beyond(*words: str) -> re.Pattern[str]:
    """ "执行率低于90%" and its kin: 执行率, one of ``words`` (a regex each), a threshold (group 1)."""
    return re.compile(rf"执行率\s*(?:{'|'.join(words)})\s*(\d+(?:\.\d+)?)\s*[%％]?")


def _threshold(m: re.Match[str]) -> dict:
    return {"threshold": m.group(1)}


def _score(m: re.Match[str]) -> dict:
    return {"score": m.group(1)}


def _grade(m: re.Match[str]) -> dict:
    return {"grade": next(g for g in m.groups() if g)[0]}


def _rate_extreme(m: re.Match[str]) -> dict:
    return {
        "which": "最低" if m.group(1) in ("低", "慢", "差") or m.group(2) in ("慢", "差") else "最高",
        "by": "rate",
    }


_GRADE_WORD = r"[“\"「]?(优秀?|良好?|中等?|差)[”\"」]?"

# Tried in order; the first that matches is the question.
ASKS = (
    _Ask(
        "rate_below",
        _rate_beyond("不到", "低于", "小于", "未达到?", "没达到", "没到", "不足", "不满", "<", "＜"),
        _threshold,
    ),
    # "哪些项目不到90%": a percentage of projects is their rate
    _Ask(
        "rate_below",
        re.compile(r"项目.{0,4}(?:不到|低于|小于|不足|没到|没达到|未达到?)\s*(\d+(?:\.\d+)?)\s*[%％]"),
        _threshold,
    ),
    _Ask(
        "rate_above", _rate_beyond("达到", "超过", "高于", "大于", "不低于", ">=", "≥", ">", "＞"), _threshold
    ),
    # "30%是怎么算出来的": the projects with that rate, their amounts and the division.
    _Ask(
        "why_rate",
        re.compile(r"(\d+(?:\.\d+)?)\s*[%％].{0,6}?(?:是)?(?:怎么|如何|咋)(?:算|来|得)"),
        lambda m: {"rate": m.group(1)},
    ),
    # "执行率怎么算的": the rule's definition and its points, not a project's figures.
    _Ask(
        "how_rate",
        re.compile(r"执行率(?:是|得分|分)?(?:怎么|如何|咋)(?:算|计算|来)|执行率的?(?:算法|计算方法|公式)"),
    ),
    # "有没有不及格的项目": below 60.
    _Ask("score_below", re.compile(r"不及格|没及格|不合格"), lambda m: {"threshold": "60"}),
    # "低于60分的项目有吗", "得分不到95分的有哪些", "90分以上的项目有几个".
    _Ask(
        "score_below",
        re.compile(r"(?:低于|不到|小于|不足|不满|没到|未达到?|没达到)\s*(\d+(?:\.\d+)?)\s*分"),
        _threshold,
    ),
    _Ask("score_below", re.compile(r"(\d+(?:\.\d+)?)\s*分以下"), _threshold),
    _Ask(
        "score_above",
        re.compile(
            r"(?:高于|超过|大于|不低于|达到|满)\s*(\d+(?:\.\d+)?)\s*分|(\d+(?:\.\d+)?)\s*分(?:以上|及以上)"
        ),
        lambda m: {"threshold": m.group(1) or m.group(2)},
    ),
    # "档案数字化为啥执行率这么低", "执行率为什么才30%": the project's figures and its recorded cause.
    _Ask(
        "why_rate",
        re.compile(
            r"(?:为什么|为啥|为何|咋|怎么).{0,12}执行率.{0,4}(?:这么|那么|才|只有|偏|较)?(?:低|少|慢)"
            r"|执行率.{0,8}(?:为什么|为啥|为何|咋|怎么)(?:这么|那么|才|只有|会)?(?:低|少|慢|\d)"
            r"|(?:为什么|为啥|为何|咋|怎么).{0,12}(?:钱|资金|经费)?(?:没花完|没有花完|没用完|花得慢|执行得?慢)"
        ),
    ),
    # "哪些指标没完成", "有没有指标扣分".
    _Ask(
        "indicators_missed",
        re.compile(
            r"指标.{0,6}(?:没完成|未完成|没达标|未达标|不达标|没达到|未达到|扣分|丢分|失分|扣了分)"
            r"|(?:没完成|未完成|没达标|未达标|不达标|扣分|扣了分)的指标"
        ),
    ),
    # "总分怎么才99.07": the unit's score (the projects' mean), its 分 often left out.
    _Ask(
        "why_score",
        re.compile(
            r"(?:总分|总得分|单位得分|整体得分|平均分)(?:为什么|为啥|为何|怎么|咋)(?:会|就)?(?:是|只有|只得|才)?"
            r"\s*(\d+(?:\.\d+)?)"
        ),
        _score,
    ),
    # "为什么是97分", then "97分是怎么来的".
    _Ask(
        "why_score",
        re.compile(
            r"(?:为什么|为啥|为何|咋|怎么)(?:会|就)?(?:是|只有|只得|才|得了?)?\s*(\d+(?:\.\d+)?)\s*分"
        ),
        _score,
    ),
    _Ask(
        "why_score", re.compile(r"(\d+(?:\.\d+)?)\s*分(?:是)?(?:怎么|咋)(?:来的|算的?|得的|得出来的)"), _score
    ),
    _Ask(
        "not_met",
        re.compile(
            r"(?:哪些|哪个|哪几个|几个|有没有|什么)项目.{0,6}(?:没达标|不达标|未达标|没完成|未完成|没达到|未达到|有问题|要说明|需要说明|偏离|偏差)"
            r"|(?:没达标|不达标|未达标|偏离目标|需要说明原因)的项目"
        ),
    ),
    # "哪些项目是良", "有没有项目评为差的", "优秀的项目有几个", "几个项目得了优".
    _Ask(
        "grade",
        re.compile(
            rf"(?:哪些|哪个|几个|多少个?|有没有|有无|是否有)项目.{{0,4}}(?:是|为|评为|评了|得了?|等级是?)?{_GRADE_WORD}"
            rf"|(?:评为|评了|评上|得了?|等级(?:是|为)?){_GRADE_WORD}的?项目|^{_GRADE_WORD}(?:等级)?的项目"
        ),
        _grade,
    ),
    # Money overspent or left unspent: "哪些项目超支了", "哪些项目钱没花完", "有结余的项目".
    _Ask("overspent", re.compile(r"超支|超预算|花超|超出预算|执行数超过预算"), asked=True),
    _Ask(
        "unspent",
        re.compile(
            r"没花完|没有花完|没用完|没有用完|未用完|没执行完|未执行完|有结余|有剩余|结余|剩下钱|钱剩"
            r"|剩下.{0,4}钱|剩余.{0,4}(?:钱|资金|经费)|还剩.{0,4}(?:钱|资金|经费)|没花的钱|没花掉"
        ),
        asked=True,
    ),
    # "报告写好了吗", "报告出来没有".
    _Ask("report_status", re.compile(r"报告.{0,6}(?:写好|好了|完成|写完|出来|起草|弄好)"), asked=True),
    # "等级是啥", "评级怎么样": the grade of each project, counted.
    _Ask("grades", re.compile(r"等级|评级|评价等级|档次"), asked=True),
    _Ask("count", re.compile(r"^(?:项目总数|项目数量?|项目个数|总项目数|一共几个项目)[？?。]*$")),
    _Ask(
        "count",
        # not "三个项目一共多少钱" (the money, asked by totals)
        re.compile(
            r"(?:一共|总共|共|有)?(?:几个|多少个?)项目|项目(?:一共|总共|共)?有?(?:几个|多少个?)(?![钱元万])"
        ),
        asked=True,
    ),
    # "执行率最低的", "哪个执行得最慢"; "得分最低的是哪个", "哪个项目扣分最多" (= 最低), "哪个项目分最高".
    _Ask(
        "extreme",
        re.compile(r"执行率(?:最|是?最)(低|高)|执行(?:得)?最(慢|快|好|差)"),
        _rate_extreme,
        asked=True,
    ),
    _Ask(
        "extreme",
        re.compile(r"(?:扣|失|丢)分最多|(?:扣|失|丢)得最多|分(?:数)?最(?:低|少|差)|最低(?:得)?分|最差"),
        lambda m: {"which": "最低"},
        asked=True,
    ),
    # "哪个项目预算最多", "哪个项目花钱最多".
    _Ask(
        "extreme",
        re.compile(r"预算(?:数)?最(多|大|高|少|小|低)|(?:花钱|花的钱|执行数|支出)最(多|大|高|少|小|低)"),
        lambda m: {
            "which": "最低" if (m.group(1) or m.group(2)) in ("少", "小", "低") else "最高",
            "by": "budget" if m.group(1) else "executed",
        },
        asked=True,
    ),
    _Ask(
        "extreme",
        re.compile(r"分(?:数)?最(?:高|多)|最高(?:得)?分|满分最多|最好"),
        lambda m: {"which": "最高"},
        asked=True,
    ),
    _Ask(
        "extreme",
        re.compile(r"(?:得分|分数)?(最低|最高)|(最低|最高)(?:得分|分)"),
        lambda m: {"which": m.group(1) or m.group(2)},
        asked=True,
    ),
    _Ask(
        "totals",
        re.compile(
            r"总预算|预算总额|一共多少钱|总共多少钱|花了多少|执行了多少|总执行率|整体执行率|合计"
            r"|总得分|总分|平均.{0,4}分|均分|整体得分|单位得分|综合得分|整体情况|总体情况"
        ),
        asked=True,
    ),
)


def recognise(text: str, case: Case) -> tuple[str, dict] | None:
    """(kind, arguments) of a question about the data, or None."""
    for ask in ASKS:
        match = ask.pattern.search(text)
        if match and (not ask.asked or looks_like_question(text)):
            return ask.kind, ask.args(match)
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
